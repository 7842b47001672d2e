// The certification confirmation as a PDF the employer prints (年审认证确认书): one A4 page with the unit, the
// year, the certified and the required number, the issue date, the verification code with the public page where
// anyone can check it, and a place for the reviewing office's seal. Every word on it is Chinese, printed in a CJK
// font (certificate-font.ts). The code and the address are each printed on one line, never wrapped, so that what
// is copied from the PDF or typed from the paper is exactly the string.
import { chinaDateOf } from '../platform/china-date.ts';
import type { CertificateFont } from './certificate-font.ts';
import { openCjkPdf } from './cjk-pdf.ts';
import type { Certificate } from './certificate-store.ts';

export const CERTIFICATE_TITLE = '残疾人按比例就业年审认证确认书';
const CODE_LABEL = '确认书编号（验证码）';
const VERIFY_LABEL = '核验网址';
const SEAL_MARK = '（盖章）';
const SEAL_LABEL = '出具单位';
/** The seal's place: an official round seal is 42 mm across (≈119 pt). */
const SEAL_SIZE = 132;

export interface CertificatePdfInput {
  certificate: Certificate;
  /** `<base>/verify/<code>` */
  verifyUrl: string;
  /** Who reviewed, e.g. 杭州市西湖区残疾人联合会; omitted when not known. */
  reviewingOffice?: string;
  font: CertificateFont;
}

/** 2026-12-01T03:00:00Z → 2026年12月1日 (the date in China). */
export function chineseDate(instant: string): string {
  const [year, month, day] = chinaDateOf(new Date(instant)).split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** Counts as certified: always two decimals (3 → 3.00). */
export function twoDecimals(count: number): string {
  return count.toFixed(2);
}

function lines(input: CertificatePdfInput): { rows: [string, string][]; statement: string; notes: string[] } {
  const { certificate: c, reviewingOffice } = input;
  const rows: [string, string][] = [
    ['单位名称', c.employerName],
    ['统一社会信用代码', c.employerUscc],
    ['年审年度', `${c.year}年度`],
    ['应安排残疾人就业人数', `${twoDecimals(c.requiredCount)} 人`],
    ['认定安排残疾人就业人数', `${twoDecimals(c.certifiedCount)} 人`],
    ...(reviewingOffice ? [['审核单位', reviewingOffice] as [string, string]] : []),
    ['出具日期', chineseDate(c.issuedAt)],
  ];
  const statement =
    `经残疾人联合会审核并经单位确认，${c.employerName}${c.year}年度按比例安排残疾人就业情况已完成年审认证，` +
    `认定安排残疾人就业人数为 ${twoDecimals(c.certifiedCount)} 人。特此确认。`;
  const notes = [
    '本确认书的真伪及是否为该单位现行有效的确认书，任何人均可访问上列核验网址，或在核验页面输入验证码查询。',
    '单位年审认证后经反馈重新审核并再次认证的，以最近一次出具的确认书为准。',
  ];
  return { rows, statement, notes };
}

/**
 * Prints `text` on one line at (x, y), never wrapped or hyphenated, in the largest size up to `size` that fits
 * `width` (down to 6 pt); leaves doc.y below it.
 */
function oneLine(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, size: number): void {
  let fitted = size;
  while (fitted > 6 && doc.fontSize(fitted).widthOfString(text) > width) fitted -= 0.5;
  doc.fontSize(fitted).text(text, x, y, { lineBreak: false });
  doc.y = y + doc.currentLineHeight();
}

/** The PDF's bytes. Throws CertificateFontMissing when the font cannot print a character of it. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const { certificate: c, font } = input;
  const { rows, statement, notes } = lines(input);
  const sequence = c.sequence > 1 ? `（第${c.sequence}次认证）` : '';
  const everything = [CERTIFICATE_TITLE, sequence, ...rows.flat(), CODE_LABEL, c.code, VERIFY_LABEL, input.verifyUrl, statement, ...notes, SEAL_MARK, SEAL_LABEL].join('');
  const issued = new Date(c.issuedAt);
  // A character without a glyph would print as an empty box on an official paper: refused there instead.
  const pdf = openCjkPdf(font, everything, {
    margins: { top: 72, bottom: 60, left: 72, right: 72 },
    info: { Title: `${CERTIFICATE_TITLE}（${c.code}）`, Subject: `${c.employerName} ${c.year}年度`, CreationDate: issued, ModDate: issued },
  });
  const { doc } = pdf;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  doc.fontSize(22).text(CERTIFICATE_TITLE, { align: 'center', width });
  if (sequence) doc.moveDown(0.3).fontSize(13).text(sequence, { align: 'center', width });
  doc.moveDown(1.5);

  // The facts as a two-column table with rules between rows; the code's row last, on one line.
  const labelWidth = 170;
  doc.fontSize(12);
  doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.8).stroke();
  const rule = () => doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.5).stroke();
  for (const [label, value] of rows) {
    const top = doc.y + 9;
    doc.text(label, left + 6, top, { width: labelWidth - 12 });
    const afterLabel = doc.y;
    doc.text(value, left + labelWidth, top, { width: width - labelWidth - 6 });
    doc.y = Math.max(afterLabel, doc.y) + 9;
    rule();
  }
  const codeTop = doc.y + 9;
  doc.fontSize(12).text(CODE_LABEL, left + 6, codeTop, { width: labelWidth - 12 });
  oneLine(doc, c.code, left + labelWidth, codeTop, width - labelWidth - 6, 12);
  doc.y = Math.max(doc.y, codeTop + 14) + 9;
  rule();
  // The address across the whole width, its own line, smaller where it is long.
  const verifyTop = doc.y + 9;
  doc.fontSize(12).text(VERIFY_LABEL, left + 6, verifyTop, { width: labelWidth - 12 });
  oneLine(doc, input.verifyUrl, left + 6, doc.y + 4, width - 12, 11);
  doc.y += 9;
  rule();

  doc.moveDown(1.5);
  doc.x = left;
  doc.fontSize(12).text(statement, { width, align: 'justify', lineGap: 6, indent: 24 });
  doc.moveDown(1.5);
  doc.fontSize(10).fillColor('#333333');
  for (const note of notes) doc.text(note, { width, lineGap: 4 }).moveDown(0.4);

  // The seal's place at the bottom right, over the office's name and the date as a seal is pressed on paper: a dashed
  // square marked （盖章）, smaller should the text above leave less room, so that the page stays one.
  const footerTop = doc.page.height - doc.page.margins.bottom - 14;
  const sealTop = doc.y + 16;
  const seal = Math.min(SEAL_SIZE, footerTop - 8 - sealTop);
  const sealLeft = left + width - seal;
  doc.save().lineWidth(0.8).dash(4, { space: 3 }).strokeColor('#999999').rect(sealLeft, sealTop, seal, seal).stroke().restore();
  doc.fillColor('#999999').fontSize(11).text(SEAL_MARK, sealLeft, sealTop + 10, { width: seal, align: 'center', lineBreak: false });
  doc.fillColor('#000000').fontSize(12);
  const signed = [...(input.reviewingOffice ? [`${SEAL_LABEL}：${input.reviewingOffice}`] : []), chineseDate(c.issuedAt)];
  let y = sealTop + seal - 16 - 20 * signed.length;
  for (const line of signed) {
    doc.text(line, left, y, { width: width - 12, align: 'right', lineBreak: false });
    y += 20;
  }
  doc.fontSize(9).fillColor('#555555').text('本确认书由浙江省残疾人按比例就业情况联网认证系统出具', left, doc.page.height - doc.page.margins.bottom - 14, {
    width,
    align: 'center',
    lineBreak: false,
  });

  return pdf.finish();
}
