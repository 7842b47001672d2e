// 申报进度: how far the season has come in the region (units expected, filed online or at a window, accepted,
// awaiting confirmation, disputed, certified, sent to tax), each county's share and its overdue tasks with the most
// working days over. Every number opens the filings it counts.
import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, type HTMLAttributes } from 'react';
import { barOption } from './chart-options.ts';
import type { Drill } from './DrillDrawer.tsx';
import { PROGRESS_LABELS } from '../../../../supervision/labels.ts';
import { ExportButton } from './ExportButton.tsx';
import { FigureLink } from './FigureLink.tsx';
import { FiguresTable } from './FiguresTable.tsx';
import { count, percent } from './figures-format.ts';
import { isDrillable, MEASURE_NAMES, PROGRESS_MEASURES, type Measure, type ProgressMeasure } from './measures.ts';
import { regionRows, shortName, type RegionRow } from './region-rows.ts';
import { SupervisionChart } from './SupervisionChart.tsx';
import { ChartBox, FigureGrid, FigureTile, SupervisionSection } from './SupervisionSection.tsx';
import type { SupervisionScope } from './supervision-query.ts';
import type { SupervisionFigures } from './supervision-shapes.ts';

const COUNTY_SERIES = (['expected', 'filed', 'certified', 'sentToTax'] as const).map((key) => ({ key, name: PROGRESS_LABELS[key] }));

export function ProgressSection({ figures, scope, onDrill }: { figures: SupervisionFigures; scope: SupervisionScope; onDrill: (drill: Drill) => void }) {
  const rows = useMemo(() => regionRows(figures.regionCode, figures.byCounty), [figures]);
  const drill = (regionCode: string, name: string, measure: Measure) => onDrill({ title: `${name} · ${MEASURE_NAMES[measure]}`, query: { ...scope, regionCode, measure } });
  const { progress } = figures;

  const byCountyChart = useMemo(
    () => barOption(rows.map((r) => shortName(r, figures.regionCode)), COUNTY_SERIES.map((s) => ({ name: s.name, values: rows.map((r) => r[s.key]) })), { unit: '户' }),
    [rows, figures.regionCode],
  );
  const stagesChart = useMemo(
    () => barOption(PROGRESS_MEASURES.map((m) => m.label), [{ name: '单位数', values: PROGRESS_MEASURES.map((m) => progress[m.key]) }], { unit: '户', horizontal: true }),
    [progress],
  );

  /** What opens a region's figure: its filings, for the figures that have a list. */
  const opener = (regionCode: string, name: string, measure: ProgressMeasure) => (isDrillable(measure) ? () => drill(regionCode, name, measure) : undefined);
  const link = (row: RegionRow, measure: ProgressMeasure, value: number) => (
    <FigureLink value={value} onOpen={opener(row.regionCode, row.regionName, measure)} testId={`county-${measure}`} />
  );
  const columns: ColumnsType<RegionRow> = [
    { title: '地区', key: 'region', render: (_v, r) => shortName(r, figures.regionCode) },
    { title: PROGRESS_LABELS.expected, key: 'expected', width: 90, align: 'right', render: (_v, r) => link(r, 'expected', r.expected) },
    { title: PROGRESS_LABELS.filed, key: 'filed', width: 90, align: 'right', render: (_v, r) => link(r, 'filed', r.filed) },
    { title: '申报率', key: 'filedShare', width: 90, align: 'right', render: (_v, r) => (r.expected > 0 ? percent(r.filed / r.expected) : '—') },
    { title: PROGRESS_LABELS.certified, key: 'certified', width: 100, align: 'right', render: (_v, r) => link(r, 'certified', r.certified) },
    { title: PROGRESS_LABELS.sentToTax, key: 'sentToTax', width: 100, align: 'right', render: (_v, r) => link(r, 'sentToTax', r.sentToTax) },
    {
      title: '逾期任务',
      key: 'overdueTasks',
      width: 90,
      align: 'right',
      render: (_v, r) => (r.overdueTasks > 0 ? <Typography.Text type="danger" data-testid="county-overdue">{count(r.overdueTasks)}</Typography.Text> : '0'),
    },
    { title: '最长超期', key: 'maxWorkingDaysOver', width: 100, align: 'right', render: (_v, r) => (r.maxWorkingDaysOver > 0 ? `${r.maxWorkingDaysOver} 个工作日` : '—') },
  ];

  return (
    <SupervisionSection title="申报进度" testId="section-progress" extra={<ExportButton table="progress" query={scope} fileName={`${figures.regionName}-${scope.year}年度申报进度`} />}>
      <FigureGrid>
        {PROGRESS_MEASURES.map((m) => (
          <FigureTile key={m.key} label={m.label} hint={m.hint} testId={`tile-${m.key}`}>
            <FigureLink value={progress[m.key]} onOpen={opener(figures.regionCode, figures.regionName, m.key)} testId={`figure-${m.key}`} />
            {m.key !== 'expected' && progress.expected > 0 && <span className="sv-figure-share">{percent(progress[m.key] / progress.expected)}</span>}
          </FigureTile>
        ))}
      </FigureGrid>
      <ChartBox title={rows.length > 1 ? '各地区申报进度' : '申报各环节单位数'} hint="点击柱形查看申报">
        {rows.length > 1 ? (
          <SupervisionChart
            option={byCountyChart}
            title="各地区申报进度"
            testId="chart-progress-by-county"
            onPick={({ seriesIndex, dataIndex }) => {
              const row = rows[dataIndex];
              const series = COUNTY_SERIES[seriesIndex];
              if (row && series) opener(row.regionCode, row.regionName, series.key)?.();
            }}
          />
        ) : (
          <SupervisionChart
            option={stagesChart}
            title="申报各环节单位数"
            testId="chart-progress-stages"
            onPick={({ dataIndex }) => {
              const m = PROGRESS_MEASURES[dataIndex];
              if (m) opener(figures.regionCode, figures.regionName, m.key)?.();
            }}
          />
        )}
      </ChartBox>
      <FiguresTable<RegionRow>
        heading="各地区申报进度与逾期任务"
        exportButton={<ExportButton table="byCounty" query={scope} fileName={`${figures.regionName}-${scope.year}年度分地区统计`} />}
        data-testid="county-progress-table"
        rowKey="regionCode"
        columns={columns}
        dataSource={rows}
        scroll={{ x: 760 }}
        rowClassName={(r) => (r.overdueTasks > 0 ? 'wb-row-overdue' : '')}
        onRow={(r) => ({ 'data-region': r.regionCode }) as HTMLAttributes<HTMLElement>}
        cardTitle={(r) => shortName(r, figures.regionCode)}
      />
    </SupervisionSection>
  );
}
