// The one schema-check mechanism: every request body, job variable set, department answer and upload
// goes through a validator compiled here, and problems come back as data keyed by JSON pointer.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** One problem with one field: where (JSON pointer), what (stable code), and the facts a message needs. */
export interface FieldIssue {
  path: string;
  code: string;
  params?: Record<string, unknown>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false, issues: FieldIssue[] };

// ajv-formats ships CommonJS with a default export; under NodeNext the callable sits on `.default`.
type AddFormats = (ajv: Ajv2020, formats: string[]) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

const ajv = new Ajv2020({ allErrors: true, strict: true, useDefaults: false, coerceTypes: false });
addFormats(ajv, ['date', 'date-time', 'uri', 'email']);

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

/** Compiles a JSON Schema (draft 2020-12) into a checker that reports every problem at once. */
export function compileSchema<T>(schema: object): (data: unknown) => Checked<T> {
  const validate = ajv.compile<T>(schema);
  return (data: unknown) => {
    if (validate(data)) return { ok: true, value: data };
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

/** Thrown where data that must match a schema does not (a department answer, a job's variables). */
export class SchemaViolation extends Error {
  constructor(
    readonly subject: string,
    readonly issues: FieldIssue[],
  ) {
    super(`${subject}: ${issues.map((i) => `${i.path} ${i.code}`).join('; ')}`);
    this.name = 'SchemaViolation';
  }
}

/** Checks data and returns it typed, or throws SchemaViolation naming the subject. */
export function assertSchema<T>(check: (data: unknown) => Checked<T>, data: unknown, subject: string): T {
  const result = check(data);
  if (!result.ok) throw new SchemaViolation(subject, result.issues);
  return result.value;
}
