// How one spreadsheet cell becomes one declaration value. Cells arrive as Excel keeps them (text, number, date,
// formula error) or as CSV text; each reader accepts the ways people really type a value and names what is wrong
// otherwise. Whether the value is then acceptable (check digits, ranges) is the filing's rules' business, not this.

/** A cell as read from the file: Excel's own types, or text from a CSV. */
export type Cell = string | number | boolean | Date | { error: string } | null;

export type CellRead<T> =
  | { ok: true; value: T | undefined } // undefined: the cell is empty
  | { ok: false; code: string; params?: Record<string, unknown> };

export type CellReader = (cell: Cell) => CellRead<string | number | boolean>;

const empty = { ok: true, value: undefined } as const;
const value = <T>(v: T): CellRead<T> => ({ ok: true, value: v });
const problem = (code: string, params?: Record<string, unknown>): CellRead<never> =>
  params ? { ok: false, code, params } : { ok: false, code };

/** Full-width ASCII (１２３Ｘ－) to half-width: Chinese input methods type these in number and code fields. */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Trimmed text without the invisible characters copy-paste brings along (zero-width, no-break spaces). */
export function cleanText(text: string): string {
  return text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/[\u00a0\u3000]/g, ' ').trim();
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** A date cell's calendar day. Excel dates carry the wall-clock day in their UTC fields. */
function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** What a cell shows as text; an error value has no text. */
function asText(cell: Exclude<Cell, { error: string }>): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cleanText(cell);
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return dayOf(cell);
}

function isError(cell: Cell): cell is { error: string } {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

/** Wraps a reader so formula errors (#N/A, #REF!) are reported as such instead of being taken as text. */
function guarded<T>(read: (cell: Exclude<Cell, { error: string }>) => CellRead<T>): (cell: Cell) => CellRead<T> {
  return (cell) => (isError(cell) ? problem('CELL_ERROR', { value: cell.error }) : read(cell));
}

/** Free text (names, job posts): trimmed, otherwise as typed. */
export const readText = guarded((cell) => {
  const text = asText(cell);
  return text === '' ? empty : value(text);
});

/** A code or number written as text (region code, phone): half-width, spaces inside removed. */
export const readCode = guarded((cell) => {
  const text = halfWidth(asText(cell)).replace(/\s+/g, '');
  return text === '' ? empty : value(text);
});

/**
 * A long personal number (ID, certificate). Excel keeps only 15 significant digits of a number, so an 18- or
 * 20-digit number typed into a number cell comes back with zeros at the end: refuse it and say how to fix it.
 * `length` and `isValid` recognise the same damage in CSV text ("3.30106E+17", or the digits ending in zeros).
 */
export function readPersonalNumber(length: number, isValid: (text: string) => boolean): (cell: Cell) => CellRead<string> {
  return guarded((cell) => {
    if (typeof cell === 'number') return problem('NUMBER_AS_NUMERIC_CELL');
    const text = halfWidth(asText(cell)).replace(/\s+/g, '');
    if (text === '') return empty;
    if (/^\d(\.\d+)?E\+?\d+$/i.test(text)) return problem('NUMBER_AS_NUMERIC_CELL');
    if (text.length === length && /^\d{15}0+$/.test(text) && !isValid(text)) return problem('NUMBER_AS_NUMERIC_CELL');
    return value(text);
  });
}

// Excel serial days: 1 is 1900-01-01 and 25569 is 1970-01-01 (Excel counts a 29 February 1900 that never was).
const EXCEL_EPOCH_OFFSET = 25569;
const DAY_MS = 86_400_000;
// Serials of 1950-01-01 and 2099-12-31: a bare number outside them is not a date anyone meant (2025 is a year).
const SERIAL_FROM = 18264;
const SERIAL_TO = 73050;
const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/** A date: an Excel date cell, YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, YYYYMMDD, or an Excel serial number. */
export const readDate = guarded((cell): CellRead<string> => {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? problem('DATE_CELL') : value(dayOf(cell));
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= SERIAL_FROM && cell <= SERIAL_TO) {
      return value(new Date((cell - EXCEL_EPOCH_OFFSET) * DAY_MS).toISOString().slice(0, 10));
    }
    if (Number.isInteger(cell) && cell >= 10000101 && cell <= 99991231) return readDate(String(cell));
    return problem('DATE_CELL');
  }
  const text = halfWidth(asText(cell));
  if (text === '') return empty;
  const match = DATE_TEXT.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const iso = match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  return iso ? value(iso) : problem('DATE_CELL');
});

/** An amount in yuan: a number cell, or text such as "60,000.00", "60000元", "￥60000"; rounded to fen. */
export const readMoney = guarded((cell): CellRead<number> => {
  if (typeof cell === 'number') return Number.isFinite(cell) ? value(Math.round(cell * 100) / 100) : problem('NUMBER_CELL');
  const text = halfWidth(asText(cell)).replace(/[\s,¥￥]|元$/g, '');
  if (text === '') return empty;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return problem('NUMBER_CELL');
  return value(Math.round(Number(text) * 100) / 100);
});

const CHINESE_NUMERALS: Readonly<Record<string, number>> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10,
};

/**
 * A small whole number that people also write in words: "3", "三级", "肢体", "肢体残疾". `names` maps words to
 * numbers; `suffixes` are dropped first. A number out of range is passed on for the filing's rules to report.
 */
export function readWholeNumber(
  names: Readonly<Record<string, number>>,
  suffixes: readonly string[],
  code: string,
): (cell: Cell) => CellRead<number> {
  return guarded((cell) => {
    if (typeof cell === 'number') return Number.isInteger(cell) ? value(cell) : problem(code);
    let text = halfWidth(asText(cell)).replace(/\s+/g, '');
    if (text === '') return empty;
    for (const suffix of suffixes) if (text.length > suffix.length && text.endsWith(suffix)) text = text.slice(0, -suffix.length);
    if (/^\d{1,3}$/.test(text)) return value(Number(text));
    const named = names[text] ?? CHINESE_NUMERALS[text];
    return named === undefined ? problem(code) : value(named);
  });
}

export interface Choice {
  code: string;
  /** The label shown in the template; then other ways people write it. */
  labels: readonly [string, ...string[]];
}

/** One of a list: by its label or one of its other names (spaces and width ignored), or by its code. */
export function readChoice(choices: readonly Choice[]): (cell: Cell) => CellRead<string> {
  const key = (text: string) => halfWidth(text).replace(/\s+/g, '').toLowerCase();
  const byKey = new Map<string, string>();
  for (const choice of choices) for (const name of [choice.code, ...choice.labels]) byKey.set(key(name), choice.code);
  const shown = choices.map((c) => c.labels[0]);
  return guarded((cell) => {
    const text = asText(cell);
    if (text === '') return empty;
    const code = byKey.get(key(text));
    return code === undefined ? problem('CHOICE', { choices: shown }) : value(code);
  });
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗']);

/** A yes-or-no answer: 是/否 as the template offers, an Excel TRUE/FALSE, or the ways people abbreviate them. */
export const readYesNo = guarded((cell): CellRead<boolean> => {
  const text = halfWidth(asText(cell)).replace(/\s+/g, '').toLowerCase();
  if (text === '') return empty;
  if (YES.has(text)) return value(true);
  if (NO.has(text)) return value(false);
  return problem('CHOICE', { choices: ['是', '否'] });
});
