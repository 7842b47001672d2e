// Reads an uploaded spreadsheet into rows of cells, whatever the file's name says: an .xlsx is recognised by its
// content (a zip archive), anything else must be CSV text. Only the non-empty rows are kept, each with the row
// number Excel shows, and reading stops collecting past `maxRows` so an enormous sheet costs no memory. Before
// any of it, the file is held to the list's limits (sheet-limits.ts): the first row, column, cell count or XML
// nesting past them ends the reading with that limit named.
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { Cell } from './cell-values.ts';
import { decodeCsv, looksBinary, parseCsv } from './csv.ts';
import { scanXmlPart, type LimitBreach, type SheetLimits } from './sheet-limits.ts';
import { checkZip } from './zip-guard.ts';

export { columnLetter } from './sheet-limits.ts';

export interface SheetRow {
  /** The row number Excel shows (CSV: the record number). */
  number: number;
  /** Cells by column, from 0. */
  cells: Cell[];
}

export type SheetRead =
  | { ok: true; rows: SheetRow[]; truncated: boolean }
  | { ok: false; code: 'FILE_TYPE' | 'FILE_TOO_COMPLEX' | 'CSV_QUOTE'; params?: Record<string, unknown> }
  | ({ ok: false } & LimitBreach);

export interface ReadOptions {
  sheetName: string;
  /** Non-empty rows to collect (header included); one more marks the read `truncated`. */
  maxRows: number;
  limits: SheetLimits;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const; // "PK\3\4"
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0] as const; // legacy .xls (and other Office 97 files)
// A full 2 000-row list unpacks to a few MB; the bound leaves room for styles and pasted pictures.
export const ZIP_LIMITS = { maxEntries: 1000, maxUnzippedBytes: 32 * 1024 * 1024 };
// Unanchored like exceljs's own test of an entry's path, so that no entry it reads as a sheet escapes the limits.
const WORKSHEET_PART = /xl\/worksheets\/[^/]*\.xml/i;
const XML_PART = /\.(xml|rels)$/i;

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

function isEmptyRow(cells: readonly Cell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** Collects non-empty rows up to a limit, remembering whether more were seen. */
class RowCollector {
  rows: SheetRow[] = [];
  truncated = false;
  constructor(private readonly limit: number) {}
  add(row: SheetRow): void {
    if (isEmptyRow(row.cells)) return;
    if (this.rows.length < this.limit) this.rows.push(row);
    else this.truncated = true;
  }
}

/** An exceljs cell value as a plain cell: rich text joined, a formula's cached result, an error value kept as such. */
export function plainCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text?: string }[]; result?: unknown; error?: unknown; text?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text ?? '').join('');
    if ('result' in v) return plainCell(v.result);
    if (typeof v.error === 'string') return { error: v.error };
    if (typeof v.text === 'string') return v.text;
  }
  return null;
}

/**
 * The rows of the sheet named `sheetName`, or of the workbook's first sheet when none has that name. Read as a
 * stream: the whole-workbook loader expands every data-validation range and merged area cell by cell, which
 * a few whole-column rules (D1:D1048576) turn into tens of seconds and most of a gigabyte per upload.
 */
async function readXlsx(bytes: Buffer, { sheetName, maxRows: limit, limits }: ReadOptions): Promise<SheetRead> {
  const guard = checkZip(bytes, ZIP_LIMITS, (name, data) => (XML_PART.test(name) ? scanXmlPart(data, name, WORKSHEET_PART.test(name), limits) : undefined));
  if (guard === 'too_large') return { ok: false, code: 'FILE_TOO_COMPLEX' };
  if (guard === 'malformed') return { ok: false, code: 'FILE_TYPE' };
  if (guard !== 'ok') return { ok: false, ...guard.refused };

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // date formats: without them a date cell reads as its serial number
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let named: RowCollector | undefined;
  let first: { order: number; rows: RowCollector } | undefined;
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      const { name, id } = sheet as unknown as { name?: string; id?: number };
      // The workbook's own sheet order; zip order is only a stand-in when workbook.xml has not been read.
      const order = (reader as unknown as { model?: { sheets?: { id: number }[] } }).model?.sheets?.findIndex((s) => s.id === id) ?? -1;
      const rank = order >= 0 ? order : 1000 + sheets;
      const wanted = name === sheetName;
      const candidate = !named && (!first || rank < first.order);
      const rows = new RowCollector(limit);
      // Every sheet is read to its end, even one not wanted, so the reader's temp files are removed.
      for await (const row of sheet) {
        if (!wanted && !candidate) continue;
        const values = (row.values ?? []) as unknown[];
        rows.add({ number: row.number, cells: values.slice(1).map(plainCell) });
      }
      if (wanted) named = rows;
      else if (candidate) first = { order: rank, rows };
    }
  } catch {
    return { ok: false, code: 'FILE_TYPE' };
  }
  const chosen = named ?? first?.rows;
  if (!chosen) return { ok: false, code: 'FILE_TYPE' }; // a zip with no worksheet: .docx, .ods, an archive
  return { ok: true, rows: chosen.rows, truncated: chosen.truncated };
}

function readCsvText(bytes: Buffer, { maxRows: limit, limits }: ReadOptions): SheetRead {
  if (looksBinary(bytes)) return { ok: false, code: 'FILE_TYPE' };
  const parsed = parseCsv(decodeCsv(bytes), limits);
  if (!parsed.ok) return parsed.code === 'LIMIT' ? { ok: false, ...parsed.breach } : { ok: false, code: 'CSV_QUOTE', params: { row: parsed.record } };
  const rows = new RowCollector(limit);
  parsed.records.forEach((fields, i) => rows.add({ number: i + 1, cells: fields }));
  return { ok: true, rows: rows.rows, truncated: rows.truncated };
}

/** Reads at most `maxRows` non-empty rows (header included); `truncated` tells that the file has more. */
export async function readSpreadsheet(bytes: Buffer, options: ReadOptions): Promise<SheetRead> {
  if (startsWith(bytes, ZIP_MAGIC)) return readXlsx(bytes, options);
  if (startsWith(bytes, OLE_MAGIC)) return { ok: false, code: 'FILE_TYPE', params: { legacyExcel: true } };
  return readCsvText(bytes, options);
}
