// 申报查询: the filings in the caseworker's scope (the server decides it: county, city or province), by year,
// status and unit, page by page. The criteria live in the address, so a search can be reloaded or shared.
import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { checkUscc } from '../../../../domain/identifiers/uscc.ts';
import { api, ApiError } from '../../lib/api.ts';
import { STATUS_NAMES, type FilingListItem, type FilingStatus } from '../../lib/filing-types.ts';
import { chineseDateTime } from '../../lib/format.ts';
import { channelName } from './channel-names.ts';
import { StatusTag } from '../../components/filing/StatusTag.tsx';
import { regionShortName } from './region-label.ts';
import { loadErrorText, useLoaded } from '../../lib/use-loaded.ts';

const PAGE_SIZES = [10, 20, 50, 100];
const FIRST_YEAR = 2015;

interface Criteria {
  year?: string;
  status?: string;
  uscc?: string;
}

const thisYear = new Date().getFullYear();
const yearOptions = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => String(thisYear - i)).map((y) => ({ value: y, label: `${y} 年` }));
const statusOptions = (Object.keys(STATUS_NAMES) as FilingStatus[]).map((s) => ({ value: s, label: STATUS_NAMES[s] }));

export function FilingSearchPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<Criteria>();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const criteria: Criteria = { year: params.get('year') ?? undefined, status: params.get('status') ?? undefined, uscc: params.get('uscc') ?? undefined };
  const query = new URLSearchParams({
    ...Object.fromEntries(Object.entries(criteria).filter(([, v]) => v)),
    limit: String(size),
    offset: String((page - 1) * size),
  }).toString();
  const result = useLoaded(() => api<{ total: number; items: FilingListItem[] }>('GET', `/api/filings?${query}`), [query]);

  // The form shows what the address says (after back/forward too).
  useEffect(() => form.setFieldsValue(criteria), [params]);

  // The server's word on a criterion goes next to it.
  const error = result.error;
  useEffect(() => {
    if (error instanceof ApiError) form.setFields(error.errors.map((e) => ({ name: e.path.slice(1) as keyof Criteria, errors: [e.message] })));
  }, [error, form]);
  const fieldErrorsOnly = error instanceof ApiError && error.errors.length > 0 && error.errors.every((e) => ['/year', '/status', '/uscc'].includes(e.path));

  function search(values: Criteria) {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v) next.set(k, String(v).trim());
    if (size !== 20) next.set('size', String(size));
    setParams(next);
  }

  function turn(nextPage: number, nextSize: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(nextSize === size ? nextPage : 1));
    next.set('size', String(nextSize));
    setParams(next);
  }

  const columns: ColumnsType<FilingListItem> = [
    {
      title: '用人单位',
      key: 'employer',
      render: (_v, f) => (
        <div>
          <Link to={`/workbench/filings/${f.id}`} data-testid="filing-open">
            {f.employer.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {f.employer.uscc}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '年度', dataIndex: 'year', width: 72 },
    { title: '状态', key: 'status', width: 120, render: (_v, f) => <StatusTag status={f.status} channel={f.channel} /> },
    { title: '渠道', key: 'channel', width: 120, render: (_v, f) => channelName(f.channel) },
    { title: '收件地', key: 'receiving', width: 150, render: (_v, f) => regionShortName(f.receivingRegionCode) },
    { title: '办理地', key: 'handling', width: 150, render: (_v, f) => regionShortName(f.employer.regionCode) },
    { title: '残疾职工', key: 'count', width: 90, align: 'right', render: (_v, f) => `${f.employeeCount} 人` },
    { title: '提交时间', key: 'created', width: 170, render: (_v, f) => chineseDateTime(f.createdAt) },
    {
      title: '操作',
      key: 'open',
      width: 80,
      fixed: 'right',
      render: (_v, f) => (
        <Button size="small" onClick={() => navigate(`/workbench/filings/${f.id}`)}>
          查看
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        申报查询
      </Typography.Title>
      <Card size="small">
        <Form form={form} layout="inline" onFinish={search} initialValues={criteria} data-testid="filing-search">
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
                  setParams(new URLSearchParams());
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {error && !fieldErrorsOnly && <Alert type="error" showIcon title={loadErrorText(error)} action={<Button onClick={result.reload}>重试</Button>} />}
      <Table<FilingListItem>
        data-testid="filing-table"
        rowKey="id"
        size="middle"
        loading={result.loading}
        columns={columns}
        dataSource={error ? [] : result.data?.items ?? []}
        scroll={{ x: 1150 }}
        locale={{ emptyText: '没有符合条件的申报' }}
        pagination={{
          current: page,
          pageSize: size,
          total: result.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 份申报`,
          onChange: turn,
        }}
      />
    </Space>
  );
}
