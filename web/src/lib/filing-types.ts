// What the API answers about filings and tasks (docs/contracts.md §1, docs/people-and-deadlines.md), as the pages read it.
import type { Filing, Employee } from '../../../filings/declaration/filing.ts';

export type { Filing, Employee };

export type FilingStatus =
  | 'submitted' | 'accepted' | 'reviewing' | 'awaiting_confirmation' | 'disputed' | 'manual_review'
  | 'certified' | 'feedback' | 'sent_to_tax' | 'closed' | 'returned' | 'transferred' | 'withdrawn';

export const STATUS_NAMES: Record<FilingStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  reviewing: '审核中',
  awaiting_confirmation: '待单位确认',
  disputed: '单位有异议',
  manual_review: '人工审核中',
  certified: '已年审认证',
  feedback: '认证反馈中',
  sent_to_tax: '已报送税务',
  closed: '已办结',
  returned: '已退回',
  transferred: '已转办',
  withdrawn: '已撤回',
};

/** The status as the pages name it: a window filing not yet accepted is 待受理 (its clerks have it), not 已提交. */
export function statusName(status: FilingStatus, channel?: string): string {
  if (status === 'submitted' && channel === 'window') return '待受理';
  return STATUS_NAMES[status] ?? status;
}

export interface StatusEntry {
  status: FilingStatus;
  at: string;
  actor: string;
  note: string | null;
  step: string | null;
}

export interface MonthResult {
  month: string;
  counted: boolean;
  reasons: string[];
}

export interface Explanation {
  code: string;
  months: string[];
  message: string;
}

export interface EmployeeReview {
  index: number;
  name: string | null;
  idNumber: string | null;
  counted: boolean;
  weight: number;
  countedMonths: number;
  contribution: number;
  months: MonthResult[];
  reasons: string[];
  explanation: Explanation[];
  manualReview?: { decision: 'count' | 'months' | 'not_count'; months: string[]; reason: string; reviewer: string; decidedAt: string; message: string };
  automaticExplanation?: Explanation[];
}

export interface Review {
  certifiedCount: number;
  requiredCount: number;
  shortfall: number;
  levyEstimate: { base: number; reductionRate: number; payable: number; exempt: boolean; wageBase: number; wageBaseCap: number; quotaRatio: number; actualRatio: number };
  employerFindings: { code: string; source: string | null; message: string }[];
  employees: EmployeeReview[];
  summary: string;
  reviewedAt: string;
}

/** GET /api/filings/{id} */
export interface FilingDetail {
  id: string;
  status: FilingStatus;
  year: number;
  channel: 'online' | 'window';
  receivingRegionCode: string;
  handlingRegionCode: string;
  employer: Filing['employer'];
  employees: Employee[];
  commitment: Filing['commitment'];
  createdAt: string;
  updatedAt: string;
  review: Review | null;
  notices: { path: string; code: string; message: string }[];
  discrepancies: { field: string; declared: string; onRecord: string; source: string }[];
  history: StatusEntry[];
  rating: { score: number; comment: string | null; ratedAt: string; updatedAt: string } | null;
  taxHandover: { round: number; receiptId: string | null; pushedAt: string; consistent: boolean | null; levyCollected: number | null; answeredAt: string | null } | null;
  transfer: { direction: 'inbound' | 'outbound'; transferId: string; otherRegionCode: string; at: string } | null;
  /** A department check that failed and waits: tried again (retrying) or handed to the operators (held). */
  departmentWait: { state: 'retrying' | 'held'; departments: string[] } | null;
  /** A window filing with materials missing, before acceptance: what is missing and the acceptance deadline. */
  acceptance: { missingMaterials: string; dueAt: string | null; provisional: boolean } | null;
  /** While certified: whether feedback is taken now, and until when (provisional: next year not yet published). */
  feedbackWindow:
    | { state: 'open'; dueAt: string | null; provisional: boolean }
    | { state: 'opening' }
    | { state: 'closed'; dueAt: string }
    | { state: 'not-at-this-step' }
    | null;
  /** The working-day deadlines the process computed; provisional while one ends in a year not yet published. */
  dueDates: { variable: string; label: string; dueAt: string; provisional: boolean }[];
  /** The unit's feedback after certification, oldest first, and the reviewer's answer to each. */
  feedback: { id: string; reason: string; filedAt: string; state: 'awaiting' | 'approved' | 'rejected'; reviewNote: string | null; decidedAt: string | null }[];
  escalations?: { title: string; body: string; recipientGroup: string; dueAt: string | null; createdAt: string; readAt: string | null }[];
}

/** GET /api/filings items */
export interface FilingListItem {
  id: string;
  year: number;
  status: FilingStatus;
  channel: 'online' | 'window';
  employer: { uscc: string; name: string; regionCode: string };
  receivingRegionCode: string;
  employeeCount: number;
  createdAt: string;
}

export interface FilingSummary {
  id: string;
  year: number;
  channel: string;
  status: FilingStatus;
  employerUscc: string;
  employerName: string;
  handlingRegionCode: string;
  receivingRegionCode: string;
  employeeCount: number;
  createdAt: string;
}

/** GET /api/tasks items; GET /api/tasks/{id} adds form and values. */
export interface TaskItem {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  assignee: string | null;
  created: string;
  due: string | null;
  followUp: string | null;
  /** Chinese working days left until `due` (negative when overdue); null without a due date or in an unknown year. */
  workingDaysLeft: number | null;
  overdue: boolean;
  /** 暂定: the due date was counted across a year whose holidays are not yet published, and may move. */
  dueProvisional: boolean;
  processInstanceId: string;
  formRef: string | null;
  filing: FilingSummary | null;
  /** 人工审核职工 tasks: the disputed employee (ID number masked), the unit's reason and the evidence. */
  reviewedEmployee: ReviewedEmployee | null;
}

export interface ReviewedEmployee {
  /** 1-based position in the declaration. */
  number: number;
  name: string;
  idNumber: string;
  disputeReason: string | null;
  disputedAt: string | null;
  evidence: { id: string; originalName: string; uploadedAt: string }[];
}

export interface TaskDetail extends TaskItem {
  form: { id: string; components: unknown[] } | null;
  values: Record<string, unknown>;
}

export interface StoredDocument {
  id: string;
  kind: 'scan' | 'evidence' | 'other';
  employeeIndex: number | null;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedBy: string;
  uploadedAt: string;
  href: string;
}
