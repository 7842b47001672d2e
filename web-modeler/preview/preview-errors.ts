// Where the API's refusal of a preview is shown: field errors by JSON pointer (/resources/0/content → file 0;
// /filings/year → the year field), the files as a whole, and what has no place on the page.
import { ApiError } from '../modeler-api.ts';

/** The messages at a pointer or under it. */
export function errorsAt(error: ApiError | undefined, prefix: string): string[] {
  return (error?.errors ?? []).filter((e) => e.path === prefix || e.path.startsWith(`${prefix}/`)).map((e) => e.message);
}

/** A form item's error state for the field at a pointer. */
export function fieldHelp(error: ApiError | undefined, path: string) {
  const messages = errorsAt(error, path);
  return messages.length ? { validateStatus: 'error' as const, help: messages.join('；') } : {};
}

/** Errors about the files as a whole (/resources). */
export function wholeFileErrors(error: ApiError | undefined): string[] {
  return (error?.errors ?? []).filter((e) => e.path === '/resources').map((e) => e.message);
}

/** True when every field error has its place beside a file or a field: the page then only names the refusal. */
export function allErrorsPlaced(error: ApiError | undefined): boolean {
  const unplaced = (error?.errors ?? []).filter((e) => !e.path.startsWith('/resources') && !e.path.startsWith('/filings'));
  return error !== undefined && error.errors.length > 0 && unplaced.length === 0;
}
