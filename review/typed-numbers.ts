// The lists of numbers people type in the dispute and manual-review forms: declared employees by their 1-based
// position ("1,3、5") and months of the review year ("1-6,9"). Commas may be ASCII or Chinese (，、), ranges any
// dash a Chinese keyboard gives. Parsing only reads the text; what the numbers may be is the caller's check.

const SEPARATORS = /[,，、]/;
const RANGE = /^(\d{1,2})\s*[-－~～]\s*(\d{1,2})$/;
const NUMBERS = /^\s*\d{1,4}(\s*[,，、]\s*\d{1,4})*\s*$/;

/** The employee numbers as typed, in order, repeats kept; undefined when the text is not a list of numbers. */
export function parseEmployeeNumbers(text: string): number[] | undefined {
  if (!NUMBERS.test(text)) return undefined;
  return text.split(SEPARATORS).map((part) => Number(part.trim()));
}

/** The numbers that occur more than once, each named once, ascending. */
export function repeatedNumbers(numbers: readonly number[]): number[] {
  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const n of numbers) (seen.has(n) ? repeated : seen).add(n);
  return [...repeated].sort((a, b) => a - b);
}

/** "1,3" — distinct, ascending, ASCII commas: the one way the process variable spells a list. */
export function normalisedNumbers(numbers: readonly number[]): string {
  return [...new Set(numbers)].sort((a, b) => a - b).join(',');
}

export type MonthList = { ok: true; months: number[] } | { ok: false; problem: 'format' | 'range'; parts: string[] };

/**
 * The months (1–12) a list like "1-6,9" names, distinct and ascending. `range` names the parts outside 1–12 or
 * running backwards ("13", "9-3").
 */
export function parseMonthList(text: string): MonthList {
  const parts = text.split(SEPARATORS).map((p) => p.trim());
  const months = new Set<number>();
  const format: string[] = [];
  const range: string[] = [];
  for (const part of parts) {
    const span = RANGE.exec(part);
    const [from, to] = span ? [Number(span[1]), Number(span[2])] : /^\d{1,2}$/.test(part) ? [Number(part), Number(part)] : [NaN, NaN];
    if (Number.isNaN(from)) format.push(part);
    else if (from < 1 || to > 12 || from > to) range.push(part);
    else for (let m = from; m <= to; m += 1) months.add(m);
  }
  if (format.length > 0) return { ok: false, problem: 'format', parts: format };
  if (range.length > 0) return { ok: false, problem: 'range', parts: range };
  return { ok: true, months: [...months].sort((a, b) => a - b) };
}

/** The review year's months as YYYY-MM. */
export function monthKeys(year: number, months: readonly number[]): string[] {
  return months.map((m) => `${year}-${String(m).padStart(2, '0')}`);
}
