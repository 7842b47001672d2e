// What an annual summary report says, once, for both of its files (report-docx.ts, report-pdf.ts): the title, the
// data section's sentences, tables and bar charts made from the frozen figures, and the city's own three sections.
// The four parts follow 通知 §六: 基本情况, 行业分析, 市场岗位需求, 工作建议.
import type { ReportFigures } from './report-figures.ts';

/** The city's own writing, as submitted in the form. */
export interface ReportTexts {
  industryAnalysis: string;
  marketDemand: string;
  recommendations: string;
}

export interface AnnualReportDocument {
  year: number;
  cityName: string;
  figures: ReportFigures;
  texts: ReportTexts;
  version: number;
  /** ISO instant of the submission */
  submittedAt: string;
}

export interface ReportTable {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface ReportBars {
  title: string;
  /** What a bar's value counts, e.g. 人 */
  unit: string;
  bars: { label: string; value: number }[];
}

export interface ReportSection {
  heading: string;
  paragraphs: string[];
  tables: ReportTable[];
  charts: ReportBars[];
}

export function reportTitle(year: number, cityName: string): string {
  return `${cityName}${year}年度按比例安排残疾人就业年审工作总结报告`;
}

/** Counts as people read them: whole numbers plain, fractions (counted months) with two decimals. */
export function count(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** Money in yuan, whole, with thousands separators: 1234567 → 1,234,567 元. */
export function yuan(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} 元`;
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—';
}

/** 2026-11-20T02:00:00Z → 2026年11月20日 (the date in China). */
export function chinaDay(instant: string): string {
  const china = new Date(Date.parse(instant) + 8 * 3600_000);
  return `${china.getUTCFullYear()}年${china.getUTCMonth() + 1}月${china.getUTCDate()}日`;
}

/** The largest industries first, by units, then by certified employees. */
export function industriesBySize(figures: ReportFigures): ReportFigures['employment']['byIndustry'] {
  return [...figures.employment.byIndustry].sort((a, b) => b.units - a.units || b.certifiedEmployees - a.certifiedEmployees);
}

function basicSection(f: ReportFigures): ReportSection {
  const p = f.progress;
  const e = f.employment;
  const paragraphs = [
    `${f.year}年度全市应参加年审单位 ${p.expected} 家，已申报 ${p.filed} 家（申报率 ${percent(p.filed, p.expected)}），其中网上申报 ${p.online} 家、窗口申报 ${p.window} 家；` +
      `已年审认证 ${p.certified} 家，已报送税务部门 ${p.sentToTax} 家。`,
    `经年审认证安排残疾人就业 ${count(e.certifiedEmployees)} 人。未达到 1.5% 比例的单位 ${e.belowQuota.units} 家，差额 ${count(e.belowQuota.shortfall)} 人，` +
      `预计应缴残疾人就业保障金 ${yuan(e.belowQuota.levyEstimate)}；超比例安排的单位 ${e.aboveQuota.units} 家，超出 ${count(e.aboveQuota.surplus)} 人。`,
    `以上数据截至 ${chinaDay(f.computedAt)}，由系统在报告准备时自动生成并固定。`,
  ];
  const progress: ReportTable = {
    title: '表1 年审进度',
    columns: ['应参加年审', '已申报', '网上申报', '窗口申报', '已受理', '待单位确认', '有异议', '已认证', '已报送税务'],
    rows: [[p.expected, p.filed, p.online, p.window, p.accepted, p.awaitingConfirmation, p.disputed, p.certified, p.sentToTax].map(String)],
  };
  const counties: ReportTable = {
    title: '表2 各县（市、区）情况',
    columns: ['县（市、区）', '应参加', '已申报', '已认证', '安排残疾人', '未达比例单位', '差额（人）', '预计保障金', '逾期任务'],
    rows: f.byCounty.map((c) => [
      c.regionName,
      String(c.expected),
      String(c.filed),
      String(c.certified),
      count(c.certifiedEmployees),
      String(c.belowQuotaUnits),
      count(c.shortfall),
      yuan(c.levyEstimate),
      String(c.overdueTasks),
    ]),
  };
  const kinds: ReportTable = {
    title: '表3 安排残疾人就业的证件类别和等级',
    columns: ['类别或等级', '人数'],
    rows: [...e.byCertificateKind.map((k) => [k.label, count(k.count)]), ...e.byGrade.map((g) => [g.label, count(g.count)])],
  };
  const years: ReportTable = {
    title: '表4 历年比较',
    columns: ['年度', '已申报', '已认证', '安排残疾人', '未达比例单位', '预计保障金'],
    rows: [...f.years].sort((a, b) => a.year - b.year).map((y) => [`${y.year}`, String(y.filed), String(y.certified), count(y.certifiedEmployees), String(y.belowQuotaUnits), yuan(y.levyEstimate)]),
  };
  return {
    heading: '一、基本情况',
    paragraphs,
    tables: [progress, counties, kinds, years],
    charts: [
      { title: '图1 各县（市、区）安排残疾人就业人数', unit: '人', bars: f.byCounty.map((c) => ({ label: c.regionName, value: c.certifiedEmployees })) },
      { title: '图2 单位安排比例分布', unit: '家', bars: e.ratioBuckets.map((b) => ({ label: b.label, value: b.units })) },
    ],
  };
}

function industrySection(f: ReportFigures, text: string): ReportSection {
  const industries = industriesBySize(f);
  return {
    heading: '二、行业分析',
    paragraphs: paragraphsOf(text),
    tables: [
      {
        title: '表5 分行业情况',
        columns: ['行业', '单位数', '安排残疾人', '未达比例单位', '差额（人）', '预计保障金'],
        rows: industries.map((i) => [i.label, String(i.units), count(i.certifiedEmployees), String(i.belowQuotaUnits), count(i.shortfall), yuan(i.levyEstimate)]),
      },
    ],
    charts: [{ title: '图3 分行业安排残疾人就业人数', unit: '人', bars: industries.slice(0, 10).map((i) => ({ label: i.label, value: i.certifiedEmployees })) }],
  };
}

/** The city's text as paragraphs: one per non-empty line. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The report's four parts in order. */
export function reportSections(report: AnnualReportDocument): ReportSection[] {
  const { figures, texts } = report;
  return [
    basicSection(figures),
    industrySection(figures, texts.industryAnalysis),
    { heading: '三、市场岗位需求', paragraphs: paragraphsOf(texts.marketDemand), tables: [], charts: [] },
    { heading: '四、工作建议', paragraphs: paragraphsOf(texts.recommendations), tables: [], charts: [] },
  ];
}

/** The line under the title: who sends it, which version, when. */
export function reportByline(report: AnnualReportDocument): string {
  const version = report.version > 1 ? `（第${report.version}稿）` : '';
  return `${report.cityName}残疾人联合会 报送浙江省残疾人联合会${version}　${chinaDay(report.submittedAt)}`;
}
