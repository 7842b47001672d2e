// What completing `reward-county-confirmation` needs beyond the form: every line of the exclusions names a candidate
// of the round (by its USCC) and a reason, each candidate once.
import type { Db } from '../platform/db.ts';
import type { FieldIssue } from '../platform/schema.ts';
import { parseExclusionLines } from '../rewards/exclusion-lines.ts';
import { parseRewardRoundKey } from '../rewards/reward-store.ts';
import type { CompletionCheck, CompletionValues } from './completion-check.ts';

export async function rewardConfirmationIssues(db: Db, businessKey: string, values: CompletionValues): Promise<FieldIssue[]> {
  const path = '/excludedCandidates';
  const text = typeof values.excludedCandidates === 'string' ? values.excludedCandidates : '';
  const parsed = parseExclusionLines(text);
  const issues: FieldIssue[] = [];
  if (parsed.malformed.length > 0) issues.push({ path, code: 'EXCLUSION_LINE', params: { lines: parsed.malformed } });
  if (parsed.repeated.length > 0) issues.push({ path, code: 'EXCLUSION_REPEATED', params: { usccs: parsed.repeated } });
  const round = parseRewardRoundKey(businessKey);
  if (round && parsed.exclusions.size > 0) {
    const { rows } = await db.query<{ uscc: string }>(
      `select uscc from reward_candidates where year = $1 and city_code = $2 and eligible and uscc = any($3)`,
      [round.year, round.cityCode, [...parsed.exclusions.keys()]],
    );
    const known = new Set(rows.map((r) => r.uscc));
    const unknown = [...parsed.exclusions.keys()].filter((u) => !known.has(u));
    if (unknown.length > 0) issues.push({ path, code: 'EXCLUSION_NOT_CANDIDATE', params: { usccs: unknown } });
  }
  return issues;
}

const list = (p: Record<string, unknown>, key: string) => (p[key] as (string | number)[]).join('、');

export const rewardConfirmationCheck: CompletionCheck = {
  check: (db, businessKey, values) => rewardConfirmationIssues(db, businessKey, values),
  templates: {
    EXCLUSION_LINE: [
      (f, p) => `${f}第 ${list(p, 'lines')} 行应写作“统一社会信用代码 排除理由”（代码 18 位且校验正确，理由不能为空）`,
      (f, p) => `${f}: line ${list(p, 'lines')} must read "USCC reason" (a valid 18-character code and a reason)`,
    ],
    EXCLUSION_REPEATED: [(f, p) => `${f}中 ${list(p, 'usccs')} 重复出现`, (f, p) => `${f}: ${list(p, 'usccs')} appears more than once`],
    EXCLUSION_NOT_CANDIDATE: [
      (f, p) => `${f}中的 ${list(p, 'usccs')} 不是本次超比例奖励的候选单位`,
      (f, p) => `${f}: ${list(p, 'usccs')} is not a candidate of this reward round`,
    ],
  },
};
