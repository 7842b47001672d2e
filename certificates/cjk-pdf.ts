// An A4 PDF in Chinese, as the certificates and the annual reports print: refused when the font lacks a character of
// what will be printed (it would show as an empty box), the CJK font registered and chosen, the bytes gathered.
import PDFDocument from 'pdfkit';
import { CertificateFontMissing, type CertificateFont } from './certificate-font.ts';

export interface CjkPdf {
  doc: PDFKit.PDFDocument;
  /** Ends the document and gives its bytes. */
  finish(): Promise<Buffer>;
}

/** Opens the document; `text` is everything it will print, checked against the font first. */
export function openCjkPdf(
  font: CertificateFont,
  text: string,
  options: { margins: { top: number; bottom: number; left: number; right: number }; info: PDFKit.DocumentInfo },
): CjkPdf {
  const missing = font.missing(text);
  if (missing.length > 0) throw new CertificateFontMissing(`${font.path} has no glyph for ${missing.join('')}`, { cause: { characters: missing } });
  const doc = new PDFDocument({ size: 'A4', margins: options.margins, info: options.info, lang: 'zh-CN', displayTitle: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  if (font.family) doc.registerFont('cjk', font.path, font.family);
  else doc.registerFont('cjk', font.path);
  doc.font('cjk');
  return {
    doc,
    async finish() {
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}
