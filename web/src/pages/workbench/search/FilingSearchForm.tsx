// The search criteria: year, status and the unit's code (its check digit checked as typed); 查询 and 重置.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, type FormInstance } from 'antd';
import { checkUscc } from '../../../../../domain/identifiers/uscc.ts';
import { STATUS_NAMES, type FilingStatus } from '../../../lib/filing-types.ts';
import type { Criteria } from './use-filing-search.ts';

const FIRST_YEAR = 2015;
const thisYear = new Date().getFullYear();
const yearOptions = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => String(thisYear - i)).map((y) => ({ value: y, label: `${y} 年` }));
const statusOptions = (Object.keys(STATUS_NAMES) as FilingStatus[]).map((s) => ({ value: s, label: STATUS_NAMES[s] }));

export interface FilingSearchFormProps {
  form: FormInstance<Criteria>;
  initial: Criteria;
  onSearch: (values: Criteria) => void;
  onReset: () => void;
}

export function FilingSearchForm({ form, initial, onSearch, onReset }: FilingSearchFormProps) {
  return (
    <Card size="small">
      <Form form={form} layout="inline" onFinish={onSearch} initialValues={initial} data-testid="filing-search">
        <Form.Item name="year" label="年度">
          <Select allowClear placeholder="全部年度" style={{ width: 120 }} options={yearOptions} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部状态" style={{ width: 150 }} options={statusOptions} />
        </Form.Item>
        <Form.Item
          name="uscc"
          label="统一社会信用代码"
          normalize={(v: string) => v.toUpperCase()}
          rules={[
            {
              validator: async (_r, v: string | undefined) => {
                if (v && checkUscc(v.trim())) throw new Error('统一社会信用代码不正确（18 位，校验位需一致），请核对');
              },
            },
          ]}
        >
          <Input allowClear placeholder="18 位代码" maxLength={18} style={{ width: 220 }} autoComplete="off" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filing-search-submit">
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
