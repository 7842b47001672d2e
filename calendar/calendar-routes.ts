// The working-day calendar API: which years are known, publishing a year's holidays and make-up working days
// (policy staff, each November after the State Council's notice), and computing a deadline in working days.
import { chinaDateOf } from '../platform/china-date.ts';
import { Router, type Request } from 'express';
import type { Db } from '../platform/db.ts';
import { Problem } from '../platform/problem.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { compileSchema, type Checked, type FieldIssue } from '../platform/schema.ts';
import { checked, identityOf, invalid } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { CALENDAR_PUBLISHERS, calendarYearParamsSchema, dueDateQuerySchema, publishYearSchema, type DueDateQuery, type PublishYear } from '../api/calendar.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { recomputeProvisionalDeadlines } from './provisional-deadlines.ts';
import { listPublishedYears, loadCalendar, publishYear } from './calendar-store.ts';
import {
  CalendarYearUnknown,
  MAX_WORKING_DAYS,
  packageCalendar,
  parseInstant,
} from './working-day-calendar.ts';

export interface CalendarRoutesOptions {
  db: Db;
  sessions: Sessions;
  /** The engine, to move the deadlines counted provisionally across a year once it is published. */
  engine?: EngineRest;
}

const YEAR_FROM = 2000;
const YEAR_TO = 2100;

const checkPublishBody = compileSchema<PublishYear>(publishYearSchema);
const checkYearParam = compileSchema<{ year: string }>(calendarYearParamsSchema);
const checkDueDateQuery = compileSchema<DueDateQuery>(dueDateQuerySchema);

/** What the schema cannot say: each day in the year, no day twice, and a new year with at least one holiday. */
function publicationIssues(year: number, body: PublishYear): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const firstIndex = new Map<string, number>();
  body.days.forEach((entry, index) => {
    const path = `/days/${index}/day`;
    if (Number(entry.day.slice(0, 4)) !== year) issues.push({ path, code: 'DAY_OUTSIDE_YEAR', params: { year } });
    const first = firstIndex.get(entry.day);
    if (first !== undefined) issues.push({ path, code: 'DUPLICATE_DAY', params: { first: first + 1 } });
    else firstIndex.set(entry.day, index);
  });
  // A year beyond the package with no holiday would be computed as plain Monday–Friday: the guess we refuse.
  const { firstYear, lastYear } = packageCalendar();
  const inPackage = year >= firstYear && year <= lastYear;
  if (!inPackage && !body.days.some((d) => d.kind === 'holiday')) {
    issues.push({ path: '/days', code: 'NO_HOLIDAYS', params: { year } });
  }
  return issues;
}

// This API's fields and the sentences of its own codes, for the shared message mechanism.
const calendarMessages = createFieldMessages({
  root: ['请求内容', 'the request'],
  labels: {
    year: ['年度', 'year'],
    source: ['发布依据', 'source'],
    days: ['节假日和调休上班日', 'days'],
    day: ['日期', 'date'],
    kind: ['类型', 'kind'],
    name: ['名称', 'name'],
    from: ['起算时间', 'start instant'],
    workingDays: ['工作日天数', 'number of working days'],
  },
  listItems: { days: ['第 {n} 天', 'day {n}'] },
  formatHints: {
    day: ['应为 YYYY-MM-DD 格式的有效日期', 'must be a real date written YYYY-MM-DD'],
    from: ['应为带时区的 ISO 8601 时间，如 2026-02-10T09:00:00+08:00', 'must be an ISO 8601 date-time with offset, e.g. 2026-02-10T09:00:00+08:00'],
    workingDays: [`应为 1–${MAX_WORKING_DAYS} 的整数`, `must be a whole number from 1 to ${MAX_WORKING_DAYS}`],
    year: ['应为四位数年份', 'must be a four-digit year'],
  },
  templates: {
    DAY_OUTSIDE_YEAR: [(f, p) => `${f}不在 ${p.year} 年内`, (f, p) => `${f} is not in ${p.year}`],
    DUPLICATE_DAY: [(f, p) => `${f}与第 ${p.first} 天重复`, (f, p) => `${f} repeats day ${p.first}`],
    NO_HOLIDAYS: [
      (_f, p) => `${p.year} 年至少应有一个法定节假日，请按国务院办公厅的节假日安排通知录入`,
      (_f, p) => `${p.year} needs at least one statutory holiday from the State Council's notice`,
    ],
    YEAR_RANGE: [(f, p) => `${f}应在 ${p.from}–${p.to} 年之间`, (f, p) => `${f} must be from ${p.from} to ${p.to}`],
  },
});

const calendarInvalid = (req: Request, issues: FieldIssue[]): Problem => invalid(req, issues, calendarMessages);
const checkedHere = <T>(req: Request, check: (data: unknown) => Checked<T>, data: unknown): T =>
  checked(req, check, data, calendarMessages);

function yearUnknown(error: CalendarYearUnknown): Problem {
  return new Problem(
    422,
    `${error.year} 年的节假日安排尚未发布，暂时无法计算该期限`,
    `请政策管理人员依据国务院办公厅发布的 ${error.year} 年部分节假日安排通知，在工作日日历中发布 ${error.year} 年后再试。`,
  );
}

export function calendarRouter({ db, sessions, engine }: CalendarRoutesOptions): Router {
  const router = Router();

  router.get('/api/calendar/years', authenticate(sessions), async (_req, res) => {
    const calendar = await loadCalendar(db);
    const published = new Map((await listPublishedYears(db)).map((p) => [p.year, p]));
    const { first, last } = calendar.packageYears();
    const years = new Set<number>([...published.keys()]);
    for (let year = first; year <= last; year++) years.add(year);
    res.json({
      knownThrough: calendar.knownThrough(),
      package: { firstYear: first, lastYear: last },
      years: [...years]
        .sort((a, b) => a - b)
        .map((year) => {
          const entry = published.get(year);
          const from = [...(calendar.isPackageYear(year) ? ['package'] : []), ...(entry ? ['published'] : [])];
          return { year, from, published: entry ?? null };
        }),
    });
  });

  router.put('/api/calendar/years/:year', authenticate(sessions, CALENDAR_PUBLISHERS), async (req, res) => {
    const who = identityOf(req);
    const year = Number(checkedHere(req, checkYearParam, { year: String(req.params.year) }).year);
    if (year < YEAR_FROM || year > YEAR_TO) {
      throw calendarInvalid(req, [{ path: '/year', code: 'YEAR_RANGE', params: { from: YEAR_FROM, to: YEAR_TO } }]);
    }
    const body = checkedHere(req, checkPublishBody, req.body);
    const issues = publicationIssues(year, body);
    if (issues.length > 0) throw calendarInvalid(req, issues);
    await publishYear(db, year, body.days, body.source, who);
    const calendar = await loadCalendar(db);
    const published = (await listPublishedYears(db)).find((p) => p.year === year);
    // The deadlines counted provisionally across this year are counted again and moved where they changed.
    const provisionalDeadlines = engine ? await recomputeProvisionalDeadlines(db, engine, calendar, year) : undefined;
    res.json({ ...published, knownThrough: calendar.knownThrough(), ...(provisionalDeadlines ? { provisionalDeadlines } : {}) });
  });

  router.get('/api/calendar/due-date', authenticate(sessions), async (req, res) => {
    const raw: Record<string, unknown> = { ...req.query };
    // An unencoded "+08:00" arrives as " 08:00" (form decoding); only that can put a space in an instant.
    if (typeof raw.from === 'string') raw.from = raw.from.replace(/ (\d{2}:\d{2}(?:\[[^\]]*\])?)$/, '+$1');
    const query = checkedHere(req, checkDueDateQuery, raw);
    const from = parseInstant(query.from);
    if (!from) throw calendarInvalid(req, [{ path: '/from', code: 'FORMAT' }]);
    const workingDays = Number(query.workingDays);
    const calendar = await loadCalendar(db);
    if (query.provisional === 'true') {
      const { dueAt, provisionalYears } = calendar.deadline(from, workingDays);
      res.json({ from: query.from, startDate: chinaDateOf(from), workingDays, dueAt, provisional: provisionalYears.length > 0, provisionalYears });
      return;
    }
    try {
      res.json({ from: query.from, startDate: chinaDateOf(from), workingDays, dueAt: calendar.dueAt(from, workingDays) });
    } catch (error) {
      if (error instanceof CalendarYearUnknown) throw yearUnknown(error);
      throw error;
    }
  });

  return router;
}
