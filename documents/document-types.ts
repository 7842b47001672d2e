// Which files the system keeps, decided by their first bytes (magic numbers). The client's declared
// Content-Type and the file name are never trusted: a renamed executable stays an executable.
import type { Checked } from '../platform/schema.ts';

export interface DocumentType {
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  extension: 'pdf' | 'jpg' | 'png';
}

interface Signature extends DocumentType {
  magic: readonly number[];
}

const signatures: readonly Signature[] = [
  { mediaType: 'application/pdf', extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { mediaType: 'image/jpeg', extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/png', extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** How many leading bytes a caller must keep for detection. */
export const SNIFF_BYTES = Math.max(...signatures.map((s) => s.magic.length));

/** The accepted type whose signature starts `head`, or undefined. */
export function detectDocumentType(head: Uint8Array): DocumentType | undefined {
  const found = signatures.find((s) => s.magic.length <= head.length && s.magic.every((byte, i) => head[i] === byte));
  return found ? { mediaType: found.mediaType, extension: found.extension } : undefined;
}

/** The detected type, or a FILE_TYPE issue at `path` for anything that is not PDF, JPEG or PNG. */
export function checkDocumentType(head: Uint8Array, path: string, params: Record<string, unknown> = {}): Checked<DocumentType> {
  const type = detectDocumentType(head);
  return type ? { ok: true, value: type } : { ok: false, issues: [{ path, code: 'FILE_TYPE', params }] };
}

/** The file extension of a stored media type, for download names. */
export function extensionOf(mediaType: string): string {
  return signatures.find((s) => s.mediaType === mediaType)?.extension ?? 'bin';
}
