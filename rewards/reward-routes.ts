// Over-quota rewards over HTTP (api/rewards.ts): the units the reward decision judged in a region, with their evidence,
// reason, county confirmation and city approval — a county its own, a city its counties, the province all — and a
// city's approved rewards as the payment workbook. Both reads are audited: they name units and amounts to be paid.
import { Router, type Request } from 'express';
import {
  REWARD_EXPORTERS,
  REWARD_READERS,
  rewardExportQuerySchema,
  rewardListQuerySchema,
  type RewardExportQuery,
  type RewardListItem,
  type RewardListQuery,
  type RewardRoundItem,
} from '../api/rewards.ts';
import { zhejiangCityCodes } from '../annual-report/report-store.ts';
import { attachmentDisposition } from '../documents/content-disposition.ts';
import { isWithin, regionName, zhejiangCounties } from '../domain/regions.ts';
import { chinaYearOf } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { audit } from '../platform/http/audit.ts';
import { checked, identityOf, invalid, localeOf } from '../platform/http/http.ts';
import type { Identity } from '../platform/http/identity.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { paymentWorkbook, PAYMENT_SHEET_TITLE } from './payment-workbook.ts';
import { REWARD_REASON_LABELS } from './reward-reasons.ts';
import { approvedRewards, countyNameOf, rewardCandidates, rewardRounds, type StoredCandidate, type StoredRound } from './reward-store.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const checkList = compileSchema<RewardListQuery>(rewardListQuerySchema);
const checkExport = compileSchema<RewardExportQuery>(rewardExportQuerySchema);
const messages = createFieldMessages({
  root: ['查询条件', 'the query'],
  labels: { year: ['年度', 'year'], region: ['行政区', 'region'], city: ['市', 'city'], eligible: ['是否符合条件', 'eligible'] },
  formatHints: {
    year: ['应为四位数字的年份', 'must be a four-digit year'],
    region: ['应为 330000（全省）或浙江省一个市、县（市、区）的 6 位代码', 'must be 330000 or a Zhejiang city or county code'],
    city: ['应为浙江省一个市的 6 位代码，如 330100', 'must be a Zhejiang city code, e.g. 330100'],
    eligible: ['应为 true 或 false', 'must be true or false'],
  },
});

/** A region code staff may ask for: the province, a city or a county of Zhejiang. */
function isKnownRegion(code: string): boolean {
  return code === '330000' || zhejiangCityCodes().includes(code) || zhejiangCounties().some((c) => c.code === code);
}

function mayRead(who: Identity, regionCode: string): boolean {
  return who.regionCode !== undefined && who.regionCode !== null && isWithin(regionCode, who.regionCode);
}

const forbidden = (req: Request) => new Problem(403, localeOf(req) === 'zh' ? '只能查看本辖区的超比例奖励' : 'only the rewards of your own region can be read');

/** The year asked for, or the one certified last: the season of the year before this one ends on 31 December. */
const yearOf = (asked: string | undefined, now: Date) => (asked !== undefined ? Number(asked) : chinaYearOf(now) - 2);

function itemOf(c: StoredCandidate): RewardListItem {
  return {
    uscc: c.uscc,
    unitName: c.unitName,
    countyCode: c.countyCode,
    countyName: countyNameOf(c.countyCode),
    cityCode: c.cityCode,
    certifiedCount: c.certifiedCount,
    requiredCount: c.requiredCount,
    surplus: c.surplus,
    actualRatio: c.actualRatio,
    yearsAboveQuota: c.yearsAboveQuota,
    eligible: c.eligible,
    reasonCode: c.reasonCode,
    reason: REWARD_REASON_LABELS[c.reasonCode],
    amountPerPerson: c.amountPerPerson,
    amount: c.amount,
    countyDecision: c.countyDecision,
    exclusionReason: c.exclusionReason,
    approval: c.approval,
    evaluatedAt: c.evaluatedAt.toISOString(),
  };
}

function roundOf(year: number, r: StoredRound | undefined, cityCode: string, units: readonly StoredCandidate[], exporter: boolean): RewardRoundItem {
  const own = units.filter((u) => u.cityCode === cityCode);
  const approved = own.filter((u) => u.approval === 'approved');
  return {
    cityCode,
    cityName: regionName(cityCode) ?? cityCode,
    state: r?.state ?? 'not-started',
    decisionVersion: r?.decisionVersion ?? null,
    evaluatedAt: r?.evaluatedAt?.toISOString() ?? null,
    decidedAt: r?.decidedAt?.toISOString() ?? null,
    decisionComment: r?.decisionComment ?? '',
    candidates: own.filter((u) => u.eligible).length,
    approved: approved.length,
    approvedAmount: Math.round(approved.reduce((sum, u) => sum + u.amount, 0) * 100) / 100,
    exportHref: exporter && approved.length > 0 ? `/api/rewards/export.xlsx?year=${year}&city=${cityCode}` : null,
  };
}

export interface RewardRoutesOptions {
  db: Db;
  sessions: Sessions;
  now?: () => Date;
}

export function rewardRouter({ db, sessions, now = () => new Date() }: RewardRoutesOptions): Router {
  const router = Router();

  router.get('/api/rewards', authenticate(sessions, [...REWARD_READERS]), async (req, res) => {
    const who = identityOf(req);
    const q = checked(req, checkList, { ...req.query }, messages);
    const region = q.region ?? who.regionCode ?? '';
    if (q.region !== undefined && !isKnownRegion(region)) throw invalid(req, [{ path: '/region', code: 'FORMAT' }], messages);
    if (!mayRead(who, region)) throw forbidden(req);
    const year = yearOf(q.year, now());
    const all = await rewardCandidates(db, year, region);
    const units = q.eligible === undefined ? all : all.filter((u) => u.eligible === (q.eligible === 'true'));
    // The rounds of the cities the region lies in or covers.
    const cities = region === '330000' ? zhejiangCityCodes() : [region.slice(0, 4) + '00'];
    const stored = new Map((await rewardRounds(db, year, region)).map((r) => [r.cityCode, r]));
    const exporter = REWARD_EXPORTERS.includes(who.role);
    const rounds = cities.map((city) => roundOf(year, stored.get(city), city, all, exporter && mayRead(who, city)));
    if (units.length > 0) await audit(db, who, 'rewards.read', { type: 'region', id: region }, { year, shown: units.length });
    res.json({ year, region, regionName: regionName(region) ?? region, rounds, items: units.map(itemOf) });
  });

  router.get('/api/rewards/export.xlsx', authenticate(sessions, [...REWARD_EXPORTERS]), async (req, res) => {
    const who = identityOf(req);
    const q = checked(req, checkExport, { ...req.query }, messages);
    if (!zhejiangCityCodes().includes(q.city)) throw invalid(req, [{ path: '/city', code: 'FORMAT' }], messages);
    if (!mayRead(who, q.city)) throw forbidden(req);
    const year = yearOf(q.year, now());
    const rewards = await approvedRewards(db, year, q.city);
    const cityName = regionName(q.city) ?? q.city;
    const body = await paymentWorkbook(cityName, year, rewards, now());
    await audit(db, who, 'rewards.export', { type: 'region', id: q.city }, { year, rows: rewards.length });
    res.status(200).set({
      'Content-Type': XLSX,
      'Content-Length': String(body.length),
      'Content-Disposition': attachmentDisposition(`${cityName}${year}年度${PAYMENT_SHEET_TITLE}.xlsx`, `over-quota-rewards-${q.city}-${year}.xlsx`),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    res.end(body);
  });

  return router;
}
