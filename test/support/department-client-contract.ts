// The contract every department client meets, as nock sees it: the behaviour of platform/department-http.ts
// (timeouts, retries, the Idempotency-Key, the three error classes, masking) and of the two query kits
// (connectors/certificate-query/, connectors/person-month-query/). A connector's client.test.ts calls the
// contracts that apply to it inside its own describe and keeps only the tests of what is its own.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CERTS_PER_QUERY, type CertificateRecord } from '../../connectors/certificate-query/schema.ts';
import { MAX_ID_NUMBERS_PER_QUERY, type PersonMonthQuery, type PersonMonthRecord } from '../../connectors/person-month-query/schema.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable, type Method } from '../../platform/department-http.ts';
import { failureOf } from './failure-of.ts';

export { failureOf };

/** The call settings every client takes; the back-off is shortened so retries cost nothing. */
export interface CallSettings {
  departmentTimeoutMs: number;
  departmentRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const CALL_SETTINGS: CallSettings = {
  // Generous, so a busy machine never times out a call that is meant to succeed.
  departmentTimeoutMs: 2000,
  departmentRetries: 2,
  baseDelayMs: 1,
  maxDelayMs: 2,
};

/** No real network in a client test, and no interceptor outlives its test. Call once at the top of the file. */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());
}

/** A reply that is held back, headers and all, until released: a slow department, without a fixed sleep. */
function heldBack(body: unknown) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    reply: async (): Promise<[number, unknown]> => {
      await released;
      return [200, body];
    },
    release,
  };
}

const issueLines = (error: unknown) => (error as DepartmentBadAnswer).issues.map((i) => `${i.path} ${i.code}`);

export interface DepartmentClientContract<C> {
  /** The department's name in errors, e.g. "dpf". */
  department: string;
  /** Where nock listens, e.g. "http://dpf.test". */
  origin: string;
  method: Method;
  /** The path nock sees, base URL's path included, e.g. "/dpf/certificates/query". */
  path: string;
  /** The path the errors name: relative to the client's base URL, e.g. "/certificates/query". */
  departmentPath: string;
  /** A client at `origin` with these call settings. */
  makeClient: (settings: CallSettings) => C;
  /** The one call under test, with this idempotency key. */
  call: (client: C, idempotencyKey: string) => Promise<unknown>;
  idempotencyKey: string;
  /** The body the call must send (POST). */
  requestBody?: unknown;
  /** A well-formed answer and what the call returns for it. */
  validReply: unknown;
  expected: unknown;
  /** A reply carrying fields outside the contract; the call must return `expected` for it all the same. */
  replyWithExtraFields: unknown;
  /** A 2xx answer of the wrong shape and its issues, "path CODE", in any order. */
  malformed: { reply: unknown; issues: string[] };
  /** The status whose repeats exhaust the retries; 503 unless given. */
  unavailableStatus?: number;
  /** The refusal the call must not retry; HTTP 400 unless given. */
  rejected?: { status: number; body: unknown; meaning?: string };
  /** Personal numbers the call carries, which no error message may name. */
  personalNumbers?: string[];
}

/** Registers the shared cases inside the caller's describe. */
export function departmentClientContract<C>(contract: DepartmentClientContract<C>): void {
  const { department, origin, method, path, departmentPath, call, idempotencyKey: key, validReply, expected } = contract;
  const client = (overrides: Partial<CallSettings> = {}) => contract.makeClient({ ...CALL_SETTINGS, ...overrides });
  const intercept = (body?: unknown) => nock(origin).intercept(path, method, body as nock.RequestBodyMatcher | undefined);
  const rejected = contract.rejected ?? { status: 400, body: { error: 'bad_request' } };
  const unavailableStatus = contract.unavailableStatus ?? 503;
  /** Answers up to three attempts with `reply`, counting them: a call that does not retry makes one. */
  const answerEveryAttempt = (reply: [number, unknown]) => {
    const attempts = { count: 0 };
    intercept()
      .times(3)
      .reply(() => {
        attempts.count++;
        return reply;
      });
    return attempts;
  };
  const namesNoPersonalNumber = (error: unknown) => {
    for (const n of contract.personalNumbers ?? []) expect((error as Error).message).not.toContain(n);
  };

  it(`sends one ${method} with JSON headers${contract.requestBody === undefined ? '' : ' and the query'} and returns the answer`, async () => {
    let scope = intercept(contract.requestBody).matchHeader('accept', 'application/json');
    if (method === 'POST') scope = scope.matchHeader('content-type', 'application/json');
    scope.reply(200, validReply as nock.Body);
    await expect(call(client(), key)).resolves.toEqual(expected);
    expect(nock.isDone()).toBe(true);
  });

  it('keeps only the contract fields of an answer', async () => {
    intercept().reply(200, contract.replyWithExtraFields as nock.Body);
    await expect(call(client(), key)).resolves.toEqual(expected);
  });

  it('retries after a timeout and returns the next answer', async () => {
    const slow = heldBack(validReply);
    try {
      intercept().reply(slow.reply);
      intercept().reply(200, validReply as nock.Body);
      await expect(call(client({ departmentTimeoutMs: 200 }), key)).resolves.toEqual(expected);
      expect(nock.isDone()).toBe(true);
    } finally {
      slow.release();
    }
  });

  it('names the timeout as the last cause when no retry is left', async () => {
    const slow = heldBack(validReply);
    try {
      intercept().reply(slow.reply);
      const error = await failureOf(call(client({ departmentTimeoutMs: 200, departmentRetries: 0 }), key));
      expect(error).toBeInstanceOf(DepartmentUnavailable);
      expect((error as DepartmentUnavailable).message).toBe(
        `${department} unavailable: ${method} ${departmentPath} failed after 1 attempt(s); last: timed out after 200 ms`,
      );
    } finally {
      slow.release();
    }
  });

  it('retries after a network error', async () => {
    intercept().replyWithError('socket hang up');
    intercept().reply(200, validReply as nock.Body);
    await expect(call(client(), key)).resolves.toEqual(expected);
    expect(nock.isDone()).toBe(true);
  });

  it('names a network error as the last cause', async () => {
    intercept().times(3).replyWithError('socket hang up');
    const error = await failureOf(call(client(), key));
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect((error as DepartmentUnavailable).lastCause).toBe('network error: socket hang up');
  });

  it(`throws DepartmentUnavailable naming department, path, attempts and cause, but no number, when ${unavailableStatus} outlasts the retries`, async () => {
    intercept().times(3).reply(unavailableStatus, 'down');
    const error = await failureOf(call(client(), key));
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    const unavailable = error as DepartmentUnavailable;
    expect(unavailable.attempts).toBe(3);
    expect(unavailable.message).toBe(
      `${department} unavailable: ${method} ${departmentPath} failed after 3 attempt(s); last: HTTP ${unavailableStatus}`,
    );
    namesNoPersonalNumber(error);
    expect(nock.isDone()).toBe(true);
  });

  it('retries 429 and 5xx, sending the same Idempotency-Key on every attempt', async () => {
    // Each interceptor only matches a request carrying the key, so a missing or changed key fails the call.
    for (const status of [429, 500, 502, 503]) intercept().matchHeader('idempotency-key', key).reply(status, 'busy');
    intercept().matchHeader('idempotency-key', key).reply(200, validReply as nock.Body);
    await expect(call(client({ departmentRetries: 4 }), key)).resolves.toEqual(expected);
    expect(nock.isDone()).toBe(true);
  });

  it('throws DepartmentBadAnswer for a malformed 2xx body and does not retry', async () => {
    const attempts = answerEveryAttempt([200, contract.malformed.reply]);
    const error = await failureOf(call(client(), key));
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect(issueLines(error).sort()).toEqual([...contract.malformed.issues].sort());
    namesNoPersonalNumber(error);
    expect(attempts.count).toBe(1);
  });

  it('throws DepartmentBadAnswer for a body that is not JSON, and does not retry', async () => {
    const attempts = answerEveryAttempt([200, '<html>maintenance</html>']);
    const error = await failureOf(call(client(), key));
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues).toEqual([{ path: '/', code: 'NOT_JSON' }]);
    expect(attempts.count).toBe(1);
  });

  it(`throws DepartmentRejected on HTTP ${rejected.status}${rejected.meaning ? ` (${rejected.meaning})` : ''} without retrying`, async () => {
    const attempts = answerEveryAttempt([rejected.status, rejected.body]);
    const error = await failureOf(call(client(), key));
    expect(error).toBeInstanceOf(DepartmentRejected);
    expect((error as DepartmentRejected).status).toBe(rejected.status);
    expect((error as Error).message).toBe(`${department} rejected ${method} ${departmentPath}: HTTP ${rejected.status} ${JSON.stringify(rejected.body)}`);
    expect(attempts.count).toBe(1);
  });

  it('masks personal numbers a department echoes in a refusal, so they never reach an incident', async () => {
    intercept().reply(422, { error: 'unknown legal representative 11010519491231002X' });
    const error = await failureOf(call(client(), key));
    expect(error).toBeInstanceOf(DepartmentRejected);
    expect((error as Error).message).toContain('1101**********002X');
    expect((error as Error).message).not.toContain('11010519491231002X');
  });
}

export interface CertificateQueryClientContract<C, R extends CertificateRecord> {
  department: string;
  origin: string;
  /** The path nock sees, e.g. "/dpf/certificates/query". */
  path: string;
  client: C;
  queryCertificates: (client: C, certNumbers: readonly string[], idempotencyKey: string) => Promise<R[]>;
  idempotencyKey: string;
  /** A certificate the department holds, and another the query does not ask about. */
  held: R & { idNumber: string };
  stranger: R;
  /** `count` distinct, well-formed certificate numbers. */
  manyNumbers: (count: number) => string[];
}

/** The certificate-query kit's cases: de-duplication, splitting, and answers about numbers not asked. */
export function certificateQueryClientContract<C, R extends CertificateRecord>(contract: CertificateQueryClientContract<C, R>): void {
  const { department, origin, path, client, queryCertificates, idempotencyKey: key, held, stranger } = contract;

  describe('certificate query', () => {
    it('asks for a repeated number once, and not at all for an empty list', async () => {
      const scope = nock(origin).post(path, { certNumbers: [held.certNumber] }).reply(200, { certificates: [held] });
      await expect(queryCertificates(client, [held.certNumber, held.certNumber], key)).resolves.toEqual([held]);
      expect(scope.isDone()).toBe(true);
      await expect(queryCertificates(client, [], key)).resolves.toEqual([]);
    });

    it('splits a list longer than one query may carry, each part with its own key', async () => {
      const many = contract.manyNumbers(MAX_CERTS_PER_QUERY + 1);
      expect(new Set(many).size).toBe(MAX_CERTS_PER_QUERY + 1);
      const scope = nock(origin)
        .post(path, { certNumbers: many.slice(0, MAX_CERTS_PER_QUERY) })
        .matchHeader('idempotency-key', `${key}:part-1`)
        .reply(200, { certificates: [] })
        .post(path, { certNumbers: [many.at(-1)!] })
        .matchHeader('idempotency-key', `${key}:part-2`)
        .reply(200, { certificates: [] });
      await expect(queryCertificates(client, many, key)).resolves.toEqual([]);
      expect(scope.isDone()).toBe(true);
    });

    it('treats a certificate that was not asked for, or one answered twice, as a bad answer without naming it', async () => {
      nock(origin).post(path).reply(200, { certificates: [held, stranger, held] });
      const error = await failureOf(queryCertificates(client, [held.certNumber, contract.manyNumbers(1)[0]!], key));
      expect(error).toBeInstanceOf(DepartmentBadAnswer);
      expect((error as DepartmentBadAnswer).issues).toEqual([
        { path: '/certificates/1/certNumber', code: 'NOT_ASKED' },
        { path: '/certificates/2/certNumber', code: 'DUPLICATE' },
      ]);
      const message = (error as Error).message;
      expect(message).toBe(
        `${department} bad answer to POST /certificates/query (HTTP 200): /certificates/1/certNumber NOT_ASKED; /certificates/2/certNumber DUPLICATE`,
      );
      for (const n of [held.certNumber, held.idNumber, stranger.certNumber]) expect(message).not.toContain(n);
    });
  });
}

export interface PersonMonthQueryClientContract<C, R extends PersonMonthRecord> {
  origin: string;
  /** The path nock sees, e.g. "/medical/contributions/query". */
  path: string;
  client: C;
  query: (client: C, query: PersonMonthQuery, idempotencyKey: string) => Promise<R[]>;
  idempotencyKey: string;
  /** Names the query in the error refusing a list, e.g. "pension". */
  queryName: string;
  /** The query asks about `person` at `unit` in `year`; `other` and `otherUnit` are not asked about. */
  unit: string;
  otherUnit: string;
  person: string;
  other: string;
  year: number;
  /** A well-formed record of this service. */
  record: (idNumber: string, uscc: string, month: string) => R;
  /** For a service with one fact per person-month: two records of one month that contradict, and the issue's path. */
  conflict?: { records: [R, R]; path: string };
}

/** The person-month kit's cases: the list refused before calling, and answers about what was not asked. */
export function personMonthQueryClientContract<C, R extends PersonMonthRecord>(contract: PersonMonthQueryClientContract<C, R>): void {
  const { origin, path, client, idempotencyKey: key, queryName, unit, otherUnit, person, other, year, record } = contract;
  const asked: PersonMonthQuery = { uscc: unit, year, idNumbers: [person] };
  const query = (q: PersonMonthQuery) => contract.query(client, q, key);
  const refusal = (count: number) => `a ${queryName} query needs 1 to ${MAX_ID_NUMBERS_PER_QUERY} distinct ID numbers, got ${count}`;

  describe('person-month query', () => {
    it('accepts an empty answer', async () => {
      nock(origin).post(path).reply(200, { records: [] });
      await expect(query(asked)).resolves.toEqual([]);
    });

    it('refuses an empty, oversized or repeating list before calling', async () => {
      // No interceptor is set: a call that reached the network would fail otherwise.
      const oversized = Array.from({ length: MAX_ID_NUMBERS_PER_QUERY + 1 }, (_, i) => String(i));
      for (const idNumbers of [[], oversized, [person, person]]) {
        const error = await failureOf(query({ ...asked, idNumbers }));
        expect(error).toBeInstanceOf(RangeError);
        expect((error as Error).message).toBe(refusal(idNumbers.length));
      }
    });

    it('treats records about another person, unit or year as a bad answer, without naming the person', async () => {
      const month = `${year}-01`;
      nock(origin)
        .post(path)
        .reply(200, {
          records: [record(person, unit, month), record(other, unit, month), record(person, otherUnit, month), record(person, unit, `${year - 1}-12`)],
        });
      const error = await failureOf(query(asked));
      expect(error).toBeInstanceOf(DepartmentBadAnswer);
      expect(issueLines(error)).toEqual(['/records/1/idNumber MISMATCH', '/records/2/uscc MISMATCH', '/records/3/month MISMATCH']);
      expect((error as Error).message).not.toContain(other);
      expect((error as Error).message).not.toContain(person);
    });

    it('reports at most ten wrong records and counts the rest', async () => {
      const strangers = Array.from({ length: 12 }, (_, i) => record(other, unit, `${year}-${String(i + 1).padStart(2, '0')}`));
      nock(origin).post(path).reply(200, { records: strangers });
      const error = await failureOf(query(asked));
      expect(error).toBeInstanceOf(DepartmentBadAnswer);
      const { issues } = error as DepartmentBadAnswer;
      expect(issues).toHaveLength(11);
      expect(issues[10]).toEqual({ path: '/records', code: 'MORE_ISSUES', params: { count: 2 } });
    });

    if (contract.conflict) {
      const { records, path: issuePath } = contract.conflict;
      it('treats two contradicting records of one month as a bad answer', async () => {
        nock(origin).post(path).reply(200, { records });
        const error = await failureOf(query(asked));
        expect(error).toBeInstanceOf(DepartmentBadAnswer);
        expect((error as DepartmentBadAnswer).issues).toEqual([{ path: issuePath, code: 'CONFLICT' }]);
      });
    }
  });
}
