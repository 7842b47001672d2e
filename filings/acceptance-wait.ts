// A window filing whose paper was incomplete waits for the county's clerks to accept it (受理) within 3 working days:
// the employer's page and the clerk's 受理 task say what is missing and until when, instead of "the departments'
// data are being compared" (issue 18). What is missing is what the clerk wrote at the window; the date is the one
// the diagram computed (`acceptanceDueAt`), never a number written into a page.
import type { EngineRest } from '../platform/engine-rest.ts';
import { maskNumbersInText } from '../platform/masking.ts';
import { activeVariables, deadlineOf } from './filing-process.ts';
import type { StoredFiling } from './filing-store.ts';

export interface AcceptanceWait {
  /** What the clerk found missing at the window, as written (personal numbers masked unless revealed). */
  missingMaterials: string;
  /** The end of the acceptance deadline; null while the process is still computing it. */
  dueAt: string | null;
  /** Counted across a year whose holidays are not yet published. */
  provisional: boolean;
}

/**
 * Whether the filing is a window filing not accepted on the spot that has not been accepted or returned yet: the
 * diagram routes a window filing to the 受理 task unless the clerk found its materials complete.
 */
export function awaitsAcceptance(filing: StoredFiling): boolean {
  return filing.channel === 'window' && filing.status === 'submitted' && filing.declaration.windowIntake?.materialsComplete !== true;
}

/** What the filing waits for before acceptance, or null when it waits for none. */
export async function acceptanceWaitOf(engine: EngineRest, filing: StoredFiling, reveal: boolean): Promise<AcceptanceWait | null> {
  if (!awaitsAcceptance(filing)) return null;
  const written = filing.declaration.windowIntake?.missingMaterials ?? '';
  const missingMaterials = reveal ? written : maskNumbersInText(written);
  let deadline: { dueAt: string | null; provisional: boolean } = { dueAt: null, provisional: false };
  try {
    const variables = await activeVariables(engine, filing.id);
    if (variables) deadline = deadlineOf(variables, 'acceptanceDueAt');
  } catch {
    // The page reads the filing every few seconds: an engine that does not answer now must not fail that read.
  }
  return { missingMaterials, ...deadline };
}
