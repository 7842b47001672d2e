// The filings behind a figure (GET /api/supervision/filings), within the person's reach, a page at a time; each
// opens in the workbench, and the list exports as it stands.
import { Alert, Button, Drawer, Pagination, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useNarrowScreen } from '../../components/ResponsiveTable.tsx';
import { StatusTag } from '../../components/filing/StatusTag.tsx';
import { api } from '../../lib/api.ts';
import type { FilingStatus } from '../../lib/filing-types.ts';
import { persons, yuan } from '../../lib/format.ts';
import { loadErrorText, useLoaded } from '../../lib/use-loaded.ts';
import { regionShortName } from '../workbench/region-label.ts';
import { ExportButton } from './ExportButton.tsx';
import { FiguresTable } from './FiguresTable.tsx';
import { headcount, percent } from './figures-format.ts';
import { queryString, type FigureQuery } from './supervision-query.ts';
import type { SupervisionFiling, SupervisionFilings } from './supervision-shapes.ts';

export interface Drill {
  /** What the figure counts, in Chinese: 杭州市西湖区 · 已认证. */
  title: string;
  query: FigureQuery;
}

const PAGE_SIZE = 20;

const columns: ColumnsType<SupervisionFiling> = [
  {
    title: '用人单位',
    key: 'unit',
    render: (_v, f) => (
      <div>
        <Link to={`/workbench/filings/${f.id}`} data-testid="drill-open">
          {f.unitName}
        </Link>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {f.uscc}
          </Typography.Text>
        </div>
      </div>
    ),
  },
  { title: '所在地', key: 'region', width: 150, render: (_v, f) => regionShortName(f.regionCode) },
  { title: '状态', key: 'status', width: 120, render: (_v, f) => <StatusTag status={f.status as FilingStatus} channel={f.channel} /> },
  { title: '认定残疾职工', key: 'certified', width: 110, align: 'right', render: (_v, f) => headcount(f.certifiedEmployees) },
  { title: '应安排', key: 'required', width: 100, align: 'right', render: (_v, f) => persons(f.requiredEmployees) },
  { title: '安排比例', key: 'ratio', width: 90, align: 'right', render: (_v, f) => percent(f.ratio) },
  { title: '差额', key: 'shortfall', width: 100, align: 'right', render: (_v, f) => persons(f.shortfall) },
  { title: '预计保障金', key: 'levy', width: 140, align: 'right', render: (_v, f) => yuan(f.levyEstimate) },
  { title: '税务已征收', key: 'levyCollected', width: 140, align: 'right', render: (_v, f) => (f.levyCollected === null ? '—' : yuan(f.levyCollected)) },
];

export function DrillDrawer({ drill, onClose }: { drill: Drill | null; onClose: () => void }) {
  const narrow = useNarrowScreen();
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [drill]);
  const query = drill ? queryString({ ...drill.query, page, pageSize: PAGE_SIZE }) : '';
  const list = useLoaded(() => (query ? api<SupervisionFilings>('GET', `/api/supervision/filings?${query}`) : Promise.resolve(undefined)), [query]);
  const total = list.data?.total ?? 0;
  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      size={narrow ? '100%' : 1040}
      title={drill ? `${drill.title}（${drill.query.year} 年度）` : ''}
      extra={drill && <ExportButton table="filings" query={drill.query} fileName={`${drill.title}-${drill.query.year}年度申报清单`} />}
      rootClassName="sv-no-print"
      destroyOnHidden
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="drill-drawer">
        {list.error && <Alert type="error" showIcon title={loadErrorText(list.error)} action={<Button onClick={list.reload}>重试</Button>} />}
        <Typography.Text type="secondary" data-testid="drill-total" data-total={list.loading ? undefined : total}>
          {list.loading ? '正在读取…' : `共 ${total} 件申报，点击单位名称查看申报详情`}
        </Typography.Text>
        <FiguresTable<SupervisionFiling>
          data-testid="drill-table"
          rowKey="id"
          loading={list.loading}
          columns={columns}
          dataSource={list.error ? [] : (list.data?.items ?? [])}
          scroll={{ x: 960 }}
          emptyText="没有对应的申报"
          cardTitle={(f) => <Link to={`/workbench/filings/${f.id}`}>{f.unitName}</Link>}
        />
        {total > PAGE_SIZE && <Pagination current={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} showSizeChanger={false} size="small" />}
      </Space>
    </Drawer>
  );
}
