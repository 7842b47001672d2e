// Bytes for hostile uploads and bodies: hand-built multipart forms (so they can be truncated or malformed), zip
// archives that expand into far more than they weigh, files that are not what their names say, forged tokens.
import { createHash, createHmac } from 'node:crypto';
import { brotliCompressSync, crc32, deflateRawSync, gzipSync } from 'node:zlib';

export const BOUNDARY = '----hostile-boundary-7MA4YWxkTrZu0gW';

export type Part =
  | { field: string; value: string }
  | { field: string; filename: string; bytes: Uint8Array | string; type?: string };

/** A multipart/form-data body; `closed: false` leaves out the closing boundary, as a truncated upload would. */
export function multipart(parts: readonly Part[], opts: { boundary?: string; closed?: boolean } = {}): Buffer {
  const boundary = opts.boundary ?? BOUNDARY;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('filename' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.field}"; filename="${part.filename}"\r\n`, 'utf8'));
      chunks.push(Buffer.from(`Content-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(Buffer.from(part.bytes));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.field}"\r\n\r\n`, 'utf8'));
      chunks.push(Buffer.from(part.value, 'utf8'));
    }
    chunks.push(Buffer.from('\r\n'));
  }
  if (opts.closed !== false) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export const multipartType = (boundary = BOUNDARY) => `multipart/form-data; boundary=${boundary}`;

// ---------------------------------------------------------------------------------------------------------------
// Files that are not what they claim to be.

/** A minimal PDF, unique by `tag`. */
export function pdf(tag: string, padTo = 0): Buffer {
  const text = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${tag}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  const bytes = Buffer.from(text);
  return padTo > bytes.length ? Buffer.concat([bytes, Buffer.alloc(padTo - bytes.length, 0x20)]) : bytes;
}

/** A Windows executable's first bytes. */
export const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(64)]);
export const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
export const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
/** The first three of PDF's five magic bytes. */
export const cutPdfMagic = Buffer.from('%PD');
export const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
/** A legacy Office 97 (.xls) file's signature. */
export const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

// ---------------------------------------------------------------------------------------------------------------
// Zip archives.

interface ZipEntry {
  name: string;
  /** The bytes as stored in the archive (deflated when method is 8). */
  data: Buffer;
  method: 0 | 8;
  /** The uncompressed size the archive declares. */
  size: number;
  crc: number;
}

/** A zip archive of the given entries: local headers and data back to back, then the central directory. */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

export function deflated(name: string, content: Buffer): ZipEntry {
  return { name, data: deflateRawSync(content, { level: 9 }), method: 8, size: content.length, crc: crc32(content) };
}

export function stored(name: string, content: Buffer): ZipEntry {
  return { name, data: content, method: 0, size: content.length, crc: crc32(content) };
}

const WORKBOOK_SKELETON = [
  stored('[Content_Types].xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')),
  stored('xl/workbook.xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')),
];

let zeros: Buffer | undefined;
/** 70 MB of zeros, deflated once (≈70 KB) and shared. */
function bombEntry(): { data: Buffer; size: number; crc: number } {
  zeros ??= Buffer.alloc(70 * 1024 * 1024);
  const data = deflateRawSync(zeros, { level: 9 });
  return { data, size: zeros.length, crc: crc32(zeros) };
}

/** An .xlsx-looking zip whose one sheet inflates to 70 MB: over any sane bound for an employee list. */
export function zipBomb(): Buffer {
  const bomb = bombEntry();
  return zip([...WORKBOOK_SKELETON, { name: 'xl/worksheets/sheet1.xml', method: 8, ...bomb }]);
}

/** The same 70 MB of zeros, declared as 100 bytes: a reader trusting the directory would be fooled. */
export function lyingZip(): Buffer {
  const bomb = bombEntry();
  return zip([...WORKBOOK_SKELETON, { name: 'xl/worksheets/sheet1.xml', method: 8, data: bomb.data, size: 100, crc: bomb.crc }]);
}

/** 1 200 tiny entries: cheap to send, costly to walk. */
export function zipOfManyEntries(): Buffer {
  return zip(Array.from({ length: 1200 }, (_, i) => stored(`xl/worksheets/_rels/r${i}.xml`, Buffer.from('<x/>'))));
}

/** A valid zip that is no spreadsheet. */
export function plainZip(): Buffer {
  return zip([deflated('readme.txt', Buffer.from('not a workbook\n'.repeat(20)))]);
}

// ---------------------------------------------------------------------------------------------------------------
// Compressed bodies.

export const gzip = (text: string) => gzipSync(Buffer.from(text, 'utf8'));
export const brotli = (text: string) => brotliCompressSync(Buffer.from(text, 'utf8'));
/** A gzip stream that inflates to `bytes` of spaces: a compression bomb against the JSON body limit. */
export const gzipBomb = (bytes: number) => gzipSync(Buffer.alloc(bytes, 0x20), { level: 9 });

// ---------------------------------------------------------------------------------------------------------------
// Forged session tokens. The server's token is an opaque secret (32 random bytes, base64url) it keeps only a keyed
// hash of; nothing about it can be edited into another person's or role's.

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Forgeries of a genuine session token, each labelled; `ended` is a token whose session was signed out. */
export function forgeries(genuine: string, identity: Record<string, unknown>, ended: string): { name: string; header: string }[] {
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  const future = Math.floor(Date.now() / 1000) + 3600;
  const promoted = { ...identity, role: 'province', regionCode: '330000', exp: future };
  return [
    { name: 'no Authorization header', header: '' },
    { name: '"Bearer" and nothing else', header: 'Bearer ' },
    { name: 'Basic credentials', header: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
    { name: 'the token without a scheme', header: genuine },
    { name: 'one character changed', header: `Bearer ${flip(genuine, 5)}` },
    { name: 'last character left off', header: `Bearer ${genuine.slice(0, -1)}` },
    { name: 'trailing garbage', header: `Bearer ${genuine}garbage` },
    { name: 'a second segment after the token', header: `Bearer ${genuine}.garbage` },
    { name: 'the token of a signed-out session', header: `Bearer ${ended}` },
    { name: 'the token hashed as the server might store it', header: `Bearer ${createHash('sha256').update(genuine).digest('base64url')}` },
    { name: 'a signed payload promoted to province', header: `Bearer ${b64(promoted)}.${createHmac('sha256', 'guess').update(b64(promoted)).digest('base64url')}` },
    { name: 'alg none JWT', header: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(promoted)}.` },
    { name: 'HS256 JWT signed with a guessed secret', header: `Bearer ${jwtHs256('secret', promoted)}` },
    { name: 'two tokens', header: `Bearer ${genuine} ${genuine}` },
  ];
}

function jwtHs256(secret: string, payload: Record<string, unknown>): string {
  const signingInput = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}
