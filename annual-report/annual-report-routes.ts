// The cities' annual summary reports over HTTP (api/annual-report.ts): each city's state for a year — the province
// every city's, a city its own — with the open task the caller may work on, and the latest submission's Word and PDF
// files (downloads audited).
import { Router, type Request } from 'express';
import {
  ANNUAL_REPORT_READERS,
  annualReportFileParams,
  annualReportListQuerySchema,
  type AnnualReportFileParams,
  type AnnualReportItem,
  type AnnualReportListQuery,
  type AnnualReportState,
} from '../api/annual-report.ts';
import { attachmentDisposition } from '../documents/content-disposition.ts';
import { isWithin, regionName } from '../domain/regions.ts';
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
import { reportTitle } from './report-content.ts';
import { ANNUAL_REPORT_PROCESS, annualReportKey, zhejiangCityCodes, latestReportFile, reportStatuses, type ReportFileKind, type StoredReportStatus } from './report-store.ts';

const checkListQuery = compileSchema<AnnualReportListQuery>(annualReportListQuerySchema);
const checkFileParams = compileSchema<AnnualReportFileParams>(annualReportFileParams);
const messages = createFieldMessages({
  root: ['查询条件', 'the query'],
  labels: { year: ['年度', 'year'], regionCode: ['行政区', 'region code'], cityCode: ['市', 'city'] },
  formatHints: {
    year: ['应为四位数字的年份', 'must be a four-digit year'],
    regionCode: ['应为 330000（全省）或一个市的 6 位代码', 'must be 330000 or a city’s 6-digit code'],
    cityCode: ['应为一个市的 6 位代码，如 330100', 'must be a city’s 6-digit code, e.g. 330100'],
  },
});

const MEDIA: Record<ReportFileKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** The task of a report the caller works on: the city drafts, the province reads. */
const TASK_OF_ROLE: Partial<Record<Identity['role'], string>> = { city: 'draft-annual-report', province: 'review-annual-report' };

function mayRead(who: Identity, regionCode: string): boolean {
  return who.regionCode !== undefined && who.regionCode !== null && isWithin(regionCode, who.regionCode);
}

const forbidden = (req: Request) => new Problem(403, localeOf(req) === 'zh' ? '只能查看本辖区的年度总结报告' : 'only the reports of your own region can be read');

function stateOf(stored: StoredReportStatus | undefined): AnnualReportState {
  if (!stored) return 'not-started';
  return stored.state === 'starting' ? 'drafting' : stored.state;
}

/** The open tasks of these reports for the caller's role, by business key; none when the engine does not answer. */
async function openTasks(engine: EngineRest | undefined, who: Identity, keys: string[]): Promise<Map<string, string>> {
  const taskKey = TASK_OF_ROLE[who.role];
  const found = new Map<string, string>();
  if (!engine || !taskKey || keys.length === 0) return found;
  try {
    const instances = await engine.get<{ id: string; businessKey: string }[]>('/process-instance', { processDefinitionKey: ANNUAL_REPORT_PROCESS, businessKeyIn: keys.join(',') });
    if (instances.length === 0) return found;
    const keyOf = new Map(instances.map((i) => [i.id, i.businessKey]));
    const tasks = await engine.get<{ id: string; processInstanceId: string }[]>('/task', { processInstanceIdIn: [...keyOf.keys()].join(','), taskDefinitionKey: taskKey });
    for (const t of tasks) found.set(keyOf.get(t.processInstanceId) as string, t.id);
  } catch {
    // The state comes from our database; only the link to the task is missing while the engine is away.
  }
  return found;
}

export interface AnnualReportRoutesOptions {
  db: Db;
  sessions: Sessions;
  engine?: EngineRest;
  now?: () => Date;
}

export function annualReportRouter({ db, sessions, engine, now = () => new Date() }: AnnualReportRoutesOptions): Router {
  const router = Router();
  const auth = authenticate(sessions, [...ANNUAL_REPORT_READERS]);

  router.get('/api/annual-reports', auth, async (req, res) => {
    const who = identityOf(req);
    const q = checked(req, checkListQuery, { ...req.query }, messages);
    const regionCode = q.regionCode ?? who.regionCode ?? '';
    if (q.regionCode !== undefined && !(regionCode === '330000' || zhejiangCityCodes().includes(regionCode))) {
      throw invalid(req, [{ path: '/regionCode', code: 'FORMAT' }], messages);
    }
    if (!mayRead(who, regionCode)) throw forbidden(req);
    const year = q.year !== undefined ? Number(q.year) : chinaYearOf(now()) - 1;
    const cities = zhejiangCityCodes().filter((c) => isWithin(c, regionCode));
    const stored = new Map((await reportStatuses(db, year)).map((s) => [s.cityCode, s]));
    const tasks = await openTasks(engine, who, cities.filter((c) => stored.has(c)).map((c) => annualReportKey(year, c)));
    const at = now();
    const items: AnnualReportItem[] = cities.map((cityCode) => {
      const s = stored.get(cityCode);
      const state = stateOf(s);
      const files = s?.version ? `/api/annual-reports/${year}/${cityCode}/report` : null;
      return {
        cityCode,
        cityName: regionName(cityCode) ?? cityCode,
        state,
        dueAt: s?.dueAt?.toISOString() ?? null,
        overdue: (state === 'drafting' || state === 'returned') && s?.dueAt !== null && s?.dueAt !== undefined && s.dueAt.getTime() < at.getTime(),
        figuresAt: s?.figuresAt?.toISOString() ?? null,
        version: s?.version ?? null,
        submittedAt: s?.submittedAt?.toISOString() ?? null,
        lastReview: s?.lastReview ? { ...s.lastReview, reviewedAt: s.lastReview.reviewedAt.toISOString() } : null,
        taskId: tasks.get(annualReportKey(year, cityCode)) ?? null,
        docxHref: files ? `${files}.docx` : null,
        pdfHref: files ? `${files}.pdf` : null,
      };
    });
    res.json({ year, regionCode, items });
  });

  for (const kind of ['docx', 'pdf'] as const) {
    router.get(`/api/annual-reports/:year/:cityCode/report.${kind}`, auth, async (req, res) => {
      const who = identityOf(req);
      const p = checked(req, checkFileParams, { year: req.params.year, cityCode: req.params.cityCode }, messages);
      if (!mayRead(who, p.cityCode)) throw forbidden(req);
      const year = Number(p.year);
      const file = zhejiangCityCodes().includes(p.cityCode) ? await latestReportFile(db, year, p.cityCode, kind) : undefined;
      if (!file) throw new Problem(404, localeOf(req) === 'zh' ? '该市该年度尚未报送年度总结报告' : 'no report submitted for that city and year');
      await audit(db, who, 'annual_report.download', { type: 'annual-report', id: annualReportKey(year, p.cityCode) }, { version: file.version, kind });
      const cityName = regionName(p.cityCode) ?? p.cityCode;
      res.status(200).set({
        'Content-Type': MEDIA[kind],
        'Content-Length': String(file.bytes.length),
        'Content-Disposition': attachmentDisposition(`${reportTitle(year, cityName)}（第${file.version}稿）.${kind}`, `annual-report-${year}-${p.cityCode}-v${file.version}.${kind}`),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      });
      res.end(file.bytes);
    });
  }
  return router;
}
