// The annual summary report as a Word document (docx): the title, the byline, and the four parts with their
// paragraphs, tables and bar charts (each bar a row of blocks proportional to its value, which any word processor
// shows and prints without an image). Text in a Chinese font (宋体 for the body, 黑体 for headings).
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { count, reportByline, reportSections, reportTitle, type AnnualReportDocument, type ReportBars, type ReportTable } from './report-content.ts';

const BODY_FONT = { ascii: 'SimSun', eastAsia: 'SimSun', hAnsi: 'SimSun' };
const HEADING_FONT = { ascii: 'SimHei', eastAsia: 'SimHei', hAnsi: 'SimHei' };
/** The longest bar, in blocks. */
const BAR_BLOCKS = 30;

function cell(text: string, header = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold: header, size: 18 })] })],
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E8EEF7', color: 'auto' } } : {}),
  });
}

function table(t: ReportTable): (Paragraph | Table)[] {
  return [
    new Paragraph({ children: [new TextRun({ text: t.title, bold: true, size: 21 })], spacing: { before: 200, after: 80 } }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(c, true)) }),
        ...(t.rows.length > 0 ? t.rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })) : [new TableRow({ children: [cell('（无数据）'), ...t.columns.slice(1).map(() => cell(''))] })]),
      ],
    }),
  ];
}

function bars(chart: ReportBars): (Paragraph | Table)[] {
  const max = Math.max(0, ...chart.bars.map((b) => b.value));
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  return [
    new Paragraph({ children: [new TextRun({ text: chart.title, bold: true, size: 21 })], spacing: { before: 200, after: 80 } }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
      rows: chart.bars.map(
        (b) =>
          new TableRow({
            children: [
              new TableCell({ width: { size: 28, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun({ text: b.label, size: 18 })] })] }),
              new TableCell({
                width: { size: 72, type: WidthType.PERCENTAGE },
                children: [
                  new Paragraph({
                    children: [
                      new TextRun({ text: '█'.repeat(max > 0 ? Math.max(b.value > 0 ? 1 : 0, Math.round((b.value / max) * BAR_BLOCKS)) : 0), color: '3B6FB6', size: 18 }),
                      new TextRun({ text: ` ${count(b.value)} ${chart.unit}`, size: 18 }),
                    ],
                  }),
                ],
              }),
            ],
          }),
      ),
    }),
  ];
}

/** The .docx file's bytes. */
export async function renderReportDocx(report: AnnualReportDocument): Promise<Buffer> {
  const title = reportTitle(report.year, report.cityName);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, bold: true, size: 36, font: HEADING_FONT })], spacing: { after: 200 } }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: reportByline(report), size: 21 })], spacing: { after: 300 } }),
  ];
  for (const section of reportSections(report)) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: section.heading, font: HEADING_FONT, size: 28, bold: true })], spacing: { before: 300, after: 120 } }));
    for (const p of section.paragraphs) children.push(new Paragraph({ children: [new TextRun({ text: p, size: 24 })], indent: { firstLine: 480 }, spacing: { after: 100, line: 360 } }));
    for (const t of section.tables) children.push(...table(t));
    for (const c of section.charts) children.push(...bars(c));
  }
  const doc = new Document({
    creator: `${report.cityName}残疾人联合会`,
    title,
    description: `${report.year}年度按比例安排残疾人就业年审工作总结报告`,
    styles: { default: { document: { run: { font: BODY_FONT } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
