// How big an employee list may be, and the check of an .xlsx's XML parts against it before exceljs reads them. A
// unit's list is at most MAX_EMPLOYEES_PER_FILING people in the template's columns, so a sheet with a cell at
// column XFD or at row 1 000 000, a million cells, or XML nested hundreds deep is no list: it is refused at the
// first such mark — the sheet's declared dimension first, then each row and cell as the XML goes — instead of
// being expanded cell by cell (300 000 rows at XFD took exceljs six minutes and 2.5 GB).
import { EMPLOYEE_COLUMNS } from './employee-columns.ts';

export interface SheetLimits {
  /** Highest row number a sheet may use (CSV: records, blank lines included). */
  maxRow: number;
  /** Columns a row may use (A … the column of that number). */
  maxColumns: number;
  /** Cells (<c> elements) a sheet may hold. */
  maxCells: number;
  /** Deepest nesting of elements in any XML part of the workbook. */
  maxXmlDepth: number;
}

/** The first limit a file reached, as an issue at /file: the code names the limit, the params the place. */
export type LimitBreach =
  | { code: 'ROW_LIMIT'; params: { row: number; max: number } }
  | { code: 'COLUMN_LIMIT'; params: { row: number; column: string; max: string } }
  | { code: 'CELL_LIMIT'; params: { max: number } }
  | { code: 'XML_DEPTH'; params: { part: string; max: number } };

// Room below the list for blank or deleted rows that a spreadsheet still writes.
const SPARE_ROWS = 1000;
// Room beside the template's columns for an empty or note column a person added.
const SPARE_COLUMNS = 12;
// A worksheet's XML is four or five deep (worksheet/sheetData/row/c/is/r/t); styles and drawings a little more.
const MAX_XML_DEPTH = 32;

export function sheetLimitsFor(maxEmployees: number): SheetLimits {
  const maxRow = maxEmployees + 1 + SPARE_ROWS;
  const maxColumns = EMPLOYEE_COLUMNS.length + SPARE_COLUMNS;
  return { maxRow, maxColumns, maxCells: (maxEmployees + 2) * maxColumns, maxXmlDepth: MAX_XML_DEPTH };
}

/** Excel's column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A1-style reference → 1-based column and row (0 where absent). */
function parseReference(ref: string): { column: number; row: number } {
  const match = /^\$?([A-Za-z]{0,7})\$?(\d{0,10})$/.exec(ref.trim());
  if (!match) return { column: 0, row: 0 };
  let column = 0;
  for (const letter of match[1]!.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { column, row: Number(match[2] || 0) };
}

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;
// Enough of a start tag to hold its name and the r/ref attribute; the rest of a long tag is not looked at.
const TAG_HEAD_BYTES = 256;

const END_OF = (text: string) => Buffer.from(text, 'latin1');
const COMMENT_END = END_OF('-->');
const CDATA_END = END_OF(']]>');

const ATTRIBUTES = { r: /\sr\s*=\s*["']([^"']*)["']/, ref: /\sref\s*=\s*["']([^"']*)["']/ };

function attribute(head: string, name: keyof typeof ATTRIBUTES): string | undefined {
  return ATTRIBUTES[name].exec(head)?.[1];
}

/**
 * The first limit `xml` (one part of the zip) reaches, or undefined. Every part is held to the nesting depth; a
 * worksheet (`worksheet` true) also to rows, columns and cells, including rows and cells that give no reference
 * (they follow the one before). A byte scan, not a parser: it only has to find where a tag starts and ends.
 */
export function scanXmlPart(xml: Buffer, part: string, worksheet: boolean, limits: SheetLimits): LimitBreach | undefined {
  const columnBreach = (row: number, column: number): LimitBreach => ({ code: 'COLUMN_LIMIT', params: { row, column: columnLetter(column - 1), max: columnLetter(limits.maxColumns - 1) } });
  let depth = 0;
  let row = 0;
  let column = 0;
  let cells = 0;
  for (let at = xml.indexOf(LT); at >= 0 && at < xml.length; at = xml.indexOf(LT, at)) {
    const next = xml[at + 1];
    if (next === SLASH) {
      depth--;
      at = xml.indexOf(GT, at) + 1 || xml.length;
      continue;
    }
    if (next === BANG || next === QUESTION) {
      const comment = xml[at + 2] === 0x2d;
      const cdata = xml[at + 2] === 0x5b;
      const end = comment ? xml.indexOf(COMMENT_END, at + 4) : cdata ? xml.indexOf(CDATA_END, at + 3) : xml.indexOf(GT, at);
      at = end < 0 ? xml.length : end + 1;
      continue;
    }
    // A start tag: its end is the first > outside quoted attribute values.
    let end = at + 1;
    for (let quote = 0; end < xml.length; end++) {
      const c = xml[end]!;
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === QUOTE || c === APOSTROPHE) quote = c;
      else if (c === GT) break;
    }
    const selfClosing = xml[end - 1] === SLASH;
    if (!selfClosing && ++depth > limits.maxXmlDepth) return { code: 'XML_DEPTH', params: { part, max: limits.maxXmlDepth } };
    if (worksheet) {
      const head = xml.toString('latin1', at + 1, Math.min(end, at + 1 + TAG_HEAD_BYTES));
      const name = /^[^\s/>]*/.exec(head)![0].replace(/^.*:/, '');
      if (name === 'dimension') {
        // The sheet's own claim of its used range, before any row: "A1:XFD300000" is refused here, at once.
        const last = parseReference((attribute(head, 'ref') ?? '').split(':').pop() ?? '');
        if (last.column > limits.maxColumns) return columnBreach(last.row, last.column);
        if (last.row > limits.maxRow) return { code: 'ROW_LIMIT', params: { row: last.row, max: limits.maxRow } };
      } else if (name === 'row') {
        const r = Number(attribute(head, 'r'));
        row = Number.isInteger(r) && r > 0 ? r : row + 1;
        column = 0;
        if (row > limits.maxRow) return { code: 'ROW_LIMIT', params: { row, max: limits.maxRow } };
      } else if (name === 'c') {
        if (++cells > limits.maxCells) return { code: 'CELL_LIMIT', params: { max: limits.maxCells } };
        const ref = attribute(head, 'r');
        const at = ref === undefined ? { column: column + 1, row } : parseReference(ref);
        column = at.column;
        if (at.row > limits.maxRow) return { code: 'ROW_LIMIT', params: { row: at.row, max: limits.maxRow } };
        if (column > limits.maxColumns) return columnBreach(at.row || row, column);
      }
    }
    at = end + 1;
  }
  return undefined;
}
