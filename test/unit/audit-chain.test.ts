// The audit chain's serialisation and links (platform/audit-chain.ts): a fixed entry's exact bytes and hash (computed
// apart from this code, with sha256sum), escaping, and the walk naming the first entry changed, removed or out of place.
import { describe, expect, it } from 'vitest';
import { canonicalEntry, ChainWalk, entryHash, GENESIS_HASH, type ChainedEntry, type StoredEntry } from '../../platform/audit-chain.ts';

const first: ChainedEntry = {
  seq: '1',
  at: '2026-03-01T08:00:00.123000Z',
  actor: 'dev-clerk-330106',
  actorRole: 'clerk',
  action: 'task.complete',
  subjectType: 'task',
  subjectId: '7f0c',
  detail: '{"taskDefinitionKey": "acceptance"}',
  prevHash: GENESIS_HASH,
};

describe('the canonical serialisation', () => {
  it('is a JSON array of the format, seq and every field as text, hashed with SHA-256', () => {
    expect(canonicalEntry(first)).toBe(
      '["dpf-audit-1",1,"2026-03-01T08:00:00.123000Z","dev-clerk-330106","clerk","task.complete","task","7f0c","{\\"taskDefinitionKey\\": \\"acceptance\\"}","0000000000000000000000000000000000000000000000000000000000000000"]',
    );
    // printf '%s' '<the line above>' | sha256sum
    expect(entryHash(first)).toBe('8922242c8e1667785490a295ff1d43011dbf65609185b9595c5be3c0bb20c706');
  });

  it('escapes quotes, backslashes and control characters, and keeps Chinese as it is', () => {
    const entry = { ...first, actor: '张三 "引号" \\ 反斜杠', subjectId: 'a\nb\u0001\u2028' };
    expect(canonicalEntry(entry)).toContain('"张三 \\"引号\\" \\\\ 反斜杠"');
    expect(canonicalEntry(entry)).toContain('"a\\nb\\u0001\u2028"');
    // Each field's bounds are unambiguous: moving a character from one field to the next changes the hash.
    expect(entryHash({ ...first, actor: 'ab', actorRole: 'c' })).not.toBe(entryHash({ ...first, actor: 'a', actorRole: 'bc' }));
  });

  it('covers every field and the previous hash', () => {
    const hash = entryHash(first);
    for (const key of Object.keys(first) as (keyof ChainedEntry)[]) {
      const changed = key === 'seq' ? '2' : `${first[key]}x`;
      expect(entryHash({ ...first, [key]: changed }), key).not.toBe(hash);
    }
  });

  it('refuses a seq that is not a positive integer', () => {
    for (const seq of ['0', '-1', '1.5', '1e3', ' 1', '01']) expect(() => canonicalEntry({ ...first, seq })).toThrow(/seq/);
  });
});

/** A chain of `n` entries, linked as the writer links them. */
function chain(n: number): StoredEntry[] {
  const entries: StoredEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const entry = { ...first, seq: String(i), at: `2026-03-01T08:00:0${i}.000000Z`, action: i % 2 ? 'filing.read' : 'task.read', subjectId: `s${i}`, prevHash };
    const hash = entryHash(entry);
    entries.push({ ...entry, hash });
    prevHash = hash;
  }
  return entries;
}

function walk(entries: StoredEntry[], anchor?: { seq: string; hash: string }) {
  const w = new ChainWalk(anchor);
  for (const e of entries) {
    const broken = w.check(e);
    if (broken) return broken;
  }
  return w.finish() ?? { intact: w.checked, head: w.head };
}

describe('walking the chain', () => {
  it('passes an intact chain and names its head', () => {
    const entries = chain(5);
    expect(walk(entries)).toEqual({ intact: 5, head: { seq: '5', hash: entries[4]!.hash } });
    expect(walk([])).toEqual({ intact: 0, head: { seq: '0', hash: GENESIS_HASH } });
  });

  it('names an entry whose content changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, detail: '{"taskDefinitionKey": "other"}' };
    expect(walk(entries)).toMatchObject({ seq: '3', action: 'filing.read', at: '2026-03-01T08:00:03.000000Z', problem: 'changed' });
  });

  it('names the entry after one removed from the middle', () => {
    const entries = chain(5);
    entries.splice(2, 1);
    expect(walk(entries)).toMatchObject({ seq: '4', problem: 'missing-before', message: expect.stringContaining('entry 3 is missing') });
  });

  it('names an entry changed with its hash made anew, at the next link', () => {
    const entries = chain(5);
    const forged = { ...entries[1]!, subjectId: 'someone else' };
    entries[1] = { ...forged, hash: entryHash(forged) };
    expect(walk(entries)).toMatchObject({ seq: '3', problem: 'wrong-link' });
  });

  it('names an entry inserted between others and numbered to fit', () => {
    const entries = chain(4);
    // Inserted after entry 2 as entry 3, the old 3 and 4 renumbered 4 and 5 with their links kept.
    const inserted = { ...first, seq: '3', subjectId: 'inserted', prevHash: entries[1]!.hash };
    const renumbered = entries.slice(2).map((e, i) => ({ ...e, seq: String(4 + i) }));
    const broken = walk([...entries.slice(0, 2), { ...inserted, hash: entryHash(inserted) }, ...renumbered]);
    expect(broken).toMatchObject({ seq: '4', problem: 'wrong-link' });
  });

  it('names an entry out of order', () => {
    const entries = chain(3);
    expect(walk([entries[0]!, entries[1]!, entries[0]!])).toMatchObject({ seq: '1', problem: 'out-of-order' });
  });

  it('with an anchor: tells entries cut off the end, and a chain rewritten whole', () => {
    const entries = chain(5);
    const anchor = { seq: '5', hash: entries[4]!.hash };
    expect(walk(entries, anchor)).toMatchObject({ intact: 5 });
    expect(walk(entries.slice(0, 3), anchor)).toMatchObject({ seq: '3', problem: 'missing-at-end' });
    const rewritten = chain(5).map((e) => ({ ...e }));
    rewritten[4] = { ...rewritten[4]!, subjectId: 'rewritten' };
    rewritten[4].hash = entryHash(rewritten[4]);
    expect(walk(rewritten, anchor)).toMatchObject({ seq: '5', problem: 'not-the-anchor' });
  });
});
