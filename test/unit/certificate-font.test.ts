// The certificate's font: a CJK font is found where Debian installs one; a missing file, a file that is not a
// font, a font without Chinese glyphs or no font at all stops with a message saying what to install — and a
// character the font lacks stops the PDF instead of printing an empty box.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CertificateFontMissing, DEBIAN_CJK_FONTS, findCertificateFont, missingGlyphs } from '../../certificates/certificate-font.ts';
import { chineseDate, renderCertificatePdf, twoDecimals } from '../../certificates/certificate-pdf.ts';
import { projectRoot } from '../../platform/config.ts';
import { SAMPLE_CERTIFICATE } from '../support/sample-certificate.ts';

const certificate = SAMPLE_CERTIFICATE;

describe('finding the certificate font', () => {
  it('finds a Debian CJK font with a Chinese member (CI installs fonts-wqy-microhei)', () => {
    const font = findCertificateFont('');
    expect(DEBIAN_CJK_FONTS.map((c) => c.path)).toContain(font.path);
    expect(font.missing('残疾人按比例就业年审认证确认书杭州市西湖区')).toEqual([]);
    // A collection is opened at a named member; pdfkit needs the name.
    if (font.path.endsWith('.ttc')) expect(font.family).toMatch(/\S/);
  });

  it('says what to install when no candidate is there', () => {
    const none = [{ path: '/nonexistent/fonts/wqy-microhei.ttc', debianPackage: 'fonts-wqy-microhei' }];
    expect(() => findCertificateFont('', none)).toThrow(CertificateFontMissing);
    expect(() => findCertificateFont('', none)).toThrow(/apt-get install fonts-wqy-microhei.*CERTIFICATE_FONT/);
  });

  it('refuses a configured file that is missing or not a font, naming CERTIFICATE_FONT', () => {
    expect(() => findCertificateFont('/nonexistent/font.ttf')).toThrow(/^CERTIFICATE_FONT \/nonexistent\/font\.ttf: no such readable file$/);
    expect(() => findCertificateFont(path.join(projectRoot, 'package.json'))).toThrow(/^CERTIFICATE_FONT .*package\.json is not a font file/);
  });

  it('tells which characters a font cannot print', () => {
    const latinOnly = { hasGlyphForCodePoint: (cp: number) => cp < 0x80 };
    expect(missingGlyphs(latinOnly, '3.00 人 人 A')).toEqual(['人']);
  });
});

describe('the PDF with a font that lacks a character', () => {
  it('is refused, naming the character, rather than printed with an empty box', async () => {
    const real = findCertificateFont('');
    const lacking = { ...real, missing: (text: string) => (text.includes('𠀀') ? ['𠀀'] : []) };
    const rare = { ...certificate, employerName: '杭州𠀀科技有限公司' };
    await expect(renderCertificatePdf({ certificate: rare, verifyUrl: 'http://x/verify/c', font: lacking })).rejects.toThrow(/has no glyph for 𠀀/);
    const pdf = await renderCertificatePdf({ certificate, verifyUrl: 'http://x/verify/c', font: lacking });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('what the paper prints', () => {
  it('dates in China, in Chinese', () => {
    expect(chineseDate('2026-11-30T16:30:00.000Z')).toBe('2026年12月1日');
    expect(chineseDate('2026-03-05T02:00:00.000Z')).toBe('2026年3月5日');
  });

  it('counts with two decimals', () => {
    expect(twoDecimals(3)).toBe('3.00');
    expect(twoDecimals(4.5)).toBe('4.50');
    expect(twoDecimals(0.1 + 0.2)).toBe('0.30');
  });
});
