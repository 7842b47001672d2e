// The engine launcher's decisions that need no engine: which Java, which credentials, which database role and
// environment, what a start failure says; and the worker runtime's mapping of handler results to engine variables
// and back-off.
import { mkdtemp, readFile, rm, stat, writeFile, chmod, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { freePort } from '../../platform/free-port.ts';
import { engineCredentials } from '../../scripts/engine/engine-credentials.ts';
import { engineRoleName, sameServer, urlWithRole } from '../../scripts/engine/engine-database-role.ts';
import { engineEnvironment, engineEnvironmentAllowList, jdbcSettings, startEngineProcess } from '../../scripts/engine/engine-process.ts';
import { EngineStartError } from '../../scripts/engine/engine-start-error.ts';
import { findJava, parseJavaVersion } from '../../scripts/engine/find-java.ts';
import { candidateGroupsOf, completedByVariable } from '../../tasks/task-groups.ts';
import { retryTimeout, toVariables } from '../../workers/runtime/worker-runtime.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'engine-launcher-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('finding Java', () => {
  it('reads the major version of old and new version strings', () => {
    expect(parseJavaVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaVersion('java version "1.8.0_402"')).toBe(8);
    expect(parseJavaVersion('openjdk version "25" 2025-09-16')).toBe(25);
    expect(parseJavaVersion('no version here')).toBeUndefined();
  });

  it('says in one line that there is no Java ≥ 17, naming what it found', async () => {
    const dir = await tempDir();
    const old = path.join(dir, 'bin');
    await mkdir(old);
    // A "java" that reports version 11.
    await writeFile(path.join(old, 'java'), '#!/bin/sh\necho \'openjdk version "11.0.2"\' >&2\n');
    await chmod(path.join(old, 'java'), 0o755);
    const attempt = () => findJava({ PATH: old, JAVA_HOME: path.join(dir, 'nowhere') }, path.join(dir, 'no-jvm-dir'));
    expect(attempt).toThrow(EngineStartError);
    expect(attempt).toThrow(`no Java ≥ 17 found (found: ${path.join(old, 'java')} (11)): install a JDK 17 or newer`);
  });

  it('finds a JDK installed under the JVM folder when the PATH has none', () => {
    const java = findJava({ PATH: '' });
    expect(java.major).toBeGreaterThanOrEqual(17);
    expect(java.path).toMatch(/^\/usr\/lib\/jvm\//);
  });
});

describe('engine credentials', () => {
  it('generates them once into an owner-only file and reuses them', async () => {
    const file = path.join(await tempDir(), 'nested', 'engine-credentials.json');
    const config = loadConfig({});
    const first = engineCredentials(config, file);
    expect(first).toMatchObject({ user: 'dpfservice', adminUser: 'admin', file });
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(first.databasePassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(new Set([first.password, first.adminPassword, first.databasePassword]).size).toBe(3);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ databasePassword: first.databasePassword });
    expect(engineCredentials(config, file)).toEqual(first);
  });

  it("adds the database role's password to a file from before, keeping the accounts, owner-only", async () => {
    const file = path.join(await tempDir(), 'engine-credentials.json');
    await writeFile(file, JSON.stringify({ user: 'dpfservice', password: 'old-service', adminPassword: 'old-admin' }), { mode: 0o644 });
    const credentials = engineCredentials(loadConfig({}), file);
    expect(credentials).toMatchObject({ password: 'old-service', adminPassword: 'old-admin' });
    expect(credentials.databasePassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ user: 'dpfservice', password: 'old-service', adminPassword: 'old-admin', databasePassword: credentials.databasePassword });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('takes them from the environment when set, and insists on both with ENGINE_URL', async () => {
    const file = path.join(await tempDir(), 'unused.json');
    const given = engineCredentials(loadConfig({ ENGINE_USER: 'svc', ENGINE_PASSWORD: 'pw', ENGINE_ADMIN_PASSWORD: 'apw' }), file);
    // The database role's password is then one for this process (the tests: one per run), kept nowhere.
    expect(given).toEqual({ user: 'svc', password: 'pw', adminUser: 'admin', adminPassword: 'apw', databasePassword: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/), file: undefined });
    expect(engineCredentials(loadConfig({ ENGINE_USER: 'svc', ENGINE_PASSWORD: 'pw', ENGINE_ADMIN_PASSWORD: 'apw' }), file).databasePassword).not.toBe(given.databasePassword);
    await expect(stat(file)).rejects.toThrow();
    expect(() => engineCredentials(loadConfig({ ENGINE_URL: 'http://engine:8080', ENGINE_USER: 'svc' }), file)).toThrow(
      'ENGINE_URL is set: set ENGINE_USER and ENGINE_PASSWORD to the service account of that engine too',
    );
  });
});

describe("the engine's database role", () => {
  it('is named after the engine database', () => {
    expect(engineRoleName('dpf_engine')).toBe('dpf_engine_owner');
    expect(engineRoleName('dpf_engine_test_4242')).toBe('dpf_engine_test_4242_owner');
  });

  it('refuses a database name it cannot make a role name of, in one line', () => {
    expect(() => engineRoleName('engine"; drop role postgres; --')).toThrow(EngineStartError);
    expect(() => engineRoleName('e'.repeat(58))).toThrow(`the engine database's name "${'e'.repeat(58)}" is too long for its role`);
    expect(engineRoleName('e'.repeat(57))).toHaveLength(63);
  });

  it("puts the role and its password into the engine's URL, and so into its JDBC settings", () => {
    const url = urlWithRole('postgres://postgres@127.0.0.1:5432/dpf_engine', 'dpf_engine_owner', 'p@ss/word');
    expect(jdbcSettings(url)).toEqual({ url: 'jdbc:postgresql://127.0.0.1:5432/dpf_engine', user: 'dpf_engine_owner', password: 'p@ss/word' });
  });

  it("knows when the application's database is on the engine's server", () => {
    expect(sameServer('postgres://postgres@127.0.0.1:5432/a', 'postgres://u:p@localhost/b')).toBe(true);
    expect(sameServer('postgres://postgres@127.0.0.1:5432/a', 'postgres://postgres@127.0.0.1:5433/a')).toBe(false);
    expect(sameServer('postgres://postgres@db1/a', 'postgres://postgres@db2/a')).toBe(false);
  });
});

describe("the engine's environment", () => {
  const settings = { ENGINE_PORT: '8080', ENGINE_JDBC_USER: 'dpf_engine_owner', ENGINE_PASSWORD: 'pw' };

  it("holds the engine's settings and Java's locale and home, nothing else of Node's environment", () => {
    const node = {
      HOME: '/home/dpf',
      LANG: 'zh_CN.UTF-8',
      PATH: '/usr/bin',
      DATABASE_URL: 'postgres://postgres@127.0.0.1/dpf_review',
      SESSION_SECRET: 'secret',
      JAVA_TOOL_OPTIONS: '-javaagent:/tmp/agent.jar',
      SPRING_DATASOURCE_URL: 'jdbc:postgresql://elsewhere/db',
      OPERATON_BPM_AUTHORIZATION_ENABLED: 'false',
    };
    expect(engineEnvironment(settings, node)).toEqual({ HOME: '/home/dpf', LANG: 'zh_CN.UTF-8', ...settings });
  });

  it('gives Java a UTF-8 locale when Node has none', () => {
    expect(engineEnvironment({}, {})).toEqual({ LANG: 'C.UTF-8' });
    expect(engineEnvironment({}, { LC_ALL: 'en_US.UTF-8' })).toEqual({ LC_ALL: 'en_US.UTF-8' });
  });

  it('refuses an engine setting not on the allow-list', () => {
    expect(engineEnvironmentAllowList).toContain('ENGINE_JDBC_PASSWORD');
    expect(() => engineEnvironment({ ...settings, DATABASE_URL: 'postgres://x' }, {})).toThrow("DATABASE_URL is not on the engine's environment allow-list");
  });
});

describe('starting the engine process', () => {
  it('says in one line that the engine failed to start, with its log', async () => {
    const logFile = path.join(await tempDir(), 'engine.log');
    const error = await startEngineProcess({
      javaPath: findJava().path,
      jar: path.join(os.tmpdir(), 'no-such-engine.jar'),
      port: await freePort(),
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/nowhere',
      credentials: { user: 'u', password: 'p', adminUser: 'admin', adminPassword: 'a', databasePassword: 'd', file: undefined },
      heap: '64m',
      logFile,
      startTimeoutMs: 30_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineStartError);
    expect((error as Error).message).toBe(`the engine failed to start: see its log at ${logFile}`);
  });
});

describe('worker runtime mapping', () => {
  it('sends primitives as they are and structured results as JSON text', () => {
    const typed = toVariables({ a: 'x', b: 3, c: 2.5, d: true, e: null, f: { g: [1] }, h: 2 ** 40, skipped: undefined }).getAllTyped();
    expect(typed).toEqual({
      a: { type: 'string', value: 'x', valueInfo: {} },
      b: { type: 'integer', value: 3, valueInfo: {} },
      c: { type: 'double', value: 2.5, valueInfo: {} },
      d: { type: 'boolean', value: true, valueInfo: {} },
      e: { type: 'null', value: null },
      f: { type: 'string', value: '{"g":[1]}' },
      h: { type: 'long', value: 2 ** 40 },
    });
  });

  it('doubles the wait after each failed attempt', () => {
    expect([1, 2, 3, 4].map((n) => retryTimeout(5000, n))).toEqual([5000, 10000, 20000, 40000]);
    expect(retryTimeout(5000, 40)).toBe(24 * 3600 * 1000);
  });
});

describe('task groups', () => {
  it('names the candidate groups of each role', () => {
    expect(candidateGroupsOf({ sub: 'a', role: 'clerk', regionCode: '330106' })).toEqual(['clerk-330106']);
    expect(candidateGroupsOf({ sub: 'a', role: 'reviewer', regionCode: '330106' })).toEqual(['reviewer-330106']);
    expect(candidateGroupsOf({ sub: 'a', role: 'city', regionCode: '330100' })).toEqual(['city-330100']);
    expect(candidateGroupsOf({ sub: 'a', role: 'employer', uscc: '91330106MA2CD00016' })).toEqual(['employer-91330106MA2CD00016']);
    expect(candidateGroupsOf({ sub: 'a', role: 'operator' })).toEqual(['operator']);
    expect(candidateGroupsOf({ sub: 'a', role: 'clerk' })).toEqual([]);
  });

  it('names the completer variable after the task in camelCase', () => {
    expect(completedByVariable('acceptance')).toBe('acceptanceCompletedBy');
    expect(completedByVariable('resolve-error')).toBe('resolveErrorCompletedBy');
  });
});
