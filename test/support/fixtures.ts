// Tests build their declarations from the same synthetic generator the template and the benchmark use.
export { syntheticEmployee, syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';

import type { CreateFilingResult } from '../../filings/filing-store.ts';

/** The id of a filing a test just stored; anything but a new filing is a mistake in the test's data. */
export function createdId(result: CreateFilingResult): string {
  if (result.kind !== 'created') throw new Error(`test data: the filing was not created (${result.kind})`);
  return result.filing.id;
}
