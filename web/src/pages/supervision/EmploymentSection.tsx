// 就业情况: the disabled employees certified in the region, by certificate kind and grade, by county and industry
// (行业类别); the units' employment ratio against the quota; the units below it with their shortfall and estimated levy;
// the units above it (超比例奖励候选). Every number and bar opens the filings behind it.
import type { ColumnsType } from 'antd/es/table';
import { Empty } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { persons, yuan } from '../../lib/format.ts';
import { barOption, pieOption } from './chart-options.ts';
import type { Drill } from './DrillDrawer.tsx';
import { ExportButton } from './ExportButton.tsx';
import { FigureLink } from './FigureLink.tsx';
import { FiguresTable } from './FiguresTable.tsx';
import { headcount, wanYuan } from './figures-format.ts';
import { MEASURE_NAMES, type Measure } from './measures.ts';
import { regionRows, shortName, type RegionRow } from './region-rows.ts';
import { SupervisionChart } from './SupervisionChart.tsx';
import { ChartBox, ChartGrid, FigureGrid, FigureTile, SupervisionSection } from './SupervisionSection.tsx';
import type { FigureQuery, SupervisionScope } from './supervision-query.ts';
import type { IndustryFigures, SupervisionFigures } from './supervision-shapes.ts';

type RatioBucket = SupervisionFigures['employment']['ratioBuckets'][number];

export function EmploymentSection({ figures, scope, onDrill }: { figures: SupervisionFigures; scope: SupervisionScope; onDrill: (drill: Drill) => void }) {
  const { employment } = figures;
  const rows = useMemo(() => regionRows(figures.regionCode, figures.byCounty), [figures]);
  const open = (title: string, query: Partial<FigureQuery>) => onDrill({ title, query: { ...scope, ...query } });
  const drill = (regionCode: string, name: string, measure: Measure) => open(`${name} · ${MEASURE_NAMES[measure]}`, { regionCode, measure });
  const whole = () => open(`${figures.regionName} · ${MEASURE_NAMES.certifiedEmployees}`, { measure: 'certifiedEmployees' });

  const charts = useMemo(
    () => ({
      kinds: pieOption(employment.byCertificateKind.map((k) => ({ name: k.label, value: k.count })), '人'),
      grades: barOption(employment.byGrade.map((g) => g.label), [{ name: '认定残疾职工', values: employment.byGrade.map((g) => g.count) }], { unit: '人' }),
      counties: barOption(
        rows.map((r) => shortName(r, figures.regionCode)),
        [
          { name: '认定残疾职工（人）', values: rows.map((r) => r.certifiedEmployees) },
          { name: '未达比例单位（户）', values: rows.map((r) => r.belowQuotaUnits) },
          { name: '超比例单位（户）', values: rows.map((r) => r.aboveQuotaUnits) },
        ],
        { unit: '人 / 户' },
      ),
      industries: barOption(
        employment.byIndustry.map((i) => i.label),
        [
          { name: '认定残疾职工（人）', values: employment.byIndustry.map((i) => i.certifiedEmployees) },
          { name: '未达比例单位（户）', values: employment.byIndustry.map((i) => i.belowQuotaUnits) },
        ],
        { unit: '人 / 户', horizontal: true },
      ),
      ratio: barOption(employment.ratioBuckets.map((b) => b.label), [{ name: '单位数', values: employment.ratioBuckets.map((b) => b.units) }], { unit: '户' }),
    }),
    [employment, rows, figures.regionCode],
  );

  const countyLink = (row: RegionRow, measure: Measure, value: number, shown?: string) => (
    <FigureLink value={value} shown={shown} onOpen={() => drill(row.regionCode, row.regionName, measure)} testId={`county-${measure}`} />
  );
  const countyColumns: ColumnsType<RegionRow> = [
    { title: '地区', key: 'region', render: (_v, r) => shortName(r, figures.regionCode) },
    { title: '认定残疾职工', key: 'certifiedEmployees', width: 110, align: 'right', render: (_v, r) => countyLink(r, 'certifiedEmployees', r.certifiedEmployees, headcount(r.certifiedEmployees)) },
    { title: '未达比例单位', key: 'belowQuotaUnits', width: 110, align: 'right', render: (_v, r) => countyLink(r, 'belowQuota', r.belowQuotaUnits) },
    { title: '差额人数', key: 'shortfall', width: 100, align: 'right', render: (_v, r) => persons(r.shortfall) },
    { title: '预计保障金', key: 'levyEstimate', width: 150, align: 'right', render: (_v, r) => yuan(r.levyEstimate) },
    { title: '税务已征收', key: 'levyCollected', width: 150, align: 'right', render: (_v, r) => yuan(r.levyCollected) },
    { title: '超比例单位', key: 'aboveQuotaUnits', width: 100, align: 'right', render: (_v, r) => countyLink(r, 'aboveQuota', r.aboveQuotaUnits) },
  ];

  const industryLink = (i: IndustryFigures, measure: Measure, value: number, shown?: string) => (
    <FigureLink value={value} shown={shown} onOpen={() => open(`${figures.regionName} · ${i.label} · ${MEASURE_NAMES[measure]}`, { measure, industryCode: i.industryCode })} testId={`industry-${measure}`} />
  );
  const industryColumns: ColumnsType<IndustryFigures> = [
    { title: '行业类别', key: 'industry', render: (_v, i) => i.label },
    { title: '申报单位', key: 'units', width: 90, align: 'right', render: (_v, i) => industryLink(i, 'filed', i.units) },
    { title: '认定残疾职工', key: 'certifiedEmployees', width: 110, align: 'right', render: (_v, i) => industryLink(i, 'certifiedEmployees', i.certifiedEmployees, headcount(i.certifiedEmployees)) },
    { title: '未达比例单位', key: 'belowQuotaUnits', width: 110, align: 'right', render: (_v, i) => industryLink(i, 'belowQuota', i.belowQuotaUnits) },
    { title: '差额人数', key: 'shortfall', width: 100, align: 'right', render: (_v, i) => persons(i.shortfall) },
    { title: '预计保障金', key: 'levyEstimate', width: 150, align: 'right', render: (_v, i) => yuan(i.levyEstimate) },
  ];

  const bucketOpen = (b: RatioBucket) => open(`${figures.regionName} · 安排比例${b.label}`, { ratioBucket: b.key });
  const ratioColumns: ColumnsType<RatioBucket> = [
    { title: '安排比例', key: 'label', render: (_v, b) => b.label },
    { title: '单位数', key: 'units', width: 100, align: 'right', render: (_v, b) => <FigureLink value={b.units} onOpen={() => bucketOpen(b)} testId="ratio-units" /> },
  ];

  const { belowQuota, aboveQuota } = employment;
  return (
    <SupervisionSection title="就业情况" testId="section-employment">
      <FigureGrid>
        <FigureTile label="认定残疾职工" hint="年审认证确认的残疾职工人数" testId="tile-certifiedEmployees">
          <FigureLink value={employment.certifiedEmployees} shown={headcount(employment.certifiedEmployees)} onOpen={whole} testId="figure-certifiedEmployees" />
        </FigureTile>
        <FigureTile label="未达比例单位" hint="安排比例低于法定比例的单位" testId="tile-belowQuota">
          <FigureLink value={belowQuota.units} onOpen={() => drill(figures.regionCode, figures.regionName, 'belowQuota')} testId="figure-belowQuota" />
        </FigureTile>
        <FigureTile label="差额人数" hint="未达比例单位应安排而未安排的人数">
          <span data-testid="figure-shortfall" data-value={belowQuota.shortfall}>{persons(belowQuota.shortfall)}</span>
        </FigureTile>
        <FigureTile label="预计保障金" hint="按差额人数估算的残疾人就业保障金">
          <span data-testid="figure-levyEstimate" data-value={belowQuota.levyEstimate} title={yuan(belowQuota.levyEstimate)}>
            {wanYuan(belowQuota.levyEstimate)}
          </span>
        </FigureTile>
        <FigureTile label="税务已征收保障金" hint={`税务部门报告的已征收残疾人就业保障金（${employment.levyCollected.units} 户）`}>
          <span data-testid="figure-levyCollected" data-value={employment.levyCollected.amount} title={yuan(employment.levyCollected.amount)}>
            {wanYuan(employment.levyCollected.amount)}
          </span>
        </FigureTile>
        <FigureTile label="超比例单位" hint="超过法定比例安排，可作为超比例奖励候选" testId="tile-aboveQuota">
          <FigureLink value={aboveQuota.units} onOpen={() => drill(figures.regionCode, figures.regionName, 'aboveQuota')} testId="figure-aboveQuota" />
        </FigureTile>
        <FigureTile label="超出人数" hint="超比例单位多安排的人数合计">
          <span data-testid="figure-surplus" data-value={aboveQuota.surplus}>{persons(aboveQuota.surplus)}</span>
        </FigureTile>
      </FigureGrid>
      <ChartBox title="按残疾类别（证件类型与等级）" hint="点击图形查看认定残疾职工所在单位">
        <div className="sv-charts sv-charts-inner">
          {employment.certifiedEmployees > 0 ? (
            <SupervisionChart option={charts.kinds} title="认定残疾职工按证件类型" testId="chart-certificate-kind" height={260} onPick={whole} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无认定的残疾职工" />
          )}
          <SupervisionChart option={charts.grades} title="认定残疾职工按残疾等级" testId="chart-grade" height={260} onPick={whole} />
        </div>
      </ChartBox>
      {rows.length > 1 && (
        <ChartBox title="各地区就业情况" hint="点击柱形查看申报">
          <SupervisionChart
            option={charts.counties}
            title="各地区就业情况"
            testId="chart-employment-by-county"
            onPick={({ seriesIndex, dataIndex }) => {
              const row = rows[dataIndex];
              const measure = (['certifiedEmployees', 'belowQuota', 'aboveQuota'] as const)[seriesIndex];
              if (row && measure) drill(row.regionCode, row.regionName, measure);
            }}
          />
        </ChartBox>
      )}
      <FiguresTable<RegionRow>
        heading="各地区就业情况"
        exportButton={<ExportButton table="byCounty" query={scope} fileName={`${figures.regionName}-${scope.year}年度分地区统计`} />}
        data-testid="county-employment-table"
        rowKey="regionCode"
        columns={countyColumns}
        dataSource={rows}
        scroll={{ x: 720 }}
        onRow={(r) => ({ 'data-region': r.regionCode }) as HTMLAttributes<HTMLElement>}
        cardTitle={(r) => shortName(r, figures.regionCode)}
      />
      <ChartBox title="按行业类别" hint="点击柱形查看申报">
        <SupervisionChart
          option={charts.industries}
          title="按行业类别的就业情况"
          testId="chart-industry"
          height={Math.max(240, 40 + employment.byIndustry.length * 34)}
          onPick={({ seriesIndex, dataIndex }) => {
            const industry = employment.byIndustry[dataIndex];
            const measure = (['certifiedEmployees', 'belowQuota'] as const)[seriesIndex];
            if (industry && measure) open(`${figures.regionName} · ${industry.label} · ${MEASURE_NAMES[measure]}`, { measure, industryCode: industry.industryCode });
          }}
        />
      </ChartBox>
      <FiguresTable<IndustryFigures>
        heading="按行业类别"
        exportButton={<ExportButton table="byIndustry" query={scope} fileName={`${figures.regionName}-${scope.year}年度分行业统计`} />}
        data-testid="industry-table"
        rowKey="industryCode"
        columns={industryColumns}
        dataSource={employment.byIndustry}
        scroll={{ x: 760 }}
        cardTitle={(i) => i.label}
      />
      <ChartGrid>
        <ChartBox title="单位安排比例分布（对照法定比例）" hint="点击柱形查看申报">
          <SupervisionChart
            option={charts.ratio}
            title="单位安排比例分布"
            testId="chart-ratio"
            height={260}
            onPick={({ dataIndex }) => {
              const bucket = employment.ratioBuckets[dataIndex];
              if (bucket) bucketOpen(bucket);
            }}
          />
        </ChartBox>
        <FiguresTable<RatioBucket>
          heading="安排比例分布"
          exportButton={<ExportButton table="ratio" query={scope} fileName={`${figures.regionName}-${scope.year}年度安排比例分布`} />}
          data-testid="ratio-table"
          rowKey="key"
          columns={ratioColumns}
          dataSource={employment.ratioBuckets}
          cardTitle={(b) => b.label}
        />
      </ChartGrid>
    </SupervisionSection>
  );
}
