// Reads the history workbook's two sheets (单位年度, 残疾职工) into rows of cells, after the same guard an employee
// list passes (employee-import/: the zip checked as it is unpacked, every XML part held to the sheet limits), with
// limits sized for a province's history: up to MAX_UNIT_ROWS unit-years and MAX_EMPLOYEE_ROWS employees. The parts
// the guard unpacked are read directly (sheet-xml.ts). Only .xlsx: the history has two sheets, which CSV cannot carry.
import type { Cell } from '../employee-import/cell-values.ts';
import { scanXmlPart, type LimitBreach, type SheetLimits } from '../employee-import/sheet-limits.ts';
import type { SheetRow } from '../employee-import/spreadsheet.ts';
import { checkZip } from '../employee-import/zip-guard.ts';
import { EMPLOYEE_SHEET_NAME, HISTORY_EMPLOYEE_COLUMNS, UNIT_COLUMNS, UNIT_SHEET_NAME } from './history-columns.ts';
import { sharedStrings, sheetParts, sheetRows } from './sheet-xml.ts';

export const MAX_UNIT_ROWS = 200_000;
export const MAX_EMPLOYEE_ROWS = 400_000;

const SPARE_ROWS = 1000;
const SPARE_COLUMNS = 12;
const MAX_XML_DEPTH = 32;
const widest = Math.max(UNIT_COLUMNS.length, HISTORY_EMPLOYEE_COLUMNS.length + 2) + SPARE_COLUMNS;
export const HISTORY_SHEET_LIMITS: SheetLimits = {
  maxRow: MAX_EMPLOYEE_ROWS + 1 + SPARE_ROWS,
  maxColumns: widest,
  maxCells: (MAX_EMPLOYEE_ROWS + 2) * widest,
  maxXmlDepth: MAX_XML_DEPTH,
};
// 100 000 unit-years with their employees unpack to well under 100 MB; the bound keeps a zip bomb out.
const ZIP_LIMITS = { maxEntries: 1000, maxUnzippedBytes: 384 * 1024 * 1024 };
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0] as const;
const WORKSHEET_PART = /xl\/worksheets\/[^/]*\.xml/i;
const XML_PART = /\.(xml|rels)$/i;
const KEPT_PARTS = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml']);

export type WorkbookRead =
  | { ok: true; units: SheetRow[]; employees: SheetRow[] | undefined; tooManyRows: boolean }
  | { ok: false; code: 'FILE_TYPE' | 'FILE_TOO_COMPLEX' | 'NO_UNIT_SHEET'; params?: Record<string, unknown> }
  | ({ ok: false } & LimitBreach);

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const isEmptyRow = (cells: readonly Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/** The non-empty rows of the sheets named 单位年度 and 残疾职工 (the latter undefined when the workbook has none). */
export async function readHistoryWorkbook(bytes: Buffer): Promise<WorkbookRead> {
  if (startsWith(bytes, OLE_MAGIC)) return { ok: false, code: 'FILE_TYPE', params: { legacyExcel: true } };
  if (!startsWith(bytes, ZIP_MAGIC)) return { ok: false, code: 'FILE_TYPE' };
  // The parts this reader needs, kept as the guard unpacks them (each once, within its limits).
  const entries = new Map<string, string>();
  const guard = checkZip(bytes, ZIP_LIMITS, (name, data) => {
    if (!XML_PART.test(name)) return undefined;
    const breach = scanXmlPart(data, name, WORKSHEET_PART.test(name), HISTORY_SHEET_LIMITS);
    if (!breach && (WORKSHEET_PART.test(name) || KEPT_PARTS.has(name))) entries.set(name, data.toString('utf8'));
    return breach;
  });
  if (guard === 'too_large') return { ok: false, code: 'FILE_TOO_COMPLEX' };
  if (guard === 'malformed') return { ok: false, code: 'FILE_TYPE' };
  if (guard !== 'ok') return { ok: false, ...guard.refused };

  let units: SheetRow[] | undefined;
  let employees: SheetRow[] | undefined;
  let tooManyRows = false;
  try {
    const parts = sheetParts(entries.get('xl/workbook.xml'), entries.get('xl/_rels/workbook.xml.rels'));
    const shared = sharedStrings(entries.get('xl/sharedStrings.xml'));
    const read = (name: string, limit: number): SheetRow[] | undefined => {
      const part = parts.get(name);
      const xml = part ? entries.get(part) : undefined;
      if (xml === undefined) return undefined;
      const rows: SheetRow[] = [];
      for (const row of sheetRows(xml, shared)) {
        if (isEmptyRow(row.cells)) continue;
        if (rows.length < limit) rows.push(row);
        else tooManyRows = true;
      }
      return rows;
    };
    units = read(UNIT_SHEET_NAME, MAX_UNIT_ROWS + 1);
    employees = read(EMPLOYEE_SHEET_NAME, MAX_EMPLOYEE_ROWS + 1);
  } catch {
    return { ok: false, code: 'FILE_TYPE' };
  }
  if (!units) return { ok: false, code: 'NO_UNIT_SHEET' };
  return { ok: true, units, employees, tooManyRows };
}
