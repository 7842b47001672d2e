// The register's filters: region, role, certificate status and a name or login name; 查询 and 重置.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space } from 'antd';
import type { StaffRole } from '../../../../../staff/staff-roles.ts';
import type { Choice } from './staff-regions.ts';

export interface StaffCriteria {
  regionCode?: string;
  role?: StaffRole;
  status?: 'expiring' | 'expired' | 'refused';
  text?: string;
}

/** `lead`: the deployed reminder's days, named in the choice once known. */
const statusChoices = (lead: number | null) => [
  { value: 'expiring', label: lead === null ? '上岗证即将到期' : `上岗证 ${lead} 天内到期` },
  { value: 'expired', label: '上岗证已过期' },
  { value: 'refused', label: '不能办理（任何原因）' },
];

export function StaffFilterBar({ regions, roles, lead, onSearch }: { regions: Choice[]; roles: Choice<StaffRole>[]; lead: number | null; onSearch: (c: StaffCriteria) => void }) {
  const [form] = Form.useForm<StaffCriteria>();
  return (
    <Card size="small">
      <Form form={form} name="staffFilter" layout="inline" onFinish={(v) => onSearch({ ...v, text: v.text?.trim() || undefined })} data-testid="staff-filters" style={{ rowGap: 8 }}>
        <Form.Item name="regionCode" label="所属行政区">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="本辖区全部" style={{ width: 220 }} options={regions} data-testid="staff-filter-region" />
        </Form.Item>
        <Form.Item name="role" label="角色">
          <Select allowClear placeholder="全部角色" style={{ width: 150 }} options={roles} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部" style={{ width: 190 }} options={statusChoices(lead)} data-testid="staff-filter-status" />
        </Form.Item>
        <Form.Item name="text" label="姓名或账号">
          <Input allowClear maxLength={40} style={{ width: 160 }} autoComplete="off" data-testid="staff-filter-text" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="staff-search">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onSearch({});
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
