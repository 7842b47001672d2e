// Problems as data: an ajv validator's errors turned into field issues keyed by JSON pointer. Free of ajv itself, so a
// validator compiled ahead of time (the pages' filing check) reports exactly as one compiled at run time.
import type { ErrorObject } from 'ajv';

/** One problem with one field: where (JSON pointer), what (stable code), and the facts a message needs. */
export interface FieldIssue {
  path: string;
  code: string;
  params?: Record<string, unknown>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false, issues: FieldIssue[] };

/** Maps an ajv keyword to the stable validation code of docs/contracts.md §2. */
function codeFor(error: ErrorObject): string {
  // An empty text where some text is needed (after trimming: a name of spaces) is missing, not malformed.
  if (error.keyword === 'minLength' && (error.params as { limit?: number }).limit === 1) return 'REQUIRED';
  switch (error.keyword) {
    case 'required':
      return 'REQUIRED';
    case 'additionalProperties':
      return 'UNKNOWN_FIELD';
    case 'maxItems':
    case 'minItems':
      return 'ITEM_COUNT';
    default:
      return 'FORMAT';
  }
}

/** A property name as one JSON-pointer segment (RFC 6901: ~ and / escaped). */
const segment = (name: unknown) => String(name).replace(/~/g, '~0').replace(/\//g, '~1');

function toIssue(error: ErrorObject): FieldIssue {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    return { path: `${error.instancePath}/${segment(params.missingProperty)}`, code: 'REQUIRED' };
  }
  if (error.keyword === 'additionalProperties') {
    return { path: `${error.instancePath}/${segment(params.additionalProperty)}`, code: 'UNKNOWN_FIELD' };
  }
  return { path: error.instancePath || '/', code: codeFor(error), params: { keyword: error.keyword, ...params } };
}

/** The checker of a validator (ajv's, compiled now or ahead of time): every problem at once, or the typed value. */
export function checkerOf<T>(validate: { (data: unknown): boolean; errors?: ErrorObject[] | null }): (data: unknown) => Checked<T> {
  return (data: unknown) => {
    if (validate(data)) return { ok: true, value: data as T };
    const seen = new Set<string>();
    const issues: FieldIssue[] = [];
    for (const error of validate.errors ?? []) {
      const issue = toIssue(error);
      // A oneOf/anyOf failure reports each branch; one line per path and code is enough for a person.
      const key = `${issue.path} ${issue.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(issue);
    }
    return { ok: false, issues };
  };
}

