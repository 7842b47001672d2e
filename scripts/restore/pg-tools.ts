// Runs PostgreSQL's own client programs (pg_dump, pg_restore) against a postgres:// URL. The password, if the URL has
// one, goes to the child through PGPASSWORD rather than its command line, which every user of the machine can read.
import { spawn } from 'node:child_process';

export class PgToolError extends Error {
  override name = 'PgToolError';
}

/** The URL without its password, and the environment that carries it. */
function connectionOf(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  return { dbname: target.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/**
 * Runs `program` with `args` and `--dbname=<url>` (when a URL is given); resolves with its standard output, or
 * rejects naming the program and the last lines it wrote to standard error.
 */
export function runPgTool(program: 'pg_dump' | 'pg_restore', args: string[], url?: string): Promise<string> {
  const connection = url ? connectionOf(url) : { dbname: undefined, env: process.env };
  const argv = connection.dbname ? [...args, `--dbname=${connection.dbname}`] : args;
  return new Promise((resolve, reject) => {
    const child = spawn(program, argv, { env: connection.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(new PgToolError(error.code === 'ENOENT' ? `${program} not found: install the PostgreSQL client tools (the server's major version or newer)` : `${program}: ${error.message}`)),
    );
    child.once('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new PgToolError(`${program} failed (${signal ?? `exit ${code}`}): ${err.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}
