// A PostgreSQL cluster of the fault suite's own (initdb in a temporary folder, on a free port), so that "PostgreSQL
// terminated and restarted" can be done for real — `pg_ctl stop -m immediate`, as a crash or a fail-over does it —
// without touching the machine's shared server that other runs use. initdb refuses to run as root: as root, the
// cluster is made and run as the `postgres` user.
import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../platform/free-port.ts';

const run = promisify(execFile);
// Debian's PostgreSQL 15, as installed on this project's machines.
const BIN = '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/<database> for a database name. */
  urlOf(database: string): string;
  port: number;
  /** Stops the server at once (`-m immediate`): every connection is cut, nothing is shut down cleanly. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chaos-pg-'));
  const asRoot = process.getuid?.() === 0;
  const { uid, gid } = asRoot ? await userIds('postgres') : { uid: -1, gid: -1 };
  if (asRoot) await chown(dir, uid, gid);
  const pg = (tool: string, args: string[]) => run(asRoot ? 'runuser' : path.join(BIN, tool), asRoot ? ['-u', 'postgres', '--', path.join(BIN, tool), ...args] : args);
  const data = path.join(dir, 'data');
  const port = await freePort();
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  // fsync off: the suite's data lives for one run; an immediate stop still loses only unflushed pages, which
  // the WAL replays on start, as after any crash.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
  };
  const stop = async (mode: 'immediate' | 'fast') => {
    await pg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  };
  await start();
  return {
    port,
    urlOf: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    kill: () => stop('immediate'),
    start,
    async destroy() {
      await stop('fast').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function userIds(user: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
