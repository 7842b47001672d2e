// The over-quota reward rounds in our database (db/migrations/032): one round per city and review year, opened once
// with its process start; each certified unit of the city evaluated and kept with its evidence and reason (evaluated
// again, a unit the county has not yet confirmed is replaced, never doubled); the county's confirmation or exclusion
// and the city's approval, each once per engine task.
import { cityCodeOf, regionName } from '../domain/regions.ts';
import { enqueueProcessStart } from '../outbox/outbox-commands.ts';
import { inTransaction, type Db } from '../platform/db.ts';
import { regionRange } from '../domain/region-range.ts';
import type { RewardReasonCode } from './reward-reasons.ts';

export const OVER_QUOTA_REWARD_PROCESS = 'over-quota-reward';

export type RewardRoundState = 'starting' | 'confirming' | 'approving' | 'approved' | 'rejected' | 'none';

/** The business key of a city's reward round: one process instance per city and year. */
export function rewardRoundKey(year: number, cityCode: string): string {
  return `over-quota-reward-${year}-${cityCode}`;
}

/** Reads `over-quota-reward-<year>-<city>` back; undefined for any other key. */
export function parseRewardRoundKey(key: string): { year: number; cityCode: string } | undefined {
  const m = /^over-quota-reward-(\d{4})-(33\d{2}00)$/.exec(key);
  return m ? { year: Number(m[1]), cityCode: m[2]! } : undefined;
}

/** Opens the round of each city for the year that has none yet, each with its process start in the outbox. */
export async function openRewardRounds(db: Db, year: number, cityCodes: readonly string[]): Promise<string[]> {
  const opened: string[] = [];
  for (const cityCode of cityCodes) {
    const started = await inTransaction(db, async (tx) => {
      const key = rewardRoundKey(year, cityCode);
      const { rowCount } = await tx.query(`insert into reward_rounds (year, city_code, business_key) values ($1, $2, $3) on conflict (year, city_code) do nothing`, [year, cityCode, key]);
      if (rowCount !== 1) return false;
      await enqueueProcessStart(tx, key, { processId: OVER_QUOTA_REWARD_PROCESS, variables: { year, cityCode } });
      return true;
    });
    if (started) opened.push(cityCode);
  }
  return opened;
}

/** What the decision reads of one certified unit, and where the unit is. */
export interface RewardEvidence {
  uscc: string;
  unitName: string;
  countyCode: string;
  certifiedCount: number;
  requiredCount: number;
  surplus: number;
  actualRatio: number;
  yearsAboveQuota: number;
}

/**
 * The certified units of the city in the year (the current certificate's counts, as supervision keeps them), with
 * the consecutive years each was above the quota up to this one: years certified here and years imported as history.
 */
export async function certifiedUnitsOf(db: Db, year: number, cityCode: string): Promise<RewardEvidence[]> {
  const { from, to } = regionRange(cityCode);
  const { rows } = await db.query<{ uscc: string; unit_name: string; county_code: string; certified_count: string; required_count: string; ratio: string }>(
    `select uscc, unit_name, county_code, certified_count, required_count, ratio
       from supervision_filing_facts
      where year = $1 and certified and ratio is not null and county_code between $2 and $3
      order by county_code, uscc`,
    [year, from, to],
  );
  if (rows.length === 0) return [];
  const above = await db.query<{ uscc: string; year: number }>(
    `select uscc, year from supervision_filing_facts where uscc = any($1) and year <= $2 and above_quota
     union
     select uscc, year from review_history where uscc = any($1) and year <= $2 and certified_count > required_count`,
    [rows.map((r) => r.uscc), year],
  );
  const yearsOf = new Map<string, Set<number>>();
  for (const r of above.rows) (yearsOf.get(r.uscc) ?? yearsOf.set(r.uscc, new Set()).get(r.uscc)!).add(r.year);
  return rows.map((r) => {
    const years = yearsOf.get(r.uscc) ?? new Set<number>();
    let run = 0;
    while (years.has(year - run)) run++;
    const certifiedCount = Number(r.certified_count);
    const requiredCount = Number(r.required_count);
    return {
      uscc: r.uscc,
      unitName: r.unit_name,
      countyCode: r.county_code,
      certifiedCount,
      requiredCount,
      surplus: Math.round((certifiedCount - requiredCount) * 100) / 100,
      actualRatio: Number(r.ratio),
      yearsAboveQuota: run,
    };
  });
}

/** One unit's evaluation: its evidence and the decision's answer. */
export interface RewardEvaluation extends RewardEvidence {
  eligible: boolean;
  reasonCode: RewardReasonCode;
  amountPerPerson: number;
  amount: number;
}

/**
 * Keeps a round's evaluations: inserted, or replacing a unit's earlier evaluation as long as its county has not
 * decided on it (a task handed out again, a round evaluated again, write the same rows once). The round keeps the
 * decision version it was first evaluated under. Returns the number of candidates (eligible units) the round holds.
 */
export async function saveEvaluations(
  db: Db,
  round: { year: number; cityCode: string; decisionId: string; decisionVersion: number },
  evaluations: readonly RewardEvaluation[],
): Promise<number> {
  return inTransaction(db, async (tx) => {
    await tx.query(`insert into reward_rounds (year, city_code, business_key) values ($1, $2, $3) on conflict (year, city_code) do nothing`, [
      round.year,
      round.cityCode,
      rewardRoundKey(round.year, round.cityCode),
    ]);
    await tx.query(`select 1 from reward_rounds where year = $1 and city_code = $2 for update`, [round.year, round.cityCode]);
    for (const e of evaluations) {
      await tx.query(
        `insert into reward_candidates (year, uscc, city_code, county_code, unit_name, certified_count, required_count, surplus, ratio,
                                        years_above_quota, eligible, reason_code, amount_per_person, amount)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         on conflict (year, uscc) do update
            set county_code = excluded.county_code, unit_name = excluded.unit_name, certified_count = excluded.certified_count,
                required_count = excluded.required_count, surplus = excluded.surplus, ratio = excluded.ratio,
                years_above_quota = excluded.years_above_quota, eligible = excluded.eligible, reason_code = excluded.reason_code,
                amount_per_person = excluded.amount_per_person, amount = excluded.amount, evaluated_at = now()
          where reward_candidates.county_decision is null and reward_candidates.city_code = excluded.city_code`,
        [round.year, e.uscc, round.cityCode, e.countyCode, e.unitName, e.certifiedCount, e.requiredCount, e.surplus, e.actualRatio,
          e.yearsAboveQuota, e.eligible, e.reasonCode, e.amountPerPerson, e.amount],
      );
    }
    const { rows } = await tx.query<{ n: number }>(`select count(*)::int as n from reward_candidates where year = $1 and city_code = $2 and eligible`, [round.year, round.cityCode]);
    const candidates = rows[0]!.n;
    await tx.query(
      `update reward_rounds
          set decision_id = coalesce(decision_id, $3), decision_version = coalesce(decision_version, $4), evaluated_at = now(),
              state = case when state in ('starting', 'none', 'confirming') then (case when $5 > 0 then 'confirming' else 'none' end) else state end
        where year = $1 and city_code = $2`,
      [round.year, round.cityCode, round.decisionId, round.decisionVersion, candidates],
    );
    return candidates;
  });
}

/** The decision version a round was first evaluated under; undefined before its first evaluation. */
export async function roundDecision(db: Db, year: number, cityCode: string): Promise<string | undefined> {
  const { rows } = await db.query<{ decision_id: string | null }>(`select decision_id from reward_rounds where year = $1 and city_code = $2`, [year, cityCode]);
  return rows[0]?.decision_id ?? undefined;
}

/** The counties of the city that have candidates, in code order: one county confirmation each. */
export async function candidateCounties(db: Db, year: number, cityCode: string): Promise<string[]> {
  const { rows } = await db.query<{ county_code: string }>(
    `select distinct county_code from reward_candidates where year = $1 and city_code = $2 and eligible order by county_code`,
    [year, cityCode],
  );
  return rows.map((r) => r.county_code);
}

export interface StoredCandidate extends RewardEvaluation {
  year: number;
  cityCode: string;
  countyDecision: 'confirmed' | 'excluded' | null;
  exclusionReason: string | null;
  countyDecidedBy: string | null;
  countyDecidedAt: Date | null;
  approval: 'pending' | 'approved' | 'rejected';
  evaluatedAt: Date;
}

interface CandidateRow {
  year: number;
  uscc: string;
  city_code: string;
  county_code: string;
  unit_name: string;
  certified_count: string;
  required_count: string;
  surplus: string;
  ratio: string;
  years_above_quota: number;
  eligible: boolean;
  reason_code: RewardReasonCode;
  amount_per_person: string;
  amount: string;
  evaluated_at: Date;
  county_decision: 'confirmed' | 'excluded' | null;
  exclusion_reason: string | null;
  county_decided_by: string | null;
  county_decided_at: Date | null;
  approval: 'pending' | 'approved' | 'rejected';
}

const candidateOf = (r: CandidateRow): StoredCandidate => ({
  year: r.year,
  uscc: r.uscc,
  cityCode: r.city_code,
  countyCode: r.county_code,
  unitName: r.unit_name,
  certifiedCount: Number(r.certified_count),
  requiredCount: Number(r.required_count),
  surplus: Number(r.surplus),
  actualRatio: Number(r.ratio),
  yearsAboveQuota: r.years_above_quota,
  eligible: r.eligible,
  reasonCode: r.reason_code,
  amountPerPerson: Number(r.amount_per_person),
  amount: Number(r.amount),
  evaluatedAt: r.evaluated_at,
  countyDecision: r.county_decision,
  exclusionReason: r.exclusion_reason,
  countyDecidedBy: r.county_decided_by,
  countyDecidedAt: r.county_decided_at,
  approval: r.approval,
});

/** The evaluated units of a region (county, city or province) for a year: eligible ones first, by county and unit. */
export async function rewardCandidates(db: Db, year: number, regionCode: string, options: { eligibleOnly?: boolean } = {}): Promise<StoredCandidate[]> {
  const { from, to } = regionRange(regionCode);
  const { rows } = await db.query<CandidateRow>(
    `select * from reward_candidates
      where year = $1 and county_code between $2 and $3 ${options.eligibleOnly ? 'and eligible' : ''}
      order by eligible desc, county_code, uscc`,
    [year, from, to],
  );
  return rows.map(candidateOf);
}

/** The candidates the city approved: the payment sheet. */
export async function approvedRewards(db: Db, year: number, cityCode: string): Promise<StoredCandidate[]> {
  const { rows } = await db.query<CandidateRow>(
    `select * from reward_candidates where year = $1 and city_code = $2 and approval = 'approved' order by county_code, uscc`,
    [year, cityCode],
  );
  return rows.map(candidateOf);
}

export interface CountyConfirmation {
  year: number;
  countyCode: string;
  /** USCC → the county's reason for excluding it. */
  exclusions: ReadonlyMap<string, string>;
  decidedBy: string | null;
  sourceTaskId: string;
}

/** Keeps the county's confirmation of its candidates: each confirmed or excluded with its reason, once per task. */
export async function recordCountyConfirmation(db: Db, c: CountyConfirmation): Promise<{ confirmed: number; excluded: number }> {
  return inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ uscc: string }>(
      `select uscc from reward_candidates where year = $1 and county_code = $2 and eligible and (county_task_id is null or county_task_id = $3) for update`,
      [c.year, c.countyCode, c.sourceTaskId],
    );
    let excluded = 0;
    for (const { uscc } of rows) {
      const reason = c.exclusions.get(uscc);
      if (reason !== undefined) excluded++;
      await tx.query(
        `update reward_candidates
            set county_decision = $3, exclusion_reason = $4, county_decided_by = $5, county_decided_at = coalesce(county_decided_at, now()), county_task_id = $6
          where year = $1 and uscc = $2`,
        [c.year, uscc, reason === undefined ? 'confirmed' : 'excluded', reason ?? null, c.decidedBy, c.sourceTaskId],
      );
    }
    // Every county of the city has answered: the round waits for the city's approval.
    await tx.query(
      `update reward_rounds r set state = 'approving'
        where r.year = $1 and r.state = 'confirming'
          and r.city_code = (select city_code from reward_candidates where year = $1 and county_code = $2 limit 1)
          and not exists (select 1 from reward_candidates c where c.year = r.year and c.city_code = r.city_code and c.eligible and c.county_decision is null)`,
      [c.year, c.countyCode],
    );
    return { confirmed: rows.length - excluded, excluded };
  });
}

export interface CityDecision {
  year: number;
  cityCode: string;
  decision: 'approve' | 'reject';
  comment: string;
  decidedBy: string | null;
  sourceTaskId: string;
}

/** Keeps the city's decision: approved, every confirmed candidate becomes payable; rejected, none does. Once per task. */
export async function recordCityDecision(db: Db, d: CityDecision): Promise<number> {
  return inTransaction(db, async (tx) => {
    const { rowCount } = await tx.query(
      `update reward_rounds set state = $3, decided_by = $4, decided_at = now(), decision_comment = $5, decision_task_id = $6
        where year = $1 and city_code = $2 and decision_task_id is null`,
      [d.year, d.cityCode, d.decision === 'approve' ? 'approved' : 'rejected', d.decidedBy, d.comment, d.sourceTaskId],
    );
    if (rowCount === 1) {
      await tx.query(
        `update reward_candidates set approval = $3 where year = $1 and city_code = $2 and county_decision = 'confirmed'`,
        [d.year, d.cityCode, d.decision === 'approve' ? 'approved' : 'rejected'],
      );
    }
    const { rows } = await tx.query<{ n: number }>(`select count(*)::int as n from reward_candidates where year = $1 and city_code = $2 and approval = 'approved'`, [d.year, d.cityCode]);
    return rows[0]!.n;
  });
}

export interface StoredRound {
  year: number;
  cityCode: string;
  state: RewardRoundState;
  decisionVersion: number | null;
  evaluatedAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionComment: string;
}

/** The rounds of a year within a region (a county or city sees its city's round, the province every city's). */
export async function rewardRounds(db: Db, year: number, regionCode: string): Promise<StoredRound[]> {
  const city = regionCode.endsWith('0000') ? null : cityCodeOf(regionCode);
  const { rows } = await db.query<{
    year: number;
    city_code: string;
    state: RewardRoundState;
    decision_version: number | null;
    evaluated_at: Date | null;
    decided_by: string | null;
    decided_at: Date | null;
    decision_comment: string;
  }>(`select * from reward_rounds where year = $1 and ($2::text is null or city_code = $2) order by city_code`, [year, city]);
  return rows.map((r) => ({
    year: r.year,
    cityCode: r.city_code,
    state: r.state,
    decisionVersion: r.decision_version,
    evaluatedAt: r.evaluated_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionComment: r.decision_comment,
  }));
}

/** The county's name as staff read it. */
export const countyNameOf = (code: string): string => regionName(code) ?? code;
