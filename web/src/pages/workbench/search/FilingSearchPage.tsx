// 申报查询: the filings in the caseworker's scope (the server decides it: county, city or province), by year,
// status and unit, page by page. The criteria live in the address, so a search can be reloaded or shared.
import { Alert, Button, Form, Space, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../../lib/api.ts';
import type { FilingListItem } from '../../../lib/filing-types.ts';
import { loadErrorText } from '../../../lib/use-loaded.ts';
import { filingColumns } from './filing-columns.tsx';
import { FilingSearchForm } from './FilingSearchForm.tsx';
import { PAGE_SIZES, useFilingSearch, type Criteria } from './use-filing-search.ts';

export function FilingSearchPage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Criteria>();
  const { params, criteria, page, size, result, search, turn, reset } = useFilingSearch();

  // The form shows what the address says (after back/forward too).
  useEffect(() => form.setFieldsValue(criteria), [params]);

  // The server's word on a criterion goes next to it.
  const error = result.error;
  useEffect(() => {
    if (error instanceof ApiError) form.setFields(error.errors.map((e) => ({ name: e.path.slice(1) as keyof Criteria, errors: [e.message] })));
  }, [error, form]);
  const fieldErrorsOnly = error instanceof ApiError && error.errors.length > 0 && error.errors.every((e) => ['/year', '/status', '/uscc'].includes(e.path));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        申报查询
      </Typography.Title>
      <FilingSearchForm form={form} initial={criteria} onSearch={search} onReset={reset} />
      {error && !fieldErrorsOnly && <Alert type="error" showIcon title={loadErrorText(error)} action={<Button onClick={result.reload}>重试</Button>} />}
      <Table<FilingListItem>
        data-testid="filing-table"
        rowKey="id"
        size="middle"
        loading={result.loading}
        columns={filingColumns((f) => navigate(`/workbench/filings/${f.id}`))}
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
