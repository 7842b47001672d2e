// Unit tests of the market-regulation share-back client against nock: the department-client contract as this
// connector sees it, and what is its own: only the contract's fields are sent, and an answer must answer the batch
// (every unit once, no other, an acceptance with its receipt, a rejection with its reason).
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import { DepartmentBadAnswer } from '../../platform/department-http.ts';
import { CALL_SETTINGS, departmentClientContract, failureOf, useNock } from '../../test/support/department-client-contract.ts';
import { createMarketShareClient, type MarketShareClient } from './client.ts';
import type { EmploymentReportBatch, EmploymentReportResult } from './schema.ts';

const ORIGIN = 'http://samr.test';
const PATH = '/market-share/employment-reports';
const KEY = 'employment-share:2025:abc';

const random = seededRandom(31031);
const [first, second] = [syntheticUscc(random, { prefix: '91', regionCode: '330106' }), syntheticUscc(random, { prefix: '91', regionCode: '330203' })];
const batch: EmploymentReportBatch = {
  year: 2025,
  reports: [
    { uscc: first, year: 2025, staffCount: 120, disabledEmployees: 2, certifiedCount: 2.5, requiredCount: 1.8 },
    { uscc: second, year: 2025, staffCount: 40, disabledEmployees: 0, certifiedCount: 0, requiredCount: 0.6 },
  ],
};
const results: EmploymentReportResult[] = [
  { uscc: first, outcome: 'accepted', receiptNumber: 'SCJG-2025-0001' },
  { uscc: second, outcome: 'rejected', reason: '该市场主体已注销' },
];

const makeClient = (settings: typeof CALL_SETTINGS) => createMarketShareClient({ marketShareUrl: `${ORIGIN}/market-share`, ...settings });

useNock();

describe('market-share client', () => {
  departmentClientContract({
    department: 'market-share',
    origin: ORIGIN,
    method: 'POST',
    path: PATH,
    departmentPath: '/employment-reports',
    makeClient,
    call: (client: MarketShareClient, key) => client.shareEmployment(batch, key),
    idempotencyKey: KEY,
    requestBody: batch,
    validReply: { results },
    expected: results,
    replyWithExtraFields: { results: results.map((r) => ({ ...r, office: '浙江省市场监督管理局' })), batchId: 'B-1' },
    malformed: {
      reply: { results: [{ uscc: first, outcome: 'maybe' }] },
      issues: ['/results/0/outcome FORMAT'],
    },
    rejected: { status: 409, body: { error: 'idempotency_key_reused' }, meaning: 'the key was used for another batch' },
  });

  it('sends only the contract fields of each report', async () => {
    const scope = nock(ORIGIN).post(PATH, batch as unknown as nock.DataMatcherMap).reply(200, { results });
    const sloppy = { ...batch, note: 'x', reports: batch.reports.map((r) => ({ ...r, name: '某公司' })) } as EmploymentReportBatch;
    await expect(makeClient(CALL_SETTINGS).shareEmployment(sloppy, KEY)).resolves.toEqual(results);
    expect(scope.isDone()).toBe(true);
  });

  it('takes an answer that misses a unit, names another, or lacks a receipt or reason for a bad answer', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ results: [results[0]] }, ['/results MISSING']],
      [{ results: [...results, { uscc: syntheticUscc(random, { prefix: '91', regionCode: '330102' }), outcome: 'accepted', receiptNumber: 'X' }] }, ['/results/2/uscc MISMATCH']],
      [{ results: [results[0], results[0], results[1]] }, ['/results/1/uscc DUPLICATE']],
      [{ results: [{ uscc: first, outcome: 'accepted' }, results[1]] }, ['/results/0/receiptNumber REQUIRED']],
      [{ results: [results[0], { uscc: second, outcome: 'rejected' }] }, ['/results/1/reason REQUIRED']],
    ];
    for (const [reply, issues] of cases) {
      nock(ORIGIN).post(PATH).reply(200, reply as nock.Body);
      const error = await failureOf(makeClient(CALL_SETTINGS).shareEmployment(batch, KEY));
      expect(error).toBeInstanceOf(DepartmentBadAnswer);
      expect((error as DepartmentBadAnswer).issues.map((i) => `${i.path} ${i.code}`)).toEqual(issues);
    }
  });
});
