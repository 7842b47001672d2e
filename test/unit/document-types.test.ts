// The accepted kinds of file are told apart by their first bytes only.
import { describe, expect, it } from 'vitest';
import { checkDocumentType, detectDocumentType, extensionOf, SNIFF_BYTES } from '../../documents/document-types.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => new TextEncoder().encode(text);

describe('document types by content', () => {
  it('recognises PDF, JPEG and PNG by their signatures', () => {
    expect(detectDocumentType(ascii('%PDF-1.7\n%\u00e2\u00e3'))).toEqual({ mediaType: 'application/pdf', extension: 'pdf' });
    expect(detectDocumentType(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10))).toEqual({ mediaType: 'image/jpeg', extension: 'jpg' });
    expect(detectDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00))).toEqual({ mediaType: 'image/png', extension: 'png' });
  });

  it.each([
    ['plain text', ascii('身份证复印件')],
    ['HTML that could run script if sniffed', ascii('<html><script>alert(1)</script>')],
    ['a GIF', ascii('GIF89a')],
    ['a ZIP (also .docx)', bytes(0x50, 0x4b, 0x03, 0x04)],
    ['an empty file', bytes()],
    ['a PNG signature cut short', bytes(0x89, 0x50, 0x4e, 0x47)],
    ['"PDF" without the dash', ascii('%PDF1.4')],
    ['a signature not at the start', ascii(' %PDF-1.4')],
  ])('rejects %s with FILE_TYPE', (_what, head) => {
    expect(detectDocumentType(head)).toBeUndefined();
    expect(checkDocumentType(head, '/file/2', { name: 'a.pdf' })).toEqual({
      ok: false,
      issues: [{ path: '/file/2', code: 'FILE_TYPE', params: { name: 'a.pdf' } }],
    });
  });

  it('needs no more than SNIFF_BYTES leading bytes', () => {
    expect(SNIFF_BYTES).toBe(8);
    expect(checkDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), '/file/0')).toEqual({
      ok: true,
      value: { mediaType: 'image/png', extension: 'png' },
    });
  });

  it('names the extension of a stored media type', () => {
    expect(extensionOf('application/pdf')).toBe('pdf');
    expect(extensionOf('image/jpeg')).toBe('jpg');
    expect(extensionOf('text/html')).toBe('bin');
  });
});
