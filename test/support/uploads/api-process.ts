// The API alone in a process of its own (no engine, no workers), for hostile-uploads.test.ts: its memory is then
// the process's own, and its answers' latency is not skewed by the test's work. Settings come from the
// environment (DATABASE_URL and the rest, as loadConfig reads them); the address is printed as one line
// `listening <url>` once it accepts requests. Logged errors go to stderr.
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../platform/config.ts';
import { createAppPool } from '../../../platform/db.ts';
import { createApp } from '../../../server/app.ts';

const config = loadConfig();
const db = createAppPool(config.databaseUrl);
const app = createApp({ config, db, log: (message) => process.stderr.write(`${message}\n`) });
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => void db.end().finally(() => process.exit(0))));
