// 退出管理: disabled employees declared last year and not this year, or whose months stop during the year, with the
// reason the data gives (left the unit, retired by age, certificate ended). Per county; a county's count narrows the
// list to it; each row opens its filing. ID numbers come masked from the server.
import { Alert, Button, Pagination, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../lib/api.ts';
import { monthName } from '../../lib/format.ts';
import { loadErrorText, useLoaded } from '../../lib/use-loaded.ts';
import { regionShortName } from '../workbench/region-label.ts';
import { ExportButton } from './ExportButton.tsx';
import { FigureLink } from './FigureLink.tsx';
import { FiguresTable } from './FiguresTable.tsx';
import { shortName } from './region-rows.ts';
import { SupervisionSection } from './SupervisionSection.tsx';
import { queryString, type SupervisionScope } from './supervision-query.ts';
import type { SupervisionExit, SupervisionExits } from './supervision-shapes.ts';

const PAGE_SIZE = 20;
const REASON_COLORS: Record<SupervisionExit['reason'], string> = { left: 'orange', retired: 'blue', 'certificate-ended': 'red', 'not-declared': 'default' };

type CountyCount = SupervisionExits['byCounty'][number];
/** A person may leave more than one unit: a row is one filing's employee. */
type ExitRow = SupervisionExit & { key: string };

export function ExitsSection({ scope, regionName }: { scope: SupervisionScope; regionName: string }) {
  const navigate = useNavigate();
  const [county, setCounty] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  useEffect(() => {
    setCounty(null);
    setPage(1);
  }, [scope.year, scope.regionCode]);
  const listScope = { ...scope, regionCode: county ?? scope.regionCode };
  // The counties' counts stay those of the whole region while the list narrows to one of them.
  const counties = useLoaded(() => api<SupervisionExits>('GET', `/api/supervision/exits?${queryString({ ...scope, page: 1, pageSize: 1 })}`), [scope.year, scope.regionCode]);
  const list = useLoaded(() => api<SupervisionExits>('GET', `/api/supervision/exits?${queryString({ ...listScope, page, pageSize: PAGE_SIZE })}`), [listScope.year, listScope.regionCode, page]);

  const open = (e: SupervisionExit) => navigate(`/workbench/filings/${e.filingId}`);
  const countyColumns: ColumnsType<CountyCount> = [
    { title: '地区', key: 'region', render: (_v, c) => shortName(c, scope.regionCode) },
    {
      title: '退出人数',
      key: 'count',
      width: 100,
      align: 'right',
      render: (_v, c) => <FigureLink value={c.count} onOpen={() => { setCounty(c.regionCode); setPage(1); }} testId="exits-county-count" />,
    },
  ];
  const columns: ColumnsType<ExitRow> = [
    { title: '姓名', key: 'name', width: 90, render: (_v, e) => e.employeeName },
    { title: '身份证号', key: 'id', width: 190, render: (_v, e) => <span data-testid="exit-id-number">{e.idNumberMasked}</span> },
    {
      title: '用人单位',
      key: 'unit',
      render: (_v, e) => (
        <Link to={`/workbench/filings/${e.filingId}`} data-testid="exit-open" onClick={(event) => event.stopPropagation()}>
          {e.unitName}
        </Link>
      ),
    },
    { title: '所在地', key: 'region', width: 140, render: (_v, e) => regionShortName(e.regionCode) },
    { title: '退出原因', key: 'reason', width: 120, render: (_v, e) => <Tag color={REASON_COLORS[e.reason] ?? 'default'}>{e.reasonLabel}</Tag> },
    { title: '最后在职月份', key: 'lastMonth', width: 120, render: (_v, e) => (e.lastMonth ? `${e.lastMonth.slice(0, 4)}年${monthName(e.lastMonth)}` : '—') },
  ];

  const total = list.data?.total ?? 0;
  return (
    <SupervisionSection
      title="退出管理"
      testId="section-exits"
      extra={<ExportButton table="exits" query={listScope} fileName={`${county ? regionShortName(county) : regionName}-${scope.year}年度退出人员`} />}
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        上年度申报、本年度未再申报的残疾职工，以及年度内在职月份中断的残疾职工，按数据所示原因（离职、达到退休年龄、残疾证到期）列出。点击单位名称查看申报。
      </Typography.Paragraph>
      {(counties.error ?? list.error) && <Alert type="error" showIcon title={loadErrorText((counties.error ?? list.error)!)} action={<Button onClick={() => { counties.reload(); list.reload(); }}>重试</Button>} />}
      <div className="sv-exits">
        <FiguresTable<CountyCount>
          data-testid="exits-county-table"
          rowKey="regionCode"
          loading={counties.loading}
          columns={countyColumns}
          dataSource={counties.data?.byCounty ?? []}
          rowClassName={(c) => (c.regionCode === county ? 'sv-row-chosen' : '')}
          onRow={(c) => ({ 'data-region': c.regionCode }) as HTMLAttributes<HTMLElement>}
          emptyText="没有退出人员"
          cardTitle={(c) => shortName(c, scope.regionCode)}
        />
        <Space orientation="vertical" size="small" style={{ width: '100%', minWidth: 0 }}>
          <Space wrap>
            <Typography.Text data-testid="exits-total" data-total={list.loading ? undefined : total}>
              {county ? `${regionShortName(county)}：` : ''}共 {total} 人
            </Typography.Text>
            {county && (
              <Button size="small" onClick={() => { setCounty(null); setPage(1); }} className="sv-no-print">
                查看全部地区
              </Button>
            )}
          </Space>
          <FiguresTable<ExitRow>
            data-testid="exits-table"
            rowKey="key"
            loading={list.loading}
            columns={columns}
            dataSource={(list.data?.items ?? []).map((e, i) => ({ ...e, key: `${e.filingId}:${i}` }))}
            scroll={{ x: 860 }}
            rowClassName={() => 'sv-row-openable'}
            onRow={(e) => ({ onClick: () => open(e), 'data-filing': e.filingId }) as HTMLAttributes<HTMLElement>}
            emptyText="没有退出人员"
            cardTitle={(e) => `${e.employeeName}（${e.idNumberMasked}）`}
          />
          {total > PAGE_SIZE && <Pagination current={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} showSizeChanger={false} size="small" className="sv-no-print" />}
        </Space>
      </div>
    </SupervisionSection>
  );
}
