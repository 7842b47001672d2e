// The register's filters: the unit's code or the start of it (checked as typed), the start of its name, the region,
// its status and its registrar; 查询 and 重置.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, type FormInstance } from 'antd';
import { REGISTER_STATUSES, REGISTRARS } from '../../../../../api/units.ts';
import { REGISTRAR_LABELS, STATUS_LABELS } from '../../../../../units/register-labels.ts';

export interface UnitCriteria {
  uscc?: string;
  name?: string;
  regionCode?: string;
  status?: string;
  registrar?: string;
}

const USCC_PREFIX = /^[0-9A-HJ-NPQRTUWXY]{1,18}$/;
const statusOptions = REGISTER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
const registrarOptions = REGISTRARS.map((r) => ({ value: r, label: REGISTRAR_LABELS[r] }));

export function UnitFilterBar({ form, initial, regions, onSearch, onReset }: {
  form: FormInstance<UnitCriteria>;
  initial: UnitCriteria;
  regions: { value: string; label: string }[];
  onSearch: (c: UnitCriteria) => void;
  onReset: () => void;
}) {
  return (
    <Card size="small">
      <Form form={form} name="unitFilter" layout="inline" initialValues={initial} onFinish={onSearch} data-testid="unit-filters" style={{ rowGap: 8 }}>
        <Form.Item
          name="uscc"
          label="统一社会信用代码"
          normalize={(v: string) => v.toUpperCase()}
          rules={[
            {
              validator: async (_r, v: string | undefined) => {
                if (v && !USCC_PREFIX.test(v.trim())) throw new Error('应为 18 位数字或大写字母（不含 I、O、S、V、Z），可只填开头几位');
              },
            },
          ]}
        >
          <Input allowClear placeholder="代码或开头几位" maxLength={18} style={{ width: 200 }} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label="单位名称">
          <Input allowClear placeholder="名称开头" maxLength={100} style={{ width: 200 }} autoComplete="off" />
        </Form.Item>
        {regions.length > 1 && (
          <Form.Item name="regionCode" label="行政区">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="本辖区全部" style={{ width: 220 }} options={regions} />
          </Form.Item>
        )}
        <Form.Item name="status" label="登记状态">
          <Select allowClear placeholder="全部" style={{ width: 180 }} options={statusOptions} />
        </Form.Item>
        <Form.Item name="registrar" label="登记机关">
          <Select allowClear placeholder="全部" style={{ width: 130 }} options={registrarOptions} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="unit-search">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onReset();
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
