// The working-day calendar API over real HTTP against the real PostgreSQL: who may publish a year, field-level
// refusals that change nothing, and deadlines before and after 2027 is published. All calendar data is synthetic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';
import { syntheticFiling } from '../support/fixtures.ts';

let api: TestApi;
let tokens: Record<'policy' | 'province' | 'employer' | 'reviewer', string>;

async function clearCalendar(): Promise<void> {
  // Only the calendar's own tables: other suites' filings share this database.
  await api.db.query('delete from calendar_days');
  await api.db.query('delete from calendar_years');
}

beforeAll(async () => {
  api = await startTestApi();
  await clearCalendar();
  tokens = {
    policy: await api.login({ role: 'policy', userId: 'policy.zhang' }),
    province: await api.login({ role: 'province', userId: 'province.li' }),
    employer: await api.login({ role: 'employer', uscc: syntheticFiling(1).employer.uscc }),
    reviewer: await api.login({ role: 'reviewer', regionCode: '330106' }),
  };
});
afterAll(async () => {
  await clearCalendar();
  await api.close();
});

// Synthetic 2027: 元旦 1–3 Jan, a spring break 5–11 Feb and a make-up Saturday 20 Feb (not the real notice).
const year2027 = {
  source: '测试用合成数据（非国务院办公厅通知）',
  days: [
    ...['01', '02', '03'].map((d) => ({ day: `2027-01-${d}`, kind: 'holiday', name: '元旦' })),
    ...['05', '06', '07', '08', '09', '10', '11'].map((d) => ({ day: `2027-02-${d}`, kind: 'holiday', name: '春节' })),
    { day: '2027-02-20', kind: 'workday', name: '春节调休上班' },
  ],
};

const dueDate = (from: string, workingDays: number | string, token = tokens.employer) =>
  api.request('GET', `/api/calendar/due-date?from=${encodeURIComponent(from)}&workingDays=${workingDays}`, { token });

async function calendarRows(): Promise<{ years: number; days: number }> {
  const result = await api.db.query<{ years: number; days: number }>(
    'select (select count(*)::int from calendar_years) as years, (select count(*)::int from calendar_days) as days',
  );
  return result.rows[0]!;
}

const pairs = (body: { errors: { path: string; code: string }[] }) => body.errors.map((e) => `${e.path} ${e.code}`).sort();

describe('before 2027 is published', () => {
  it('lists the package years as known, through 2026', async () => {
    expect((await api.request('GET', '/api/calendar/years')).status).toBe(401);
    const res = await api.request('GET', '/api/calendar/years', { token: tokens.employer });
    expect(res.status).toBe(200);
    expect(res.body.knownThrough).toBe(2026);
    expect(res.body.package).toEqual({ firstYear: 2004, lastYear: 2026 });
    expect(res.body.years).toHaveLength(23);
    expect(res.body.years.at(-1)).toEqual({ year: 2026, from: ['package'], published: null });
  });

  it('computes a deadline inside the package years', async () => {
    // Tue 2026-02-10 + 10 across the Spring Festival: 11,12,13, Sat 14 (4) | 15–23 off | 24–27 (8), Sat 28 (9), Mon 2 Mar (10).
    const res = await dueDate('2026-02-10T09:30:00+08:00', 10);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: '2026-02-10T09:30:00+08:00', startDate: '2026-02-10', workingDays: 10, dueAt: '2026-03-02T23:59:59+08:00' });
    // Counted from China's date: 2026-04-30T20:00Z is 1 May there; 1–5 May off → Wed 6 May.
    const mayDay = await dueDate('2026-04-30T20:00:00Z', 1);
    expect(mayDay.body).toMatchObject({ startDate: '2026-05-01', dueAt: '2026-05-06T23:59:59+08:00' });
  });

  it('refuses a deadline reaching into 2027 with 422 naming the year', async () => {
    const res = await dueDate('2026-12-20T10:00:00+08:00', 10);
    expect(res.status).toBe(422);
    expect(res.body.title).toBe('2027 年的节假日安排尚未发布，暂时无法计算该期限');
    expect(res.body.detail).toContain('国务院办公厅');
  });

  it('checks the query field by field, in Chinese', async () => {
    expect((await api.request('GET', '/api/calendar/due-date?from=2026-02-10T09:30:00Z&workingDays=1')).status).toBe(401);
    const zero = await dueDate('2026-02-10T09:30:00+08:00', 0);
    expect(zero.status).toBe(400);
    expect(zero.body.errors).toEqual([{ path: '/workingDays', code: 'FORMAT', message: '工作日天数应为 1–365 的整数' }]);
    expect(pairs((await dueDate('2026-02-10T09:30:00+08:00', 366)).body)).toEqual(['/workingDays FORMAT']);
    expect(pairs((await dueDate('2026-02-30T09:30:00+08:00', 3)).body)).toEqual(['/from FORMAT']);
    const missing = await api.request('GET', '/api/calendar/due-date?workingDays=3&days=4', { token: tokens.employer });
    expect(pairs(missing.body)).toEqual(['/days UNKNOWN_FIELD', '/from REQUIRED']);
    expect(missing.body.errors.find((e: { path: string }) => e.path === '/from').message).toBe('请填写起算时间');
    // A "+" left unencoded arrives as a space; it can only have been the offset's sign.
    const unencoded = await api.request('GET', '/api/calendar/due-date?from=2026-02-13T16:00:00+08:00&workingDays=3', {
      token: tokens.employer,
    });
    expect(unencoded.body.dueAt).toBe('2026-02-25T23:59:59+08:00');
  });
});

describe('PUT /api/calendar/years/:year', () => {
  it('is refused to employers and reviewers, changing nothing', async () => {
    for (const role of ['employer', 'reviewer'] as const) {
      const res = await api.request('PUT', '/api/calendar/years/2027', { token: tokens[role], body: year2027 });
      expect(res.status, role).toBe(403);
      expect(res.body.title).toBe('无权访问');
    }
    expect((await api.request('PUT', '/api/calendar/years/2027', { body: year2027 })).status).toBe(401);
    expect(await calendarRows()).toEqual({ years: 0, days: 0 });
  });

  it('reports every problem of a bad body at once, field by field, and stores nothing', async () => {
    const body = {
      source: '',
      extra: true,
      days: [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-02-30', kind: 'holiday', name: '春节' },
        { day: '2027-02-06', kind: 'weekend', name: '春节' },
        { day: '2027-02-07', kind: 'holiday' },
      ],
    };
    const res = await api.request('PUT', '/api/calendar/years/2027', { token: tokens.policy, body });
    expect(res.status).toBe(400);
    expect(res.body.title).toBe('提交的内容有误');
    expect(pairs(res.body)).toEqual(['/days/1/day FORMAT', '/days/2/kind FORMAT', '/days/3/name REQUIRED', '/extra UNKNOWN_FIELD', '/source REQUIRED']);
    const message = (path: string) => res.body.errors.find((e: { path: string }) => e.path === path).message;
    expect(message('/source')).toBe('请填写发布依据');
    expect(message('/days/1/day')).toBe('第 2 天的日期应为 YYYY-MM-DD 格式的有效日期');
    expect(message('/days/2/kind')).toBe('第 3 天的类型只能是：holiday、workday');
    expect(message('/days/3/name')).toBe('请填写第 4 天的名称');
    expect(await calendarRows()).toEqual({ years: 0, days: 0 });
  });

  it('refuses days outside the year, repeated days, and a new year without a holiday', async () => {
    const outside = await api.request('PUT', '/api/calendar/years/2027', {
      token: tokens.policy,
      body: {
        source: year2027.source,
        days: [
          { day: '2027-01-01', kind: 'holiday', name: '元旦' },
          { day: '2028-01-01', kind: 'holiday', name: '元旦' },
          { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        ],
      },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toEqual([
      { path: '/days/1/day', code: 'DAY_OUTSIDE_YEAR', message: '第 2 天的日期不在 2027 年内' },
      { path: '/days/2/day', code: 'DUPLICATE_DAY', message: '第 3 天的日期与第 1 天重复' },
    ]);

    const noHoliday = await api.request('PUT', '/api/calendar/years/2027', {
      token: tokens.policy,
      body: { source: year2027.source, days: [{ day: '2027-02-20', kind: 'workday', name: '调休上班' }] },
    });
    expect(pairs(noHoliday.body)).toEqual(['/days NO_HOLIDAYS']);
    expect(noHoliday.body.errors[0].message).toContain('2027 年至少应有一个法定节假日');

    expect(pairs((await api.request('PUT', '/api/calendar/years/27', { token: tokens.policy, body: year2027 })).body)).toEqual(['/year FORMAT']);
    const early = await api.request('PUT', '/api/calendar/years/1999', { token: tokens.policy, body: year2027 });
    expect(early.body.errors).toEqual([{ path: '/year', code: 'YEAR_RANGE', message: '年度应在 2000–2100 年之间' }]);
    const notJson = await api.request('PUT', '/api/calendar/years/2027', { token: tokens.policy, body: '{"source":' });
    expect(notJson.status).toBe(400);

    expect(await calendarRows()).toEqual({ years: 0, days: 0 });
    expect((await dueDate('2026-12-20T10:00:00+08:00', 10)).status).toBe(422);
  });

  it('publishes 2027 for policy staff, with an audit row, after which 2027 deadlines compute', async () => {
    const res = await api.request('PUT', '/api/calendar/years/2027', { token: tokens.policy, body: year2027 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2027, publishedBy: 'policy.zhang', source: year2027.source, holidays: 10, workdays: 1, knownThrough: 2027 });
    const audited = await api.db.query(`select actor, actor_role, detail from audit_log where action = 'calendar.publish_year' and subject_id = '2027'`);
    expect(audited.rows).toEqual([
      { actor: 'policy.zhang', actor_role: 'policy', detail: { source: year2027.source, holidays: 10, workdays: 1, replacedDays: 0 } },
    ]);

    // Sun 2026-12-20: 21–25 Dec (5), 28–31 Dec (9), Fri 1 Jan published holiday, 2–3 weekend, Mon 4 Jan (10).
    expect((await dueDate('2026-12-20T10:00:00+08:00', 10)).body.dueAt).toBe('2027-01-04T23:59:59+08:00');
    // Fri 2027-02-19 → the published make-up Saturday 20 Feb.
    expect((await dueDate('2027-02-19T10:00:00+08:00', 1)).body.dueAt).toBe('2027-02-20T23:59:59+08:00');
    // Thu 2027-02-04 → 5–11 Feb off → Fri 12 Feb.
    expect((await dueDate('2027-02-04T10:00:00+08:00', 1)).body.dueAt).toBe('2027-02-12T23:59:59+08:00');
    // 2028 is still unknown.
    expect((await dueDate('2027-12-24T10:00:00+08:00', 10)).body.title).toContain('2028 年');

    const years = await api.request('GET', '/api/calendar/years', { token: tokens.reviewer });
    expect(years.body.knownThrough).toBe(2027);
    expect(years.body.years.at(-1)).toMatchObject({ year: 2027, from: ['published'], published: { source: year2027.source, holidays: 10, workdays: 1 } });
  });

  it('replaces a year as a whole when it is published again', async () => {
    const body = { source: '测试用合成数据（更正）', days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }] };
    const res = await api.request('PUT', '/api/calendar/years/2027', { token: tokens.province, body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ publishedBy: 'province.li', holidays: 1, workdays: 0 });
    expect(await calendarRows()).toEqual({ years: 1, days: 1 });
    // The spring break is gone: Thu 2027-02-04 → Fri 5 Feb.
    expect((await dueDate('2027-02-04T10:00:00+08:00', 1)).body.dueAt).toBe('2027-02-05T23:59:59+08:00');
    const audited = await api.db.query(
      `select detail->>'replacedDays' as replaced from audit_log where action = 'calendar.publish_year' and actor = 'province.li'`,
    );
    expect(audited.rows).toEqual([{ replaced: '11' }]);
  });

  it('lets two publications of one year race without error, one of them winning whole', async () => {
    const a = { source: 'A', days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }] };
    const b = { source: 'B', days: year2027.days };
    const results = await Promise.all([
      api.request('PUT', '/api/calendar/years/2027', { token: tokens.policy, body: a }),
      api.request('PUT', '/api/calendar/years/2027', { token: tokens.policy, body: b }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const stored = await api.db.query<{ source: string }>('select source from calendar_years where year = 2027');
    const expectedDays = stored.rows[0]?.source === 'A' ? 1 : 11;
    expect(await calendarRows()).toEqual({ years: 1, days: expectedDays });
  });

  it('accepts a correction to a package year, which then wins over the package', async () => {
    // Synthetic: Sat 2026-03-07 declared a working day.
    const body = { source: '测试用合成更正', days: [{ day: '2026-03-07', kind: 'workday', name: '补班（合成）' }] };
    const res = await api.request('PUT', '/api/calendar/years/2026', { token: tokens.policy, body });
    expect(res.status).toBe(200);
    expect((await dueDate('2026-03-06T10:00:00+08:00', 1)).body.dueAt).toBe('2026-03-07T23:59:59+08:00');
    const years = await api.request('GET', '/api/calendar/years', { token: tokens.employer });
    expect(years.body.years.find((y: { year: number }) => y.year === 2026).from).toEqual(['package', 'published']);
    // The package's own 2026 days still apply around the correction.
    expect((await dueDate('2026-02-13T16:00:00+08:00', 3)).body.dueAt).toBe('2026-02-25T23:59:59+08:00');
  });
});
