// Checks a task's completion must pass beyond its form, for what only the filing can tell (how many employees were
// declared, which of them have evidence): keyed by form id, run by the tasks API after the form's own check, and
// answered as field errors worded like the form's (its labels, plus each check's own sentences).
import { confirmResultCheck } from './confirm-result-check.ts';
import { manualReviewCheck } from './manual-review-check.ts';
import { rewardConfirmationCheck } from './reward-confirmation-check.ts';
import type { CompletionCheck } from './completion-check.ts';

const CHECKS: Readonly<Record<string, CompletionCheck>> = {
  'confirm-result': confirmResultCheck,
  'manual-review': manualReviewCheck,
  'reward-county-confirmation': rewardConfirmationCheck,
};

/** The check for a form, if it has one (a form id is the diagram's text: only the registry's own entries count). */
export function completionCheckOf(formId: string): CompletionCheck | undefined {
  return Object.hasOwn(CHECKS, formId) ? CHECKS[formId] : undefined;
}
