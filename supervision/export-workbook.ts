// Each supervision table as an Excel workbook (GET /api/supervision/export): one sheet, Chinese headings, a title
// row naming the region and year. The lists (filings, exits) are written up to EXPORT_MAX_ROWS rows.
import ExcelJS from 'exceljs';
import { FILING_STATUS_NAMES } from '../api/filings.ts';
import type { SupervisionFigures } from './figures-types.ts';
import type { DrillItem } from './drill-list.ts';
import type { ExitItem } from './exits-store.ts';
import { PROGRESS_LABELS } from './labels.ts';

export const EXPORT_MAX_ROWS = 100_000;

export type ExportTable = 'progress' | 'byCounty' | 'byIndustry' | 'ratio' | 'exits' | 'filings';

export const TABLE_TITLES: Readonly<Record<ExportTable, string>> = {
  progress: '申报进度',
  byCounty: '各县（市、区）情况',
  byIndustry: '分行业情况',
  ratio: '安排比例分布',
  exits: '残疾职工退出名单',
  filings: '申报明细',
};

interface Column {
  header: string;
  width: number;
  /** Excel number format, for numbers */
  format?: string;
}

type Cell = string | number | null;

const CHANNEL_NAMES: Readonly<Record<string, string>> = { online: '网上申报', window: '窗口申报' };
const MONEY = '#,##0.00';
const RATIO = '0.00%';

function tableOf(table: ExportTable, figures: SupervisionFigures, filings: DrillItem[], exits: ExitItem[]): { columns: Column[]; rows: Cell[][] } {
  switch (table) {
    case 'progress':
      return {
        columns: [{ header: '指标', width: 18 }, { header: '单位数', width: 12 }],
        rows: (Object.keys(PROGRESS_LABELS) as (keyof typeof PROGRESS_LABELS)[]).map((key) => [PROGRESS_LABELS[key], figures.progress[key]]),
      };
    case 'byCounty':
      return {
        columns: [
          { header: '行政区划代码', width: 14 }, { header: '县（市、区）', width: 22 }, { header: '应申报单位', width: 12 },
          { header: '已申报', width: 10 }, { header: '已认证', width: 10 }, { header: '已推送税务', width: 12 },
          { header: '超期任务', width: 10 }, { header: '最长超期（工作日）', width: 18 }, { header: '认证残疾职工（人）', width: 18 },
          { header: '未达比例单位', width: 14 }, { header: '差额（人）', width: 12, format: '0.00' },
          { header: '预计保障金（元）', width: 18, format: MONEY }, { header: '税务已征收保障金（元）', width: 22, format: MONEY },
          { header: '超比例单位', width: 12 },
        ],
        rows: figures.byCounty.map((c) => [
          c.regionCode, c.regionName, c.expected, c.filed, c.certified, c.sentToTax, c.overdueTasks, c.maxWorkingDaysOver,
          c.certifiedEmployees, c.belowQuotaUnits, c.shortfall, c.levyEstimate, c.levyCollected, c.aboveQuotaUnits,
        ]),
      };
    case 'byIndustry':
      return {
        columns: [
          { header: '行业门类', width: 10 }, { header: '行业名称', width: 32 }, { header: '申报单位', width: 12 },
          { header: '认证残疾职工（人）', width: 18 }, { header: '未达比例单位', width: 14 }, { header: '差额（人）', width: 12, format: '0.00' },
          { header: '预计保障金（元）', width: 18, format: MONEY },
        ],
        rows: figures.employment.byIndustry.map((i) => [i.industryCode, i.label, i.units, i.certifiedEmployees, i.belowQuotaUnits, i.shortfall, i.levyEstimate]),
      };
    case 'ratio':
      return {
        columns: [{ header: '安排比例区间', width: 26 }, { header: '单位数', width: 12 }],
        rows: figures.employment.ratioBuckets.map((b) => [b.label, b.units]),
      };
    case 'exits':
      return {
        columns: [
          { header: '县（市、区）', width: 14 }, { header: '统一社会信用代码', width: 22 }, { header: '单位名称', width: 30 },
          { header: '姓名', width: 10 }, { header: '身份证号（已遮蔽）', width: 22 }, { header: '退出原因', width: 14 },
          { header: '最后月份', width: 10 },
        ],
        rows: exits.map((e) => [e.regionCode, e.uscc, e.unitName, e.employeeName, e.idNumberMasked, e.reasonLabel, e.lastMonth]),
      };
    case 'filings':
      return {
        columns: [
          { header: '县（市、区）', width: 14 }, { header: '统一社会信用代码', width: 22 }, { header: '单位名称', width: 30 },
          { header: '申报方式', width: 10 }, { header: '状态', width: 12 }, { header: '认证残疾职工（人）', width: 18 },
          { header: '应安排（人）', width: 12, format: '0.00' }, { header: '差额（人）', width: 12, format: '0.00' },
          { header: '预计保障金（元）', width: 18, format: MONEY }, { header: '税务已征收保障金（元）', width: 22, format: MONEY },
          { header: '实际比例', width: 10, format: RATIO },
        ],
        rows: filings.map((f) => [
          f.regionCode, f.uscc, f.unitName, CHANNEL_NAMES[f.channel] ?? f.channel,
          FILING_STATUS_NAMES[f.status as keyof typeof FILING_STATUS_NAMES] ?? f.status, f.certifiedEmployees, f.requiredEmployees,
          f.shortfall, f.levyEstimate, f.levyCollected, f.ratio,
        ]),
      };
  }
}

export async function supervisionWorkbook(
  table: ExportTable,
  figures: SupervisionFigures,
  lists: { filings?: DrillItem[]; exits?: ExitItem[] } = {},
): Promise<Buffer> {
  const { columns, rows } = tableOf(table, figures, lists.filings ?? [], lists.exits ?? []);
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(figures.computedAt);
  const sheet = workbook.addWorksheet(TABLE_TITLES[table]);
  sheet.addRow([`${figures.regionName} ${figures.year} 年度 ${TABLE_TITLES[table]}（统计时间 ${figures.computedAt}）`]).font = { bold: true };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    if (c.format) column.numFmt = c.format;
  });
  for (const row of rows) sheet.addRow(row);
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
