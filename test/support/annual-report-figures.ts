// A city's supervision figures as supervision/figures.ts answers them (synthetic), for the annual report's rendering
// tests while the figures are not computed from filings; and the report's files read back as text.
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import type { ReportFigures } from '../../annual-report/report-figures.ts';

export const HANGZHOU_FIGURES: ReportFigures = {
  year: 2025,
  regionCode: '330100',
  regionName: '杭州市',
  computedAt: '2026-10-01T01:00:05.000Z',
  progress: { expected: 1280, filed: 1175, online: 1042, window: 133, accepted: 1160, awaitingConfirmation: 37, disputed: 12, certified: 1096, sentToTax: 1021 },
  byCounty: [
    { regionCode: '330102', regionName: '上城区', expected: 402, filed: 380, certified: 361, sentToTax: 350, overdueTasks: 2, maxWorkingDaysOver: 3, certifiedEmployees: 512.5, belowQuotaUnits: 97, shortfall: 143.25, levyEstimate: 1543200, levyCollected: 1502000, aboveQuotaUnits: 41 },
    { regionCode: '330106', regionName: '西湖区', expected: 478, filed: 431, certified: 400, sentToTax: 371, overdueTasks: 0, maxWorkingDaysOver: 0, certifiedEmployees: 633, belowQuotaUnits: 121, shortfall: 188, levyEstimate: 2104000, levyCollected: 2011000, aboveQuotaUnits: 52 },
    { regionCode: '330108', regionName: '滨江区', expected: 400, filed: 364, certified: 335, sentToTax: 300, overdueTasks: 5, maxWorkingDaysOver: 7, certifiedEmployees: 287, belowQuotaUnits: 140, shortfall: 260.5, levyEstimate: 3310500, levyCollected: 3120400, aboveQuotaUnits: 18 },
  ],
  employment: {
    certifiedEmployees: 1432.5,
    byCertificateKind: [
      { kind: 'disability', label: '残疾人证', count: 1301.5 },
      { kind: 'veteran', label: '残疾军人证', count: 131 },
    ],
    byGrade: [
      { grade: '1', label: '一级', count: 88 },
      { grade: '2', label: '二级', count: 201 },
      { grade: '3', label: '三级', count: 512.5 },
      { grade: '4', label: '四级', count: 631 },
    ],
    byIndustry: [
      { industryCode: 'C', label: '制造业', units: 402, certifiedEmployees: 611, belowQuotaUnits: 120, shortfall: 190.5, levyEstimate: 2210000 },
      { industryCode: 'I', label: '信息传输、软件和信息技术服务业', units: 318, certifiedEmployees: 201, belowQuotaUnits: 150, shortfall: 260, levyEstimate: 3400000 },
      { industryCode: 'F', label: '批发和零售业', units: 211, certifiedEmployees: 388.5, belowQuotaUnits: 40, shortfall: 60.25, levyEstimate: 640700 },
      { industryCode: 'H', label: '住宿和餐饮业', units: 165, certifiedEmployees: 232, belowQuotaUnits: 48, shortfall: 81, levyEstimate: 707000 },
    ],
    ratioBuckets: [
      { key: 'none', label: '未安排', units: 201 },
      { key: 'below', label: '低于1.5%', units: 157 },
      { key: 'at', label: '达到1.5%', units: 563 },
      { key: 'above', label: '超过1.5%', units: 175 },
    ],
    belowQuota: { units: 358, shortfall: 591.75, levyEstimate: 6957700 },
    aboveQuota: { units: 111, surplus: 96.5 },
    levyCollected: { units: 330, amount: 6633400 },
  },
  years: [
    { year: 2024, filed: 1120, certified: 1090, certifiedEmployees: 1388, belowQuotaUnits: 370, levyEstimate: 7120000, levyCollected: 6980000 },
    { year: 2025, filed: 1175, certified: 1096, certifiedEmployees: 1432.5, belowQuotaUnits: 358, levyEstimate: 6957700, levyCollected: 6633400 },
  ],
};

/** The Word document's body text: every run of word/document.xml, paragraphs on their own lines. */
export async function docxText(docx: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<\/w:tc>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The PDF's text, all pages, as a reader extracts it; and its page count. */
export async function pdfText(pdf: Uint8Array): Promise<{ text: string; pages: number }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return { text, pages: doc.numPages };
}
