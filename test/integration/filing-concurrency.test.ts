// Filings under concurrency (issue 9, item 9): an Idempotency-Key makes retries racing each other one filing; a
// key reused for another body is refused (422 IDEMPOTENCY_KEY_REUSED); a unit files once per year however many
// requests race (409 FILING_EXISTS naming the filing under way), and a returned filing does not block a new one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { jsonRequest, type RawResponse } from '../support/hostile/http.ts';
import { expectRefusal, rowCounts } from '../support/hostile/refusal.ts';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ WORKERS: 'off' });
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

const RACERS = 10;

function file(token: string, body: unknown, key?: string): Promise<RawResponse> {
  return jsonRequest(system.apiUrl, 'POST', '/api/filings', { token, body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
}

/** The same request from RACERS clients at once. */
function race(send: (i: number) => Promise<RawResponse>): Promise<RawResponse[]> {
  return Promise.all(Array.from({ length: RACERS }, (_, i) => send(i)));
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await system.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]?.n ?? -1;
}

/** What one stored filing brings with it: its row, its first status, its engine command, its audit row. */
async function footprint(uscc: string) {
  const ids = (await system.db.query<{ id: string }>('select id from filings where employer_uscc = $1 order by created_at', [uscc])).rows.map((r) => r.id);
  return {
    filings: ids.length,
    history: await count(`filing_status_history where filing_id = any($1::uuid[]) and step = 'filed'`, [ids]),
    outbox: await count(`outbox where business_key = any($1::text[])`, [ids]),
    audited: await count(`audit_log where action = 'filing.create' and subject_id = any($1::text[])`, [ids]),
  };
}

const statuses = (answers: RawResponse[]) => answers.map((a) => a.status).sort();
const shown = (answers: RawResponse[]) => answers.map((a) => `${a.status} ${a.text.slice(0, 200)}`).join('\n');

let seed = 6_200_000;
async function freshUnit(opts: { year?: number } = {}) {
  const filing = syntheticFiling(seed++, opts) as any;
  const token = await system.login({ role: 'employer', uscc: filing.employer.uscc });
  return { filing, token, uscc: filing.employer.uscc as string };
}

describe('Idempotency-Key', () => {
  it(`${RACERS} concurrent POSTs with one key and one body: one 201, the rest 200, all the same id, one filing`, async () => {
    const { filing, token, uscc } = await freshUnit();
    const answers = await race(() => file(token, filing, 'race-same-body'));
    expect(statuses(answers), shown(answers)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.body?.id));
    expect(ids.size, shown(answers)).toBe(1);
    for (const a of answers) expect(String(a.headers['content-type'])).toMatch(/^application\/json/);
    expect(await footprint(uscc)).toEqual({ filings: 1, history: 1, outbox: 1, audited: 1 });
  });

  it('the same key with a different body: 422 IDEMPOTENCY_KEY_REUSED naming the first filing, nothing written', async () => {
    const { filing, token, uscc } = await freshUnit();
    const first = await file(token, filing, 'reused-key');
    expect(first.status, first.text).toBe(201);
    const before = await rowCounts(system.db);
    const changed = structuredClone(filing);
    changed.employees[0].jobPost = '质检员';
    const again = await file(token, changed, 'reused-key');
    expectRefusal(again, { status: 422 });
    expect(again.body?.code, again.text).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(again.body?.filingId, again.text).toBe(first.body.id);
    expect(await rowCounts(system.db)).toEqual(before);
    expect(await footprint(uscc)).toEqual({ filings: 1, history: 1, outbox: 1, audited: 1 });
  });

  it(`${RACERS} concurrent POSTs with one key and ${RACERS} different bodies: one 201, the rest 422 naming it`, async () => {
    const { filing, token, uscc } = await freshUnit();
    const answers = await race((i) => file(token, { ...filing, employer: { ...filing.employer, averageStaffCount: 300 + i } }, 'race-other-bodies'));
    expect(statuses(answers), shown(answers)).toEqual([201, ...Array<number>(RACERS - 1).fill(422)]);
    const created = answers.find((a) => a.status === 201) as RawResponse;
    for (const a of answers.filter((x) => x.status === 422)) {
      expectRefusal(a, { status: 422 });
      expect(a.body?.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(a.body?.filingId).toBe(created.body.id);
    }
    expect(await footprint(uscc)).toEqual({ filings: 1, history: 1, outbox: 1, audited: 1 });
  });
});

describe('one filing per unit and year', () => {
  it(`${RACERS} concurrent filings for one unit and year with different keys: one 201, the rest 409 FILING_EXISTS naming it`, async () => {
    const { filing, token, uscc } = await freshUnit();
    const answers = await race((i) => file(token, filing, `racer-${i}`));
    expect(statuses(answers), shown(answers)).toEqual([201, ...Array<number>(RACERS - 1).fill(409)]);
    const created = answers.find((a) => a.status === 201) as RawResponse;
    for (const a of answers.filter((x) => x.status === 409)) {
      expectRefusal(a, { status: 409 });
      expect(a.body?.code, a.text).toBe('FILING_EXISTS');
      expect(a.body?.filingId, a.text).toBe(created.body.id);
    }
    expect(await footprint(uscc)).toEqual({ filings: 1, history: 1, outbox: 1, audited: 1 });
  });

  it(`${RACERS} concurrent filings for one unit and year without any key: one 201, the rest 409`, async () => {
    const { filing, token, uscc } = await freshUnit();
    const answers = await race(() => file(token, filing));
    expect(statuses(answers), shown(answers)).toEqual([201, ...Array<number>(RACERS - 1).fill(409)]);
    const created = answers.find((a) => a.status === 201) as RawResponse;
    expect(answers.filter((a) => a.status === 409).every((a) => a.body?.code === 'FILING_EXISTS' && a.body?.filingId === created.body.id), shown(answers)).toBe(true);
    expect(await footprint(uscc)).toEqual({ filings: 1, history: 1, outbox: 1, audited: 1 });
  });

  it('a later filing for the same unit and year, online or at the window: 409 naming the one under way, nothing written', async () => {
    const { filing, token } = await freshUnit();
    const first = await file(token, filing, 'first');
    expect(first.status, first.text).toBe(201);
    const before = await rowCounts(system.db);

    const online = await file(token, { ...filing, employer: { ...filing.employer, averageStaffCount: 310 } }, 'second');
    expectRefusal(online, { status: 409 });
    expect(online.body).toMatchObject({ code: 'FILING_EXISTS', filingId: first.body.id });

    const clerk = await system.login({ role: 'clerk', regionCode: filing.employer.regionCode });
    const window = await file(clerk, { ...filing, channel: 'window' });
    expectRefusal(window, { status: 409 });
    expect(window.body).toMatchObject({ code: 'FILING_EXISTS', filingId: first.body.id });
    expect(await rowCounts(system.db)).toEqual(before);
  });

  it('a returned filing does not block a new one, and the new one then blocks the next', async () => {
    const { filing, token, uscc } = await freshUnit();
    const first = await file(token, filing, 'before-return');
    expect(first.status, first.text).toBe(201);
    await system.db.query(`update filings set status = 'returned', updated_at = now() where id = $1`, [first.body.id]);

    const second = await file(token, filing, 'after-return');
    expect(second.status, second.text).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect((await footprint(uscc)).filings).toBe(2);

    const third = await file(token, filing, 'after-the-new-one');
    expectRefusal(third, { status: 409 });
    expect(third.body).toMatchObject({ code: 'FILING_EXISTS', filingId: second.body.id });
    expect((await footprint(uscc)).filings).toBe(2);
  });

  it('another review year of the same unit is not blocked', async () => {
    const { filing, token, uscc } = await freshUnit({ year: 2025 });
    expect((await file(token, filing)).status).toBe(201);
    const earlier = syntheticFiling(seed - 1, { year: 2024 });
    const res = await file(token, earlier);
    expect(res.status, res.text).toBe(201);
    expect((await footprint(uscc)).filings).toBe(2);
  });
});
