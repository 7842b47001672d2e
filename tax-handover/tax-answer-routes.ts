// POST /api/departments/tax/answers: the tax bureau's later answer to a push (connectors/tax/README.md), sent to the
// callback the push named. The bureau proves itself with the callback token; the answer is stored with its push and
// its message to the waiting process enqueued in one transaction, once however often it is sent.
import { Router, type RequestHandler } from 'express';
import { hasTwoDecimals, taxAnswerSchema, type TaxAnswer } from '../connectors/tax/schema.ts';
import type { Db } from '../platform/db.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { UUID_PATTERN } from '../platform/ids.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { checked, invalid, localeOf } from '../platform/http/http.ts';
import { bearerToken } from '../platform/http/identity.ts';
import { CALLBACK_PATHS, type DepartmentCallbacks } from './department-callbacks.ts';
import { recordTaxAnswer } from './tax-handover-store.ts';

export interface TaxAnswerRoutesOptions {
  db: Db;
  callbacks: DepartmentCallbacks;
  /** Called once an answer's message waits in the outbox, to be sent now. */
  nudgeOutbox?: () => void;
}

// Our pushes carry filing ids that are uuids; the bureau's schema is looser, as its adapter may serve others too.
const checkAnswer = compileSchema<TaxAnswer>({
  ...taxAnswerSchema,
  properties: { ...taxAnswerSchema.properties, filingId: { type: 'string', pattern: UUID_PATTERN } },
});

const messages = createFieldMessages({
  root: ['税务部门反馈', 'the tax answer'],
  labels: {
    receiptId: ['回执编号', 'receipt id'],
    filingId: ['申报编号', 'filing id'],
    uscc: ['统一社会信用代码', 'unified social credit code'],
    year: ['年度', 'year'],
    consistent: ['比对结果', 'consistency'],
    levyCollected: ['已征收残保金', 'levy collected'],
    answeredAt: ['反馈时间', 'answered at'],
  },
  formatHints: { levyCollected: ['应为不小于 0、最多两位小数的金额（元）', 'must be an amount in yuan of at least 0 with at most two decimals'] },
  templates: { MISMATCH: [(f) => `${f}与该回执对应的推送不一致`, (f) => `${f} differs from the push of this receipt`] },
});

/** 401 unless the caller sends the callback token the pushes handed out. */
function departmentCaller(callbacks: DepartmentCallbacks): RequestHandler {
  return (req, _res, next) => {
    if (callbacks.accepts(bearerToken(req.get('authorization')))) next();
    else next(new Problem(401, '回调凭证无效', 'missing or wrong callback bearer token'));
  };
}

export function taxAnswerRouter({ db, callbacks, nudgeOutbox }: TaxAnswerRoutesOptions): Router {
  const router = Router();

  router.post(CALLBACK_PATHS.taxAnswers, departmentCaller(callbacks), async (req, res) => {
    const answer = checked(req, checkAnswer, req.body, messages);
    if (!hasTwoDecimals(answer.levyCollected)) throw invalid(req, [{ path: '/levyCollected', code: 'FORMAT', params: { decimals: 2 } }], messages);
    const zh = localeOf(req) === 'zh';
    const outcome = await recordTaxAnswer(db, answer);
    switch (outcome.kind) {
      case 'recorded':
        if (!outcome.superseded) nudgeOutbox?.();
        res.json({ receiptId: answer.receiptId, result: 'recorded' });
        return;
      case 'repeated':
        res.json({ receiptId: answer.receiptId, result: 'already_recorded' });
        return;
      case 'unknown':
        throw new Problem(404, zh ? '未找到该回执对应的推送' : 'no push has this receipt', `no push with receipt ${answer.receiptId}`);
      case 'pending':
        // The answer overtook the push's receipt, which is being stored: the bureau's retry will find it.
        res.set('Retry-After', '1');
        throw new Problem(503, zh ? '该推送的回执尚在登记，请稍后重试' : 'the push of this answer is still being recorded; retry shortly');
      case 'mismatch': {
        const problem = invalid(req, outcome.paths.map((path) => ({ path, code: 'MISMATCH' })), messages);
        throw new Problem(409, zh ? '反馈与该回执对应的推送不一致' : 'the answer does not match the push of its receipt', undefined, problem.errors);
      }
      case 'conflict':
        throw new Problem(409, zh ? '该回执已有不同的反馈结果' : 'another answer was recorded for this receipt', `receipt ${answer.receiptId} was answered differently before`);
    }
  });

  return router;
}
