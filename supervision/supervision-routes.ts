// The supervision routes (api/supervision.ts, docs/supervision.md): figures, the filings behind them, exits and the
// Excel export, for a year and a region within the caller's — a city its counties, the province all, a county lead
// its county. The list of exits names people: every read of it is audited, as a filing's read is.
import { Router, type Request } from 'express';
import { loadCalendar } from '../calendar/calendar-store.ts';
import { attachmentDisposition } from '../documents/content-disposition.ts';
import { checkRegionCode, isWithin, isZhejiang } from '../domain/regions.ts';
import {
  supervisionExitsQuerySchema,
  supervisionExportQuerySchema,
  supervisionFiguresQuerySchema,
  supervisionFilingsQuerySchema,
  SUPERVISION_READERS,
  type DrillMeasure,
  type SupervisionExitsQuery,
  type SupervisionExportQuery,
  type SupervisionFiguresQuery,
  type SupervisionFilingsQuery,
} from '../api/supervision.ts';
import { chinaYearOf } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { audit } from '../platform/http/audit.ts';
import { checked, identityOf, invalid, localeOf } from '../platform/http/http.ts';
import type { Identity } from '../platform/http/identity.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { drillItems, drillTotal, type DrillQuery } from './drill-list.ts';
import { exitCounts, exitItems, type ExitQuery } from './exits-store.ts';
import { EXPORT_MAX_ROWS, supervisionWorkbook, TABLE_TITLES } from './export-workbook.ts';
import { supervisionFigures, type FiguresSources } from './figures.ts';
import { engineOverdueTasks } from './overdue-tasks.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DEFAULT_PAGE_SIZE = 20;

const messages = createFieldMessages({
  root: ['查询条件', 'the query'],
  labels: {
    year: ['年度', 'year'],
    regionCode: ['行政区', 'region code'],
    measure: ['统计项', 'measure'],
    industryCode: ['行业门类', 'industry section'],
    ratioBucket: ['安排比例区间', 'ratio bucket'],
    reason: ['退出原因', 'exit reason'],
    page: ['页码', 'page'],
    pageSize: ['每页条数', 'page size'],
    table: ['导出的表', 'table'],
  },
  formatHints: {
    year: ['应为四位数字的年份', 'must be a four-digit year'],
    regionCode: ['应为 6 位数字的行政区划代码', 'must be a 6-digit region code'],
    measure: ['不是可钻取的统计项', 'is not a figure that can be listed'],
    industryCode: ['应为行业门类字母 A–T', 'must be an industry section letter A–T'],
    ratioBucket: ['不是有效的比例区间', 'is not a ratio bucket'],
    reason: ['不是有效的退出原因', 'is not an exit reason'],
    page: ['应为从 1 起的整数', 'must be a whole number from 1'],
    pageSize: ['应为 1 至 100 的整数', 'must be a whole number from 1 to 100'],
    table: ['应为 progress、byCounty、byIndustry、ratio、exits 或 filings', 'must be progress, byCounty, byIndustry, ratio, exits or filings'],
  },
  templates: { REGION_UNKNOWN: [(f) => `${f}应为浙江省内的县（市、区）、设区市或全省代码`, (f) => `${f} must be a Zhejiang county, city or province code`] },
});

const checkFigures = compileSchema<SupervisionFiguresQuery>(supervisionFiguresQuerySchema);
const checkFilings = compileSchema<SupervisionFilingsQuery>(supervisionFilingsQuerySchema);
const checkExits = compileSchema<SupervisionExitsQuery>(supervisionExitsQuerySchema);
const checkExport = compileSchema<SupervisionExportQuery>(supervisionExportQuerySchema);

/** A city or the province reads any region within its own; a county lead only its county. */
function mayRead(who: Identity, regionCode: string): boolean {
  if (!who.regionCode) return false;
  if (who.role === 'city' || who.role === 'province') return isWithin(regionCode, who.regionCode);
  return who.role === 'lead' && regionCode === who.regionCode;
}

interface Scope {
  year: number;
  regionCode: string;
}

export interface SupervisionRoutesOptions {
  db: Db;
  sessions: Sessions;
  engine?: EngineRest;
  now?: () => Date;
}

export function supervisionRouter({ db, sessions, engine, now = () => new Date() }: SupervisionRoutesOptions): Router {
  const router = Router();
  const readers = authenticate(sessions, [...SUPERVISION_READERS]);
  const overdueTasks = engine ? engineOverdueTasks({ engine, calendar: () => loadCalendar(db), now }) : undefined;
  // Tasks are overdue now: asked for this year's figures only (an earlier year's show none).
  const sourcesFor = (scope: Scope): FiguresSources => {
    const at = now();
    return overdueTasks && scope.year === chinaYearOf(at) ? { overdueTasks, now: at } : { now: at };
  };

  /** The year and region asked for (the caller's own region and this year by default), checked and within reach. */
  function scopeOf(req: Request, q: { year?: string; regionCode?: string }): Scope {
    const who = identityOf(req);
    const regionCode = q.regionCode ?? who.regionCode ?? '';
    if (q.regionCode !== undefined && (!isZhejiang(regionCode) || checkRegionCode(regionCode, 'any') !== null)) {
      throw invalid(req, [{ path: '/regionCode', code: 'REGION_UNKNOWN' }], messages);
    }
    if (!mayRead(who, regionCode)) {
      throw new Problem(403, localeOf(req) === 'zh' ? '只能查看本辖区的统计' : 'only figures within your own region can be read');
    }
    return { year: q.year !== undefined ? Number(q.year) : chinaYearOf(now()), regionCode };
  }

  const page = (q: { page?: string; pageSize?: string }) => {
    const size = q.pageSize !== undefined ? Number(q.pageSize) : DEFAULT_PAGE_SIZE;
    return { limit: size, offset: (Number(q.page ?? '1') - 1) * size };
  };
  const drillOf = (scope: Scope, q: { measure?: DrillMeasure; industryCode?: string; ratioBucket?: string }): DrillQuery => ({
    ...scope,
    measure: q.measure ?? 'filed',
    ...(q.industryCode !== undefined ? { industryCode: q.industryCode } : {}),
    ...(q.ratioBucket !== undefined ? { ratioBucket: q.ratioBucket } : {}),
  });
  const exitsOf = (scope: Scope, q: { reason?: ExitQuery['reason'] }): ExitQuery => ({ ...scope, ...(q.reason !== undefined ? { reason: q.reason } : {}) });
  const auditExits = (req: Request, scope: Scope, shown: number) =>
    audit(db, identityOf(req), 'supervision.exits_read', { type: 'region', id: scope.regionCode }, { year: scope.year, shown });

  router.get('/api/supervision/figures', readers, async (req, res) => {
    const scope = scopeOf(req, checked(req, checkFigures, { ...req.query }, messages));
    res.json(await supervisionFigures(db, scope, sourcesFor(scope)));
  });

  router.get('/api/supervision/filings', readers, async (req, res) => {
    const q = checked(req, checkFilings, { ...req.query }, messages);
    const drill = drillOf(scopeOf(req, q), q);
    const [total, items] = await Promise.all([drillTotal(db, drill), drillItems(db, drill, page(q))]);
    res.json({ total, items });
  });

  router.get('/api/supervision/exits', readers, async (req, res) => {
    const q = checked(req, checkExits, { ...req.query }, messages);
    const scope = scopeOf(req, q);
    const [counts, items] = await Promise.all([exitCounts(db, exitsOf(scope, q)), exitItems(db, exitsOf(scope, q), page(q))]);
    if (items.length > 0) await auditExits(req, scope, items.length);
    res.json({ ...counts, items });
  });

  router.get('/api/supervision/export', readers, async (req, res) => {
    const q = checked(req, checkExport, { ...req.query }, messages);
    const scope = scopeOf(req, q);
    const figures = await supervisionFigures(db, scope, sourcesFor(scope));
    const all = { limit: EXPORT_MAX_ROWS, offset: 0 };
    const filings = q.table === 'filings' ? await drillItems(db, drillOf(scope, q), all) : [];
    const exits = q.table === 'exits' ? await exitItems(db, exitsOf(scope, q), all) : [];
    if (exits.length > 0) await auditExits(req, scope, exits.length);
    const body = await supervisionWorkbook(q.table, figures, { filings, exits });
    res.status(200).set({
      'Content-Type': XLSX,
      'Content-Length': String(body.length),
      'Content-Disposition': attachmentDisposition(`${figures.regionName}${scope.year}年度${TABLE_TITLES[q.table]}.xlsx`, `supervision-${q.table}-${scope.regionCode}-${scope.year}.xlsx`),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  });

  return router;
}
