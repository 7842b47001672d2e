// The wait before a dead part is started again: doubling while it keeps dying soon after a start, capped, and
// back to the first wait once it had stayed up long enough.
import { describe, expect, it } from 'vitest';
import { RestartBackoff } from '../../scripts/supervisor/restart-backoff.ts';
import { LastLines } from '../../scripts/supervisor/last-lines.ts';

describe('restart back-off', () => {
  it('doubles from 1 s up to 30 s while the part dies within a minute, and starts over after a minute up', () => {
    const backoff = new RestartBackoff();
    expect([5_000, 0, 10, 59_999, 0, 0, 0].map((up) => backoff.next(up))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(backoff.next(60_000)).toBe(1_000);
    expect(backoff.next(0)).toBe(2_000);
  });
});

describe('last lines', () => {
  it('keeps the last lines written, across chunks, without blank ones', () => {
    const tail = new LastLines(3);
    tail.add('one\ntw');
    tail.add('o\n\nthree\nfour\nfi');
    expect(tail.all()).toEqual(['three', 'four', 'fi']);
    tail.add('ve\n');
    expect(tail.all()).toEqual(['three', 'four', 'five']);
  });
});
