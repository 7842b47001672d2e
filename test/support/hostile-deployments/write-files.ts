// Writes every hostile deployment out as a file, for trying them on an engine by hand:
//   npx tsx test/support/hostile-deployments/write-files.ts DIR
// The 50 MB diagram is written too unless --small is given.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hostileCases } from './cases.ts';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: write-files.ts DIR [--small]');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (const c of hostileCases()) {
  if (args.includes('--small') && c.api === 'too-large') continue;
  writeFileSync(path.join(dir, c.file), c.content());
  console.log(`${c.file}\t${c.rule ?? '(file name)'}\t${c.elementId || '(file)'}\t${c.what}`);
}
