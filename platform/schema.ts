// The one schema-check mechanism: every request body, job variable set, department answer and upload
// goes through a validator compiled here, and problems come back as data keyed by JSON pointer.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { checkerOf, type Checked, type FieldIssue } from './schema-issues.ts';

export type { Checked, FieldIssue };

// ajv-formats ships CommonJS with a default export; under NodeNext the callable sits on `.default`.
type AddFormats = (ajv: Ajv2020, formats: string[]) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

/**
 * The validator compiler every check uses; `aheadOfTime` keeps each validator's source, to be written out as plain code
 * (ajv's standalone output) for a page whose Content-Security-Policy forbids compiling code at run time.
 */
export function createAjv(aheadOfTime = false): Ajv2020 {
  const compiler = new Ajv2020({ allErrors: true, strict: true, useDefaults: false, coerceTypes: false, ...(aheadOfTime ? { code: { source: true, esm: true } } : {}) });
  return addFormats(compiler, ['date', 'date-time', 'uri', 'email']);
}

const ajv = createAjv();

/** Compiles a JSON Schema (draft 2020-12) into a checker that reports every problem at once. */
export function compileSchema<T>(schema: object): (data: unknown) => Checked<T> {
  return checkerOf<T>(ajv.compile<T>(schema));
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
