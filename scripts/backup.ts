// `npm run backup -- --dir=<folder>`: dumps DATABASE_URL's and ENGINE_DATABASE_URL's databases (pg_dump, custom
// format, each in one snapshot, files readable by their owner only) into the folder and prints the files and the
// application's audit head — keep that line apart from the backup: `npm run audit:verify -- --anchor=<seq>:<hash>`
// after a restore shows the restored trail reaches it. The documents folder is copied apart (docs/operations.md).
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.ts';
import { databaseNameOf } from './engine/engine-database-role.ts';
import { auditHead } from './restore/database-facts.ts';
import { backupStamp, dumpFolder } from './restore/restore-check.ts';
import { dumpInSnapshot } from './restore/snapshot-dump.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  if (!values.dir) throw new Error('name the folder: npm run backup -- --dir=<folder>');
  const config = loadConfig();
  const { dir } = await dumpFolder(values.dir);
  const stamp = backupStamp();
  const application = path.join(dir, `${databaseNameOf(config.databaseUrl)}-${stamp}.dump`);
  const engine = path.join(dir, `${databaseNameOf(config.engineDatabaseUrl)}-${stamp}.dump`);
  const head = await dumpInSnapshot(config.databaseUrl, application, auditHead);
  await dumpInSnapshot(config.engineDatabaseUrl, engine, async () => undefined);
  for (const file of [application, engine]) console.log(`${file} (${(await stat(file)).size} bytes)`);
  console.log(head ? `audit head: ${head.seq}:${head.hash}` : 'audit trail empty');
}

main().catch((error: unknown) => {
  console.error(`backup: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
