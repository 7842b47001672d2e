// The engine launcher's decisions that need no engine: which Java, which credentials, what a start failure says;
// and the worker runtime's mapping of handler results to engine variables and back-off.
import { mkdtemp, rm, stat, writeFile, chmod, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { freePort } from '../../platform/free-port.ts';
import { engineCredentials } from '../../scripts/engine/engine-credentials.ts';
import { startEngineProcess } from '../../scripts/engine/engine-process.ts';
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
    expect(first.adminPassword).not.toBe(first.password);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(engineCredentials(config, file)).toEqual(first);
  });

  it('takes them from the environment when set, and insists on both with ENGINE_URL', async () => {
    const file = path.join(await tempDir(), 'unused.json');
    const given = engineCredentials(loadConfig({ ENGINE_USER: 'svc', ENGINE_PASSWORD: 'pw', ENGINE_ADMIN_PASSWORD: 'apw' }), file);
    expect(given).toEqual({ user: 'svc', password: 'pw', adminUser: 'admin', adminPassword: 'apw', file: undefined });
    expect(() => engineCredentials(loadConfig({ ENGINE_URL: 'http://engine:8080', ENGINE_USER: 'svc' }), file)).toThrow(
      'ENGINE_URL is set: set ENGINE_USER and ENGINE_PASSWORD to the service account of that engine too',
    );
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
      credentials: { user: 'u', password: 'p', adminUser: 'admin', adminPassword: 'a', file: undefined },
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
