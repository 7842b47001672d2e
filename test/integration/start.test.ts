// `npm start` as a person runs it: it builds and starts the engine, comes up, answers, and a SIGINT sent to the
// npm process leaves no Node or Java process behind; a part killed with -9 is started again; failures are one clear
// line. The parts are processes of their own, so a failure told by the API takes two Node starts: given time here.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { databaseUrlNamed } from '../../platform/db.ts';
import { dropEngineDatabase } from '../../scripts/engine/engine-database-role.ts';
import { freePort } from '../../platform/free-port.ts';
import { projectRoot } from '../../platform/config.ts';
import { basicAuthorization } from '../../platform/engine-rest.ts';
import { engineEnv } from '../support/system.ts';

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');

/** scripts/start.ts directly (fast), or through `npm start` as a person types it. */
function start(env: Record<string, string>, marker: string, via: 'tsx' | 'npm' = 'tsx') {
  const [command, args] = via === 'npm' ? ['npm', ['start', '--', `--instance=${marker}`]] : [tsx, ['scripts/start.ts', `--instance=${marker}`]];
  const child = spawn(command as string, args as string[], {
    cwd: projectRoot,
    // The embedded identity provider on a free port unless a test names one: 3200 may be a developer's own npm start.
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), DEV_IDENTITY_PROVIDER_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as in a terminal: a signal goes to the npm process alone unless sent to the group.
    detached: via === 'npm',
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (output.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 30_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function processesWith(marker: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes(marker));
}

/** The pid of the one process with the marker whose command line has `what` (java, scripts/workers.ts). */
function pidOf(marker: string, what: string): number | undefined {
  const lines = processesWith(marker).filter((line) => line.includes(what));
  return lines.length === 1 ? Number(lines[0]!.trim().split(/\s+/)[0]) : undefined;
}

async function ready(apiPort: number): Promise<{ checks: { name: string; state: string }[] } | undefined> {
  const res = await fetch(`http://127.0.0.1:${apiPort}/api/health`);
  return res.status === 200 ? ((await res.json()) as { checks: { name: string; state: string }[] }) : undefined;
}

async function exitWithin(exited: Promise<number | null>, child: ChildProcess, ms: number): Promise<number | null> {
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

describe('npm start', () => {
  it('starts its own engine, serves the API and the simulators on the ports it is given, starts a part killed with -9 again, and SIGINT to npm stops every process it started', async () => {
    const [apiPort, simPort, enginePort, providerPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const marker = randomUUID();
    const engineDb = `dpf_engine_start_${process.pid}`;
    const engineDbUrl = databaseUrlNamed(inject('databaseUrl'), engineDb);
    const env = {
      PORT: String(apiPort),
      // Only the simulators' port: every department's address follows it.
      SIM_PORT: String(simPort),
      ENGINE_PORT: String(enginePort),
      ENGINE_DATABASE_URL: engineDbUrl,
      ENGINE_USER: 'starttest',
      ENGINE_PASSWORD: 'start-test-password',
      ENGINE_ADMIN_PASSWORD: 'start-test-admin',
      ENGINE_URL: '',
      DEV_IDENTITY_PROVIDER_PORT: String(providerPort),
    };
    const { child, output, exited } = start(env, marker, 'npm');
    try {
      const health = await until('the system to be ready', () => ready(apiPort), 180_000);
      // The banner comes once the workers, started after the API, are up too.
      await until('the banner', async () => (output.stdout.includes('Ctrl-C stops everything.') ? true : undefined), 120_000);
      expect(health.checks.map((c) => c.state)).toEqual(['up', 'up', 'up', 'up']);
      expect(output.stdout).toContain(`http://127.0.0.1:${apiPort}/api`);
      expect(output.stdout).toContain(`http://127.0.0.1:${enginePort}/operaton/app/cockpit/`);
      // Without OIDC_ISSUER, the embedded development identity provider, named with its discovery document.
      const issuer = `http://127.0.0.1:${providerPort}`;
      expect(output.stdout).toContain(`Sign-in      ${issuer}`);
      expect(output.stdout).toContain(`discovery: ${issuer}/.well-known/openid-configuration`);
      expect(((await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string }).issuer).toBe(issuer);
      const engineRest = `http://127.0.0.1:${enginePort}/engine-rest/process-instance`;
      expect((await fetch(engineRest)).status).toBe(401);
      expect((await fetch(engineRest, { headers: { authorization: basicAuthorization('starttest', 'start-test-password') } })).status).toBe(200);
      const sims = await (await fetch(`http://127.0.0.1:${simPort}/_admin/health`)).json();
      expect(sims.departments).toContain('registration');
      // Node (npm, the supervisor, each part) and Java (the engine) all carry the marker.
      for (const part of ['java', 'scripts/api.ts', 'scripts/simulators.ts', 'scripts/workers.ts']) expect(pidOf(marker, part), part).toBeDefined();

      // The workers killed: said, and started again.
      const workers = pidOf(marker, 'scripts/workers.ts')!;
      process.kill(workers, 'SIGKILL');
      await until('the workers to be started again', async () => (output.stderr.includes('workers started again') ? true : undefined), 120_000);
      expect(output.stderr).toContain(`npm start: workers (pid ${workers}) died: killed by SIGKILL; starting it again in 1 s`);
      expect(pidOf(marker, 'scripts/workers.ts')).not.toBe(workers);

      // The engine killed: said, started again on its port, and the system answers again without anyone's help.
      const java = pidOf(marker, 'java')!;
      process.kill(java, 'SIGKILL');
      await until('the engine to be started again', async () => (output.stderr.includes('engine started again') ? true : undefined), 240_000);
      expect(output.stderr).toContain(`npm start: engine (pid ${java}) died: killed by SIGKILL; starting it again in 1 s`);
      expect(pidOf(marker, 'java')).not.toBe(java);
      const again = await until('the system to be ready again', () => ready(apiPort), 120_000);
      expect(again.checks.map((c) => c.state)).toEqual(['up', 'up', 'up', 'up']);
      expect((await fetch(engineRest, { headers: { authorization: basicAuthorization('starttest', 'start-test-password') } })).status).toBe(200);

      process.kill(child.pid!, 'SIGINT');
      expect(await exitWithin(exited, child, 60_000)).toBe(0);
      await until('the processes to end', async () => (processesWith(marker).length === 0 ? true : undefined), 30_000);
      await expect(fetch(`http://127.0.0.1:${apiPort}/api/health`)).rejects.toThrow();
      await expect(fetch(engineRest)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      // Whatever this test started and a failure left behind (the engine has a process group of its own).
      for (const line of processesWith(marker)) {
        try {
          process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
        } catch {
          // ended meanwhile
        }
      }
      await dropEngineDatabase(engineDbUrl);
    }
  }, 720_000);

  it('says in one line that the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const { child, output, exited } = start({ PORT: String(port), SIM_PORT: '0', ...engineEnv() }, randomUUID());
      expect(await exitWithin(exited, child, 90_000)).toBe(1);
      expect(output.stderr.trim()).toBe(`npm start: API: port ${port} on 127.0.0.1 is already in use (set PORT to another port)`);
    } finally {
      blocker.close();
    }
  }, 120_000);

  it('says in one line that the development identity provider’s port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const { child, output, exited } = start({ DEV_IDENTITY_PROVIDER_PORT: String(port), PORT: String(await freePort()), SIM_PORT: '0', ...engineEnv() }, randomUUID());
      expect(await exitWithin(exited, child, 90_000)).toBe(1);
      expect(output.stderr.trim()).toBe(
        `npm start: development identity provider: port ${port} on 127.0.0.1 is already in use (set DEV_IDENTITY_PROVIDER_PORT to another port, or 0 for any)`,
      );
    } finally {
      blocker.close();
    }
  }, 120_000);

  it('says in one line which departments cannot be reached, and stops', async () => {
    const [simPort, nobody] = [await freePort(), await freePort()];
    const env = { SIM_PORT: String(simPort), DEPT_TAX_URL: `http://127.0.0.1:${nobody}/tax`, PORT: String(await freePort()), ...engineEnv() };
    const { child, output, exited } = start(env, randomUUID());
    expect(await exitWithin(exited, child, 90_000)).toBe(1);
    expect(output.stderr.trim()).toBe(
      `npm start: departments unreachable: DEPT_TAX_URL=http://127.0.0.1:${nobody}/tax (ECONNREFUSED): start them or correct the addresses (the simulated ones follow SIM_PORT)`,
    );
  }, 120_000);

  it('says in one line that PostgreSQL cannot be reached', async () => {
    const port = await freePort();
    const { child, output, exited } = start({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/nowhere`, SIM_PORT: '0', ...engineEnv() }, randomUUID());
    expect(await exitWithin(exited, child, 90_000)).toBe(1);
    expect(output.stderr.trim()).toBe(
      `npm start: PostgreSQL unreachable at 127.0.0.1:${port}/nowhere (ECONNREFUSED): start PostgreSQL ≥ 15 or set DATABASE_URL`,
    );
  }, 120_000);

  it('says in one line that the engine port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const env = { SIM_PORT: '0', ENGINE_URL: '', ENGINE_PORT: String(port), ENGINE_USER: 'x', ENGINE_PASSWORD: 'y', ENGINE_ADMIN_PASSWORD: 'z' };
      const { child, output, exited } = start(env, randomUUID());
      expect(await exitWithin(exited, child, 60_000)).toBe(1);
      expect(output.stderr.trim()).toBe(
        `npm start: engine: port ${port} on 127.0.0.1 is already in use (set ENGINE_PORT to another port, or ENGINE_URL to use an engine already running)`,
      );
    } finally {
      blocker.close();
    }
  });

  it('says in one line that the engine at ENGINE_URL does not answer', async () => {
    const port = await freePort();
    const { child, output, exited } = start({ SIM_PORT: '0', ENGINE_URL: `http://127.0.0.1:${port}`, ENGINE_USER: 'x', ENGINE_PASSWORD: 'y' }, randomUUID());
    expect(await exitWithin(exited, child, 30_000)).toBe(1);
    expect(output.stderr.trim()).toMatch(new RegExp(`^npm start: the engine at ENGINE_URL=http://127\\.0\\.0\\.1:${port} does not answer: .*ECONNREFUSED`));
  });

  it('says in one line that the engine refuses the service account', async () => {
    const { child, output, exited } = start({ SIM_PORT: '0', ...engineEnv(), ENGINE_PASSWORD: 'not-the-password' }, randomUUID());
    expect(await exitWithin(exited, child, 30_000)).toBe(1);
    expect(output.stderr.trim()).toBe(`npm start: the engine at ENGINE_URL=${inject('engine').baseUrl} refused ENGINE_USER ${inject('engine').user} (401): check the service account`);
  });
});
