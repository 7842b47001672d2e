// What every text a person sends goes through before it is checked: Unicode NFC and surrounding white space
// trimmed (so a name of spaces is empty, hence REQUIRED), and characters no field may hold refused with the field's
// path — NUL and other control characters, lone surrogates, non-characters, and the invisible format characters
// (bidirectional overrides, zero-width) that make one text look like another.
import type { FieldIssue } from './schema.ts';

// C0 controls but tab and line breaks (a diagram's XML, an address on two lines), DEL and C1 controls; zero-width
// and bidi format characters; the BOM; U+FFFE/U+FFFF.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]/u;

/** Deeper than any body of this API: a deeper one is refused rather than walked. */
export const MAX_DEPTH = 32;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** The path of a child: JSON pointer escaping of the key. */
function childPath(parent: string, key: string | number): string {
  return `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

export interface NormalizedText<T> {
  value: T;
  /** One FORMAT issue per field holding a forbidden character. */
  issues: FieldIssue[];
}

/**
 * A copy of `data` with every string normalised, and the fields whose text cannot be accepted. Object keys are
 * left as sent (a key nobody knows is refused by the schema anyway).
 */
export function normalizeText<T>(data: T, at = ''): NormalizedText<T> {
  const issues: FieldIssue[] = [];
  const walk = (value: unknown, path: string, depth = 0): unknown => {
    if (depth > MAX_DEPTH) {
      issues.push({ path: path || '/', code: 'FORMAT', params: { keyword: 'depth', limit: MAX_DEPTH } });
      return undefined;
    }
    if (typeof value === 'string') {
      if (hasLoneSurrogate(value) || FORBIDDEN.test(value)) {
        issues.push({ path: path || '/', code: 'FORMAT', params: { keyword: 'characters' } });
        return value;
      }
      return value.normalize('NFC').trim();
    }
    if (Array.isArray(value)) return value.map((item, index) => walk(item, childPath(path, index), depth + 1));
    if (value !== null && typeof value === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        // Own data properties only, written so that a key named __proto__ stays a plain key.
        Object.defineProperty(copy, key, { value: walk(child, childPath(path, key), depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return copy;
    }
    return value;
  };
  return { value: walk(data, at) as T, issues };
}
