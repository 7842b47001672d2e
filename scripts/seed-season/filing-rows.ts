// A synthetic filing as the rows the system would have written for it by the time it reached its status: the
// filing, its status history (the diagram's steps), the automatic review, the dispute, the certificate and the tax
// hand-over — each only where the status implies it — in COPY's text format.
import { randomUUID } from 'node:crypto';
import { newVerificationCode } from '../../certificates/verification-code.ts';
import type { Random } from '../../domain/synthetic.ts';
import type { FilingStatus } from '../../filings/filing-store.ts';
import { automaticReview, SEEDED_RULES } from './automatic-review.ts';
import { copyRow } from './copy-in.ts';
import { countingEndOf, declarationOf, type SeasonUnit } from './unit-history.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const ACTOR = 'seed:season';

/** The tables a season is loaded into, with the columns each COPY names. */
export const SEEDED_TABLES = {
  employers: ['uscc', 'name', 'region_code', 'unit_nature', 'updated_at', 'registered_name', 'registration_status', 'registrar', 'registration_checked_at'],
  filings: ['id', 'year', 'channel', 'employer_uscc', 'receiving_region_code', 'handling_region_code', 'status', 'declaration', 'created_by', 'created_at', 'updated_at'],
  filing_status_history: ['filing_id', 'status', 'at', 'actor', 'note', 'step'],
  filing_reviews: ['filing_id', 'result', 'rules', 'reviewed_at'],
  disputes: ['filing_id', 'employee_indexes', 'reason', 'filed_by', 'filed_at', 'source_task_id'],
  certificates: ['code', 'filing_id', 'sequence', 'employer_uscc', 'employer_name', 'year', 'certified_count', 'required_count', 'certified_by', 'issued_at', 'source_task_id'],
  tax_handovers: ['filing_id', 'round', 'receipt_id', 'certified_count', 'required_count', 'pushed_at', 'consistent', 'levy_collected', 'answered_at', 'answer_received_at', 'source_task_id'],
} as const;
export type SeededTable = keyof typeof SEEDED_TABLES;
export type TableLines = Record<SeededTable, string[]>;

interface Step {
  status: FilingStatus;
  step: string;
  /** Time since the step before, in ms. */
  after: number;
  note?: string;
}

const between = (rand: Random, min: number, max: number) => min + rand() * (max - min);

/** The diagram's steps a filing went through to reach `status`. */
function stepsTo(rand: Random, status: FilingStatus, window: boolean, materialsComplete: boolean): Step[] {
  const steps: Step[] = [{ status: 'submitted', step: 'filed', after: 0 }, { status: 'submitted', step: 'registration-checked', after: MINUTE }];
  if (status === 'withdrawn') return [...steps, { status: 'withdrawn', step: 'withdrawal', after: between(rand, 0.1, 10) * DAY, note: '单位撤回申报' }];
  const waits = window && !materialsComplete;
  if (waits) steps.push({ status: 'submitted', step: 'awaiting-acceptance', after: 2 * MINUTE, note: '材料不齐全' });
  if (status === 'submitted') return steps;
  if (status === 'returned') return [...steps, { status: 'returned', step: 'acceptance', after: between(rand, 0.1, 3) * DAY, note: '材料不齐全，退回补正' }];
  if (window) steps.push({ status: 'accepted', step: 'acceptance', after: waits ? between(rand, 0.1, 3) * DAY : MINUTE });
  else steps.push({ status: 'accepted', step: 'acceptance', after: MINUTE });
  if (status === 'accepted') return steps;
  steps.push({ status: 'reviewing', step: 'automatic-review', after: MINUTE });
  if (status === 'reviewing') return steps;
  steps.push({ status: 'awaiting_confirmation', step: 'automatic-review', after: between(rand, 2, 40) * MINUTE });
  if (status === 'awaiting_confirmation') return steps;
  const disputed = status === 'disputed' || status === 'manual_review' || rand() < 0.08;
  if (disputed) {
    steps.push({ status: 'disputed', step: 'dispute', after: between(rand, 0.5, 12) * DAY, note: '部分职工社保缴费记录有误' });
    if (status === 'disputed') return steps;
    steps.push({ status: 'manual_review', step: 'manual-review', after: 2 * MINUTE });
    if (status === 'manual_review') return steps;
    steps.push({ status: 'awaiting_confirmation', step: 'manual-review', after: between(rand, 2, 14) * DAY });
  }
  steps.push({ status: 'certified', step: 'certification', after: between(rand, 0.5, disputed ? 5 : 12) * DAY });
  if (status === 'certified') return steps;
  if (status === 'feedback') return [...steps, { status: 'feedback', step: 'feedback', after: between(rand, 1, 10) * DAY, note: '申请更正职工信息' }];
  steps.push({ status: 'sent_to_tax', step: 'tax-hand-over', after: between(rand, 21, 25) * DAY });
  if (status === 'sent_to_tax') return steps;
  return [...steps, { status: 'closed', step: 'tax-answer', after: between(rand, 3, 40) * DAY }];
}

/** How long a filing of the current season has been in its status (the last step's age), at most. */
const OPEN_AGE_DAYS: Partial<Record<FilingStatus, number>> = {
  submitted: 8, accepted: 2, reviewing: 2, awaiting_confirmation: 20, disputed: 1, manual_review: 16,
  certified: 21, feedback: 10, sent_to_tax: 60, closed: 90, returned: 60, withdrawn: 90,
};

export interface SeededFiling {
  id: string;
  status: FilingStatus;
  channel: 'online' | 'window';
}

/**
 * Appends the rows of one filing to `out`. Past seasons are filed in their concentrated period (1 April – 30 June of
 * the next year, a few later) and run forward; the current season's filings are placed back from `now`.
 */
export function filingRows(unit: SeasonUnit, year: number, status: FilingStatus, current: boolean, now: Date, out: TableLines): SeededFiling {
  const { rand } = unit;
  const window = status === 'submitted' || rand() < 0.3;
  const materialsComplete = status !== 'submitted' && !(status === 'returned' && window) && rand() < 0.9;
  const steps = stepsTo(rand, status, window, materialsComplete);
  const total = steps.reduce((s, x) => s + x.after, 0);
  let start: number;
  if (current) {
    start = now.getTime() - rand() * (OPEN_AGE_DAYS[status] ?? 30) * DAY - total;
  } else {
    const season = Date.UTC(year + 1, 3, 1) - 8 * 3600_000; // 1 April, China time
    start = season + (rand() < 0.85 ? rand() * 90 : 90 + rand() * 150) * DAY + 8 * 3600_000 * rand();
  }
  const id = randomUUID();
  const signedOn = new Date(start + 8 * 3600_000).toISOString().slice(0, 10);
  const declaration = declarationOf(unit, year, window ? 'window' : 'online', materialsComplete, signedOn);
  let at = start;
  const times: number[] = [];
  for (const s of steps) times.push((at += s.after));
  const iso = (t: number) => new Date(t).toISOString();
  out.filings.push(copyRow([id, year, declaration.channel, unit.uscc, unit.regionCode, unit.regionCode, status, JSON.stringify(declaration), ACTOR, iso(start), iso(at)]));
  steps.forEach((s, i) => out.filing_status_history.push(copyRow([id, s.status, iso(times[i]!), s.step === 'filed' ? ACTOR : 'system', s.note ?? null, s.step])));
  const timeOf = (step: string) => times[steps.findIndex((s) => s.step === step)]!;

  const reviewed = steps.some((s) => s.status === 'awaiting_confirmation');
  if (!reviewed) return { id, status, channel: declaration.channel };
  const review = automaticReview(rand, declaration, (idNumber) => countingEndOf(unit, year, idNumber));
  out.filing_reviews.push(copyRow([id, JSON.stringify(review), JSON.stringify(SEEDED_RULES), iso(timeOf('automatic-review'))]));
  if (steps.some((s) => s.status === 'disputed')) {
    out.disputes.push(copyRow([id, `{${Math.floor(rand() * declaration.employees.length)}}`, '部分职工社保缴费记录有误，已上传证明材料', `employer-${unit.uscc}`, iso(timeOf('dispute')), `seed-dispute-${id}`]));
  }
  if (!steps.some((s) => s.status === 'certified')) return { id, status, channel: declaration.channel };
  out.certificates.push(copyRow([newVerificationCode(), id, 1, unit.uscc, unit.name, year, review.certifiedCount, review.requiredCount, rand() < 0.7 ? `employer-${unit.uscc}` : 'system', iso(timeOf('certification')), `seed-certificate-${id}`]));
  if (steps.some((s) => s.status === 'sent_to_tax')) {
    const pushed = timeOf('tax-hand-over');
    const answered = status === 'closed' ? times[times.length - 1]! : null;
    const consistent = answered === null ? null : rand() < 0.95;
    const levy = answered === null ? null : review.levyEstimate.payable;
    out.tax_handovers.push(copyRow([id, 1, `TAX-${year}-${id.slice(0, 8)}-${id.slice(24)}`, review.certifiedCount, review.requiredCount, iso(pushed), consistent, levy, answered === null ? null : iso(answered - 3600_000), answered === null ? null : iso(answered), `seed-tax-${id}`]));
  }
  return { id, status, channel: declaration.channel };
}

/** The unit's master data row, written once. */
export function employerRow(unit: SeasonUnit, now: Date): string {
  const registrar = unit.prefix.startsWith('9') ? 'samr' : unit.prefix.startsWith('5') ? 'civil' : 'org';
  return copyRow([unit.uscc, unit.name, unit.regionCode, unit.nature, now.toISOString(), unit.name, 'active', registrar, now.toISOString()]);
}
