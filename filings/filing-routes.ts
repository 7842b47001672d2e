// The filing API (docs/contracts.md §1): submit, read one (with its history), list those in the caller's scope.
import type { EngineRest } from '../platform/engine-rest.ts';
import { acceptanceWaitOf } from './acceptance-wait.ts';
import { departmentWaitOf } from '../operations/department-wait.ts';
import { processDeadlinesOf } from './process-deadlines.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import { FEEDBACK_MESSAGE } from './feedback-store.ts';
import { feedbackHistory } from './feedback-history.ts';
import { feedbackWindowOf, type FeedbackWindow } from './filing-process.ts';
import { Router, type Request, type Response } from 'express';
import { validateFiling, type FilingRules } from './declaration/validate-filing.ts';
import type { Db } from '../platform/db.ts';
import type { Locale } from '../platform/field-messages.ts';
import { maskFields, personalFields } from '../platform/masking.ts';
import { Problem, type FieldError } from '../platform/problem.ts';
import { normalizeText } from '../platform/text.ts';
import { isUuid } from '../platform/ids.ts';
import type { Filing } from './declaration/filing.ts';
import { compileSchema } from '../platform/schema.ts';
import { filingListQuerySchema, filingReadQuerySchema, type FilingListQuery, type FilingReadQuery } from '../api/filings.ts';
import { escalationsOf, type StoredNotification } from '../notifications/notification-store.ts';
import { registerChangeFindingsOf } from './register-change-findings.ts';
import { dispatchClaimFindingsOf } from './dispatch-claim-findings.ts';
import { presentReview } from '../review/present-review.ts';
import { findReview, type StoredReview } from '../review/review-store.ts';
import { canReadFiling, mayFile, mayRevealPersonalNumbers } from '../platform/http/access.ts';
import { audit } from '../platform/http/audit.ts';
import { checked, fieldErrors, identityOf, invalid, localeOf } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import { filingMessages } from './declaration/messages.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { findRating } from '../ratings/rating-store.ts';
import { latestTaxHandover } from '../tax-handover/tax-handover-store.ts';
import { findTransfer } from '../national-platform/transfer-store.ts';
import { requireGoodStanding } from '../staff/good-standing.ts';
import { keepLastYearNumbers } from './last-year-start.ts';
import { createFiling, earlierRequest, type CreateFilingResult, employerDiscrepancies, findFiling, intakeNotices, listFilings, statusHistory, type FilingQuery, type StoredFiling } from './filing-store.ts';

export interface FilingRoutesOptions {
  db: Db;
  sessions: Sessions;
  rules: () => FilingRules;
  /** Throws unless filings are taken today (season/season-gate.ts). */
  admitBySeason: (locale: Locale) => Promise<void>;
  /** Called once a new filing is committed: its process start waits in the outbox. */
  nudgeOutbox?: () => void;
  /** The engine, to tell a filing waiting on a department that does not answer; without one, nothing is told. */
  engine?: EngineRest;
  /** The clock the staff register's standing is judged by (tests set it). */
  now?: () => Date;
}

/** The feedback window for the page; an engine that does not answer now must not fail the read. */
async function feedbackWindowOrNull(engine: EngineRest, filingId: string, status: string): Promise<FeedbackWindow | null> {
  try {
    return await feedbackWindowOf(engine, filingId, status, FEEDBACK_MESSAGE);
  } catch {
    return null;
  }
}

/** The statuses in which the automatic review may be waiting on a department. */
const DEPARTMENT_CHECKS_RUN = new Set(['submitted', 'accepted', 'reviewing']);


const checkListQuery = compileSchema<FilingListQuery>(filingListQuerySchema);

const checkReadQuery = compileSchema<FilingReadQuery>(filingReadQuerySchema);

/** The filing as a caller sees it: personal numbers masked unless revealed to a role that needs them. */
function present(filing: StoredFiling, reveal: boolean, review: StoredReview | undefined, locale: Locale) {
  const declaration = reveal ? filing.declaration : maskFields(filing.declaration, personalFields);
  return {
    id: filing.id,
    status: filing.status,
    year: filing.year,
    channel: filing.channel,
    receivingRegionCode: filing.receivingRegionCode,
    handlingRegionCode: filing.handlingRegionCode,
    employer: declaration.employer,
    employees: declaration.employees,
    commitment: declaration.commitment,
    createdAt: filing.createdAt,
    updatedAt: filing.updatedAt,
    // The automatic review's result appears here once the review has run (docs/contracts.md §1).
    review: review ? presentReview(review, filing.declaration, reveal, locale) : null,
  };
}

function presentEscalation(n: StoredNotification) {
  return { title: n.title, body: n.body, recipientGroup: n.recipientGroup, dueAt: n.dueAt, createdAt: n.createdAt, readAt: n.readAt };
}

export async function readableFiling(db: Db, req: Request): Promise<StoredFiling> {
  const id = String(req.params.id);
  // An unknown id and another unit's id answer alike, so ids cannot be probed.
  const notFound = new Problem(404, '未找到该申报', `no filing ${id} in your scope`);
  if (!isUuid(id)) throw notFound;
  const filing = await findFiling(db, id);
  if (!filing || !canReadFiling(identityOf(req), filing)) throw notFound;
  return filing;
}

/** 201 for a filing just stored (its process start is nudged), 200 for the same request again: where it is, its id. */
export function answerStoredFiling(
  res: Response,
  stored: Extract<CreateFilingResult, { kind: 'created' | 'repeated' }>,
  notices: FieldError[],
  nudgeOutbox: (() => void) | undefined,
): void {
  if (stored.kind === 'created') nudgeOutbox?.();
  const { id, status } = stored.filing;
  res.status(stored.kind === 'created' ? 201 : 200).location(`/api/filings/${id}`).json({ id, status, notices });
}

/** A refusal that names the filing it refers to: 409 for a unit's second filing, 422 for a reused key. */
function conflict(status: 409 | 422, code: string, filingId: string, path: string, message: string): Problem {
  return new Problem(status, message, undefined, [{ path, code, message }], 'about:blank', { code, filingId });
}

/** What the filing waits for before the review: the clerks' acceptance, or a department that does not answer. */
async function waitsOf(engine: EngineRest | undefined, filing: StoredFiling, reveal: boolean) {
  const acceptance = engine ? await acceptanceWaitOf(engine, filing, reveal) : null;
  const departmentWait = engine && !acceptance && DEPARTMENT_CHECKS_RUN.has(filing.status) ? await departmentWaitOf(engine, filing.id) : null;
  return { acceptance, departmentWait };
}

export function filingRouter({ db, sessions, rules, admitBySeason, nudgeOutbox, engine, now = () => new Date() }: FilingRoutesOptions): Router {
  const router = Router();

  router.post('/api/filings', authenticate(sessions, ['employer', 'clerk']), async (req, res) => {
    const who = identityOf(req);
    const key = req.get('idempotency-key')?.slice(0, 200);
    const locale = localeOf(req);
    // A retry of a request that was taken gets its filing as it was taken — even once the season, or the years a
    // filing may name, have moved on since; a key used for another request is refused before anything else.
    // Numbers an employer's draft from last year showed masked are last year's (last-year-start.ts).
    const kept = await keepLastYearNumbers(db, who, req.body);
    const repeat = await earlierRequest(db, who, key, normalizeText(kept.body).value as Filing);
    let stored: CreateFilingResult;
    let notices: FieldError[] = [];
    if (repeat) stored = repeat;
    else {
      const result = validateFiling(kept.body, rules());
      // A masked number that names nothing declared is reported as that, not as a wrong format besides.
      const unmatched = new Set(kept.issues.map((i) => i.path));
      const issues = [...kept.issues, ...(result.ok ? [] : result.issues.filter((i) => !unmatched.has(i.path)))];
      if (!result.ok || issues.length > 0) throw invalid(req, issues);
      const { filing } = result;
      const permission = mayFile(who, filing.channel, filing.employer.uscc, filing.receivingRegionCode);
      if (!permission.ok) throw new Problem(403, permission.reason);
      // After the field checks, so a draft can be corrected out of season too; before anything is stored.
      await admitBySeason(locale);
      notices = fieldErrors(result.notices, locale, filingMessages);
      stored = await createFiling(db, who, filing, key, result.notices);
    }
    switch (stored.kind) {
      case 'created':
      case 'repeated':
        answerStoredFiling(res, stored, notices, nudgeOutbox);
        return;
      case 'key_reused':
        throw conflict(422, 'IDEMPOTENCY_KEY_REUSED', stored.filingId, '/', locale === 'zh'
          ? '该幂等键（Idempotency-Key）已用于另一份内容不同的申报；重新申报请使用新的幂等键'
          : 'this Idempotency-Key was used for a different request; use a new key for a new filing');
      case 'exists':
        throw conflict(409, 'FILING_EXISTS', stored.filingId, '/employer/uscc', locale === 'zh'
          ? '该单位本年度已有在办的申报，不能重复申报；如需修改，请在原申报的反馈环节办理'
          : "the unit already has a filing for that year under way; changes go through that filing's feedback");
    }
  });

  router.get('/api/filings/:id', authenticate(sessions), async (req, res) => {
    const who = identityOf(req);
    const query = checked(req, checkReadQuery, { ...req.query });
    const filing = await readableFiling(db, req);
    const reveal = query.reveal === 'personal';
    if (reveal && !mayRevealPersonalNumbers(who)) throw new Problem(403, '无权查看完整证件号码');
    // Whole personal numbers only to staff holding a valid post certificate and a signed confidentiality agreement.
    if (reveal) await requireGoodStanding(db, who, now());
    await audit(db, who, reveal ? 'filing.reveal_personal_numbers' : 'filing.read', { type: 'filing', id: filing.id });
    const notices = fieldErrors(await intakeNotices(db, filing.id), localeOf(req), filingMessages);
    const history = await statusHistory(db, filing.id);
    res.json({
      ...present(filing, reveal, await findReview(db, filing.id), localeOf(req)),
      notices,
      discrepancies: await employerDiscrepancies(db, filing),
      history,
      feedback: await feedbackHistory(db, filing.id, history),
      rating: (await findRating(db, filing.id)) ?? null,
      taxHandover: await latestTaxHandover(db, filing.id),
      transfer: await findTransfer(db, filing.id),
      // A window filing waiting for acceptance waits on the county's clerks, not on a department.
      ...(await waitsOf(engine, filing, reveal)),
      feedbackWindow: engine && filing.status === 'certified' ? await feedbackWindowOrNull(engine, filing.id, filing.status) : null,
      dueDates: engine ? await processDeadlinesOf(engine, await loadCalendar(db), filing.id) : [],
      // Missed deadlines escalated to the county lead or the city: the staff's supervision, not the employer's.
      ...(who.role === 'employer'
        ? {}
        : {
            escalations: (await escalationsOf(db, filing.id)).map(presentEscalation),
            // The unit deregistered or listed while the filing was under way: for the county to weigh (docs/registrar-feeds.md).
            registerChanges: await registerChangeFindingsOf(db, filing.id),
            // A dispatched person's months this filing and another of the year both counted (docs/review.md §Dispatch).
            dispatchClaims: await dispatchClaimFindingsOf(db, filing.id),
          }),
    });
  });

  router.get('/api/filings', authenticate(sessions, ['employer', 'clerk', 'reviewer', 'lead', 'city', 'province']), async (req, res) => {
    const who = identityOf(req);
    const q = checked(req, checkListQuery, { ...req.query });
    const query: FilingQuery = {
      year: q.year ? Number(q.year) : undefined,
      status: q.status as FilingQuery['status'],
      uscc: q.uscc,
      limit: q.limit ? Number(q.limit) : 20,
      offset: q.offset ? Number(q.offset) : 0,
    };
    const { total, items } = await listFilings(db, who, query);
    await audit(db, who, 'filing.list', { type: 'filing', id: '*' }, { returned: items.map((f) => f.id) });
    res.json({
      total,
      items: items.map((f) => ({
        id: f.id,
        year: f.year,
        status: f.status,
        channel: f.channel,
        employer: { uscc: f.employerUscc, name: f.declaration.employer.name, regionCode: f.handlingRegionCode },
        receivingRegionCode: f.receivingRegionCode,
        employeeCount: f.declaration.employees.length,
        createdAt: f.createdAt,
      })),
    });
  });

  return router;
}
