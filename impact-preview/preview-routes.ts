// POST /api/policy/previews — policy staff see what a changed decision file would do before deploying it: the
// stored filings of a season (a county, a city) judged again from their stored evidence by the latest deployed
// decisions and by the candidate ones, in memory. Nothing is written but the audit entry (with each candidate
// file's SHA-256).
// A candidate is someone's FEEL: it is checked by the deployment's own rules first (on the checks' thread), then
// evaluated only on worker threads, with a time limit and a heap cap, at most MAX_CONCURRENT_PREVIEWS at once. What
// the answer says of a failure names the rule and element, never a value (a value is a person's fact).
import { createHash } from 'node:crypto';
import { Router } from 'express';
import { readDecisionModel, type DecisionModel } from '../dmn-evaluator/decision-model.ts';
import { DecisionNotDeployed, deployedDecisions, type DeployedDecision } from '../dmn-evaluator/deployed-decisions.ts';
import { checkRegionCode } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { engineProblem } from '../platform/http/engine-problems.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import type { ReviewDecisions } from '../review/judge-filing.ts';
import { checkProblem, type CheckRunner } from '../deployment/check-runner.ts';
import { findingErrors } from '../deployment/deployment-findings.ts';
import { audit } from '../platform/http/audit.ts';
import { checked, identityOf, localeOf } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { MAX_PREVIEW_FILINGS, PREVIEWERS, previewRequestSchema, type PreviewRequest } from '../api/impact-preview.ts';
import { DEFAULT_DECISIONS } from '../workers/count-employees.ts';
import type { DecisionSources } from './decision-sources.ts';
import { decisionsInUse, PreviewJudgementError, type ImpactPreview } from './impact-preview.ts';
import { defaultPreviewThreads, PreviewMemoryError } from './preview-pool.ts';
import { previewFilings, type PreviewSelection } from './preview-store.ts';
import { DEFAULT_PREVIEW_TIMEOUT_MS, PreviewTimeoutError, replayFilings } from './replay-filings.ts';

export interface PreviewRoutesOptions {
  db: Db;
  sessions: Sessions;
  engine: EngineRest | undefined;
  /** The deployment checks' runner: a candidate is checked as a deployment would be, off the API's thread. */
  checks: CheckRunner;
  /** Worker threads judging a season (preview-pool.ts). Default: defaultPreviewThreads(). */
  threads?: number;
  /** Longest a preview may judge (PREVIEW_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Heap cap of each preview thread in MB (PREVIEW_MEMORY_MB). */
  memoryMb?: number;
}

/** Previews judged at once across the API: each holds threads and a season's filings. */
export const MAX_CONCURRENT_PREVIEWS = 2;
/** What a refused preview is told to wait: about what a county's season takes. */
const BUSY_RETRY_AFTER_SECONDS = 30;

/** Causes whose messages name decisions, rules and outputs only (review/judge-filing.ts, dmn-evaluator/evaluate-decision.ts). */
const VALUE_FREE_CAUSES = new Set(['RuleOutcomeError', 'DecisionEvaluationError']);

/** What a preview may say of a filing that could not be judged: the rule's own words if they hold no value, else its kind. */
function judgementMessage(error: PreviewJudgementError): string {
  const cause = VALUE_FREE_CAUSES.has(error.cause.name) ? error.cause.message : `计算出错（${error.cause.name}），请检查规则`;
  return `申报 ${error.filingId}：${error.side === 'after' ? '拟部署的规则' : '当前部署的规则'}无法完成认定：${cause}`;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const checkBody = compileSchema<PreviewRequest>(previewRequestSchema);

const messages = createFieldMessages({
  root: ['预览内容', 'preview'],
  labels: {
    resources: ['拟部署的规则文件', 'resources'],
    name: ['文件名', 'file name'],
    content: ['文件内容', 'content'],
    filings: ['回放的申报范围', 'filings'],
    year: ['审核年度', 'year'],
    regionCode: ['地区代码', 'region code'],
    limit: ['申报数量上限', 'limit'],
  },
  listItems: { resources: ['第 {n} 个文件', 'file {n}'] },
  formatHints: {
    name: ['应为以 .dmn 结尾的文件名（字母、数字、点、横线、下划线）', 'must be a .dmn file name'],
    regionCode: ['应为浙江省的县（市、区）或设区市代码，如 330106、330100', 'must be a Zhejiang county or city code'],
  },
});

export function policyPreviewRouter(options: PreviewRoutesOptions): Router {
  const router = Router();
  // One reader for the router's life: deployed models are cached by definition id, parsed once.
  const decisions = options.engine ? deployedDecisions(options.engine) : undefined;
  const threads = options.threads ?? defaultPreviewThreads();
  const timeoutMs = options.timeoutMs ?? DEFAULT_PREVIEW_TIMEOUT_MS;
  let running = 0;

  router.post('/api/policy/previews', authenticate(options.sessions, PREVIEWERS), async (req, res, next) => {
    if (running >= MAX_CONCURRENT_PREVIEWS) {
      res.set('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
      next(new Problem(429, '同时进行的影响预览过多，请稍后再试', `最多同时进行 ${MAX_CONCURRENT_PREVIEWS} 个影响预览，请约 ${BUSY_RETRY_AFTER_SECONDS} 秒后再试`, undefined, undefined, { code: 'PREVIEW_BUSY' }));
      return;
    }
    running += 1;
    try {
      const who = identityOf(req);
      const body = checked(req, checkBody, req.body, messages);
      const zh = localeOf(req) === 'zh';
      const { regionCode } = body.filings;
      if (regionCode !== undefined && checkRegionCode(regionCode, 'any') !== null) {
        throw new Problem(400, zh ? '提交的内容有误' : 'Invalid request', undefined, [
          { path: '/filings/regionCode', code: 'REGION_UNKNOWN', message: zh ? `地区代码 ${regionCode} 不是浙江省现行的县（市、区）或设区市` : `unknown region ${regionCode}` },
        ]);
      }
      // The same checks as a deployment: a file the worker could not evaluate is not worth previewing.
      let lintErrors;
      try {
        lintErrors = findingErrors(await options.checks.findings(body.resources));
      } catch (error) {
        throw checkProblem(error);
      }
      if (lintErrors.length) throw new Problem(400, zh ? '规则文件未通过检查，无法预览' : 'Lint findings: no preview', undefined, lintErrors);
      const candidates: DecisionModel[] = await Promise.all(body.resources.map((r) => readDecisionModel(r.content)));

      if (!decisions) throw new Problem(503, '流程引擎不可用');
      let deployed: DeployedDecision[];
      try {
        deployed = await decisions.latest([DEFAULT_DECISIONS.counting, DEFAULT_DECISIONS.weight, DEFAULT_DECISIONS.levy]);
      } catch (error) {
        if (error instanceof DecisionNotDeployed) throw new Problem(409, '认定规则尚未部署，无法对比', error.message);
        throw engineProblem(error);
      }
      const [counting, weight, levy] = deployed as [DeployedDecision, DeployedDecision, DeployedDecision];
      const before: ReviewDecisions = {
        counting: { model: counting.model, decisionId: counting.key },
        weight: { model: weight.model, decisionId: weight.key },
        levy: { model: levy.model, decisionId: levy.key },
      };
      const inUse = decisionsInUse(before);
      const touches = candidates.some((m) => [...m.decisions.keys()].some((id) => inUse.has(id)));
      if (!touches) {
        throw new Problem(400, zh ? '提交的内容有误' : 'Invalid request', undefined, [
          { path: '/resources', code: 'NO_DECISION_IN_USE', message: '这些文件中没有自动审核使用的决策（如 employee-month、minimum-wage、levy-policy），预览不会有任何差异' },
        ]);
      }

      const selection: PreviewSelection = { year: body.filings.year, limit: body.filings.limit ?? MAX_PREVIEW_FILINGS, ...(regionCode ? { regionCode } : {}) };
      // The same decisions as text, for the worker threads to read models of their own from.
      const sources: DecisionSources = {
        deployed: { counting: { xml: counting.xml, decisionId: counting.key }, weight: { xml: weight.xml, decisionId: weight.key }, levy: { xml: levy.xml, decisionId: levy.key } },
        candidates: body.resources.map((r) => r.content),
      };
      let preview: ImpactPreview;
      try {
        preview = await replayFilings(previewFilings(options.db, selection), { sources, threads, timeoutMs, ...(options.memoryMb ? { limits: { memoryMb: options.memoryMb } } : {}) });
      } catch (error) {
        if (error instanceof PreviewJudgementError && error.side === 'after') {
          throw new Problem(400, zh ? '拟部署的规则无法完成认定' : 'The candidate rules cannot judge a filing', undefined, [
            { path: '/resources', code: 'RULES_FAIL', message: judgementMessage(error) },
          ]);
        }
        if (error instanceof PreviewJudgementError) throw new Problem(409, '当前部署的规则无法完成认定，请先修正', judgementMessage(error));
        if (error instanceof PreviewTimeoutError) {
          throw new Problem(422, '影响预览超时', `${error.message}，已停止计算：请缩小回放范围（地区、数量上限）后再试`, undefined, undefined, { code: 'PREVIEW_TIMEOUT' });
        }
        if (error instanceof PreviewMemoryError) {
          throw new Problem(422, '影响预览所需内存过多', `${error.message}，已停止计算：请缩小回放范围或简化规则后再试`, undefined, undefined, { code: 'PREVIEW_MEMORY_EXCEEDED' });
        }
        throw error;
      }
      await audit(options.db, who, 'policy.preview', { type: 'policy_preview', id: `${selection.year}:${regionCode ?? '330000'}` }, {
        resources: body.resources.map((r) => r.name),
        // What exactly was previewed: each candidate file's SHA-256 (of its text as checked and judged — NFC, trimmed,
        // as a deployment of it would store it), in the order of `resources`.
        sha256: body.resources.map((r) => sha256(r.content)),
        deployed: deployed.map((d) => `${d.key}:${d.version}`),
        selection,
        filings: preview.filings,
        changed: preview.changed,
      });
      res.status(200).json(preview);
    } catch (error) {
      next(error);
    } finally {
      running -= 1;
    }
  });
  return router;
}
