// Notifications against the real PostgreSQL: the `notify` job (idempotent, refusing bad input as an incident), the
// concentrated period's reminder to units that have not filed (China date, the season in force, who is reminded and
// who not, not again within the set days, paged), and the API (a person's groups only, 404 for others' ids, field-level
// 400 for a bad query). Handlers are called with fake jobs; the clock is pinned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Filing } from '../../filings/declaration/filing.ts';
import { createNotification, escalationsOf } from '../../notifications/notification-store.ts';
import type { Job } from '../../workers/job-outcome.ts';
import { createNotifyHandler } from '../../workers/notify.ts';
import { createRemindUnfiledUnitsHandler } from '../../workers/remind-unfiled-units.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { syntheticFiling } from '../support/fixtures.ts';
import { storeUnitFiling } from '../support/unit-filings.ts';

let api: TestApi;
let seedVersion: number;
// Other suites of the run notify the same county groups: only this suite's rows are looked at.
let earlierRows: string[];
let clock = new Date('2011-04-01T00:30:00+08:00');

beforeAll(async () => {
  api = await startTestApi({}, { now: () => clock });
  earlierRows = (await api.db.query<{ id: string }>('select id from notifications')).rows.map((r) => r.id);
  seedVersion = Number((await api.db.query<{ id: string }>('select max(id) as id from filing_season_settings')).rows[0]?.id);
  // The notice's season, whatever an earlier suite left in force.
  await setSeason('04-01', '06-30');
});
afterAll(async () => {
  await api.db.query('delete from filing_season_settings where id > $1', [seedVersion]);
  await api.close();
});

async function setSeason(concentratedStart: string, concentratedEnd: string): Promise<void> {
  await api.db.query(
    `insert into filing_season_settings (certification_start, certification_end, concentrated_start, concentrated_end, set_by, note)
     values ('03-01', '12-31', $1, $2, 'test:notifications', '测试')`,
    [concentratedStart, concentratedEnd],
  );
}

const job = (key: string, variables: unknown, properties: Record<string, string> = {}, businessKey?: string): Job => ({
  key,
  variables,
  properties,
  retries: 3,
  ...(businessKey ? { businessKey } : {}),
});

async function rowsFor(groups: string[]) {
  const result = await api.db.query<{ recipient_group: string; kind: string; title: string; body: string; filing_id: string | null; due_at: Date | null; dedup_key: string | null }>(
    `select recipient_group, kind, title, body, filing_id, due_at, dedup_key from notifications where recipient_group = any($1) and id <> all($2::uuid[]) order by created_at, id`,
    [groups, earlierRows],
  );
  return result.rows;
}

describe('the notify job', () => {
  const notify = () => createNotifyHandler(api.db);
  const county = syntheticFiling(120_001, { regionCode: '330108' });
  let filingId: string;
  beforeAll(async () => {
    filingId = await storeUnitFiling(api.db, county, 2025);
  });

  const escalation = (overrides: Record<string, unknown> = {}) => ({
    filingId,
    recipientGroup: 'lead-330108',
    kind: 'escalation',
    title: `${county.employer.name} 的申报受理已逾期`,
    message: '受理期限 2026-04-08T17:00:00+08:00 已过，窗口尚未受理，请督促办理。联系人证件号 330106199001011236。',
    dueAt: '2026-04-08T17:00:00+08:00',
    ...overrides,
  });

  it('writes the notification once for the same task, however often it is handed out', async () => {
    const first = await notify()(job('notify-task-1', escalation(), {}, filingId));
    expect(first).toEqual({ kind: 'complete', variables: {} });
    expect(await notify()(job('notify-task-1', escalation(), {}, filingId))).toEqual(first);
    const rows = await rowsFor(['lead-330108']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'escalation', filing_id: filingId, title: `${county.employer.name} 的申报受理已逾期` });
    expect(rows[0]?.due_at?.toISOString()).toBe('2026-04-08T09:00:00.000Z');
    // A personal number an expression let through is masked before it is stored.
    expect(rows[0]?.body).toContain('3301**********1236');
    expect(rows[0]?.body).not.toContain('330106199001011236');
  });

  it('another task writes another notification; a notice may name no filing and no deadline', async () => {
    await notify()(job('notify-task-2', escalation({ kind: 'reminder', recipientGroup: 'reviewer-330108', title: '受理期限将至' })));
    const notice = await notify()(job('notify-task-3', { filingId: null, recipientGroup: 'operator', kind: 'notice', title: '系统通知', message: '今晚 22:00 维护', dueAt: null }));
    expect(notice.kind).toBe('complete');
    expect(await rowsFor(['reviewer-330108'])).toHaveLength(1);
    expect((await rowsFor(['operator']))[0]).toMatchObject({ filing_id: null, due_at: null, kind: 'notice' });
  });

  it('escalationsOf lists the filing’s escalations, not its reminders', async () => {
    const escalations = await escalationsOf(api.db, filingId);
    expect(escalations.map((e) => [e.kind, e.recipientGroup])).toEqual([['escalation', 'lead-330108']]);
    expect(await escalationsOf(api.db, 'not-a-uuid')).toEqual([]);
  });

  it('refuses bad input as an incident on the task (no retries), naming every bad variable, and writes nothing', async () => {
    const outcome = await notify()(
      job('notify-bad-1', escalation({ recipientGroup: 'lead-33010', kind: 'season-reminder', title: '长'.repeat(101), message: undefined, dueAt: '2026-02-30T10:00:00+08:00' })),
    );
    expect(outcome.kind).toBe('fail');
    if (outcome.kind !== 'fail') return;
    expect(outcome.retries).toBe(0);
    expect(outcome.message).toMatch(/^通知任务的输入参数有误/);
    for (const path of ['/recipientGroup', '/kind', '/title', '/message']) expect(outcome.message).toContain(path);
    // The shape is right, the day is not.
    const feb30 = await notify()(job('notify-bad-2', escalation({ dueAt: '2026-02-30T10:00:00+08:00' })));
    expect(feb30).toMatchObject({ kind: 'fail', retries: 0, message: expect.stringContaining('/dueAt FORMAT') });
    const blank = await notify()(job('notify-bad-3', escalation({ title: '   ' })));
    expect(blank).toMatchObject({ kind: 'fail', retries: 0, message: expect.stringContaining('/title REQUIRED') });
    const otherInstance = await notify()(job('notify-bad-4', escalation(), {}, '00000000-0000-4000-8000-000000000000'));
    expect(otherInstance).toMatchObject({ kind: 'fail', retries: 0, message: expect.stringContaining('/filingId MISMATCH') });
    const noFiling = await notify()(job('notify-bad-5', escalation({ filingId: '00000000-0000-4000-8000-000000000001' })));
    expect(noFiling).toMatchObject({ kind: 'fail', retries: 0, message: expect.stringMatching(/^通知所关联的申报不存在/) });
    const written = await api.db.query(`select 1 from notifications where source_task_id like 'notify-bad-%'`);
    expect(written.rowCount).toBe(0);
  });
});

describe('the concentrated period’s reminder', () => {
  // Certification year 2011 reviews 2010; last season reviewed 2009. Years no other suite files for.
  const units = {
    onlyLastYear: syntheticFiling(121_001),
    both: syntheticFiling(121_002),
    lastYearWithdrawn: syntheticFiling(121_003),
    lastYearReturned: syntheticFiling(121_004),
    thisYearReturned: syntheticFiling(121_005),
    thisYearWithdrawn: syntheticFiling(121_006),
    onlyThisYear: syntheticFiling(121_007),
  };
  const group = (f: Filing) => `employer-${f.employer.uscc}`;
  const allGroups = Object.values(units).map(group);
  // Two units a page: three units to remind take two pages.
  const remind = (properties: Record<string, string> = { remindAgainAfterDays: '7' }) =>
    createRemindUnfiledUnitsHandler({ db: api.db, now: () => clock, batchSize: 2 })(job('season-task', {}, properties));
  const remindedGroups = async () => (await rowsFor(allGroups)).map((r) => r.recipient_group);

  beforeAll(async () => {
    const file = (f: Filing, year: number, status?: Parameters<typeof storeUnitFiling>[3]) => storeUnitFiling(api.db, f, year, status);
    await file(units.onlyLastYear, 2009);
    await file(units.both, 2009);
    await file(units.both, 2010);
    await file(units.lastYearWithdrawn, 2009, 'withdrawn');
    await file(units.lastYearReturned, 2009, 'returned');
    await file(units.thisYearReturned, 2009, 'closed');
    await file(units.thisYearReturned, 2010, 'returned');
    await file(units.thisYearWithdrawn, 2009);
    await file(units.thisYearWithdrawn, 2010, 'withdrawn');
    await file(units.onlyThisYear, 2010);
  });

  it('does nothing before the period: 31 March in China', async () => {
    clock = new Date('2011-03-31T23:59:00+08:00');
    expect(await remind()).toEqual({ kind: 'complete', variables: { remindedUnits: 0 } });
    expect(await remindedGroups()).toEqual([]);
  });

  it('on its first day in China (still 31 March in UTC) reminds exactly the units that filed last year and not this year', async () => {
    clock = new Date('2011-04-01T00:30:00+08:00');
    expect(await remind()).toEqual({ kind: 'complete', variables: { remindedUnits: 3 } });
    const rows = await rowsFor(allGroups);
    expect(rows.map((r) => r.recipient_group).sort()).toEqual([units.onlyLastYear, units.thisYearReturned, units.thisYearWithdrawn].map(group).sort());
    const mine = rows.find((r) => r.recipient_group === group(units.onlyLastYear))!;
    expect(mine).toMatchObject({ kind: 'season-reminder', filing_id: null, dedup_key: `season-reminder:${units.onlyLastYear.employer.uscc}:2010:2011-04-01` });
    expect(mine.title).toBe('请于 2011 年 6 月 30 日前完成 2010 年度按比例安排残疾人就业情况申报');
    expect(mine.body).toContain(`${units.onlyLastYear.employer.name}：`);
    expect(mine.body).toContain('上一年度（2009 年度）');
    expect(mine.body).toContain('集中申报期为 2011 年 4 月 1 日至 2011 年 6 月 30 日');
  });

  it('the unit reads it in its own list, and no other unit sees it', async () => {
    const token = await api.login({ role: 'employer', uscc: units.onlyLastYear.employer.uscc });
    const res = await api.request('GET', '/api/notifications?kind=season-reminder', { token });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ kind: 'season-reminder', filingId: null, filing: null, readAt: null });
    const other = await api.login({ role: 'employer', uscc: units.both.employer.uscc });
    expect((await api.request('GET', '/api/notifications', { token: other })).body).toMatchObject({ total: 0, items: [] });
  });

  it('a second run the same day, or within the days set, reminds no one again', async () => {
    clock = new Date('2011-04-01T18:00:00+08:00');
    expect(await remind()).toEqual({ kind: 'complete', variables: { remindedUnits: 0 } });
    clock = new Date('2011-04-07T23:59:00+08:00');
    expect(await remind()).toEqual({ kind: 'complete', variables: { remindedUnits: 0 } });
    expect(await remindedGroups()).toHaveLength(3);
  });

  it('after the days set, reminds again those still not filed', async () => {
    await storeUnitFiling(api.db, units.onlyLastYear, 2010);
    clock = new Date('2011-04-08T00:10:00+08:00');
    expect(await remind()).toEqual({ kind: 'complete', variables: { remindedUnits: 2 } });
    const rows = await rowsFor([units.thisYearReturned, units.thisYearWithdrawn].map(group));
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.dedup_key?.endsWith(':2011-04-08'))).toHaveLength(2);
  });

  it('follows the season in force: a later concentrated period leaves mid-April alone', async () => {
    const before = (await remindedGroups()).length;
    const version = Number((await api.db.query<{ id: string }>('select max(id) as id from filing_season_settings')).rows[0]?.id);
    await setSeason('05-01', '05-31');
    try {
      clock = new Date('2011-04-20T09:00:00+08:00');
      expect(await remind()).toEqual({ kind: 'complete', variables: { remindedUnits: 0 } });
    } finally {
      await api.db.query('delete from filing_season_settings where id > $1', [version]);
    }
    clock = new Date('2011-04-20T09:00:00+08:00');
    expect(await remind({ remindAgainAfterDays: '1' })).toEqual({ kind: 'complete', variables: { remindedUnits: 2 } });
    expect(await remindedGroups()).toHaveLength(before + 2);
  });

  it('does nothing after the period: 1 July in China', async () => {
    clock = new Date('2011-07-01T00:00:00+08:00');
    expect(await remind({ remindAgainAfterDays: '1' })).toEqual({ kind: 'complete', variables: { remindedUnits: 0 } });
  });

  it('a wrong setting is an incident (no retries) that names it, and reminds no one', async () => {
    clock = new Date('2011-05-20T09:00:00+08:00');
    const before = (await remindedGroups()).length;
    const wrong: Record<string, string>[] = [{ remindAgainAfterDays: '0' }, { remindAgainAfterDays: '七' }, { remindAgainAfterDays: '366' }, {}];
    for (const properties of wrong) {
      const outcome = await remind(properties);
      expect(outcome, JSON.stringify(properties)).toMatchObject({ kind: 'fail', retries: 0, message: expect.stringContaining('remindAgainAfterDays') });
    }
    expect(await remindedGroups()).toHaveLength(before);
  });
});

describe('GET /api/notifications and POST /api/notifications/:id/read', () => {
  const unit = syntheticFiling(122_001, { regionCode: '330110' });
  let filingId: string;
  let ids: { escalation: string; reminder: string; older: string };
  let lead: string;
  let otherLead: string;

  const idOf = async (dedupKey: string) =>
    (await api.db.query<{ id: string }>('select id from notifications where dedup_key = $1', [dedupKey])).rows[0]!.id;

  beforeAll(async () => {
    filingId = await storeUnitFiling(api.db, unit, 2025);
    const write = (dedupKey: string, kind: 'escalation' | 'reminder', createdAt: string) =>
      createNotification(api.db, {
        recipientGroup: 'lead-330110',
        kind,
        title: `${kind} 标题`,
        body: '正文',
        filingId,
        dueAt: '2026-04-08T09:00:00Z',
        dedupKey,
        createdAt: new Date(createdAt),
      });
    await write('routes-older', 'reminder', '2026-04-01T09:00:00Z');
    await write('routes-escalation', 'escalation', '2026-04-09T09:00:00Z');
    await write('routes-reminder', 'reminder', '2026-04-05T09:00:00Z');
    ids = { escalation: await idOf('routes-escalation'), reminder: await idOf('routes-reminder'), older: await idOf('routes-older') };
    lead = await api.login({ role: 'lead', regionCode: '330110', userId: 'lead.wang' });
    otherLead = await api.login({ role: 'lead', regionCode: '330109' });
  });

  const list = (token: string, query = '') => api.request('GET', `/api/notifications${query}`, { token });

  it('shows a lead their county’s notifications, newest first, with the filing they concern', async () => {
    const res = await list(lead);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, unread: 3 });
    expect(res.body.items.map((n: { id: string }) => n.id)).toEqual([ids.escalation, ids.reminder, ids.older]);
    expect(res.body.items[0]).toEqual({
      id: ids.escalation,
      kind: 'escalation',
      title: 'escalation 标题',
      body: '正文',
      filingId,
      filing: expect.objectContaining({ id: filingId, year: 2025, employerUscc: unit.employer.uscc, handlingRegionCode: '330110' }),
      dueAt: '2026-04-08T09:00:00.000Z',
      createdAt: '2026-04-09T09:00:00.000Z',
      readAt: null,
      readBy: null,
    });
    const page = await list(lead, '?kind=reminder&limit=1&offset=1');
    expect(page.body.total).toBe(2);
    expect(page.body.items.map((n: { id: string }) => n.id)).toEqual([ids.older]);
  });

  it('shows another county’s lead none of them, and refuses to mark one read there as if it did not exist', async () => {
    expect((await list(otherLead)).body).toEqual({ total: 0, unread: 0, items: [] });
    const res = await api.request('POST', `/api/notifications/${ids.escalation}/read`, { token: otherLead });
    expect(res.status).toBe(404);
    expect(res.body.title).toBe('未找到该通知');
    expect((await api.request('POST', '/api/notifications/00000000-0000-4000-8000-000000000000/read', { token: lead })).status).toBe(404);
    expect((await api.request('POST', '/api/notifications/not-an-id/read', { token: lead })).status).toBe(404);
    expect((await list(lead, '?unread=true')).body.total).toBe(3);
  });

  it('marks one read for the group, keeping the first reader and time', async () => {
    const first = await api.request('POST', `/api/notifications/${ids.escalation}/read`, { token: lead });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: ids.escalation, readAt: clock.toISOString(), readBy: 'lead.wang' });
    const colleague = await api.login({ role: 'lead', regionCode: '330110', userId: 'lead.zhao' });
    const again = await api.request('POST', `/api/notifications/${ids.escalation}/read`, { token: colleague });
    expect(again.body).toEqual(first.body);
    const unread = await list(colleague, '?unread=true');
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    expect(unread.body.items.map((n: { id: string }) => n.id)).toEqual([ids.reminder, ids.older]);
  });

  it('answers a bad query with every field problem in Chinese', async () => {
    const res = await list(lead, '?kind=alarm&unread=yes&limit=0&offset=-1&sort=new');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual(
      ['/kind FORMAT', '/limit FORMAT', '/offset FORMAT', '/sort UNKNOWN_FIELD', '/unread FORMAT'].sort(),
    );
    const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(byPath['/limit']).toBe('每页条数应为 1 至 100 的整数');
    expect(byPath['/kind']).toContain('通知类型只能是');
    // A repeated parameter arrives as a list: refused, not a 500.
    expect((await list(lead, '?kind=reminder&kind=escalation')).status).toBe(400);
  });

  it('needs a signed-in person; one whose groups got nothing sees an empty list', async () => {
    expect((await api.request('GET', '/api/notifications')).status).toBe(401);
    const policy = await api.login({ role: 'policy' });
    expect((await list(policy)).body).toEqual({ total: 0, unread: 0, items: [] });
  });
});
