// `npm run migrate`: create the database if missing and apply pending migrations.
import { loadConfig } from '../platform/config.ts';
import { createPool, ensureDatabase } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';

const config = loadConfig();
await ensureDatabase(config.databaseUrl);
const db = createPool(config.databaseUrl);
try {
  const ran = await migrate(db);
  console.log(ran.length ? `applied: ${ran.join(', ')}` : 'database is up to date');
} finally {
  await db.end();
}
