// 单位名录: the units the registrars keep within the caller's region (the server decides it: county, city or
// province), by code, name, region, status and registrar, page by page from the server. The criteria live in the
// address, so a search can be reloaded or shared.
import { Alert, Button, Form, Pagination, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { UnitList } from '../../../../../api/units.ts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { api, ApiError } from '../../../lib/api.ts';
import { chineseDate } from '../../../lib/format.ts';
import { useSession } from '../../../lib/session.tsx';
import { loadErrorText, useLoaded } from '../../../lib/use-loaded.ts';
import { regionShortName } from '../region-label.ts';
import { industryText, RegisterStatusTag, unitNatureName, unitRegionChoices } from './unit-display.tsx';
import { UnitFilterBar, type UnitCriteria } from './UnitFilterBar.tsx';

type Unit = UnitList['items'][number];
const PAGE_SIZE = 20;
const CRITERIA = ['uscc', 'name', 'regionCode', 'status', 'registrar'] as const;

function unitColumns(onOpen: (u: Unit) => void): ColumnsType<Unit> {
  return [
    {
      title: '单位',
      key: 'unit',
      width: 300,
      render: (_v, u) => (
        <div>
          <Link to={`/workbench/units/${u.uscc}`} data-testid="unit-open">
            {u.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.uscc}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '登记状态', key: 'status', width: 170, render: (_v, u) => <RegisterStatusTag status={u.status} /> },
    { title: '状态日期', key: 'since', width: 140, render: (_v, u) => chineseDate(u.statusSince) },
    { title: '登记机关', dataIndex: 'registrarLabel', width: 100 },
    { title: '所属行政区', key: 'region', width: 150, render: (_v, u) => regionShortName(u.regionCode) },
    { title: '单位性质', key: 'nature', width: 120, render: (_v, u) => unitNatureName(u.unitNature) },
    { title: '行业', key: 'industry', width: 150, render: (_v, u) => industryText(u) },
    {
      title: '操作',
      key: 'open',
      width: 80,
      fixed: 'right',
      render: (_v, u) => (
        <Button size="small" onClick={() => onOpen(u)}>
          查看
        </Button>
      ),
    },
  ];
}

export function UnitRegisterPage() {
  const { who } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<UnitCriteria>();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const criteria: UnitCriteria = Object.fromEntries(CRITERIA.map((k) => [k, params.get(k) ?? undefined]));
  const query = new URLSearchParams({
    ...Object.fromEntries(Object.entries(criteria).filter(([, v]) => v)),
    page: String(page),
    pageSize: String(PAGE_SIZE),
  }).toString();
  const list = useLoaded(() => api<UnitList>('GET', `/api/units?${query}`), [query]);
  const regions = useMemo(() => unitRegionChoices(who), [who]);

  // The form shows what the address says (after back/forward too); the server's word on a criterion goes beside it.
  useEffect(() => form.setFieldsValue({ ...Object.fromEntries(CRITERIA.map((k) => [k, undefined])), ...criteria }), [params]);
  const error = list.error;
  useEffect(() => {
    if (error instanceof ApiError) form.setFields(error.errors.map((e) => ({ name: e.path.slice(1) as keyof UnitCriteria, errors: [e.message] })));
  }, [error, form]);
  const fieldErrorsOnly = error instanceof ApiError && error.errors.length > 0;

  function search(values: UnitCriteria) {
    const next = new URLSearchParams();
    for (const k of CRITERIA) {
      const v = values[k]?.trim();
      if (v) next.set(k, v);
    }
    setParams(next);
  }

  const columns = unitColumns((u) => navigate(`/workbench/units/${u.uscc}`));
  const total = list.data?.total ?? 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="unit-register-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        单位名录
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        市场监管、民政、机构编制部门登记的本辖区单位，随登记机关推送的变更（新设、注销、列入或移出经营异常名录、非正常户）更新；单位申报时填写的信息不改变名录，与名录不一致之处在单位详情中列出。
      </Typography.Paragraph>
      <UnitFilterBar form={form} initial={criteria} regions={regions} onSearch={search} onReset={() => setParams(new URLSearchParams())} />
      {error && !fieldErrorsOnly && <Alert type="error" showIcon title={loadErrorText(error)} action={<Button onClick={list.reload}>重试</Button>} />}
      <ResponsiveTable<Unit>
        data-testid="unit-table"
        rowKey="uscc"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={error ? [] : list.data?.items ?? []}
        scroll={{ x: columns.reduce((sum, c) => sum + Number(c.width ?? 0), 0) }}
        onRow={(u) => ({ 'data-uscc': u.uscc, 'data-status': u.status }) as HTMLAttributes<HTMLElement>}
        pagination={false}
        locale={{ emptyText: '没有符合条件的单位' }}
        cardTitle={(u) => (
          <>
            <Link to={`/workbench/units/${u.uscc}`}>{u.name}</Link>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {u.uscc}
              </Typography.Text>
            </div>
          </>
        )}
        cardOmit={['unit', 'open']}
      />
      {total > 0 && (
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text type="secondary" data-testid="unit-total">
            {list.data?.totalCapped ? `超过 ${total} 个单位，仅可翻阅前 ${total} 个，请缩小查询范围` : `共 ${total} 个单位`}
          </Typography.Text>
          <Pagination
            size="small"
            current={page}
            pageSize={PAGE_SIZE}
            total={total}
            showSizeChanger={false}
            onChange={(next) => {
              const p = new URLSearchParams(params);
              p.set('page', String(next));
              setParams(p);
            }}
          />
        </Space>
      )}
    </Space>
  );
}
