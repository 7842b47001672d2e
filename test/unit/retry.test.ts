import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs, retryWithBackoff } from '../../platform/retry.ts';

class Flaky extends Error {}

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const base = { baseDelayMs: 100, maxDelayMs: 250, isRetryable: (e: unknown) => e instanceof Flaky };

describe('retryWithBackoff', () => {
  it('returns the first success without waiting', async () => {
    const { waits, sleep } = recorder();
    await expect(retryWithBackoff(async (n) => n, { ...base, retries: 3, sleep })).resolves.toBe(1);
    expect(waits).toEqual([]);
  });

  it('retries retryable errors, numbering attempts from 1', async () => {
    const { waits, sleep } = recorder();
    const seen: number[] = [];
    const result = await retryWithBackoff(
      async (n) => {
        seen.push(n);
        if (n < 3) throw new Flaky(`attempt ${n}`);
        return 'ok';
      },
      { ...base, retries: 3, sleep, random: () => 0.5 },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
    expect(waits).toEqual([50, 100]);
  });

  it('rethrows a non-retryable error at once', async () => {
    const { waits, sleep } = recorder();
    const fatal = new Error('fatal');
    let attempts = 0;
    const run = retryWithBackoff(
      async () => {
        attempts++;
        throw fatal;
      },
      { ...base, retries: 5, sleep },
    );
    await expect(run).rejects.toBe(fatal);
    expect(attempts).toBe(1);
    expect(waits).toEqual([]);
  });

  it('rethrows the last error when the retries run out', async () => {
    const { waits, sleep } = recorder();
    const run = retryWithBackoff(
      async (n) => {
        throw new Flaky(`attempt ${n}`);
      },
      { ...base, retries: 2, sleep, random: () => 0 },
    );
    await expect(run).rejects.toThrow('attempt 3');
    expect(waits).toEqual([0, 0]);
  });

  it('waits what a failure asks for instead of backing off, and backs off when it asks nothing', async () => {
    class Busy extends Flaky {
      constructor(readonly waitMs?: number) {
        super('busy');
      }
    }
    const { waits, sleep } = recorder();
    const asked = [1000, undefined, 0];
    const result = await retryWithBackoff(
      async (n) => {
        if (n <= asked.length) throw new Busy(asked[n - 1]);
        return 'ok';
      },
      { ...base, retries: 3, sleep, random: () => 0.5, requestedDelayMs: (e) => (e instanceof Busy ? e.waitMs : undefined) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([1000, 100, 0]);
  });

  it('tries once when retries is 0', async () => {
    let attempts = 0;
    const run = retryWithBackoff(
      async () => {
        attempts++;
        throw new Flaky('once');
      },
      { ...base, retries: 0, sleep: async () => {} },
    );
    await expect(run).rejects.toThrow('once');
    expect(attempts).toBe(1);
  });
});

describe('backoffDelay', () => {
  it('doubles the cap per retry up to the maximum, with full jitter below it', () => {
    const top = { ...base, random: () => 0.999999 };
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, top))).toEqual([99, 199, 249, 249]);
    expect(backoffDelay(4, { ...base, random: () => 0 })).toBe(0);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-04-01T08:00:00.000Z');

  it('reads delay-seconds', () => {
    expect(retryAfterMs('1', now)).toBe(1000);
    expect(retryAfterMs(' 120 ', now)).toBe(120_000);
    expect(retryAfterMs('0', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until it, none when it has passed', () => {
    expect(retryAfterMs('Tue, 01 Apr 2025 08:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tuesday, 01-Apr-25 08:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 01 Apr 2025 07:59:00 GMT', now)).toBe(0);
  });

  it('gives nothing for a missing or unreadable value', () => {
    for (const value of [undefined, null, '', ' ', '-1', '1.5', '1e3', 'soon', 'Tue Apr  1 08:00:30 2025', 'Tue, 99 Foo 2025 08:00:30 GMT']) {
      expect(retryAfterMs(value, now), JSON.stringify(value)).toBeUndefined();
    }
  });
});
