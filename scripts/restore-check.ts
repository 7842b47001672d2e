// `npm run restore-check [-- --keep] [-- --dump-dir=<folder>]`: dumps DATABASE_URL's and ENGINE_DATABASE_URL's
// databases, restores both into scratch databases on the same servers and compares (scripts/restore/restore-check.ts).
// Prints one table; exit 0 when every check holds, 1 on any difference, 2 when it could not run. `--keep` leaves the
// restored copies (and prints their URLs); `--dump-dir` keeps the dumps there — a backup that has been restored once;
// `--documents-dir` holds the dump's document rows against a copy of the documents folder instead of DOCUMENT_DIR.
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.ts';
import { formatReport, restoreCheck } from './restore/restore-check.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false }, 'dump-dir': { type: 'string' }, 'documents-dir': { type: 'string' } } });
  const config = loadConfig();
  const report = await restoreCheck({
    applicationUrl: config.databaseUrl,
    engineUrl: config.engineDatabaseUrl,
    keep: values.keep,
    documentDir: values['documents-dir'] ?? config.documentDir,
    ...(values['dump-dir'] ? { dumpDir: values['dump-dir'] } : {}),
    log: (line) => console.log(line),
  });
  console.log('');
  for (const line of formatReport(report.rows)) console.log(line);
  console.log('');
  for (const { file, bytes } of report.dumps) console.log(`dump kept: ${file} (${bytes} bytes)`);
  if (report.auditHead) console.log(`audit head in the dump: ${report.auditHead.seq}:${report.auditHead.hash}`);
  for (const url of report.kept) console.log(`restored copy kept: ${url.replace(/\/\/[^@/]*@/, '//')}`);
  console.log(report.ok ? 'restore check passed' : 'restore check FAILED: the restored copy differs from what was dumped');
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`restore-check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
