// CSV as people's spreadsheets write it: UTF-8 (with or without BOM) or, from Chinese Excel, GB18030/GBK;
// fields per RFC 4180 (commas, "quoted" fields with "" inside and line breaks, CRLF or LF).
import { columnLetter, type LimitBreach, type SheetLimits } from './sheet-limits.ts';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** The text of a CSV file: UTF-8 when the bytes are valid UTF-8, otherwise GB18030 (a superset of GBK). */
export function decodeCsv(bytes: Uint8Array): string {
  const withoutBom = UTF8_BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(UTF8_BOM.length) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(withoutBom);
  } catch {
    // "Save as CSV" in Chinese Excel writes the ANSI code page, i.e. GBK; GB18030 reads all of it.
    return new TextDecoder('gb18030').decode(withoutBom);
  }
}

/** Bytes that no text file holds (NUL, other control characters): an image or a binary format. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  for (const b of sample) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return true;
  return false;
}

export type CsvParse = { ok: true; records: string[][] } | { ok: false; code: 'CSV_QUOTE'; record: number } | { ok: false; code: 'LIMIT'; breach: LimitBreach };

/** Bounds a parse stops at: more records (blank lines included) or more fields in one record than a list has. */
export type CsvLimits = Pick<SheetLimits, 'maxRow' | 'maxColumns'>;

/**
 * Splits CSV text into records of fields (RFC 4180). A quote left open to the end of the file is an error naming
 * the record it began in; a stray quote inside an unquoted field is kept as text, as Excel does. Parsing stops at
 * the first record past `limits.maxRow` or field past `limits.maxColumns` (a file of blank lines is not a list).
 */
export function parseCsv(text: string, limits: CsvLimits = { maxRow: Infinity, maxColumns: Infinity }): CsvParse {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  let breach: LimitBreach | undefined;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStart = true;
    if (record.length > limits.maxColumns) {
      breach ??= { code: 'COLUMN_LIMIT', params: { row: records.length + 1, column: columnLetter(record.length - 1), max: columnLetter(limits.maxColumns - 1) } };
    }
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    if (!breach && fieldStart && record.length === 0 && records.length >= limits.maxRow) breach = { code: 'ROW_LIMIT', params: { row: records.length + 1, max: limits.maxRow } };
    if (breach) return { ok: false, code: 'LIMIT', breach };
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += c;
      fieldStart = false;
    }
    i++;
  }
  if (quoted) return { ok: false, code: 'CSV_QUOTE', record: records.length + 1 };
  // The last line usually ends with a line break; only a non-empty remainder is one more record.
  if (field !== '' || record.length > 0) endRecord();
  return breach ? { ok: false, code: 'LIMIT', breach } : { ok: true, records };
}

/** One CSV line: fields quoted only when they must be. */
export function csvLine(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',') + '\r\n';
}
