// The annual summary report's two files, read back as a reader reads them: the Word document (its XML) and the PDF
// (its text) both hold the title, the frozen figures of the data section, the city's own three parts and the charts'
// bars; the drafts the form opens with are made of the same figures.
import { describe, expect, it } from 'vitest';
import { findCertificateFont } from '../../certificates/certificate-font.ts';
import { reportTitle, type AnnualReportDocument } from '../../annual-report/report-content.ts';
import { reportDrafts, MAX_SECTION_LENGTH } from '../../annual-report/report-drafts.ts';
import { renderReportDocx } from '../../annual-report/report-docx.ts';
import { renderReportPdf } from '../../annual-report/report-pdf.ts';
import { docxText, HANGZHOU_FIGURES, pdfText } from '../support/annual-report-figures.ts';

const report: AnnualReportDocument = {
  year: 2025,
  cityName: '杭州市',
  figures: HANGZHOU_FIGURES,
  texts: {
    industryAnalysis: '制造业吸纳残疾人就业最多。\n信息技术服务业未达比例单位集中。',
    marketDemand: '全市招聘会登记适合残疾人的岗位 326 个。',
    recommendations: '一是加强政策宣传；\n二是落实超比例奖励。',
  },
  version: 2,
  submittedAt: '2026-11-20T02:00:00.000Z',
};

// Whitespace as each reader breaks it does not matter; the characters and their order do.
const flat = (text: string) => text.replace(/\s+/g, '');

describe('the annual report as Word and PDF', () => {
  it('the Word document holds the title, the figures, the tables and the city’s text', async () => {
    const text = flat(await docxText(await renderReportDocx(report)));
    for (const expected of [
      reportTitle(2025, '杭州市'),
      '杭州市残疾人联合会报送浙江省残疾人联合会（第2稿）2026年11月20日',
      '一、基本情况', '二、行业分析', '三、市场岗位需求', '四、工作建议',
      '已申报1175家（申报率91.8%）',
      '经年审认证安排残疾人就业1432.50人',
      '预计应缴残疾人就业保障金6,957,700元',
      '表2各县（市、区）情况', '滨江区', '260.50', '3,310,500元',
      '信息传输、软件和信息技术服务业',
      '制造业吸纳残疾人就业最多。', '信息技术服务业未达比例单位集中。',
      '全市招聘会登记适合残疾人的岗位326个。', '二是落实超比例奖励。',
      '图1各县（市、区）安排残疾人就业人数', '633人',
    ]) expect(text).toContain(flat(expected));
  });

  it('the PDF prints the same, in the Chinese font, on A4 pages', async () => {
    const { text, pages } = await pdfText(await renderReportPdf(report, findCertificateFont('')));
    const printed = flat(text);
    for (const expected of [
      reportTitle(2025, '杭州市'),
      '已申报1175家（申报率91.8%）',
      '预计应缴残疾人就业保障金6,957,700元',
      '滨江区', '3,310,500元', '制造业吸纳残疾人就业最多。', '全市招聘会登记适合残疾人的岗位326个。', '二是落实超比例奖励。',
      '图3分行业安排残疾人就业人数', '611人',
    ]) expect(printed).toContain(flat(expected));
    expect(pages).toBeGreaterThanOrEqual(2);
  });

  it('drafts the city’s three parts from the figures, marked as drafts and within the form’s length', () => {
    const drafts = reportDrafts(HANGZHOU_FIGURES);
    expect(drafts.industryAnalysis).toContain('制造业：参加年审单位 402 家，安排残疾人 611 人，未达比例单位 120 家，差额 190.50 人。');
    expect(drafts.industryAnalysis).toContain('未达比例差额较大的行业为信息传输、软件和信息技术服务业、制造业、住宿和餐饮业');
    expect(drafts.marketDemand).toContain('全市未达到 1.5% 比例的单位共 358 家，按差额计算可提供约 592 个残疾人就业岗位');
    expect(drafts.recommendations).toContain('超比例安排残疾人就业的 111 家单位（超出 96.50 人）');
    for (const draft of Object.values(drafts)) {
      expect(draft).toMatch(/^（草稿/);
      expect(draft.length).toBeLessThanOrEqual(MAX_SECTION_LENGTH);
    }
  });
});
