// The employer's feedback after certification (年审认证反馈, 附件1 §四(三)): taken only while the filing's process waits
// for it (within the working days the diagram gives after certifying — its timer decides), stored and sent to the
// process. A refusal says which: the window is about to open, closed on its date, or not at this step.
import { Router } from 'express';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { createFieldMessages, type Locale } from '../platform/field-messages.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { feedbackBodySchema, type FeedbackBody } from '../api/filings.ts';
import { checked, identityOf, localeOf } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { readableFiling } from './filing-routes.ts';
import { engineProblem, requireEngine } from '../platform/http/engine-problems.ts';
import { chinaDateOf } from '../platform/china-date.ts';
import { feedbackWindowOf, type FeedbackWindow } from './filing-process.ts';
import { earlierFeedback, FEEDBACK_MESSAGE, fileFeedback } from './feedback-store.ts';

export interface FeedbackRoutesOptions {
  db: Db;
  sessions: Sessions;
  /** Undefined when no engine is configured: filing feedback answers 503. */
  engine: EngineRest | undefined;
  /** Called once a feedback is committed: its message waits in the outbox, to be sent now. */
  nudgeOutbox?: () => void;
}

const checkFeedback = compileSchema<FeedbackBody>(feedbackBodySchema);

const feedbackMessages = createFieldMessages({
  root: ['反馈', 'the feedback'],
  labels: { reason: ['反馈理由', 'reason'] },
});

function refusal(status: 409 | 422, code: string, filingId: string, message: string): Problem {
  return new Problem(status, message, undefined, undefined, 'about:blank', { code, filingId });
}

const text = {
  opening: ['反馈通道正在开启，请稍候片刻再提交', 'The feedback window is about to open: try again in a moment'],
  notNow: ['申报当前所处的环节不能提交反馈：反馈在年审认证之后提出', 'Feedback cannot be filed at this step: it follows the certification'],
  pending: ['已提交的反馈正在送达审核，请勿重复提交', 'Feedback already filed is on its way to the reviewer; do not file it again'],
  keyReused: [
    '该幂等键（Idempotency-Key）已用于另一份内容不同的反馈；再次反馈请使用新的幂等键',
    'this Idempotency-Key was used for a different feedback; use a new key for a new one',
  ],
} as const;
const say = (pair: readonly [string, string], locale: Locale) => pair[locale === 'zh' ? 0 : 1];

/** 2026-12-16 → 2026年12月16日 */
const chineseDay = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

export function feedbackRouter({ db, sessions, engine, nudgeOutbox }: FeedbackRoutesOptions): Router {
  const router = Router();

  router.post('/api/filings/:id/feedback', authenticate(sessions, ['employer']), async (req, res) => {
    const who = identityOf(req);
    const locale = localeOf(req);
    const key = req.get('idempotency-key')?.slice(0, 200);
    const { reason } = checked(req, checkFeedback, req.body, feedbackMessages);
    const filing = await readableFiling(db, req);

    // A retry of a feedback that was taken answers as it did, even once the process has moved on.
    const repeat = await earlierFeedback(db, who, key, filing.id, reason);
    if (!repeat) {
      let window: FeedbackWindow;
      try {
        window = await feedbackWindowOf(requireEngine(engine), filing.id, filing.status, FEEDBACK_MESSAGE);
      } catch (error) {
        throw engineProblem(error);
      }
      // Told as it is: closed only once the window has closed, with its date.
      if (window.state === 'closed') {
        const day = chinaDateOf(new Date(window.dueAt));
        throw refusal(409, 'FEEDBACK_CLOSED', filing.id, locale === 'zh' ? `反馈期已于 ${chineseDay(day)} 截止` : `The feedback period ended on ${day}`);
      }
      if (window.state === 'opening') throw refusal(409, 'FEEDBACK_NOT_OPEN', filing.id, say(text.opening, locale));
      if (window.state === 'not-at-this-step') throw refusal(409, 'FEEDBACK_NOT_AT_THIS_STEP', filing.id, say(text.notNow, locale));
    }
    const filed = repeat ?? (await fileFeedback(db, who, filing.id, reason, key));
    switch (filed.kind) {
      case 'filed':
      case 'repeated':
        if (filed.kind === 'filed') nudgeOutbox?.();
        res.status(202).location(`/api/filings/${filing.id}`).json({ id: filed.id, status: 'filed' });
        return;
      case 'pending':
        throw refusal(409, 'FEEDBACK_PENDING', filing.id, say(text.pending, locale));
      case 'key_reused':
        throw refusal(422, 'IDEMPOTENCY_KEY_REUSED', filing.id, say(text.keyReused, locale));
    }
  });

  return router;
}
