// Whether the deployment checks finish on a file in reasonable time and memory, tried in a child process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../../../platform/config.ts';

const script = fileURLToPath(new URL('./probe-checks.ts', import.meta.url));

/** undefined when the checks finished; otherwise how they failed (killed after `timeoutMs`, out of memory, …). */
export function probeChecks(resources: { name: string; content: string }[], timeoutMs = 30_000, heapMb = 768): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', script], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.stdout.resume();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(`still running after ${timeoutMs / 1000} s`);
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(undefined);
      else if (signal !== 'SIGKILL') resolve(/heap out of memory/.test(stderr) ? `out of memory (${heapMb} MB)` : `exited ${code ?? signal}: ${stderr.slice(-300)}`);
    });
    child.stdin.end(JSON.stringify({ resources }));
  });
}
