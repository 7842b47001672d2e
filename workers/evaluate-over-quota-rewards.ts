// Job type `evaluate-over-quota-rewards`: every certified unit of a city in a review year judged by the deployed
// decision processes/over-quota-reward.dmn (read from the engine and evaluated here, as count-employees does), each
// kept with its evidence (certified count, required count, surplus, ratio, consecutive years above the quota) and
// the decision's answer: eligible or not, the reason, the amount per person above the quota and the amount (surplus ×
// amount per person). Idempotent: a unit-year is one row, replaced while its county has not confirmed it; a round
// evaluated again keeps the decision version of its first evaluation. Only counts go to the process.
import { DecisionModelError } from '../dmn-evaluator/decision-model.ts';
import { DecisionNotDeployed, deployedDecisions, type DeployedDecision, type DeployedDecisions } from '../dmn-evaluator/deployed-decisions.ts';
import { DecisionEvaluationError, evaluateDecision } from '../dmn-evaluator/evaluate-decision.ts';
import { FeelSyntaxError } from '../dmn-evaluator/feel-expression.ts';
import { regionName } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { isRewardReason } from '../rewards/reward-reasons.ts';
import { candidateCounties, certifiedUnitsOf, roundDecision, saveEvaluations, type RewardEvaluation, type RewardEvidence } from '../rewards/reward-store.ts';
import { departmentJob, jobVariables } from './department-job.ts';
import { complete, failForGood, type JobHandler } from './job-outcome.ts';
import { reportVariablesSchema, type AnnualReportVariables } from './prepare-annual-report.ts';
import template from './element-templates/evaluate-over-quota-rewards.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'evaluate-over-quota-rewards';

export const DEFAULT_REWARD_DECISION = 'over-quota-reward';

export interface EvaluateOverQuotaRewardsVariables extends AnnualReportVariables {
  /** The deployed decision's key; the diagram may name another (the task's extension property). */
  rewardDecision?: string;
}

export interface EvaluateOverQuotaRewardsResult {
  cityName: string;
  /** Units evaluated (every certified unit of the city). */
  evaluatedUnits: number;
  /** Eligible units: the candidates the counties confirm. */
  candidateCount: number;
  /** Counties with candidates: one confirmation each. */
  candidateCountyCount: number;
}

const checkVariables = compileSchema<EvaluateOverQuotaRewardsVariables>({
  type: 'object',
  required: ['year', 'cityCode'],
  properties: { ...reportVariablesSchema, rewardDecision: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,99}$' } },
});

/** A decision's answer that is not of the agreed shape: the table needs fixing, no retry helps. */
class RewardOutcomeError extends Error {}

/** The decision's answer for one unit, checked: yes/no, a known reason code, a non-negative amount per person. */
export function evaluateUnit(decision: DeployedDecision, year: number, cityCode: string, unit: RewardEvidence): RewardEvaluation {
  const [answer] = evaluateDecision(decision.model, decision.key, {
    year,
    cityCode,
    actualRatio: unit.actualRatio,
    certifiedCount: unit.certifiedCount,
    surplus: unit.surplus,
    yearsAboveQuota: unit.yearsAboveQuota,
  });
  if (!answer) throw new RewardOutcomeError(`决策 ${decision.key} 对该单位没有给出结果（缺少兜底规则）`);
  const { eligible, rewardReason, amountPerPerson } = answer;
  if (typeof eligible !== 'boolean') throw new RewardOutcomeError(`决策 ${decision.key} 的输出 eligible 应为是/否`);
  if (typeof rewardReason !== 'string' || !isRewardReason(rewardReason)) throw new RewardOutcomeError(`决策 ${decision.key} 的输出 rewardReason 不是约定的原因代码`);
  if (typeof amountPerPerson !== 'number' || !Number.isFinite(amountPerPerson) || amountPerPerson < 0) {
    throw new RewardOutcomeError(`决策 ${decision.key} 的输出 amountPerPerson 应为不小于 0 的数`);
  }
  // Nothing above the quota is nothing to reward, whatever a row of the table says.
  const paid = eligible && unit.surplus > 0;
  return {
    ...unit,
    eligible: paid,
    reasonCode: eligible && !paid ? 'NOT_ABOVE_QUOTA' : rewardReason,
    amountPerPerson: paid ? amountPerPerson : 0,
    amount: paid ? Math.round(unit.surplus * amountPerPerson * 100) / 100 : 0,
  };
}

export function createEvaluateOverQuotaRewardsHandler(deps: { db: Db; decisions: DeployedDecisions }): JobHandler<EvaluateOverQuotaRewardsVariables, EvaluateOverQuotaRewardsResult> {
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const v = jobVariables(JOB_TYPE, checkVariables, { ...(job.variables as object), ...job.properties });
    const earlier = await roundDecision(deps.db, v.year, v.cityCode);
    let decision: DeployedDecision;
    let evaluations: RewardEvaluation[];
    try {
      decision = earlier ? await deps.decisions.byId(earlier) : (await deps.decisions.latest([v.rewardDecision ?? DEFAULT_REWARD_DECISION]))[0]!;
      const units = await certifiedUnitsOf(deps.db, v.year, v.cityCode);
      evaluations = units.map((unit) => evaluateUnit(decision, v.year, v.cityCode, unit));
    } catch (error) {
      if (error instanceof DecisionNotDeployed || error instanceof DecisionModelError || error instanceof FeelSyntaxError) {
        return failForGood(`${JOB_TYPE}: 奖励规则不可用：${error.message}`);
      }
      if (error instanceof RewardOutcomeError || error instanceof DecisionEvaluationError) {
        return failForGood(`${JOB_TYPE}: 奖励规则有误，请政策管理人员修正后重试 / the reward rules need fixing: ${error.message}`);
      }
      throw error;
    }
    const candidateCount = await saveEvaluations(deps.db, { year: v.year, cityCode: v.cityCode, decisionId: decision.id, decisionVersion: decision.version }, evaluations);
    const counties = await candidateCounties(deps.db, v.year, v.cityCode);
    return complete({ cityName: regionName(v.cityCode) ?? v.cityCode, evaluatedUnits: evaluations.length, candidateCount, candidateCountyCount: counties.length });
  });
}

export const evaluateOverQuotaRewardsTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['year', 'cityCode'],
  department: null,
  template,
  handler: ({ db, engine }) => createEvaluateOverQuotaRewardsHandler({ db, decisions: deployedDecisions(engine) }),
});
