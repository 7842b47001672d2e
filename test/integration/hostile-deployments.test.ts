// The hostile deployment suite (issue 17, item 5; rules in spec-17.md): every file of
// test/support/hostile-deployments/cases.ts — a script, a Java class, a listener, a bean or method call in each
// expression position, XXE, a 50 MB diagram, FEEL that loops or calls out, a form that embeds HTML… — is refused
//   (a) by POST /api/deployments as policy staff: 400 with a finding of the expected rule on the expected element,
//       and nothing deployed (413 for a request over the size limits); POST /api/deployments/checks finds the same;
//   (b) by the engine's own REST, deployed directly with the service account: 400 ParseException naming the
//       element (413 over the deployment size limit), and nothing deployed;
//   (c) and afterwards the engine has run none of them: once a clean process of the same shape (a timer start long
//       past) has run, there is no variable `leak`, no instance, definition or deployed file of a hostile key;
//   (d) while the shipped diagrams, decisions and forms are deployed as they are and pass the same checks.
// Every hostile process starts by a timer long past, so that one accepted by mistake runs at once and writes `leak`.
import { readFileSync } from 'node:fs';
import type { ResourceFinding } from '../../deployment/deployment-findings.ts';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { changedAgainstLatest, projectResources, type Resource } from '../../deployment/deploy-resources.ts';
import { projectRoot } from '../../platform/config.ts';
import { createEngineRest, EngineError, EngineUnavailable, type EngineRest, type ParseDetails } from '../../platform/engine-rest.ts';
import { decisionXml, formJson, HOSTILE_PREFIX, processXml } from '../support/hostile-deployments/bases.ts';
import { hostileCases, type HostileCase } from '../support/hostile-deployments/cases.ts';
import { probeChecks } from '../support/hostile-deployments/probe.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

const cases = hostileCases();
const NOTE = '恶意部署测试';
/** The deployment name the direct deployments use; what deploy-resources.ts sends otherwise. */
const DIRECT = 'hostile-suite';
const LARGE_TIMEOUT = 180_000;

let system: TestSystem;
let policy: string;
/** The engine's REST as the service account, with time for a 50 MB request. */
let engine: EngineRest;

type Finding = ResourceFinding;

/**
 * For a file whose FEEL loops a hundred million times: the checks tried first in a child process. Checks that
 * evaluate it would block or crash the API, and with it this suite (the API runs in the suite's process): the test
 * fails with that instead.
 */
const probed = new Map<string, Promise<string | undefined>>();
async function expectChecksFinish(c: HostileCase): Promise<void> {
  if (!c.exhausting) return;
  if (!probed.has(c.name)) probed.set(c.name, probeChecks([{ name: c.file, content: c.content() }]));
  const failure = await probed.get(c.name);
  expect(failure, `the deployment checks do not finish on ${c.file}: ${failure} — POST /api/deployments would hang or crash the API`).toBeUndefined();
}

/** What each case's POST /api/deployments answered, for its checks to compare with. */
const deployAnswers = new Map<string, { status: number; body: any }>();

beforeAll(async () => {
  // The suite checks some 150 files as one user: the per-user limit of the checks is not what it tests.
  system = await startTestSystem({ WORKERS: 'off', DEPLOYMENT_CHECKS_PER_MINUTE: '10000' });
  policy = await system.login({ role: 'policy' });
  engine = createEngineRest(inject('engine'), LARGE_TIMEOUT);
}, LARGE_TIMEOUT);

afterAll(async () => {
  // Until both guards are in, some of these files are accepted: take them out of the run's engine again (with
  // their instances and history), so that their timers do not go on firing in the suites after this one.
  if (engine) for (const id of await deploymentsHolding((name) => name.startsWith(HOSTILE_PREFIX))) {
    await engine.delete(`/deployment/${id}?cascade=true&skipCustomListeners=true&skipIoMappings=true`).catch(() => undefined);
  }
  await system?.stop();
}, LARGE_TIMEOUT);

// ---------------------------------------------------------------------------------------------------------------
// Helpers.

/** A finding's element, as a case names it: for a form, the component's pointer (a finding inside it counts). */
function elementOf(c: HostileCase, elementId: string): string {
  if (c.file.endsWith('.form')) return /^\/components\/\d+/.exec(elementId)?.[0] ?? elementId;
  return elementId;
}

/** The error findings on the case's file, as "rule @ element" (the failure shows what was found instead). */
function found(c: HostileCase, findings: Finding[] | undefined): string[] {
  return (findings ?? []).filter((f) => f.file === c.file && f.category === 'error').map((f) => `${f.rule} @ ${elementOf(c, f.elementId)}`);
}

const expected = (c: HostileCase) => `${c.rule} @ ${c.elementId}`;

/** The elements the engine's ParseException names, per resource. */
function parseElements(c: HostileCase, details: ParseDetails | undefined): string[] {
  return Object.values(details ?? {}).flatMap((report) =>
    (report.errors ?? []).flatMap((e) => [e.mainElementId, ...(e.elementIds ?? [])].filter((id): id is string => !!id).map((id) => elementOf(c, id))),
  );
}

function deployThroughApi(c: HostileCase) {
  return system.request('POST', '/api/deployments', { token: policy, body: { note: NOTE, resources: [{ name: c.file, content: c.content() }] } });
}

/** POST /api/deployments/checks; it is rate-limited per user (issue 17, item 4): a 429 is waited out. */
async function checks(resources: Resource[]): Promise<{ status: number; body: any }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await system.request('POST', '/api/deployments/checks', { token: policy, body: { resources } });
    if (res.status !== 429 || Date.now() > deadline) return res;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

interface EngineAnswer {
  status: number;
  type?: string;
  details?: ParseDetails;
  text: string;
}

/** The file deployed straight to the engine's REST as the service account, multipart as deploy-resources.ts does. */
async function deployDirectly(name: string, content: string, deploymentName = DIRECT): Promise<EngineAnswer> {
  const form = new FormData();
  form.set('deployment-name', deploymentName);
  form.set('deployment-source', deploymentName);
  form.set('deploy-changed-only', 'true');
  form.set('enable-duplicate-filtering', 'true');
  form.append(name, new Blob([content], { type: 'application/octet-stream' }), name);
  try {
    const deployment = await engine.postForm<unknown>('/deployment/create', form);
    return { status: 200, text: JSON.stringify(deployment).slice(0, 1000) };
  } catch (error) {
    if (error instanceof EngineError) return { status: error.status, type: error.type, details: error.details, text: error.message.slice(0, 1000) };
    if (error instanceof EngineUnavailable) return { status: 0, text: error.message.slice(0, 1000) };
    throw error;
  }
}

/** Every deployment of the engine holding a resource whose name passes `holds`. */
async function deploymentsHolding(holds: (name: string) => boolean, newest?: number): Promise<string[]> {
  const deployments = await engine.get<{ id: string }[]>('/deployment', { sortBy: 'deploymentTime', sortOrder: 'desc', maxResults: newest ?? 100_000 });
  const holding: string[] = [];
  for (const { id } of deployments) {
    const resources = await engine.get<{ name: string }[]>(`/deployment/${id}/resources`);
    if (resources.some((r) => holds(r.name))) holding.push(id);
  }
  return holding;
}

/** Nothing of the case is in the engine: no definition of its keys, and none of the newest deployments holds it. */
async function expectNothingDeployed(c: HostileCase): Promise<void> {
  for (const key of c.processKeys) expect(await engine.get('/process-definition', { key }), `process ${key} deployed`).toEqual([]);
  for (const key of c.decisionKeys) expect(await engine.get('/decision-definition', { key }), `decision ${key} deployed`).toEqual([]);
  expect(await deploymentsHolding((name) => name === c.file, 5), `a deployment holds ${c.file}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------

describe('the valid bases the hostile files are made from', () => {
  it('pass the deployment checks, so that each finding below comes from the one construct a case adds', async () => {
    const res = await checks([
      { name: 'control-hostile-suite.bpmn', content: processXml({ key: 'control-hostile-suite' }) },
      { name: 'control-hostile-suite.dmn', content: decisionXml({ key: 'control-hostile-suite-decision' }) },
      { name: 'control-hostile-suite.form', content: formJson('control-hostile-suite-form', { id: 'control-field', key: 'controlField', label: '字段', type: 'textfield' }) },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.findings.filter((f: Finding) => f.category === 'error')).toEqual([]);
  });

  it('are accepted by the engine (the decision and the form; the process is deployed last, as the timers’ control)', async () => {
    for (const [name, content] of [
      ['control-hostile-suite.dmn', decisionXml({ key: 'control-hostile-suite-decision' })],
      ['control-hostile-suite.form', formJson('control-hostile-suite-form', { id: 'control-field', key: 'controlField', label: '字段', type: 'textfield' })],
    ] as const) {
      const res = await deployDirectly(name, content, 'hostile-suite-control');
      expect(res.status, res.text).toBe(200);
    }
  });
});

describe.each(cases.map((c) => [`${c.file} (${c.what})`, c] as const))('%s', (_, c) => {
  const slow = c.api === 'too-large' || c.exhausting ? LARGE_TIMEOUT : undefined;

  it(`POST /api/deployments refuses it${c.rule && c.api === 'findings' ? ` with ${expected(c)}` : ''}, deploying nothing`, async () => {
    await expectChecksFinish(c);
    const res = await deployThroughApi(c);
    deployAnswers.set(c.name, res);
    const said = `answered ${res.status}: ${JSON.stringify(res.body).slice(0, 600)}`;
    if (c.api === 'too-large') {
      expect(res.status, said).toBe(413);
    } else if (c.api === 'file-name') {
      expect(res.status, said).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path), said).toContain('/resources/0/name');
    } else {
      expect(res.status, `not refused: ${said}`).toBe(400);
      expect(found(c, res.body.findings)).toContain(expected(c));
    }
    await expectNothingDeployed(c);
  }, slow);

  it('POST /api/deployments/checks finds the same without deploying', async () => {
    await expectChecksFinish(c);
    const res = await checks([{ name: c.file, content: c.content() }]);
    const said = `answered ${res.status}: ${JSON.stringify(res.body).slice(0, 600)}`;
    if (c.api === 'too-large') {
      expect(res.status, said).toBe(413);
    } else if (c.api === 'file-name') {
      expect(res.status, said).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path), said).toContain('/resources/0/name');
    } else {
      expect(res.status, said).toBe(200);
      expect(found(c, res.body.findings)).toContain(expected(c));
      const deployed = deployAnswers.get(c.name);
      if (deployed?.status === 400 && Array.isArray(deployed.body?.findings)) {
        expect(res.body.findings.filter((f: Finding) => f.category === 'error')).toEqual(deployed.body.findings);
      }
    }
    await expectNothingDeployed(c);
  }, slow);

  it(`the engine's REST refuses it from the service account${c.engine === 'too-large' ? ' as too large (413)' : ` with a ParseException${c.elementId ? ` naming ${c.elementId}` : ''}`}`, async () => {
    const res = await deployDirectly(c.file, c.content());
    const said = `engine answered ${res.status} ${res.type ?? ''}: ${res.text}`;
    if (c.engine === 'too-large') {
      // The engine answers 413 as soon as the length is known and closes: a client still sending the 50 MB may see the
      // connection closed under it (EPIPE) before it reads that answer. Either way it was refused unread.
      expect(res.status === 413 || /\((EPIPE|ECONNRESET)\)/.test(res.text), said).toBe(true);
    } else {
      expect(res.status, `not refused: ${said}`).toBe(400);
      // A file refused by its name: spec-17.md says refused, not how; any 400 will do.
      if (c.rule !== null) expect(res.type, said).toBe('ParseException');
      if (c.elementId) expect(parseElements(c, res.details), said).toContain(c.elementId);
    }
    await expectNothingDeployed(c);
  }, slow);
});

describe('afterwards, the engine', () => {
  it('fires a timer long past at once: a clean process of the same shape, deployed now, runs (the control)', async () => {
    const res = await deployDirectly('control-hostile-suite.bpmn', processXml({ key: 'control-hostile-suite' }), 'hostile-suite-control');
    expect(res.status, res.text).toBe(200);
    // Deployed after every hostile file: once its timer has fired, theirs would have fired too.
    await eventually(
      'the control process to run',
      async () => {
        const runs = await engine.get<{ state: string }[]>('/history/process-instance', { processDefinitionKey: 'control-hostile-suite' });
        return runs.some((r) => r.state === 'COMPLETED') ? runs : undefined;
      },
      60_000,
    );
  }, 90_000);

  it('has written no variable `leak` and run no instance of a hostile process', async () => {
    expect(await engine.get('/history/variable-instance', { variableName: 'leak', maxResults: 20 })).toEqual([]);
    const ran: string[] = [];
    for (const key of cases.flatMap((c) => c.processKeys)) {
      const instances = await engine.get<unknown[]>('/history/process-instance', { processDefinitionKey: key, maxResults: 1 });
      const variables = await engine.get<unknown[]>('/history/variable-instance', { processDefinitionKey: key, maxResults: 1 });
      if (instances.length || variables.length) ran.push(key);
    }
    expect(ran).toEqual([]);
    // Whatever key a file might have given itself: no instance of any process whose key is hostile.
    const all = await engine.get<{ processDefinitionKey: string }[]>('/history/process-instance', { maxResults: 100_000 });
    expect(all.map((i) => i.processDefinitionKey).filter((k) => k.startsWith(HOSTILE_PREFIX))).toEqual([]);
  }, 120_000);

  it('holds no definition and no deployed file of a hostile case', async () => {
    expect(await engine.get('/process-definition', { keyLike: `${HOSTILE_PREFIX}%` })).toEqual([]);
    expect(await engine.get('/decision-definition', { keyLike: `${HOSTILE_PREFIX}%` })).toEqual([]);
    expect(await engine.get('/decision-requirements-definition', { keyLike: `${HOSTILE_PREFIX}%` })).toEqual([]);
    expect(await deploymentsHolding((name) => name.startsWith(HOSTILE_PREFIX))).toEqual([]);
  }, 120_000);
});

describe('the shipped diagrams, decisions and forms', () => {
  const shipped = projectResources();

  it('are deployed in the engine as they are in processes/ and forms/ (the harness deployed them at start)', async () => {
    expect(shipped.map((r) => r.name)).toEqual(expect.arrayContaining(['annual-review.bpmn', 'season-reminders.bpmn', 'employee-counting.dmn', 'levy-estimate.dmn', 'acceptance.form']));
    // Each file's newest deployed version is the file itself.
    expect((await changedAgainstLatest(engine, shipped)).map((r) => r.name)).toEqual([]);
    for (const key of ['annual-review', 'season-reminders']) {
      expect(await engine.get('/process-definition', { key, latestVersion: true }), key).toHaveLength(1);
    }
    for (const file of ['employee-counting.dmn', 'levy-estimate.dmn']) {
      const xml = readFileSync(path.join(projectRoot, 'processes', file), 'utf8');
      for (const [, key] of xml.matchAll(/<decision id="([^"]+)"/g)) {
        expect(await engine.get('/decision-definition', { key, latestVersion: true }), key).toHaveLength(1);
      }
    }
  });

  it('pass the deployment checks with no error (none needs what is now refused)', async () => {
    const res = await checks(shipped);
    expect(res.status).toBe(200);
    expect(res.body.findings.filter((f: Finding) => f.category === 'error').map((f: Finding) => `${f.file} · ${f.elementId}: ${f.rule}`)).toEqual([]);
  });
});
