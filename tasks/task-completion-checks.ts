// Checks a task's completion must pass beyond its form, for what only the filing can tell (how many employees were
// declared, which of them have evidence): keyed by form id, run by the tasks API after the form's own check, and
// answered as field errors worded like the form's (its labels, plus each check's own sentences).
import type { Db } from '../platform/db.ts';
import type { MessageCatalogue } from '../platform/field-messages.ts';
import type { FieldIssue } from '../platform/schema.ts';
import { confirmResultCheck } from '../review/confirm-result-check.ts';
import { manualReviewCheck } from '../review/manual-review-check.ts';
import type { FormValue } from './form-values.ts';

export type CompletionValues = Readonly<Record<string, FormValue>>;

export interface CompletionCheck {
  /** Every problem at once; the values are the form's checked values (every field present, blanks as null). */
  check(db: Db, filingId: string, values: CompletionValues): Promise<FieldIssue[]>;
  /** The sentences of the codes it reports beyond the form check's. */
  templates: NonNullable<MessageCatalogue['templates']>;
}

const CHECKS: Readonly<Record<string, CompletionCheck>> = {
  'confirm-result': confirmResultCheck,
  'manual-review': manualReviewCheck,
};

/** The check for a form, if it has one (a form id is the diagram's text: only the registry's own entries count). */
export function completionCheckOf(formId: string): CompletionCheck | undefined {
  return Object.hasOwn(CHECKS, formId) ? CHECKS[formId] : undefined;
}
