// `npm run audit:verify`: walks the audit trail of DATABASE_URL's database in order and checks every entry against
// its hash and the one before it (platform/audit-chain.ts). Exits 1 at the first entry changed, removed or inserted
// out of order, naming it (seq, action, time); 0 with one line naming the head otherwise. `--anchor=<seq>:<hash>`
// also checks a head printed earlier and kept elsewhere: entries cut off the end, or a chain rewritten whole, show.
import pg from 'pg';
import type { ChainAnchor } from '../platform/audit-chain.ts';
import { walkAuditChain } from '../platform/audit-chain-walk.ts';
import { loadConfig } from '../platform/config.ts';

function anchorOf(args: string[]): ChainAnchor | undefined {
  const arg = args.find((a) => a.startsWith('--anchor='));
  if (!arg) return undefined;
  const match = /^--anchor=([1-9][0-9]*):([0-9a-f]{64})$/.exec(arg);
  if (!match) throw new Error(`--anchor must be <seq>:<hash> as audit:verify printed it, got "${arg.slice('--anchor='.length)}"`);
  return { seq: match[1]!, hash: match[2]! };
}

async function main(): Promise<number> {
  const anchor = anchorOf(process.argv.slice(2));
  const client = new pg.Client({ connectionString: loadConfig().databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    // One snapshot for the whole walk: entries committed meanwhile are not half seen.
    await client.query('begin isolation level repeatable read read only');
    const { broken, checked, head } = await walkAuditChain(client, anchor);
    await client.query('commit');
    if (broken) {
      console.error(`audit chain broken at entry ${broken.seq} (${broken.action}, ${broken.at}): ${broken.message}`);
      return 1;
    }
    const { seq, hash } = head;
    console.log(`audit chain intact: ${checked} entries${checked > 0 ? `, head ${seq}:${hash}` : ''}${anchor ? `, anchor ${anchor.seq} found` : ''}`);
    return 0;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
