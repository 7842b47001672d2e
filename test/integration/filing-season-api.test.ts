// The filing season over real HTTP against the real PostgreSQL: the season in force and today's status, who may
// change it, field-level refusals that change nothing, POST /api/filings following a change at once, the China
// date deciding, and a training installation taking filings any day. The server's clock is pinned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFiling } from '../../filings/filing-store.ts';
import { employersToRemind } from '../../season/season-store.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { syntheticFiling } from '../support/fixtures.ts';
import { createdId } from '../support/fixtures.ts';

let clock = new Date('2026-02-15T10:00:00+08:00');
let api: TestApi;
let seedVersion: number;
let tokens: Record<'policy' | 'province' | 'employer' | 'reviewer' | 'clerk', string>;

const filing = syntheticFiling(40401);
const notice = { certification: { start: '03-01', end: '12-31' }, concentrated: { start: '04-01', end: '06-30' } };
const outsideTitle = '年审认证时间为每年 3 月 1 日至 12 月 31 日，当前不在认证期内';

beforeAll(async () => {
  api = await startTestApi({ FILING_SEASON: 'configured' }, { now: () => clock });
  const seed = await api.db.query<{ id: string }>('select max(id) as id from filing_season_settings');
  seedVersion = Number(seed.rows[0]?.id);
  tokens = {
    policy: await api.login({ role: 'policy', userId: 'policy.zhang' }),
    province: await api.login({ role: 'province', userId: 'province.li' }),
    employer: await api.login({ role: 'employer', uscc: filing.employer.uscc }),
    reviewer: await api.login({ role: 'reviewer', regionCode: '330106' }),
    clerk: await api.login({ role: 'clerk', regionCode: '330106' }),
  };
});
afterAll(async () => {
  // Back to the season as migrated, so later test files in this run (sharing the database) see the notice's dates.
  await api.db.query('delete from filing_season_settings where id > $1', [seedVersion]);
  await api.close();
});

const getSeason = (token = tokens.employer) => api.request('GET', '/api/settings/filing-season', { token });
const putSeason = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  api.request('PUT', '/api/settings/filing-season', { token, body, headers });
const pairs = (body: { errors: { path: string; code: string }[] }) => body.errors.map((e) => `${e.path} ${e.code}`).sort();

async function versionInForce(): Promise<number> {
  return Number((await api.db.query<{ id: string }>('select max(id) as id from filing_season_settings')).rows[0]?.id);
}

async function stored(uscc: string): Promise<{ filings: number; outbox: number }> {
  const result = await api.db.query<{ filings: number; outbox: number }>(
    `select (select count(*)::int from filings where employer_uscc = $1) as filings,
            (select count(*)::int from outbox o join filings f on f.id::text = o.business_key where f.employer_uscc = $1) as outbox`,
    [uscc],
  );
  return result.rows[0]!;
}

describe('the season in force', () => {
  it('shows the notice’s dates and where today stands to anyone signed in', async () => {
    expect((await api.request('GET', '/api/settings/filing-season')).status).toBe(401);
    const res = await getSeason();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      season: notice,
      version: seedVersion,
      today: '2026-02-15',
      status: {
        inCertificationPeriod: false,
        inConcentratedPeriod: false,
        certificationYear: 2026,
        reviewYear: 2025,
        opensOn: '2026-03-01',
        closesOn: '2026-12-31',
        nextOpensOn: '2026-03-01',
      },
      openForTraining: false,
      acceptingFilings: false,
    });
    expect(res.body.note).toContain('3 月 1 日至 12 月 31 日');
    // Who set it is for the history, which only policy staff and the province read.
    expect(res.body.setBy).toBeUndefined();
  });
});

describe('POST /api/filings outside the certification period', () => {
  it('is refused with 422 naming the period, and nothing is stored', async () => {
    const res = await api.request('POST', '/api/filings', { token: tokens.employer, body: filing });
    expect(res.status).toBe(422);
    expect(res.body.title).toBe(outsideTitle);
    expect(res.body.detail).toBe('今天是 2026 年 2 月 15 日（北京时间），下一个认证期自 2026 年 3 月 1 日开始，届时再提交申报。');
    const english = await api.request('POST', '/api/filings', { token: tokens.employer, body: filing, headers: { 'accept-language': 'en' } });
    expect(english.body.title).toBe('Annual certification runs from 1 March to 31 December each year; filings are not accepted now');
    expect(await stored(filing.employer.uscc)).toEqual({ filings: 0, outbox: 0 });
  });

  it('still reports field problems first, so a draft can be corrected out of season', async () => {
    const bad = { ...filing, employer: { ...filing.employer, handlerPhone: '12345' } };
    const res = await api.request('POST', '/api/filings', { token: tokens.employer, body: bad });
    expect(res.status).toBe(400);
    expect(pairs(res.body)).toEqual(['/employer/handlerPhone PHONE_FORMAT']);
  });
});

describe('PUT /api/settings/filing-season', () => {
  const moved = { certification: { start: '02-01', end: '12-31' }, concentrated: { start: '04-01', end: '06-30' }, note: '测试：认证期提前至 2 月 1 日' };

  it('is refused to employers, reviewers and clerks, changing nothing', async () => {
    for (const role of ['employer', 'reviewer', 'clerk'] as const) {
      const res = await putSeason(tokens[role], moved);
      expect(res.status, role).toBe(403);
      expect(res.body.title).toBe('无权访问');
      expect((await api.request('GET', '/api/settings/filing-season/history', { token: tokens[role] })).status, role).toBe(403);
    }
    expect((await api.request('PUT', '/api/settings/filing-season', { body: moved })).status).toBe(401);
    expect(await versionInForce()).toBe(seedVersion);
  });

  it('reports every problem of a bad body at once, field by field, and changes nothing', async () => {
    const res = await putSeason(tokens.policy, {
      certification: { start: '02-30', end: '12-31' },
      concentrated: { start: '04-01', end: '06-30', extra: true },
      note: '',
    });
    expect(res.status).toBe(400);
    expect(res.body.title).toBe('提交的内容有误');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/certification/start', code: 'FORMAT', message: '年审认证期开始日期应为 MM-DD 格式的有效月日，如 03-01' },
        { path: '/concentrated/extra', code: 'UNKNOWN_FIELD', message: '“extra”不是可以提交的字段' },
        { path: '/note', code: 'REQUIRED', message: '请填写变更依据' },
      ]),
    );
    expect(res.body.errors).toHaveLength(3);

    const order = await putSeason(tokens.policy, { ...notice, certification: { start: '11-01', end: '02-28' }, note: '跨年' });
    expect(order.body.errors).toEqual([
      { path: '/certification/end', code: 'DATE_ORDER', message: '年审认证期结束日期不能早于开始日期 11 月 1 日（期间须在同一自然年内）' },
    ]);

    const outside = await putSeason(
      tokens.province,
      { certification: { start: '03-01', end: '12-31' }, concentrated: { start: '02-15', end: '06-30' }, note: '集中期过早' },
      { 'accept-language': 'en' },
    );
    expect(outside.body.title).toBe('Invalid request');
    expect(outside.body.errors).toEqual([
      {
        path: '/concentrated/start',
        code: 'OUTSIDE_CERTIFICATION',
        message: 'concentrated filing period start must lie within the certification period (1 March to 31 December)',
      },
    ]);

    const missing = await putSeason(tokens.policy, { certification: { start: '03-01' }, note: 'x' });
    expect(pairs(missing.body)).toEqual(['/certification/end REQUIRED', '/concentrated REQUIRED']);
    expect((await putSeason(tokens.policy, '{"certification":')).status).toBe(400);

    expect(await versionInForce()).toBe(seedVersion);
    expect((await getSeason()).body.season).toEqual(notice);
  });

  it('lets policy staff move the start to 1 February, audited, after which a filing on 15 February is taken', async () => {
    const res = await putSeason(tokens.policy, moved);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      season: { certification: moved.certification, concentrated: moved.concentrated },
      note: moved.note,
      today: '2026-02-15',
      status: { inCertificationPeriod: true, opensOn: '2026-02-01', nextOpensOn: null },
      acceptingFilings: true,
    });
    expect(res.body.version).toBeGreaterThan(seedVersion);
    const audited = await api.db.query(`select actor, actor_role, subject_id, detail from audit_log where action = 'filing_season.set'`);
    expect(audited.rows).toEqual([
      {
        actor: 'policy.zhang',
        actor_role: 'policy',
        subject_id: String(res.body.version),
        detail: { season: { certification: moved.certification, concentrated: moved.concentrated }, note: moved.note },
      },
    ]);

    // Another reader of the database (another process) sees it too: nothing is cached.
    expect((await getSeason(tokens.reviewer)).body.season.certification.start).toBe('02-01');
    const filed = await api.request('POST', '/api/filings', { token: tokens.employer, body: filing });
    expect(filed.status).toBe(201);
    expect(await stored(filing.employer.uscc)).toEqual({ filings: 1, outbox: 1 });
  });

  it('judges by the date in China, not in UTC', async () => {
    const other = syntheticFiling(40402);
    const token = await api.login({ role: 'employer', uscc: other.employer.uscc });
    try {
      // 2026-01-31T23:30 in China: still January, closed.
      clock = new Date('2026-01-31T15:30:00Z');
      const early = await api.request('POST', '/api/filings', { token, body: other });
      expect(early.status).toBe(422);
      expect(early.body.title).toBe('年审认证时间为每年 2 月 1 日至 12 月 31 日，当前不在认证期内');
      // 2026-01-31T16:30Z is already 1 February in China, though UTC still says 31 January: open.
      clock = new Date('2026-01-31T16:30:00Z');
      expect((await api.request('POST', '/api/filings', { token, body: other })).status).toBe(201);
      expect((await getSeason()).body.today).toBe('2026-02-01');
    } finally {
      clock = new Date('2026-02-15T10:00:00+08:00');
    }
  });

  it('lists every change with who made it, newest first, to policy staff and the province', async () => {
    const closeEarly = { ...notice, certification: { start: '03-01', end: '11-30' }, note: '测试：认证期 11 月 30 日结束' };
    expect((await putSeason(tokens.province, closeEarly)).status).toBe(200);
    const res = await api.request('GET', '/api/settings/filing-season/history', { token: tokens.policy });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { setBy: string; note: string }) => [i.setBy, i.note])).toEqual([
      ['province.li', closeEarly.note],
      ['policy.zhang', moved.note],
      ['seed: 浙残联发〔2022〕3号', expect.stringContaining('认证期 3 月 1 日至 12 月 31 日')],
    ]);
    expect(res.body.items[0]).toMatchObject({ season: { certification: { start: '03-01', end: '11-30' } }, setAt: expect.any(String) });
    expect((await api.request('GET', '/api/settings/filing-season/history', { token: tokens.province })).status).toBe(200);
    // On 15 February the province's season is closed again.
    const later = syntheticFiling(40403);
    const token = await api.login({ role: 'employer', uscc: later.employer.uscc });
    expect((await api.request('POST', '/api/filings', { token, body: later })).status).toBe(422);
  });
});

describe('FILING_SEASON=open', () => {
  it('takes a filing on 15 January, outside the configured period, and says so', async () => {
    const training = await startTestApi({ FILING_SEASON: 'open' }, { now: () => new Date('2026-01-15T10:00:00+08:00') });
    try {
      const other = syntheticFiling(40404);
      const token = await training.login({ role: 'employer', uscc: other.employer.uscc });
      const res = await training.request('POST', '/api/filings', { token, body: other });
      expect(res.status).toBe(201);
      const season = await training.request('GET', '/api/settings/filing-season', { token });
      expect(season.body).toMatchObject({
        today: '2026-01-15',
        status: { inCertificationPeriod: false },
        openForTraining: true,
        acceptingFilings: true,
      });
    } finally {
      await training.close();
    }
  });
});

describe('employersToRemind', () => {
  it('names units that filed in the previous certification year and not yet in this one', async () => {
    // Certification year 2015 reviews 2014; the previous one reviewed 2013. Years no other suite files for.
    const [onlyLast, both, onlyThis, returnedThis] = [40411, 40412, 40413, 40414].map((seed) => syntheticFiling(seed));
    const file = async (f: ReturnType<typeof syntheticFiling>, year: number) => {
      const who = { sub: 'test', role: 'employer' as const, uscc: f.employer.uscc };
      return createdId(await createFiling(api.db, who, { ...f, year }, undefined));
    };
    await file(onlyLast!, 2013);
    await file(both!, 2013);
    await file(both!, 2014);
    await file(onlyThis!, 2014);
    await file(returnedThis!, 2013);
    const returned = await file(returnedThis!, 2014);
    await api.db.query(`update filings set status = 'returned' where id = $1`, [returned]);

    const mine = new Set([onlyLast, both, onlyThis, returnedThis].map((f) => f!.employer.uscc));
    const remind = (await employersToRemind(api.db, 2015)).filter((e) => mine.has(e.uscc));
    expect(remind.map((e) => e.uscc).sort()).toEqual([onlyLast!.employer.uscc, returnedThis!.employer.uscc].sort());
    expect(remind[0]).toMatchObject({ name: expect.any(String), regionCode: '330106' });
  });
});

describe('a retried filing once the season has closed', () => {
  it('gets the filing its first request made, not the season refusal', async () => {
    const taken = syntheticFiling(40420);
    const headers = { 'idempotency-key': 'retry-after-close-1' };
    clock = new Date('2026-12-31T23:50:00+08:00');
    // Sessions follow the server's clock: months later, one signs in again.
    const token = await api.login({ role: 'employer', uscc: taken.employer.uscc });
    expect((await putSeason(await api.login({ role: 'policy' }), { ...notice, note: '恢复通知规定的认证期' })).status).toBe(200);
    const first = await api.request('POST', '/api/filings', { token, body: taken, headers });
    expect(first.status).toBe(201);
    clock = new Date('2027-01-01T00:10:00+08:00');
    try {
      const retry = await api.request('POST', '/api/filings', { token, body: taken, headers });
      expect(retry.status).toBe(200);
      expect(retry.body.id).toBe(first.body.id);
      // A new key is a new filing, judged by today's rules: 2025 is no longer a year one may file for.
      const fresh = await api.request('POST', '/api/filings', { token, body: taken, headers: { 'idempotency-key': 'retry-after-close-2' } });
      expect(fresh.status).toBe(400);
      expect(fresh.body.errors.map((e: any) => e.code)).toEqual(['YEAR_RANGE']);
    } finally {
      clock = new Date('2026-02-15T10:00:00+08:00');
    }
  });
});
