// The cells of an .xlsx's worksheets, read straight from the parts the zip guard has already unpacked
// (employee-import/zip-guard.ts): workbook.xml names the sheets, its relationships say which part each is,
// sharedStrings.xml holds the text cells. A province's history is a million cells, which exceljs's streaming reader
// takes minutes to walk on a busy two-core server; these few patterns over the SpreadsheetML the template and Excel
// write take seconds. Cells come back as the employee list's readers take them (employee-import/cell-values.ts):
// text, number, boolean, a formula's cached value, an error value; a date is its serial number, which readDate reads.
import type { Cell } from '../employee-import/cell-values.ts';
import type { SheetRow } from '../employee-import/spreadsheet.ts';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

const attributePatterns = new Map<string, RegExp>();

function attribute(tag: string, name: string): string | undefined {
  let pattern = attributePatterns.get(name);
  if (!pattern) attributePatterns.set(name, (pattern = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const match = pattern.exec(tag);
  return match ? unescapeXml(match[1] ?? match[2] ?? '') : undefined;
}

/** The text of a string item (<si>, <is>): its <t> runs joined, phonetic guides (<rPh>) left out. */
function runsText(xml: string): string {
  let text = '';
  for (const run of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += unescapeXml(run[1] ?? '');
  return text;
}

export function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si(?:\s[^>]*)?>([\s\S]*?)<\/si>|<si\s*\/>/g)].map((m) => runsText(m[1] ?? ''));
}

/** Sheet name → the part that holds it ("xl/worksheets/sheet1.xml"). */
export function sheetParts(workbookXml: string | undefined, relsXml: string | undefined): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of (relsXml ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(m[0], 'Id');
    const target = attribute(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const parts = new Map<string, string>();
  for (const m of (workbookXml ?? '').matchAll(/<sheet\b[^>]*>/g)) {
    const name = attribute(m[0], 'name');
    const id = attribute(m[0], '(?:r|[\\w]+):id');
    const part = id ? targets.get(id) : undefined;
    if (name !== undefined && part) parts.set(name, part);
  }
  return parts;
}

/** A1 → 0-based column. */
function columnOf(ref: string): number {
  let column = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column - 1;
}

function cellValue(type: string | undefined, inner: string, shared: readonly string[]): Cell {
  if (type === 'inlineStr') {
    const is = /<is(?:\s[^>]*)?>([\s\S]*?)<\/is>/.exec(inner);
    return is ? runsText(is[1] ?? '') : null;
  }
  const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner);
  if (!v) return null;
  const raw = unescapeXml(v[1] ?? '');
  switch (type) {
    case 's':
      return shared[Number(raw)] ?? null;
    case 'str':
      return raw;
    case 'b':
      return raw === '1';
    case 'e':
      return { error: raw };
    default: {
      const n = Number(raw);
      return raw.trim() === '' || Number.isNaN(n) ? raw : n;
    }
  }
}

/** Each row's cells by column (a row given without its number follows the one before). */
export function* sheetRows(xml: string, shared: readonly string[]): Generator<SheetRow> {
  let previous = 0;
  for (const row of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const number = Number(attribute(row[1] ?? '', 'r') ?? previous + 1);
    previous = number;
    const cells: Cell[] = [];
    let next = 0;
    for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = c[1] ?? '';
      const ref = attribute(attributes, 'r');
      const index = ref ? columnOf(ref) : next;
      next = index + 1;
      const value = cellValue(attribute(attributes, 't'), c[2] ?? '', shared);
      while (cells.length < index) cells.push(null);
      cells[index] = value;
    }
    yield { number, cells };
  }
}
