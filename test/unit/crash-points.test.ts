// Crash points: a named point kills its process with SIGKILL only when FAULT_INJECTION_CRASH_POINT names it, and
// the setting is refused on a production installation.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, projectRoot } from '../../platform/config.ts';

function runPoint(env: Record<string, string>): { signal: NodeJS.Signals | null; status: number | null; stdout: string } {
  const script = `const { crashPoint } = await import('./platform/crash-points.ts'); crashPoint('outbox-after-engine-call'); console.log('passed');`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: projectRoot,
    env: { ...process.env, FAULT_INJECTION_CRASH_POINT: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { signal: result.signal, status: result.status, stdout: result.stdout };
}

describe('crash points', () => {
  it('kill the process with SIGKILL at the point named', () => {
    expect(runPoint({ FAULT_INJECTION_CRASH_POINT: 'outbox-after-engine-call' })).toMatchObject({ signal: 'SIGKILL', stdout: '' });
  });

  it('do nothing when none or another point is named', () => {
    expect(runPoint({})).toMatchObject({ status: 0, stdout: 'passed\n' });
    expect(runPoint({ FAULT_INJECTION_CRASH_POINT: 'somewhere-else' })).toMatchObject({ status: 0, stdout: 'passed\n' });
  });

  it('are refused when NODE_ENV=production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', FAULT_INJECTION_CRASH_POINT: 'outbox-after-engine-call' })).toThrow(ConfigError);
  });
});
