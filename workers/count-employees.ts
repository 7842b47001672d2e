// Job type `count-employees`: judges every declared employee-month of a filing by the deployed counting rules
// (DMN read from the engine and evaluated here, all months in one step), then the quota and the levy estimate,
// and keeps the result with the filing. A filing judged once keeps the decision versions it was judged under.
// After a manual review the reviewers' decisions in force replace the automatic result of the employees they name.
// A dispatched person's months another filing of the year already counts are not counted here (docs/review.md §Dispatch).
import { inTransaction, type Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { DecisionModelError } from '../dmn-evaluator/decision-model.ts';
import { DecisionNotDeployed, type DeployedDecision, type DeployedDecisions } from '../dmn-evaluator/deployed-decisions.ts';
import { DecisionEvaluationError } from '../dmn-evaluator/evaluate-decision.ts';
import { FeelSyntaxError } from '../dmn-evaluator/feel-expression.ts';
import type { DepartmentEvidence } from '../review/employee-month-facts.ts';
import { judgeFiling, RuleOutcomeError, type ReviewDecisions } from '../review/judge-filing.ts';
import type { DecisionVersion, ReviewResult, RuleVersions } from '../review/review-result.ts';
import { claimedElsewhere, heldElsewhere, recordClaims } from '../review/dispatch-claims.ts';
import { findReview, loadEvidence, saveReview, type EvidenceSource } from '../review/review-store.ts';
import { decisionsInForce } from '../review/manual-review-store.ts';
import type { RegistrationCheck } from '../review/department-facts.ts';
import { departmentJob, filingIdSchema, filingOf, jobVariables } from './department-job.ts';
import { complete, failForGood, type JobHandler } from './job-outcome.ts';
import template from './element-templates/count-employees.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';
import { deployedDecisions } from '../dmn-evaluator/deployed-decisions.ts';

export const JOB_TYPE = 'count-employees';

export interface CountEmployeesVariables {
  filingId: string;
  /** Keys of the deployed decisions; the diagram may name others (element template `count-employees`). */
  countingDecision?: string;
  weightDecision?: string;
  levyDecision?: string;
}

export interface CountEmployeesResult {
  certifiedCount: number;
  requiredCount: number;
  shortfall: number;
  levyPayable: number;
}

export const DEFAULT_DECISIONS = { counting: 'employee-month', weight: 'certificate-weight', levy: 'levy-policy' } as const;

const decisionKey = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,99}$' } as const;
const checkVariables = compileSchema<CountEmployeesVariables>({
  type: 'object',
  required: ['filingId'],
  properties: { filingId: filingIdSchema, countingDecision: decisionKey, weightDecision: decisionKey, levyDecision: decisionKey },
});

export const DEPARTMENT_SOURCES: readonly { source: EvidenceSource; field: keyof DepartmentEvidence }[] = [
  { source: 'dpf-certificates', field: 'dpfCertificates' },
  { source: 'veteran-certificates', field: 'veteranCertificates' },
  { source: 'pension', field: 'pension' },
  { source: 'medical', field: 'medical' },
  { source: 'wages', field: 'wages' },
];

const versionOf = (d: DeployedDecision): DecisionVersion => ({ key: d.key, id: d.id, version: d.version });
const loaded = (d: DeployedDecision) => ({ model: d.model, decisionId: d.key });

async function latestDecisions(decisions: DeployedDecisions, variables: CountEmployeesVariables): Promise<Record<keyof RuleVersions, DeployedDecision>> {
  const [counting, weight, levy] = await decisions.latest([
    variables.countingDecision ?? DEFAULT_DECISIONS.counting,
    variables.weightDecision ?? DEFAULT_DECISIONS.weight,
    variables.levyDecision ?? DEFAULT_DECISIONS.levy,
  ]);
  return { counting: counting!, weight: weight!, levy: levy! };
}

export interface CountEmployeesDeps {
  db: Db;
  decisions: DeployedDecisions;
}

export function createCountEmployeesHandler(deps: CountEmployeesDeps): JobHandler<CountEmployeesVariables, CountEmployeesResult> {
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    // The decision keys are the task's settings (extension properties).
    const variables = jobVariables(JOB_TYPE, checkVariables, { ...(job.variables as object), ...job.properties });
    const filing = await filingOf(deps.db, JOB_TYPE, variables.filingId);

    const stored = await loadEvidence(deps.db, filing.id);
    const missing = DEPARTMENT_SOURCES.filter(({ source }) => stored[source] === undefined).map(({ source }) => source);
    if (missing.length > 0) {
      return failForGood(`${JOB_TYPE}: 缺少部门核验结果 ${missing.join(', ')}，请先重新执行对应的核验环节 / no evidence from ${missing.join(', ')}`);
    }
    const evidence = Object.fromEntries(
      DEPARTMENT_SOURCES.map(({ source, field }) => [field, (stored[source] as Record<string, unknown>)[field] ?? []]),
    ) as unknown as DepartmentEvidence;
    const registration = (stored.registration as { registration?: RegistrationCheck } | undefined)?.registration;

    // A filing judged before keeps the versions it was judged under; a new one takes the latest deployed.
    const earlier = await findReview(deps.db, filing.id);
    let deployed: Record<keyof RuleVersions, DeployedDecision>;
    try {
      deployed = earlier
        ? {
            counting: await deps.decisions.byId(earlier.rules.counting.id),
            weight: await deps.decisions.byId(earlier.rules.weight.id),
            levy: await deps.decisions.byId(earlier.rules.levy.id),
          }
        : await latestDecisions(deps.decisions, variables);
    } catch (error) {
      if (error instanceof DecisionNotDeployed || error instanceof DecisionModelError || error instanceof FeelSyntaxError) {
        return failForGood(`${JOB_TYPE}: 认定规则不可用：${error.message}`);
      }
      throw error;
    }
    const decisions: ReviewDecisions = { counting: loaded(deployed.counting), weight: loaded(deployed.weight), levy: loaded(deployed.levy) };
    const manualDecisions = await decisionsInForce(deps.db, filing.id);

    // The judgement, the dispatch claims it reads and the ones it makes, and the result: one transaction, so a re-run
    // (count-employees may run twice) finds its own claims and writes the same rows (review/dispatch-claims.ts).
    let result: ReviewResult;
    try {
      result = await inTransaction(deps.db, async (tx) => {
        const held = await heldElsewhere(tx, filing.id, filing.declaration);
        const judged = judgeFiling(filing.declaration, { ...evidence, claimedElsewhere: claimedElsewhere(held) }, registration, decisions, manualDecisions);
        await recordClaims(tx, filing.id, filing.declaration, judged, held);
        const rules: RuleVersions = { counting: versionOf(deployed.counting), weight: versionOf(deployed.weight), levy: versionOf(deployed.levy) };
        await saveReview(tx, filing.id, judged, earlier?.rules ?? rules, job.key);
        return judged;
      });
    } catch (error) {
      if (error instanceof RuleOutcomeError || error instanceof DecisionEvaluationError) {
        return failForGood(`${JOB_TYPE}: 认定规则有误，请政策管理人员修正后重试 / the rules need fixing: ${error.message}`);
      }
      throw error;
    }
    return complete({
      certifiedCount: result.certifiedCount,
      requiredCount: result.requiredCount,
      shortfall: result.shortfall,
      levyPayable: result.levyEstimate.payable,
    });
  });
}

export const countEmployeesTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['filingId', 'countingDecision', 'weightDecision', 'levyDecision'],
  department: null,
  template,
  handler: ({ db, engine }) => createCountEmployeesHandler({ db, decisions: deployedDecisions(engine) }),
});
