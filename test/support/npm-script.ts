// `npm run <script>` as an operator runs it, as a child process with its own environment: its exit code and output.
import { spawn } from 'node:child_process';
import { projectRoot } from '../../platform/config.ts';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runNpmScript(script: string, args: string[], env: Record<string, string>): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, ...out }));
  });
}
