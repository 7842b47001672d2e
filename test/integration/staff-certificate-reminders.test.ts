// Post certificates about to end (持证上岗): the worker, with its clock pinned in 2011 where no other suite's entries
// lie, reminds whoever keeps each active person's entry — the city for county and city staff, the province for its
// own — from 30 days ahead through the last day, by the date in China, once per person and expiry; a renewed
// certificate is reminded of in its turn. Then the process on the real engine: deployed, its daily timer fired, the
// reminder read by the city in its notification list, and fired again, nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../platform/china-date.ts';
import type { Job } from '../../workers/job-outcome.ts';
import { createRemindExpiringCertificatesHandler } from '../../workers/remind-expiring-certificates.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let province: string;

const run = `r${Date.now().toString(36)}`;
const sub = (name: string) => `${name}.${run}`;
const PROCESS = 'staff-certificate-reminders';

beforeAll(async () => {
  system = await startTestSystem();
  province = await system.login({ role: 'province', userId: sub('province') });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

async function register(name: string, regionCode: string, roles: string[], certificateExpiresOn: string, more: Record<string, unknown> = {}): Promise<void> {
  const res = await system.request('POST', '/api/staff', {
    token: province,
    body: { sub: sub(name), name: `测试${name}`, roles, regionCode, certificateNumber: `ZJ-${run}-${name}`.toUpperCase(), certificateExpiresOn, agreementSignedOn: '2010-06-01', ...more },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** This suite's reminders: recipient group and dedup key, in key order. */
async function reminders(): Promise<{ recipient_group: string; dedup_key: string; title: string; due_at: Date }[]> {
  const rows = await system.db.query(
    `select recipient_group, dedup_key, title, due_at from notifications where dedup_key like 'staff-certificate-expiry:%' and dedup_key like $1 order by dedup_key`,
    [`%.${run}:%`],
  );
  return rows.rows;
}

describe('the worker, by the date in China', () => {
  let clock = new Date('2011-04-01T09:00:00+08:00');
  const job = (properties: Record<string, string> = { remindDaysBefore: '30' }): Job => ({ key: `staff-task-${Math.random()}`, variables: {}, properties, retries: 3 });
  // Two entries a page: the four to remind take more than one.
  const remind = (properties?: Record<string, string>) => createRemindExpiringCertificatesHandler({ db: system.db, now: () => clock, batchSize: 2 })(job(properties));
  const key = (name: string, expiry: string) => `staff-certificate-expiry:${sub(name)}:${expiry}`;

  beforeAll(async () => {
    await register('county-day30', '330106', ['clerk'], '2011-05-01');
    await register('city-today', '330100', ['city'], '2011-04-01');
    await register('ningbo', '330206', ['reviewer'], '2011-04-15');
    await register('policy', '330000', ['policy'], '2011-04-10');
    await register('county-day31', '330106', ['reviewer'], '2011-05-02');
    await register('expired', '330106', ['lead'], '2011-03-31');
    await register('inactive', '330106', ['clerk'], '2011-04-05', { active: false });
  });

  it('reminds the keeper of each certificate ending from today through day 30, and nobody else', async () => {
    expect(await remind()).toEqual({ kind: 'complete', variables: { remindedStaff: 4 } });
    const rows = await reminders();
    expect(rows.map((r) => [r.dedup_key, r.recipient_group])).toEqual([
      [key('city-today', '2011-04-01'), 'city-330100'],
      [key('county-day30', '2011-05-01'), 'city-330100'],
      [key('ningbo', '2011-04-15'), 'city-330200'],
      [key('policy', '2011-04-10'), 'province'],
    ]);
    const day30 = rows.find((r) => r.dedup_key === key('county-day30', '2011-05-01'))!;
    expect(day30.title).toBe('测试county-day30的上岗证将于 2011 年 5 月 1 日到期');
    expect(day30.due_at.toISOString()).toBe('2011-05-01T15:59:59.000Z');
  });

  it('reminds nobody twice on the same day, however often it runs', async () => {
    expect(await remind()).toEqual({ kind: 'complete', variables: { remindedStaff: 0 } });
    expect(await reminders()).toHaveLength(4);
  });

  it('moves its window with the date in China: at midnight there day 31 becomes day 30', async () => {
    clock = new Date('2011-04-01T15:59:00Z');
    expect(await remind()).toEqual({ kind: 'complete', variables: { remindedStaff: 0 } });
    clock = new Date('2011-04-01T16:00:00Z');
    expect(await remind()).toEqual({ kind: 'complete', variables: { remindedStaff: 1 } });
    expect((await reminders()).map((r) => r.dedup_key)).toContain(key('county-day31', '2011-05-02'));
  });

  it('reminds again of a renewed certificate’s new expiry, and follows the diagram’s setting', async () => {
    const renewed = await system.request('PATCH', `/api/staff/${sub('ningbo')}`, { token: province, body: { certificateExpiresOn: '2011-04-20' } });
    expect(renewed.status).toBe(200);
    expect(await remind({ remindDaysBefore: '60' })).toEqual({ kind: 'complete', variables: { remindedStaff: 1 } });
    expect((await reminders()).filter((r) => r.dedup_key.startsWith(`staff-certificate-expiry:${sub('ningbo')}:`))).toHaveLength(2);
    expect(await remind({ remindDaysBefore: '0' })).toMatchObject({ kind: 'fail', retries: 0, message: expect.stringContaining('提前提醒天数') });
  });
});

describe('the staff-certificate-reminders process', () => {
  const timerJobs = () => system.rest.get<{ id: string; dueDate: string; processInstanceId: string | null }[]>('/job', { processDefinitionKey: PROCESS, timers: true });
  const instances = () => system.rest.get<{ id: string; state: string }[]>('/history/process-instance', { processDefinitionKey: PROCESS });

  async function fireTimer(): Promise<number> {
    const before = new Set((await instances()).map((i) => i.id));
    const [timer] = await timerJobs();
    await system.rest.post(`/job/${timer!.id}/execute`);
    const ended = await eventually('the reminder instance to end', async () => {
      const started = (await instances()).find((i) => !before.has(i.id));
      return started?.state === 'COMPLETED' ? started : undefined;
    });
    const [variable] = await system.rest.get<{ value: number }[]>('/history/variable-instance', { processInstanceId: ended.id, variableName: 'remindedStaff' });
    return variable!.value;
  }

  it('is deployed with its history time to live, its daily timer waiting', async () => {
    const definition = await system.rest.get<{ key: string; name: string; historyTimeToLive: number }>(`/process-definition/key/${PROCESS}`);
    expect(definition).toMatchObject({ key: PROCESS, name: '上岗证到期提醒', historyTimeToLive: 180 });
    const jobs = await timerJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.processInstanceId).toBeNull();
    expect(new Date(jobs[0]!.dueDate).toISOString()).toMatch(/T01:00:00\.000Z$/);
  });

  it('fired, reminds the city, which reads it in its list; fired again, nobody twice', async () => {
    const today = chinaDateOf(new Date());
    const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
    await register('soon', '330108', ['clerk'], soon);
    expect(await fireTimer()).toBeGreaterThanOrEqual(1);
    const city = await system.login({ role: 'city', regionCode: '330100', userId: sub('city') });
    const list = await system.request('GET', '/api/notifications?kind=reminder&limit=100', { token: city });
    expect(list.status).toBe(200);
    const mine = (list.body.items as { title: string; body: string; dueAt: string }[]).filter((n) => n.body.includes(sub('soon')));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toContain('还有 5 天');
    expect(mine[0]!.body).toContain('杭州市滨江区');
    expect(await fireTimer()).toBe(0);
  });
});
