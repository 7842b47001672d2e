// 监管统计 (统管子系统, 通知 §六): for a year and a region within the person's reach, the season's progress, the
// employment picture, earlier years and the exits, each figure opening the filings behind it and each table exported
// to Excel; printable (the menus and pickers leave the paper, the charts fit the page).
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Skeleton, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useFilingSeason } from '../../components/filing/use-filing-season.ts';
import { api } from '../../lib/api.ts';
import { chineseDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { loadErrorText, useLoaded } from '../../lib/use-loaded.ts';
import { DrillDrawer, type Drill } from './DrillDrawer.tsx';
import { EmploymentSection } from './EmploymentSection.tsx';
import { ExitsSection } from './ExitsSection.tsx';
import { ProgressSection } from './ProgressSection.tsx';
import { queryString, type SupervisionScope } from './supervision-query.ts';
import { currentSeasonYear, regionChoices, yearChoices } from './supervision-scope.ts';
import type { SupervisionFigures } from './supervision-shapes.ts';
import { YearsSection } from './YearsSection.tsx';
import '../workbench/workbench.css';
import './supervision.css';

export function SupervisionPage() {
  const { who } = useSession();
  const season = useFilingSeason();
  const [params, setParams] = useSearchParams();
  const [drill, setDrill] = useState<Drill | null>(null);
  const regions = useMemo(() => regionChoices(who), [who]);
  const seasonYear = season ? currentSeasonYear(season) : null;

  // The year and region in the address, so a printed or shared view is the one on screen; outside the reach, the own region.
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2015 ? asked : seasonYear;
  const regionCode = regions.some((r) => r.value === params.get('region')) ? params.get('region')! : (regions[0]?.value ?? '');
  const scope: SupervisionScope | null = year ? { year, regionCode } : null;
  const query = scope ? queryString(scope) : '';
  const figures = useLoaded(() => (query ? api<SupervisionFigures>('GET', `/api/supervision/figures?${query}`) : Promise.resolve(undefined)), [query]);
  const choose = (next: Partial<{ year: number; region: string }>) => {
    const merged = { year: String(next.year ?? year ?? ''), region: next.region ?? regionCode };
    setParams(merged);
  };
  const shown = figures.data && scope && figures.data.year === scope.year && figures.data.regionCode === scope.regionCode ? figures.data : undefined;
  const regionLabel = regions.find((r) => r.value === regionCode)?.label ?? regionCode;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="supervision-page" className="sv-page">
      <div className="sv-head">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            监管统计
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="supervision-scope">
            {regionLabel} · {year ?? '—'} 年度用人单位按比例安排残疾人就业情况{year ? `（${year + 1} 年年审）` : ''}
          </Typography.Text>
        </div>
        <Space wrap className="sv-no-print">
          <Select
            aria-label="年度"
            data-testid="year-picker"
            value={year ?? undefined}
            loading={!year}
            style={{ width: 130 }}
            options={yearChoices(Math.max(seasonYear ?? 0, year ?? 0) || new Date().getFullYear() - 1).map((y) => ({ value: y, label: `${y} 年度` }))}
            onChange={(y: number) => choose({ year: y })}
          />
          <Select
            aria-label="地区"
            data-testid="region-picker"
            value={regionCode}
            disabled={regions.length <= 1}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 240 }}
            options={regions.map((r) => ({ value: r.value, label: r.label, county: r.county }))}
            // A county under its city in the list; the chosen one plain in the box.
            optionRender={(option) => <span className={option.data.county ? 'sv-county-option' : undefined}>{option.label}</span>}
            onChange={(region: string) => choose({ region })}
          />
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
            打印
          </Button>
        </Space>
      </div>
      {figures.error && <Alert type="error" showIcon title={loadErrorText(figures.error)} action={<Button onClick={figures.reload}>重试</Button>} />}
      {!shown && !figures.error && <Skeleton active paragraph={{ rows: 8 }} />}
      {shown && scope && (
        <>
          <Typography.Text type="secondary" data-testid="computed-at">
            统计时间：{chineseDateTime(shown.computedAt)}<span className="sv-no-print">。点击数字或图中柱形，可查看对应的申报</span>
          </Typography.Text>
          <ProgressSection figures={shown} scope={scope} onDrill={setDrill} />
          <EmploymentSection figures={shown} scope={scope} onDrill={setDrill} />
          <YearsSection figures={shown} onDrill={setDrill} />
          <ExitsSection scope={scope} regionName={shown.regionName} />
        </>
      )}
      <DrillDrawer drill={drill} onClose={() => setDrill(null)} />
    </Space>
  );
}
