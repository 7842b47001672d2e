// Loads a simulator's data file and checks every record before serving any, so a bad file stops the
// simulator with a message that points at the file, the record and the field instead of odd answers later.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { compileSchema, type Checked, type FieldIssue } from '../../platform/schema.ts';

export class DataFileError extends Error {
  override name = 'DataFileError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

export interface LoadDataFileOptions<T> {
  /** Records whose keys are equal are duplicates, reported like a schema problem. */
  uniqueKey?: (record: T) => string;
}

const MAX_REPORTED = 10;

// compileSchema compiles on every call; each record schema is compiled once however often files are reloaded.
const checkers = new WeakMap<object, (data: unknown) => Checked<unknown>>();

function checkerFor<T>(schema: object): (data: unknown) => Checked<T> {
  let checker = checkers.get(schema);
  if (!checker) {
    checker = compileSchema<unknown>(schema);
    checkers.set(schema, checker);
  }
  return checker as (data: unknown) => Checked<T>;
}

function describeIssue(issue: FieldIssue): string {
  const params = issue.params ?? {};
  let hint = '';
  if (Array.isArray(params.allowedValues)) hint = ` (one of ${params.allowedValues.join(', ')})`;
  else if (typeof params.format === 'string') hint = ` (${params.format})`;
  else if (typeof params.pattern === 'string') hint = ` (pattern ${params.pattern})`;
  else if (typeof params.type === 'string') hint = ` (expected ${params.type})`;
  return `field ${issue.path} ${issue.code}${hint}`;
}

/** Reads `fileName` from `dataDir`: a JSON array whose every record matches `recordSchema`. */
export async function loadDataFile<T>(
  dataDir: string,
  fileName: string,
  recordSchema: object,
  options: LoadDataFileOptions<T> = {},
): Promise<T[]> {
  const file = path.join(dataDir, fileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(file, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(error)})`);
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(file, `not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(data)) throw new DataFileError(file, 'expected a JSON array of records');

  const check = checkerFor<T>(recordSchema);
  const problems: string[] = [];
  const records: T[] = [];
  const firstIndexByKey = new Map<string, number>();
  data.forEach((item: unknown, index) => {
    const checked = check(item);
    if (!checked.ok) {
      for (const issue of checked.issues) problems.push(`record ${index} ${describeIssue(issue)}`);
      return;
    }
    if (options.uniqueKey) {
      const key = options.uniqueKey(checked.value);
      const first = firstIndexByKey.get(key);
      if (first !== undefined) problems.push(`record ${index} duplicates record ${first} (${key})`);
      else firstIndexByKey.set(key, index);
    }
    records.push(checked.value);
  });

  if (problems.length > 0) {
    const more = problems.length > MAX_REPORTED ? `; … and ${problems.length - MAX_REPORTED} more` : '';
    throw new DataFileError(file, problems.slice(0, MAX_REPORTED).join('; ') + more);
  }
  return records;
}
