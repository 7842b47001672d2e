// Checks an .xlsx (a zip archive) before anything unpacks it, so a small upload cannot expand into gigabytes
// (a "zip bomb") and exhaust the server: few entries, each inflating to no more than it declares, all together
// within a bound. It reads the central directory, inflates each entry with a hard output cap, and requires the
// entries to fill the archive back to back: the streaming reader walks the local headers, so no entry may hide
// between them that the directory does not list.
import { inflateRawSync } from 'node:zlib';

export type ZipCheck<R = never> = 'ok' | 'too_large' | 'malformed' | { refused: R };

/** Looks at one entry's unpacked bytes as the check goes; what it returns stops the check (the first limit found). */
export type EntryInspector<R> = (name: string, data: Buffer) => R | undefined;

export interface ZipLimits {
  maxEntries: number;
  maxUnzippedBytes: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const STORED = 0;
const DEFLATED = 8;
// The end record is 22 bytes plus a comment of at most 65 535.
const END_SEARCH = 22 + 0xffff;

function findEndOfDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - END_SEARCH); at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

export function checkZip<R = never>(zip: Buffer, limits: ZipLimits, inspect?: EntryInspector<R>): ZipCheck<R> {
  const end = findEndOfDirectory(zip);
  if (end < 0) return 'malformed';
  const entries = zip.readUInt16LE(end + 10);
  const directoryOffset = zip.readUInt32LE(end + 16);
  // ZIP64 markers: no spreadsheet small enough to upload needs them.
  if (entries === 0xffff || directoryOffset === 0xffffffff) return 'too_large';
  if (entries > limits.maxEntries) return 'too_large';

  let total = 0;
  let at = directoryOffset;
  const spans: { start: number; end: number }[] = [];
  try {
    for (let n = 0; n < entries; n++) {
      if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) return 'malformed';
      const flags = zip.readUInt16LE(at + 8);
      const method = zip.readUInt16LE(at + 10);
      const compressedSize = zip.readUInt32LE(at + 20);
      const size = zip.readUInt32LE(at + 24);
      const nameLength = zip.readUInt16LE(at + 28);
      const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
      const extraLength = zip.readUInt16LE(at + 30);
      const commentLength = zip.readUInt16LE(at + 32);
      const localOffset = zip.readUInt32LE(at + 42);
      at += 46 + nameLength + extraLength + commentLength;

      if (flags & 0x1) return 'malformed'; // encrypted: a spreadsheet protected by a password cannot be read anyway
      total += size;
      if (total > limits.maxUnzippedBytes) return 'too_large';
      if (zip.readUInt32LE(localOffset) !== LOCAL_HEADER) return 'malformed';
      const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (data.length !== compressedSize) return 'malformed';
      let end = dataStart + compressedSize;
      // Sizes written after the data (flag bit 3): 12 bytes, or 16 with their optional signature.
      if (flags & 0x8) end += zip.readUInt32LE(end) === DATA_DESCRIPTOR ? 16 : 12;
      spans.push({ start: localOffset, end });
      let unpacked: Buffer;
      if (method === STORED) {
        if (compressedSize !== size) return 'malformed';
        unpacked = data;
      } else if (method === DEFLATED) {
        // The cap makes zlib stop at the declared size: an entry that lies about its size is caught before it grows.
        unpacked = inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
        if (unpacked.length !== size) return 'malformed';
      } else return 'malformed';
      const refused = inspect?.(name, unpacked);
      if (refused !== undefined) return { refused };
    }
  } catch (error) {
    if (error instanceof RangeError && (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'too_large';
    return 'malformed'; // a truncated directory, a broken deflate stream
  }
  spans.sort((a, b) => a.start - b.start);
  let expected = 0;
  for (const span of spans) {
    if (span.start !== expected) return 'malformed';
    expected = span.end;
  }
  return expected === directoryOffset ? 'ok' : 'malformed';
}
