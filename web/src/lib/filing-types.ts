// What the API answers about filings and tasks (docs/contracts.md §1, docs/people-and-deadlines.md), as the pages read it.
import type { Filing, Employee } from '../../../filings/declaration/filing.ts';
import { FILING_STATUS_NAMES, type EmployeeReview, type FILING_STATUSES } from '../../../api/filings.ts';

export type { Filing, Employee };

export type FilingStatus = (typeof FILING_STATUSES)[number];

export const STATUS_NAMES: Readonly<Record<FilingStatus, string>> = FILING_STATUS_NAMES;

/** The status as the pages name it: a window filing not yet accepted is 待受理 (its clerks have it), not 已提交. */
export function statusName(status: FilingStatus, channel?: string): string {
  if (status === 'submitted' && channel === 'window') return '待受理';
  return STATUS_NAMES[status] ?? status;
}

export type { StatusEntry, EmployeeReview, Review, FilingDetail, FilingListItem, FeedbackWindow } from '../../../api/filings.ts';
export type { FilingSummary, TaskItem, TaskDetail, ReviewedEmployee } from '../../../api/tasks.ts';
export type { StoredDocument } from '../../../api/documents.ts';

export type MonthResult = EmployeeReview['months'][number];
export type Explanation = EmployeeReview['explanation'][number];
