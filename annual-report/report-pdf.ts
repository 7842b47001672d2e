// The annual summary report as a PDF (pdfkit, in the CJK font the certificates use, certificates/certificate-font.ts):
// the same title, parts, tables and bar charts as the Word document (report-content.ts), on A4 pages.
import type { CertificateFont } from '../certificates/certificate-font.ts';
import { openCjkPdf } from '../certificates/cjk-pdf.ts';
import { count, reportByline, reportSections, reportTitle, type AnnualReportDocument, type ReportBars, type ReportTable } from './report-content.ts';

const MARGIN = 56;
const BAR_COLOR = '#3b6fb6';

type Doc = PDFKit.PDFDocument;

/** Starts a new page when fewer than `needed` points remain above the bottom margin. */
function room(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - MARGIN) doc.addPage();
}

function drawTable(doc: Doc, t: ReportTable, width: number): void {
  room(doc, 60);
  doc.x = MARGIN;
  doc.fontSize(11).fillColor('#000000').text(t.title, MARGIN, doc.y, { width });
  doc.moveDown(0.3);
  // The first column (a name) wider than the figures beside it.
  const first = t.columns.length > 2 ? Math.min(130, width * 0.22) : width / 2;
  const rest = (width - first) / Math.max(1, t.columns.length - 1);
  const widths = t.columns.map((_, i) => (i === 0 ? first : rest));
  const rows = t.rows.length > 0 ? t.rows : [['（无数据）', ...t.columns.slice(1).map(() => '')]];
  const drawRow = (cells: string[], header: boolean) => {
    doc.fontSize(8.5);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }));
    const height = Math.max(...heights) + 8;
    room(doc, height);
    const top = doc.y;
    let x = MARGIN;
    if (header) doc.save().rect(MARGIN, top, width, height).fill('#e8eef7').restore();
    cells.forEach((c, i) => {
      doc.fillColor('#000000').text(c, x + 3, top + 4, { width: widths[i]! - 6 });
      doc.save().lineWidth(0.4).strokeColor('#999999').rect(x, top, widths[i]!, height).stroke().restore();
      x += widths[i]!;
    });
    doc.y = top + height;
  };
  drawRow(t.columns, true);
  for (const r of rows) drawRow(r, false);
  doc.moveDown(0.8);
}

function drawBars(doc: Doc, chart: ReportBars, width: number): void {
  if (chart.bars.length === 0) return;
  room(doc, 40 + 16 * Math.min(chart.bars.length, 5));
  doc.x = MARGIN;
  doc.fontSize(11).fillColor('#000000').text(chart.title, MARGIN, doc.y, { width });
  doc.moveDown(0.3);
  const labelWidth = 130;
  const valueWidth = 70;
  const barSpace = width - labelWidth - valueWidth;
  const max = Math.max(0, ...chart.bars.map((b) => b.value));
  for (const b of chart.bars) {
    room(doc, 16);
    const top = doc.y;
    doc.fontSize(8.5).fillColor('#000000').text(b.label, MARGIN, top + 2, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
    const length = max > 0 ? (b.value / max) * barSpace : 0;
    if (length > 0) doc.save().rect(MARGIN + labelWidth, top + 2, Math.max(1, length), 10).fill(BAR_COLOR).restore();
    doc.fillColor('#000000').text(`${count(b.value)} ${chart.unit}`, MARGIN + labelWidth + length + 4, top + 2, { width: valueWidth, lineBreak: false });
    doc.y = top + 15;
  }
  doc.moveDown(0.8);
}

/** The PDF's bytes. Throws CertificateFontMissing when the font cannot print a character of it. */
export async function renderReportPdf(report: AnnualReportDocument, font: CertificateFont): Promise<Buffer> {
  const title = reportTitle(report.year, report.cityName);
  const sections = reportSections(report);
  const everything = [title, reportByline(report), ...sections.flatMap((s) => [s.heading, ...s.paragraphs, ...s.tables.flatMap((t) => [t.title, ...t.columns, ...t.rows.flat()]), ...s.charts.flatMap((c) => [c.title, ...c.bars.map((b) => b.label)])])].join('');
  const submitted = new Date(report.submittedAt);
  // A rare character the city typed would print as an empty box: refused, saying which (CertificateFontMissing).
  const pdf = openCjkPdf(font, everything, {
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: title, Author: `${report.cityName}残疾人联合会`, CreationDate: submitted, ModDate: submitted },
  });
  const { doc } = pdf;
  const width = doc.page.width - 2 * MARGIN;

  doc.fontSize(18).text(title, MARGIN, doc.y, { width, align: 'center' });
  doc.moveDown(0.4).fontSize(10.5).fillColor('#333333').text(reportByline(report), { width, align: 'center' });
  doc.fillColor('#000000').moveDown(1.2);
  for (const section of sections) {
    room(doc, 60);
    doc.x = MARGIN;
    doc.fontSize(14).text(section.heading, MARGIN, doc.y, { width });
    doc.moveDown(0.4);
    for (const p of section.paragraphs) {
      doc.fontSize(11).text(p, MARGIN, doc.y, { width, indent: 22, lineGap: 4, align: 'justify' });
      doc.moveDown(0.3);
    }
    doc.moveDown(0.4);
    for (const t of section.tables) drawTable(doc, t, width);
    for (const c of section.charts) drawBars(doc, c, width);
  }
  return pdf.finish();
}
