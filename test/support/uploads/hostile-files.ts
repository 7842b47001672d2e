// Hostile employee lists, made in the test and small on the wire: .xlsx archives written here byte by byte (so an
// entry can declare a size it does not have, or hold a sheet no spreadsheet program would write), and CSV text.
import { deflated, zip } from '../hostile/payloads.ts';

interface Entry {
  name: string;
  data: Buffer;
  /** The unpacked size the archive declares (default: the real one). */
  declaredSize?: number;
}

/** A zip archive of deflated entries (the hostile-input suite's builder). */
function zipOf(entries: Entry[]): Buffer {
  return zip(entries.map(({ name, data, declaredSize }) => ({ ...deflated(name, data), ...(declaredSize !== undefined ? { size: declaredSize } : {}) })));
}

const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`, 'utf8');
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook of one sheet named 残疾职工名单 whose sheet1.xml is `sheet`; `extra` entries are added as given. */
export function workbookOf(sheet: Buffer, extra: Entry[] = []): Buffer {
  return zipOf([
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    { name: '_rels/.rels', data: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: xml(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="残疾职工名单" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
    ...extra,
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ]);
}

/** sheet1.xml around `rows` (the <row> elements), with a <dimension> when given. */
export function sheetXml(rows: string, dimension?: string): Buffer {
  return xml(`<worksheet xmlns="${MAIN}">${dimension ? `<dimension ref="${dimension}"/>` : ''}<sheetData>${rows}</sheetData></worksheet>`);
}

const repeat = (count: number, line: (n: number) => string) => Array.from({ length: count }, (_v, i) => line(i + 1)).join('');

/** What a user sent: 300 000 rows, one number cell each at column XFD, no dimension to warn of it. */
export const rowsAtXfd = (rows = 300_000) => workbookOf(sheetXml(repeat(rows, (n) => `<row r="${n}"><c r="XFD${n}"><v>${n}</v></c></row>`)));

/** 1 000 000 rows without a cell (what a sheet formatted far down holds), and no dimension. */
export const sparseRows = (rows = 1_000_000) => workbookOf(sheetXml(repeat(rows, (n) => `<row r="${n}"/>`)));

/** A few cells, but a dimension declaring the sheet used down to Excel's last row. */
export const declaredDeep = () => workbookOf(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>', 'A1:R1048576'));

/** One row with a cell in every column, A to XFD. */
export const wideRow = () => {
  const letters = (index: number) => {
    let s = '';
    for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  return workbookOf(sheetXml(`<row r="1">${repeat(16_384, (n) => `<c r="${letters(n)}1"><v>1</v></c>`)}</row>`));
};

/** sheet1.xml nested 100 000 elements deep inside its first cell. */
export const deepXml = (depth = 100_000) => workbookOf(sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is>${'<r>'.repeat(depth)}${'</r>'.repeat(depth)}</is></c></row>`));

/** A shared-strings part that honestly declares 64 MB of spaces (some 60 KB packed; the limit is 32 MiB). */
export const zipBomb = () => workbookOf(sheetXml(''), [{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(64 * 1024 * 1024, 0x20) }]);

/** The same 64 MB, but declaring 1 KB: the lie is caught as it unpacks. */
export const lyingZipBomb = () => workbookOf(sheetXml(''), [{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(64 * 1024 * 1024, 0x20), declaredSize: 1024 }]);

/** 10 MB of line breaks as a CSV. */
export const newlinesCsv = (bytes = 10_000_000) => Buffer.alloc(bytes, 0x0a);

/** One CSV line of 200 000 empty fields. */
export const wideCsv = () => Buffer.from(`${','.repeat(200_000)}\r\n`);
