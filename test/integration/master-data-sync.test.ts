// The registrars' change feeds on the real engine (docs/registrar-feeds.md): processes/master-data-sync.bpmn pulls
// each feed into the register of units; a repeated batch and records out of order apply once; a pull stopped
// mid-batch resumes without loss or double application; a gap in sequence numbers is an incident naming the missing
// numbers; a deregistration while a filing is under way gives the county a finding and a task to decide it.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistrarChangesClient } from '../../connectors/registrar-changes/client.ts';
import type { RegistrarChangeRecord } from '../../connectors/registrar-changes/schema.ts';
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { projectRoot } from '../../platform/config.ts';
import { createPullRegistrarChangesHandler } from '../../workers/pull-registrar-changes.ts';
import { completeFilingTask, filingTask, filingWhen } from '../support/filing-steps.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let dataDir: string;
let feed: RegistrarChangeRecord[];
const HANDLING = '330108';
const UNIT = syntheticFiling(823_001, { regionCode: HANDLING });
const NEW_UNIT = syntheticFiling(823_002, { regionCode: HANDLING });

const validUscc = (first17: string) => first17 + usccCheckCharacter(first17);

/** The last sequence number a registrar published in the feed so far. */
const lastOf = (registrar: string) => Math.max(0, ...feed.filter((r) => r.registrar === registrar).map((r) => r.sequence));

/** Publishes more records: the data file rewritten and the simulators reloaded, as a test appends to a feed. */
async function publish(...records: RegistrarChangeRecord[]): Promise<void> {
  feed.push(...records);
  await writeFile(path.join(dataDir, 'registrar-changes.json'), JSON.stringify(feed));
  const reloaded = await fetch(`${system.simulators!.url}/_admin/reload`, { method: 'POST' });
  expect(reloaded.status).toBe(200);
}

async function cursor(registrar: string): Promise<number> {
  const { rows } = await system.db.query('select last_sequence from registrar_feed_cursors where registrar = $1', [registrar]);
  return Number(rows[0].last_sequence);
}

async function changesOf(registrar: string): Promise<number[]> {
  const { rows } = await system.db.query('select sequence from unit_register_changes where registrar = $1 order by sequence', [registrar]);
  return rows.map((r) => Number(r.sequence));
}

async function unit(uscc: string): Promise<any> {
  return (await system.db.query('select * from unit_register where uscc = $1', [uscc])).rows[0];
}

/** Starts the sync as its hourly timer would. */
async function startSync(): Promise<string> {
  const started = await system.rest.post<{ id: string }>('/process-definition/key/master-data-sync/start', {});
  return started.id;
}

/** Runs the sync once and waits for it to end. */
async function syncOnce(): Promise<void> {
  const id = await startSync();
  await eventually(`master-data-sync ${id} ended`, async () => {
    const [instance] = await system.rest.get<{ state: string }[]>('/history/process-instance', { processInstanceId: id });
    return instance?.state === 'COMPLETED' ? true : undefined;
  }, 30_000);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'master-data-sync-sim-'));
  await cp(path.join(projectRoot, 'connectors', 'seed-data'), dataDir, { recursive: true });
  feed = JSON.parse(await readFile(path.join(dataDir, 'registrar-changes.json'), 'utf8'));
  // The unit whose filing the deregistration reaches: known to the registration check and to the feed.
  const registrations = JSON.parse(await readFile(path.join(dataDir, 'registrations.json'), 'utf8')) as unknown[];
  registrations.push({ uscc: UNIT.employer.uscc, name: UNIT.employer.name, registrar: 'samr', status: 'active', changedAt: '2018-05-02' });
  await writeFile(path.join(dataDir, 'registrations.json'), JSON.stringify(registrations));
  feed.push({
    registrar: 'samr', sequence: lastOf('samr') + 1, uscc: UNIT.employer.uscc, changeType: 'registered', effectiveOn: '2018-05-02',
    name: UNIT.employer.name, regionCode: HANDLING, industryCode: 'C3831', unitNature: 'enterprise',
  });
  await writeFile(path.join(dataDir, 'registrar-changes.json'), JSON.stringify(feed));
  system = await startTestSystem({ SIM_DATA_DIR: dataDir });
  // The register is this suite's: a run's database may hold another suite's units.
  await system.db.query('delete from register_change_findings');
  await system.db.query('delete from unit_register_changes');
  await system.db.query('delete from unit_register');
  await system.db.query('update registrar_feed_cursors set last_sequence = 0');
}, 120_000);

afterAll(async () => {
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('master-data-sync', () => {
  it('fills the register from the three feeds: every registration, then each status change', async () => {
    await syncOnce();
    const seedUnits = JSON.parse(await readFile(path.join(projectRoot, 'connectors', 'seed-data', 'registrations.json'), 'utf8')) as { uscc: string; status: string }[];
    const { rows } = await system.db.query<{ uscc: string; status: string }>('select uscc, status from unit_register');
    const status = new Map(rows.map((r) => [r.uscc, r.status]));
    for (const seedUnit of seedUnits) expect(status.get(seedUnit.uscc), seedUnit.uscc).toBe(seedUnit.status);
    expect(rows).toHaveLength(seedUnits.length + 1);
    for (const registrar of ['samr', 'civil', 'org']) {
      expect(await cursor(registrar)).toBe(lastOf(registrar));
      expect(await changesOf(registrar)).toEqual(Array.from({ length: lastOf(registrar) }, (_, i) => i + 1));
    }
    expect(await unit(UNIT.employer.uscc)).toMatchObject({ status: 'active', region_code: HANDLING, industry_code: 'C3831', unit_nature: 'enterprise' });
  });

  it('applies a repeated batch and records out of order once, in sequence order; a new unit appears the same day', async () => {
    const at = lastOf('samr');
    const registered: RegistrarChangeRecord = {
      registrar: 'samr', sequence: at + 1, uscc: NEW_UNIT.employer.uscc, changeType: 'registered', effectiveOn: '2026-03-02',
      name: NEW_UNIT.employer.name, regionCode: HANDLING, industryCode: null, unitNature: 'enterprise',
    };
    const renamed: RegistrarChangeRecord = { registrar: 'samr', sequence: at + 2, uscc: NEW_UNIT.employer.uscc, changeType: 'details-changed', effectiveOn: '2026-04-01', name: `${NEW_UNIT.employer.name}（更名）` };
    const listed: RegistrarChangeRecord = { registrar: 'samr', sequence: at + 3, uscc: NEW_UNIT.employer.uscc, changeType: 'abnormal-listed', effectiveOn: '2026-05-01' };
    // Published out of order, one record twice: the rename before the registration it changes.
    await publish(listed, renamed, registered, renamed);
    await syncOnce();
    expect(await unit(NEW_UNIT.employer.uscc)).toMatchObject({ name: `${NEW_UNIT.employer.name}（更名）`, status: 'abnormal', registered_on: expect.any(Date) });
    expect((await changesOf('samr')).slice(-3)).toEqual([at + 1, at + 2, at + 3]);
    const history = await system.db.query('select change_type, status_before, status_after, changes from unit_register_changes where uscc = $1 order by sequence', [NEW_UNIT.employer.uscc]);
    expect(history.rows.map((r) => [r.change_type, r.status_before, r.status_after])).toEqual([
      ['registered', null, 'active'], ['details-changed', 'active', 'active'], ['abnormal-listed', 'active', 'abnormal'],
    ]);
    expect(history.rows[1].changes).toEqual({ name: `${NEW_UNIT.employer.name}（更名）` });
    // The same batch once more (the cursor set back as after a lost commit of it): nothing applied twice.
    await system.db.query(`update registrar_feed_cursors set last_sequence = $1 where registrar = 'samr'`, [at]);
    await syncOnce();
    expect(await changesOf('samr')).toHaveLength(at + 3);
    expect(await cursor('samr')).toBe(at + 3);
  });

  it('a pull stopped mid-batch resumes where it stopped: nothing lost, nothing doubled', async () => {
    const at = lastOf('civil');
    const units = [823_101, 823_102, 823_103, 823_104].map((s) => syntheticFiling(s, { regionCode: HANDLING }).employer);
    await publish(...units.map((u, i): RegistrarChangeRecord => ({
      registrar: 'civil', sequence: at + 1 + i, uscc: validUscc(`51${u.uscc.slice(2, 17)}`), changeType: 'registered',
      effectiveOn: '2026-06-01', name: `${u.name}协会`, regionCode: HANDLING, unitNature: 'social_organization',
    })));
    // A worker that dies after its second record's commit, as a kill between two records would leave it.
    let applied = 0;
    const dying = createPullRegistrarChangesHandler({
      db: system.db,
      client: createRegistrarChangesClient(system.config),
      afterRecord: () => {
        if (++applied === 2) throw new Error('worker killed');
      },
    });
    const outcome = await dying({ key: 'dying-pull', variables: {}, properties: { registrar: 'civil', batchSize: '10' }, retries: 3 });
    expect(outcome.kind).toBe('fail');
    expect(await cursor('civil')).toBe(at + 2);
    await syncOnce();
    expect(await cursor('civil')).toBe(at + 4);
    expect((await changesOf('civil')).slice(-5)).toEqual([at, at + 1, at + 2, at + 3, at + 4]);
    const { rows } = await system.db.query(`select count(*)::int as n from unit_register_changes where registrar = 'civil' and sequence > $1`, [at]);
    expect(rows[0].n).toBe(4);
  });

  it('a gap in sequence numbers stops the feed with an incident naming the missing numbers; filled, the retry goes on', async () => {
    const at = lastOf('org');
    const orgUnit = validUscc(`12330108${syntheticFiling(823_201, { regionCode: HANDLING }).employer.uscc.slice(8, 17)}`);
    const registered: RegistrarChangeRecord = { registrar: 'org', sequence: at + 1, uscc: orgUnit, changeType: 'registered', effectiveOn: '2026-06-02', name: '杭州市西湖区示例事务中心', regionCode: HANDLING, unitNature: 'public_institution' };
    const deregistered: RegistrarChangeRecord = { registrar: 'org', sequence: at + 3, uscc: orgUnit, changeType: 'deregistered', effectiveOn: '2026-06-30' };
    await publish(deregistered);
    const id = await startSync();
    const incident = await eventually('the gap incident', async () => (await system.rest.get<any[]>('/incident', { processInstanceId: id }))[0], 30_000);
    expect(incident.activityId).toBe('pull-org');
    expect(incident.incidentMessage).toContain(`缺少序号 ${at + 1}–${at + 2} 的记录`);
    const operator = await system.login({ role: 'operator' });
    const listed = await system.request('GET', '/api/operations/incidents', { token: operator });
    const shown = listed.body.incidents.find((i: any) => i.id === incident.id);
    expect(shown.cause).toContain(`机构编制部门变更数据缺少序号 ${at + 1}–${at + 2} 的记录`);
    expect(await cursor('org')).toBe(at);
    // The registrar sends the missing records; the operator retries.
    await publish(registered, { registrar: 'org', sequence: at + 2, uscc: orgUnit, changeType: 'details-changed', effectiveOn: '2026-06-10', industryCode: 'S9221' });
    const retried = await system.request('POST', '/api/operations/incidents/retry', { token: operator, body: { incidentIds: [incident.id] } });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    await eventually('the org feed read past the gap', async () => ((await cursor('org')) === at + 3 ? true : undefined), 30_000);
    expect(await unit(orgUnit)).toMatchObject({ status: 'deregistered', industry_code: 'S9221' });
  });

  it('a malformed answer applies nothing of the batch: an incident for an operator, read again once the feed is well', async () => {
    const at = lastOf('samr');
    const changed: RegistrarChangeRecord = { registrar: 'samr', sequence: at + 1, uscc: NEW_UNIT.employer.uscc, changeType: 'abnormal-removed', effectiveOn: '2026-07-01' };
    await publish(changed);
    const faults = `${system.simulators!.url}/_admin/faults/registrar-changes`;
    const setMalformed = (malformed: boolean) =>
      fetch(faults, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 0, failureRate: 0, outage: false, malformed }) });
    expect((await setMalformed(true)).status).toBe(200);
    try {
      const id = await startSync();
      const incidents = await eventually('three malformed-answer incidents', async () => {
        const found = await system.rest.get<any[]>('/incident', { processInstanceId: id });
        return found.length === 3 ? found : undefined;
      }, 30_000);
      for (const incident of incidents) expect(incident.incidentMessage).toContain('变更数据不符合接口约定，本批未应用任何记录');
      expect(await cursor('samr')).toBe(at);
      expect((await unit(NEW_UNIT.employer.uscc)).status).toBe('abnormal');
      expect((await setMalformed(false)).status).toBe(200);
      const operator = await system.login({ role: 'operator' });
      const retried = await system.request('POST', '/api/operations/incidents/retry', { token: operator, body: { incidentIds: incidents.map((i) => i.id) } });
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      await eventually('the sync ended after the retry', async () => {
        const [instance] = await system.rest.get<{ state: string }[]>('/history/process-instance', { processInstanceId: id });
        return instance?.state === 'COMPLETED' ? true : undefined;
      }, 30_000);
    } finally {
      await setMalformed(false);
    }
    expect(await cursor('samr')).toBe(at + 1);
    expect((await unit(NEW_UNIT.employer.uscc)).status).toBe('active');
  });

  it('a deregistration while a filing is under way gives the county a finding and a task; returned, the filing ends', async () => {
    const clerk = await system.login({ role: 'clerk', regionCode: HANDLING });
    const filed = await system.request('POST', '/api/filings', { token: clerk, body: { ...UNIT, channel: 'window', receivingRegionCode: HANDLING } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const filingId = filed.body.id as string;
    await filingTask(system, clerk, filingId, 'acceptance');
    await publish({ registrar: 'samr', sequence: lastOf('samr') + 1, uscc: UNIT.employer.uscc, changeType: 'deregistered', effectiveOn: '2026-06-15' });
    await syncOnce();
    const findings = await system.db.query('select * from register_change_findings where filing_id = $1', [filingId]);
    expect(findings.rows).toEqual([expect.objectContaining({ uscc: UNIT.employer.uscc, change_type: 'deregistered', status_after: 'deregistered', region_code: HANDLING })]);
    const reviewer = await system.login({ role: 'reviewer', regionCode: HANDLING });
    // On the filing's page for the staff, not the employer's.
    const seen = await system.request('GET', `/api/filings/${filingId}`, { token: reviewer });
    expect(seen.body.registerChanges).toEqual([expect.objectContaining({ registrar: 'samr', changeType: 'deregistered', status: 'deregistered', effectiveOn: '2026-06-15' })]);
    const employer = await system.login({ role: 'employer', uscc: UNIT.employer.uscc });
    expect((await system.request('GET', `/api/filings/${filingId}`, { token: employer })).body.registerChanges).toBeUndefined();
    const task = await filingTask(system, reviewer, filingId, 'decide-unit-status-change');
    // Due in the working days the diagram's 计算核实期限 sets (5), counted on the working-day calendar.
    expect(task.due).toEqual(expect.any(String));
    expect(task.workingDaysLeft).toBeGreaterThanOrEqual(4);
    expect(task.workingDaysLeft).toBeLessThanOrEqual(5);
    const deadlines = (await system.request('GET', `/api/filings/${filingId}`, { token: reviewer })).body.dueDates;
    const unitStatusDue = deadlines.find((d: { variable: string }) => d.variable === 'unitStatusDueAt');
    expect(unitStatusDue).toMatchObject({ label: '登记状态核实期限' });
    expect(new Date(unitStatusDue.dueAt).getTime()).toBe(new Date(String(task.due)).getTime());
    const other = await system.login({ role: 'reviewer', regionCode: '330102' });
    const theirs = await system.request('GET', '/api/tasks', { token: other });
    expect(theirs.body.items.some((t: any) => t.id === task.id)).toBe(false);
    // The sync again: the change is applied already, so no second finding nor task.
    await syncOnce();
    expect((await system.db.query('select 1 from register_change_findings where filing_id = $1', [filingId])).rowCount).toBe(1);
    await completeFilingTask(system, reviewer, filingId, 'decide-unit-status-change', { unitStatusDecision: 'return', unitStatusNote: '单位已注销' });
    const returned = await filingWhen(system, reviewer, filingId, 'returned', (f) => f.status === 'returned', 30_000);
    expect(returned.history.at(-1)).toMatchObject({ status: 'returned', step: 'unit-status-change', note: '单位已注销' });
    await eventually('the filing process ended', async () => ((await system.rest.get<any[]>('/process-instance', { businessKey: filingId })).length === 0 ? true : undefined));
    const tasks = await system.request('GET', '/api/tasks', { token: clerk });
    expect(tasks.body.items.some((t: any) => t.filing?.id === filingId)).toBe(false);
  });
});
