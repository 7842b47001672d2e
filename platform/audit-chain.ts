// The audit trail's hash chain (issue 20): how one entry is serialised and hashed, and how entries must link. Each
// entry's hash is SHA-256 over its canonical serialisation, which includes the hash of the entry before it; changing,
// removing or reordering any entry breaks the link to the next. The writer (platform/http/audit.ts) and the verifier
// (scripts/audit-verify.ts) both use these functions; db/migrations/020_audit_chain.sql chained the entries written
// before it with the same serialisation in SQL.
import { createHash } from 'node:crypto';

/** Names the serialisation; a future change of format gets a new name, so old entries still verify. */
export const CHAIN_FORMAT = 'dpf-audit-1';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * An entry's time as the chain serialises it: UTC with microseconds, as PostgreSQL's to_char prints a timestamptz
 * (`2026-03-01T08:00:00.123000Z`). SQL so that writer and verifier print the stored value the same way.
 */
export const chainedAtSql = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** An entry as hashed: every field text, as read back from PostgreSQL (detail as PostgreSQL prints the jsonb). */
export interface ChainedEntry {
  /** Position in the chain, from 1, in digits. */
  seq: string;
  at: string;
  actor: string;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** `detail::text`: PostgreSQL's own normal form of the jsonb (keys ordered, duplicates gone). */
  detail: string;
  prevHash: string;
}

const SEQ = /^[1-9][0-9]{0,18}$/;

/** The canonical serialisation: a JSON array of the format's name, seq (a number), then every other field as a string. */
export function canonicalEntry(entry: ChainedEntry): string {
  if (!SEQ.test(entry.seq)) throw new Error(`audit entry seq "${entry.seq}" is not a positive integer`);
  const texts = [entry.at, entry.actor, entry.actorRole, entry.action, entry.subjectType, entry.subjectId, entry.detail, entry.prevHash];
  return `[${JSON.stringify(CHAIN_FORMAT)},${entry.seq},${texts.map((t) => JSON.stringify(t)).join(',')}]`;
}

/** The entry's hash: lower-case hex SHA-256 of its canonical serialisation in UTF-8. */
export function entryHash(entry: ChainedEntry): string {
  return createHash('sha256').update(canonicalEntry(entry), 'utf8').digest('hex');
}

/** A stored entry: its content and the hash stored with it. */
export interface StoredEntry extends ChainedEntry {
  hash: string;
}

/** Where the chain breaks: the entry named (the last one there is, when entries are missing at the end), and how. */
export interface ChainBreak {
  seq: string;
  action: string;
  at: string;
  problem: 'changed' | 'missing-before' | 'out-of-order' | 'wrong-link' | 'not-the-anchor' | 'missing-at-end';
  message: string;
}

/**
 * A head recorded earlier outside the database (`npm run audit:verify` prints it): the chain alone cannot tell that
 * entries were cut off its end, or that all of them were rewritten with new hashes; an anchor can.
 */
export interface ChainAnchor {
  seq: string;
  hash: string;
}

/** Walks entries in seq order, one at a time; `check` returns the first break it meets, `finish` one at the end. */
export class ChainWalk {
  private lastSeq = 0n;
  private lastHash = GENESIS_HASH;
  private last: { action: string; at: string } = { action: '', at: '' };
  checked = 0;

  constructor(private readonly anchor?: ChainAnchor) {}

  /** The head so far: the last entry checked. */
  get head(): ChainAnchor {
    return { seq: String(this.lastSeq), hash: this.lastHash };
  }

  check(entry: StoredEntry): ChainBreak | undefined {
    const named = { seq: entry.seq, action: entry.action, at: entry.at };
    const seq = BigInt(entry.seq);
    const expected = this.lastSeq + 1n;
    if (seq < expected) {
      return { ...named, problem: 'out-of-order', message: `entry ${entry.seq} comes after entry ${this.lastSeq}: inserted out of order` };
    }
    if (seq > expected) {
      const gap = seq - expected === 1n ? `entry ${expected} is` : `entries ${expected}–${seq - 1n} are`;
      return { ...named, problem: 'missing-before', message: `${gap} missing before entry ${entry.seq}: removed` };
    }
    if (entry.prevHash !== this.lastHash) {
      return {
        ...named,
        problem: 'wrong-link',
        message: `entry ${entry.seq} does not name the hash of entry ${this.lastSeq}: one of the two was changed and its hash made anew, or entries between them were removed or inserted`,
      };
    }
    if (entryHash(entry) !== entry.hash) {
      return { ...named, problem: 'changed', message: `entry ${entry.seq} does not match its hash: changed after it was written` };
    }
    if (this.anchor && entry.seq === this.anchor.seq && entry.hash !== this.anchor.hash) {
      return { ...named, problem: 'not-the-anchor', message: `entry ${entry.seq} is not the one recorded (hash ${this.anchor.hash}): the chain up to it was rewritten` };
    }
    this.lastSeq = seq;
    this.lastHash = entry.hash;
    this.last = { action: entry.action, at: entry.at };
    this.checked += 1;
    return undefined;
  }

  /** After the last entry: a break when the chain ends before the anchor's entry. */
  finish(): ChainBreak | undefined {
    if (!this.anchor || BigInt(this.anchor.seq) <= this.lastSeq) return undefined;
    return {
      seq: String(this.lastSeq),
      ...this.last,
      problem: 'missing-at-end',
      message: `the chain ends at entry ${this.lastSeq}, but entry ${this.anchor.seq} was recorded: entries removed from its end`,
    };
  }
}
