// `npm start` as a person runs it: it comes up, answers, and Ctrl-C leaves nothing running; failures are one clear line.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../../platform/free-port.ts';
import { projectRoot } from '../../platform/config.ts';

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');

function start(env: Record<string, string>, marker: string) {
  const child = spawn(tsx, ['scripts/start.ts', `--instance=${marker}`], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
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

async function exitWithin(exited: Promise<number | null>, child: ChildProcess, ms: number): Promise<number | null> {
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

describe('npm start', () => {
  it('serves the API and the simulators, and Ctrl-C stops every process it started', async () => {
    const [apiPort, simPort] = [await freePort(), await freePort()];
    const marker = randomUUID();
    const { child, output, exited } = start({ PORT: String(apiPort), SIM_PORT: String(simPort) }, marker);

    const health = await until('the API', async () => {
      const res = await fetch(`http://127.0.0.1:${apiPort}/api/health`);
      return res.json() as Promise<{ checks: { name: string; state: string }[] }>;
    });
    expect(health.checks.find((c) => c.name === 'database')?.state).toBe('up');
    const sims = await (await fetch(`http://127.0.0.1:${simPort}/_admin/health`)).json();
    expect(sims.departments).toContain('registration');
    expect(output.stdout).toContain(`http://127.0.0.1:${apiPort}/api`);

    child.kill('SIGINT');
    expect(await exitWithin(exited, child, 15_000)).toBe(0);
    await until('the processes to end', async () => (processesWith(marker).length === 0 ? true : undefined), 10_000);
    await expect(fetch(`http://127.0.0.1:${apiPort}/api/health`)).rejects.toThrow();
  });

  it('says in one line that the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const { child, output, exited } = start({ PORT: String(port), SIM_PORT: '0' }, randomUUID());
      expect(await exitWithin(exited, child, 30_000)).toBe(1);
      expect(output.stderr.trim()).toBe(`npm start: API: port ${port} on 127.0.0.1 is already in use (set PORT to another port)`);
    } finally {
      blocker.close();
    }
  });

  it('says in one line that PostgreSQL cannot be reached', async () => {
    const port = await freePort();
    const { child, output, exited } = start({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/nowhere`, SIM_PORT: '0' }, randomUUID());
    expect(await exitWithin(exited, child, 30_000)).toBe(1);
    expect(output.stderr.trim()).toBe(
      `npm start: PostgreSQL unreachable at 127.0.0.1:${port}/nowhere (ECONNREFUSED): start PostgreSQL ≥ 15 or set DATABASE_URL`,
    );
  });
});
