// 历年对比: the region's seasons side by side — units filed and certified, disabled employees certified, units below
// the quota and the levy estimated. A year's bar opens that year's certified filings.
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { PROGRESS_LABELS } from '../../../../supervision/labels.ts';
import { FiguresTable } from './FiguresTable.tsx';
import { yuan } from '../../lib/format.ts';
import { headcount } from './figures-format.ts';
import { barOption } from './chart-options.ts';
import type { Drill } from './DrillDrawer.tsx';
import { FigureLink } from './FigureLink.tsx';
import { MEASURE_NAMES, type Measure } from './measures.ts';
import { SupervisionChart } from './SupervisionChart.tsx';
import { ChartBox, SupervisionSection } from './SupervisionSection.tsx';
import type { SupervisionFigures } from './supervision-shapes.ts';

type YearRow = SupervisionFigures['years'][number];

export function YearsSection({ figures, onDrill }: { figures: SupervisionFigures; onDrill: (drill: Drill) => void }) {
  const years = useMemo(() => [...figures.years].sort((a, b) => a.year - b.year), [figures.years]);
  const drill = (year: number, measure: Measure) =>
    onDrill({ title: `${figures.regionName} · ${MEASURE_NAMES[measure]}`, query: { year, regionCode: figures.regionCode, measure } });
  const chart = useMemo(
    () =>
      barOption(
        years.map((y) => `${y.year}年度`),
        [
          { name: `${PROGRESS_LABELS.filed}（户）`, values: years.map((y) => y.filed) },
          { name: `${PROGRESS_LABELS.certified}（户）`, values: years.map((y) => y.certified) },
          { name: '未达比例单位（户）', values: years.map((y) => y.belowQuotaUnits) },
          { name: '认定残疾职工（人）', values: years.map((y) => y.certifiedEmployees), line: true },
        ],
        { unit: '户 / 人' },
      ),
    [years],
  );
  const link = (y: YearRow, measure: Measure, value: number, shown?: string) => <FigureLink value={value} shown={shown} onOpen={() => drill(y.year, measure)} testId={`year-${measure}`} />;
  const columns: ColumnsType<YearRow> = [
    { title: '年度', key: 'year', render: (_v, y) => `${y.year} 年度` },
    { title: PROGRESS_LABELS.filed, key: 'filed', width: 90, align: 'right', render: (_v, y) => link(y, 'filed', y.filed) },
    { title: PROGRESS_LABELS.certified, key: 'certified', width: 100, align: 'right', render: (_v, y) => link(y, 'certified', y.certified) },
    { title: '认定残疾职工', key: 'certifiedEmployees', width: 110, align: 'right', render: (_v, y) => link(y, 'certifiedEmployees', y.certifiedEmployees, headcount(y.certifiedEmployees)) },
    { title: '未达比例单位', key: 'belowQuotaUnits', width: 110, align: 'right', render: (_v, y) => link(y, 'belowQuota', y.belowQuotaUnits) },
    { title: '预计保障金', key: 'levyEstimate', width: 150, align: 'right', render: (_v, y) => yuan(y.levyEstimate) },
    { title: '税务已征收', key: 'levyCollected', width: 150, align: 'right', render: (_v, y) => yuan(y.levyCollected) },
  ];
  const seriesMeasure: Measure[] = ['filed', 'certified', 'belowQuota', 'certifiedEmployees'];
  return (
    <SupervisionSection title="历年对比" testId="section-years">
      <ChartBox title="历年申报与认证情况" hint="点击柱形查看当年申报">
        <SupervisionChart
          option={chart}
          title="历年申报与认证情况"
          testId="chart-years"
          height={280}
          onPick={({ seriesIndex, dataIndex }) => {
            const year = years[dataIndex];
            const measure = seriesMeasure[seriesIndex];
            if (year && measure) drill(year.year, measure);
          }}
        />
      </ChartBox>
      <FiguresTable<YearRow>
        data-testid="years-table"
        rowKey="year"
        columns={columns}
        dataSource={[...years].reverse()}
        scroll={{ x: 700 }}
        emptyText="暂无往年数据"
        cardTitle={(y) => `${y.year} 年度`}
      />
    </SupervisionSection>
  );
}
