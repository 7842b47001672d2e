// A city's approved over-quota rewards as the Excel sheet the finance office pays from (GET /api/rewards/export.xlsx):
// one row per unit — no bank details, which the federation keeps elsewhere — with the amount and the reason, a title
// row naming the city and year, and the total. Written with exceljs as the supervision exports are.
import ExcelJS from 'exceljs';
import { REWARD_REASON_LABELS } from './reward-reasons.ts';
import { countyNameOf, type StoredCandidate } from './reward-store.ts';

export const PAYMENT_SHEET_TITLE = '超比例安排残疾人就业奖励发放表';

const MONEY = '#,##0.00';

const COLUMNS: readonly { header: string; width: number; format?: string }[] = [
  { header: '序号', width: 6 },
  { header: '县（市、区）', width: 16 },
  { header: '单位名称', width: 32 },
  { header: '统一社会信用代码', width: 22 },
  { header: '认定安排（人）', width: 14, format: '0.00' },
  { header: '应安排（人）', width: 12, format: '0.00' },
  { header: '超出（人）', width: 12, format: '0.00' },
  { header: '每人奖励（元）', width: 14, format: MONEY },
  { header: '奖励金额（元）', width: 16, format: MONEY },
  { header: '奖励依据', width: 40 },
];

export async function paymentWorkbook(cityName: string, year: number, rewards: readonly StoredCandidate[], at: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = at;
  const sheet = workbook.addWorksheet(PAYMENT_SHEET_TITLE);
  sheet.addRow([`${cityName} ${year} 年度${PAYMENT_SHEET_TITLE}（导出时间 ${at.toISOString()}）`]).font = { bold: true };
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    if (c.format) column.numFmt = c.format;
  });
  rewards.forEach((r, i) => {
    const basis = `${REWARD_REASON_LABELS[r.reasonCode]}：实际比例 ${(r.actualRatio * 100).toFixed(2)}%，连续 ${r.yearsAboveQuota} 年超比例安排`;
    sheet.addRow([i + 1, countyNameOf(r.countyCode), r.unitName, r.uscc, r.certifiedCount, r.requiredCount, r.surplus, r.amountPerPerson, r.amount, basis]);
  });
  const total = Math.round(rewards.reduce((sum, r) => sum + r.amount, 0) * 100) / 100;
  sheet.addRow(['合计', null, `${rewards.length} 家单位`, null, null, null, null, null, total, null]).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
