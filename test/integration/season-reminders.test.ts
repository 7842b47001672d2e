// The season-reminders process on the real engine: deployed with the project's diagrams, its daily timer waiting,
// and firing it (there is no REST clock: the timer job is executed) runs the worker, whose reminders reach the unit's
// notification list — once, however often the timer fires that day. The season in force is set so today is inside
// the concentrated period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaYearOf } from '../../platform/china-date.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';
import { syntheticFiling } from '../support/fixtures.ts';
import { storeUnitFiling } from '../support/unit-filings.ts';

interface EngineJob {
  id: string;
  dueDate: string;
  processInstanceId: string | null;
}
interface HistoricInstance {
  id: string;
  state: string;
}

const PROCESS = 'season-reminders';
let system: TestSystem;
let seedVersion: number;

const toRemind = syntheticFiling(123_001, { regionCode: '330102' });
const filedThisYear = syntheticFiling(123_002, { regionCode: '330102' });

beforeAll(async () => {
  system = await startTestSystem();
  seedVersion = Number((await system.db.query<{ id: string }>('select max(id) as id from filing_season_settings')).rows[0]?.id);
  // Every day of the year is inside the concentrated period, so the timer may be fired on any day the test runs.
  await system.db.query(
    `insert into filing_season_settings (certification_start, certification_end, concentrated_start, concentrated_end, set_by, note)
     values ('01-01', '12-31', '01-01', '12-31', 'test:season-reminders', '测试：全年均为集中申报期')`,
  );
  const year = chinaYearOf(new Date());
  await storeUnitFiling(system.db, toRemind, year - 2);
  await storeUnitFiling(system.db, filedThisYear, year - 2);
  await storeUnitFiling(system.db, filedThisYear, year - 1);
}, 120_000);

afterAll(async () => {
  await system?.db.query('delete from filing_season_settings where id > $1', [seedVersion]);
  await system?.stop();
});

const timerJobs = () => system.rest.get<EngineJob[]>('/job', { processDefinitionKey: PROCESS, timers: true });
const instances = () => system.rest.get<HistoricInstance[]>('/history/process-instance', { processDefinitionKey: PROCESS });
const reminders = async (uscc: string) =>
  (await system.db.query<{ title: string }>(`select title from notifications where recipient_group = $1 and kind = 'season-reminder'`, [`employer-${uscc}`])).rows;

/** Fires the timer and waits for the instance it starts to end; the worker's count of reminded units. */
async function fireTimer(): Promise<number> {
  const before = new Set((await instances()).map((i) => i.id));
  const [job] = await timerJobs();
  await system.rest.post(`/job/${job!.id}/execute`);
  const ended = await eventually('the reminder instance to end', async () => {
    const started = (await instances()).find((i) => !before.has(i.id));
    return started?.state === 'COMPLETED' ? started : undefined;
  });
  const [variable] = await system.rest.get<{ value: number }[]>('/history/variable-instance', { processInstanceId: ended.id, variableName: 'remindedUnits' });
  return variable!.value;
}

describe('the season-reminders process', () => {
  it('is deployed with its history time to live, and its daily timer waits for the next morning', async () => {
    const definition = await system.rest.get<{ key: string; name: string; historyTimeToLive: number }>(`/process-definition/key/${PROCESS}`);
    expect(definition).toMatchObject({ key: PROCESS, name: '集中申报期提醒', historyTimeToLive: 180 });
    const jobs = await timerJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.processInstanceId).toBeNull();
    expect(Date.parse(jobs[0]!.dueDate)).toBeGreaterThan(Date.now());
    // `0 0 1 * * ?` is 09:00 in China only on an engine whose JVM runs in UTC, as the diagram's documentation says.
    expect(new Date(jobs[0]!.dueDate).toISOString(), `timer due ${jobs[0]!.dueDate}`).toMatch(/T01:00:00\.000Z$/);
  });

  it('fired, reminds the unit that filed last season and not yet this season, which reads it in its list', async () => {
    expect(await fireTimer()).toBeGreaterThanOrEqual(1);
    expect(await reminders(toRemind.employer.uscc)).toHaveLength(1);
    expect(await reminders(filedThisYear.employer.uscc)).toEqual([]);

    const token = await system.login({ role: 'employer', uscc: toRemind.employer.uscc });
    const list = await system.request('GET', '/api/notifications?kind=season-reminder&unread=true', { token });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].title).toContain(`${chinaYearOf(new Date()) - 1} 年度`);
    // A cycle: the timer waits again for the next morning.
    const [next] = await timerJobs();
    expect(Date.parse(next!.dueDate)).toBeGreaterThan(Date.now());
  });

  it('fired again the same day, reminds no one twice', async () => {
    expect(await fireTimer()).toBe(0);
    expect(await reminders(toRemind.employer.uscc)).toHaveLength(1);
  });
});
