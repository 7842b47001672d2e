// The Content-Disposition of a download: the real (often Chinese) name RFC 5987/6266-encoded for every
// current browser, and a plain ASCII name for clients that only read `filename=`.

/** Percent-encodes everything outside RFC 5987's attr-char set (encodeURIComponent leaves ' ( ) * alone). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `name` itself when it is safe printable ASCII; otherwise `fallback` (itself ASCII), so no client sees mojibake. */
function asciiName(name: string, fallback: string): string {
  return /^[A-Za-z0-9 ._()-]+$/.test(name) ? name : fallback;
}

export function attachmentDisposition(name: string, fallback: string): string {
  return `attachment; filename="${asciiName(name, fallback)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
