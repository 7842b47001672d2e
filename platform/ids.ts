// The one shape of the ids every route and job takes (filings, documents): a UUID, as PostgreSQL's `uuid`
// type reads it — in either case, since the database compares them without regard to case.

/** A UUID in its hyphenated form, as a JSON Schema `pattern` (no flags there, so both cases are spelled out). */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const uuid = new RegExp(UUID_PATTERN);

/** Whether `value` is a UUID: checked before a query, so text that is none is "not found", never a database error. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuid.test(value);
}
