// The printed 年审认证确认书 read back as a PDF reader reads it: the verification code and the address are each one
// unbroken string on one line (a wrap or a hyphen inside would make the copied text another string), the page keeps
// a place for the reviewing office's seal, and the whole stays one A4 page however long the unit's name.
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { findCertificateFont } from '../../certificates/certificate-font.ts';
import { renderCertificatePdf } from '../../certificates/certificate-pdf.ts';
import { SAMPLE_CERTIFICATE } from '../support/sample-certificate.ts';

const certificate = SAMPLE_CERTIFICATE;
// Longer than the table's value column at the table's size: it used to wrap inside the address.
const LONG_URL = `https://dpf-review.zjdpf.example.gov.cn/annual-review/verify/${certificate.code}`;

interface Line {
  text: string;
  y: number;
}

/** The page's text as lines, top to bottom: the pieces on one baseline joined, as a reader copies them. */
async function linesOf(pdf: Buffer): Promise<{ pages: number; lines: Line[] }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const content = await (await doc.getPage(1)).getTextContent();
  const rows = new Map<number, { x: number; text: string }[]>();
  for (const item of content.items) {
    if (!('str' in item) || item.str === '') continue;
    const y = Math.round(item.transform[5]);
    rows.set(y, [...(rows.get(y) ?? []), { x: item.transform[4], text: item.str }]);
  }
  const lines = [...rows.entries()]
    .sort(([a], [b]) => b - a)
    .map(([y, pieces]) => ({ y, text: pieces.sort((a, b) => a.x - b.x).map((p) => p.text).join('') }));
  return { pages: doc.numPages, lines };
}

describe('the confirmation as printed', () => {
  const font = findCertificateFont('');

  it('prints the code and the verification address each whole on one line', async () => {
    for (const verifyUrl of [LONG_URL, `http://127.0.0.1:8080/verify/${certificate.code}`]) {
      const { pages, lines } = await linesOf(await renderCertificatePdf({ certificate, verifyUrl, font }));
      expect(pages).toBe(1);
      const texts = lines.map((l) => l.text.trim());
      expect(texts, verifyUrl).toContain(verifyUrl);
      expect(texts.some((t) => t.endsWith(certificate.code) && t.includes('验证码'))).toBe(true);
      // No piece of the address or the code on a line of its own.
      expect(texts.filter((t) => t !== verifyUrl && /verify|7K3M|8HJW/.test(t) && !t.includes('验证码'))).toEqual([]);
    }
  });

  it('keeps a place for the seal above the office and the date, on one page even with a long name and a second certification', async () => {
    const long = { ...certificate, sequence: 2, employerName: '杭州某某科技有限公司（一个很长的单位名称，在表格里要折成两行）' };
    const { pages, lines } = await linesOf(
      await renderCertificatePdf({ certificate: long, verifyUrl: LONG_URL, reviewingOffice: '杭州市西湖区残疾人联合会', font }),
    );
    expect(pages).toBe(1);
    const at = (text: string) => lines.find((l) => l.text.trim() === text)?.y;
    const seal = at('（盖章）');
    const office = at('出具单位：杭州市西湖区残疾人联合会');
    const date = at('2026年12月1日');
    const lastNote = lines.find((l) => l.text.startsWith('单位年审认证后经反馈重新审核'))?.y;
    expect([seal, office, date, lastNote].every((y) => y !== undefined), JSON.stringify(lines)).toBe(true);
    // Top to bottom (PDF y grows upwards): the notes, the seal's mark, the office, the date.
    expect(lastNote!).toBeGreaterThan(seal!);
    expect(seal!).toBeGreaterThan(office!);
    expect(office!).toBeGreaterThan(date!);
  });
});
