// `npm run audit:verify`: walks the audit trail of DATABASE_URL's database in order and checks every entry against
// its hash and the one before it (platform/audit-chain.ts). Exits 1 at the first entry changed, removed or inserted
// out of order, naming it (seq, action, time); 0 with one line naming the head otherwise. `--anchor=<seq>:<hash>`
// also checks a head printed earlier and kept elsewhere: entries cut off the end, or a chain rewritten whole, show.
import pg from 'pg';
import { chainedAtSql, ChainWalk, type ChainAnchor, type ChainBreak, type StoredEntry } from '../platform/audit-chain.ts';
import { loadConfig } from '../platform/config.ts';

const PAGE = 1000;

function anchorOf(args: string[]): ChainAnchor | undefined {
  const arg = args.find((a) => a.startsWith('--anchor='));
  if (!arg) return undefined;
  const match = /^--anchor=([1-9][0-9]*):([0-9a-f]{64})$/.exec(arg);
  if (!match) throw new Error(`--anchor must be <seq>:<hash> as audit:verify printed it, got "${arg.slice('--anchor='.length)}"`);
  return { seq: match[1]!, hash: match[2]! };
}

async function firstBreak(client: pg.Client, walk: ChainWalk): Promise<ChainBreak | undefined> {
  let after = '0';
  for (;;) {
    const page = await client.query<StoredEntry>(
      `select seq::text as seq, ${chainedAtSql('at')} as at, actor, actor_role as "actorRole", action, subject_type as "subjectType",
              subject_id as "subjectId", detail::text as detail, prev_hash as "prevHash", hash
         from audit_log where seq > $1 order by audit_log.seq limit ${PAGE}`,
      [after],
    );
    for (const entry of page.rows) {
      const broken = walk.check(entry);
      if (broken) return broken;
    }
    if (page.rows.length < PAGE) return walk.finish();
    after = page.rows[page.rows.length - 1]!.seq;
  }
}

async function main(): Promise<number> {
  const anchor = anchorOf(process.argv.slice(2));
  const client = new pg.Client({ connectionString: loadConfig().databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    // One snapshot for the whole walk: entries committed meanwhile are not half seen.
    await client.query('begin isolation level repeatable read read only');
    const walk = new ChainWalk(anchor);
    const broken = await firstBreak(client, walk);
    await client.query('commit');
    if (broken) {
      console.error(`audit chain broken at entry ${broken.seq} (${broken.action}, ${broken.at}): ${broken.message}`);
      return 1;
    }
    const { seq, hash } = walk.head;
    console.log(`audit chain intact: ${walk.checked} entries${walk.checked > 0 ? `, head ${seq}:${hash}` : ''}${anchor ? `, anchor ${anchor.seq} found` : ''}`);
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
