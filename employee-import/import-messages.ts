// The sentences a person reads about an imported spreadsheet, through the shared message mechanism: a cell is
// named by its row and column header ("第 3 行的身份证号"), and a filing rule's problem is worded with the
// filing's own sentence for that rule.
import { filingTemplates } from '../filings/declaration/messages.ts';
import { createFieldMessages, type Locale, type MessageCatalogue } from '../platform/field-messages.ts';
import type { FieldIssue } from '../platform/schema.ts';
import { EMPLOYEE_COLUMNS } from './employee-columns.ts';

// The file field's label; "请选择" reads right for it where a cell wants "请填写".
const FILE_LABEL = ['要导入的文件', 'the file to import'] as const;

const list = (items: unknown, zh: boolean) => (Array.isArray(items) ? items.join(zh ? '、' : ', ') : '');

const templates: NonNullable<MessageCatalogue['templates']> = {
  ...filingTemplates,
  NUMBER_AS_NUMERIC_CELL: [
    (f) => `${f}请以文本格式填写：数字格式会丢失末尾几位，请将该列设为“文本”后重新输入`,
    (f) => `${f} must be entered as text: a number cell loses the last digits; format the column as Text and type it again`,
  ],
  CELL_ERROR: [(f, p) => `${f}是公式错误值 ${String(p.value)}，请填写实际内容`, (f, p) => `${f} is the formula error ${String(p.value)}`],
  DATE_CELL: [(f) => `${f}不是有效日期，请按 2025-01-01 或 2025/1/1 的格式填写`, (f) => `${f} is not a date such as 2025-01-01`],
  NUMBER_CELL: [(f) => `${f}应为金额数字，如 60000 或 60000.50`, (f) => `${f} must be an amount such as 60000 or 60000.50`],
  CATEGORY_CELL: [
    (f) => `${f}应为 1–7 或 视力、听力、言语、肢体、智力、精神、多重`,
    (f) => `${f} must be 1 to 7 or a category name (视力, 听力, 言语, 肢体, 智力, 精神, 多重)`,
  ],
  GRADE_CELL: [(f) => `${f}应为整数等级，如 2 或“二级”`, (f) => `${f} must be a whole grade such as 2`],
  CHOICE: [(f, p) => `${f}只能是：${list(p.choices, true)}`, (f, p) => `${f} must be one of ${list(p.choices, false)}`],
  // Problems with the file as a whole.
  FILE_TYPE: [
    (_f, p) =>
      p.legacyExcel
        ? '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV 后再上传'
        : '文件不是可读取的 Excel（.xlsx）或 CSV 文件，请使用下载的模板填写后上传',
    (_f, p) =>
      p.legacyExcel
        ? 'this is a legacy Excel (.xls) file: save it as .xlsx or CSV and upload that'
        : 'the file is not a readable Excel (.xlsx) or CSV file; fill in the downloaded template',
  ],
  FILE_TOO_COMPLEX: [
    () => '文件解压后内容过多，无法读取；请使用下载的模板，或另存为 CSV 后上传',
    () => 'the file unpacks to too much content to read; use the downloaded template or save it as CSV',
  ],
  CSV_QUOTE: [
    (_f, p) => `CSV 文件第 ${String(p.row)} 行的引号没有闭合，请检查该行`,
    (_f, p) => `the quote opened in CSV row ${String(p.row)} is never closed`,
  ],
  NO_HEADER: [() => '文件中没有表头行，请使用下载的模板填写', () => 'the file has no header row; fill in the downloaded template'],
  UNKNOWN_COLUMN: [
    (_f, p) => `第 ${String(p.row)} 行第 ${String(p.column)} 列的表头“${String(p.header)}”不是模板中的列，请删除该列或改用下载的模板`,
    (_f, p) => `the header "${String(p.header)}" (row ${String(p.row)}, column ${String(p.column)}) is not a template column`,
  ],
  MISSING_COLUMN: [
    (_f, p) => `缺少“${String(p.header)}”列，请使用下载的模板填写`,
    (_f, p) => `the column "${String(p.header)}" is missing; fill in the downloaded template`,
  ],
  DUPLICATE_COLUMN: [
    (_f, p) => `“${String(p.header)}”列出现了不止一次，请只保留一列`,
    (_f, p) => `the column "${String(p.header)}" appears more than once`,
  ],
  TOO_MANY_ROWS: [
    (_f, p) => `一次最多导入 ${String(p.max)} 名残疾职工，请分开申报或联系残联`,
    (_f, p) => `at most ${String(p.max)} employees can be imported at once`,
  ],
  // The list's limits (sheet-limits.ts) and the reading thread's: the first one a file reached, named.
  ROW_LIMIT: [
    (_f, p) => `文件用到了第 ${String(p.row)} 行，超出名单的行数上限（最多到第 ${String(p.max)} 行）；请删除名单以下多余的行（含空行中的格式）后再上传`,
    (_f, p) => `the file reaches row ${String(p.row)}, past the list's last row ${String(p.max)}; delete the rows below the list`,
  ],
  COLUMN_LIMIT: [
    (_f, p) => `文件第 ${String(p.row)} 行用到了第 ${String(p.column)} 列，超出模板的列范围（最多到 ${String(p.max)} 列）；请删除模板以外的列后再上传`,
    (_f, p) => `row ${String(p.row)} of the file reaches column ${String(p.column)}, past the template's last column ${String(p.max)}; delete the columns outside the template`,
  ],
  CELL_LIMIT: [
    (_f, p) => `文件的单元格超过 ${String(p.max)} 个，超出一份名单的上限；请使用下载的模板填写`,
    (_f, p) => `the file has more than ${String(p.max)} cells, more than a list can hold; fill in the downloaded template`,
  ],
  XML_DEPTH: [
    (_f, p) => `文件内部（${String(p.part)}）的层级嵌套超过 ${String(p.max)} 层，无法读取；请在 Excel 中另存为 .xlsx 或 CSV 后上传`,
    (_f, p) => `the file's part ${String(p.part)} nests deeper than ${String(p.max)} levels; save it again as .xlsx or CSV`,
  ],
  IMPORT_TIMEOUT: [
    (_f, p) => `读取文件超过 ${String(p.seconds)} 秒的时间上限，文件可能过大或过于复杂；请使用下载的模板，或另存为 CSV 后上传`,
    (_f, p) => `reading the file took longer than ${String(p.seconds)} s; it may be too large or complex — use the template or save it as CSV`,
  ],
  IMPORT_MEMORY: [
    (_f, p) => `读取文件所需内存超过 ${String(p.mb)} MB 的上限，文件可能过大或过于复杂；请使用下载的模板，或另存为 CSV 后上传`,
    (_f, p) => `reading the file needs more than ${String(p.mb)} MB; it may be too large or complex — use the template or save it as CSV`,
  ],
  REQUIRED: [(f) => (f === FILE_LABEL[0] ? `请选择${f}` : `请填写${f}`), (f) => `${f} is required`],
  TOO_MANY_FILES: [() => '一次只能导入一个文件', () => 'upload one file at a time'],
};

const labels: MessageCatalogue['labels'] = {
  file: FILE_LABEL,
  ...Object.fromEntries(EMPLOYEE_COLUMNS.map((c) => [c.field, [c.header, c.english] as const])),
};

export const importMessages = createFieldMessages({
  root: ['上传的内容', 'the upload'],
  labels,
  // Cells are addressed as /rows/{row number − 1}/{field}, so "第 {n} 行" is the row Excel shows.
  listItems: { rows: ['第 {n} 行', 'row {n}'] },
  templates,
});

/** The sentence for a problem with one cell: `issue.path` is ignored, the cell is given by row and field. */
export function cellMessage(issue: FieldIssue, row: number, field: string, locale: Locale): string {
  return importMessages.messageFor({ ...issue, path: `/rows/${row - 1}/${field}` }, locale);
}
