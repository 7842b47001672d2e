// A department is asked once per external task, whatever dies when: a task handed out again after its answer was kept
// (the worker or the engine died before the completion reached the engine) completes from the kept answer, over real
// HTTP to the medical simulator and the run's real database; a new task about the same filing asks again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMedicalClient, type MedicalClient } from '../../connectors/medical/client.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { createVerifyMedicalHandler } from '../../workers/verify-medical.ts';
import { storingEvidence } from '../../workers/store-evidence.ts';
import type { Job } from '../../workers/job-outcome.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { storeUnitFiling } from '../support/unit-filings.ts';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

describe('a department check handed out again', () => {
  it('completes from the answer kept by the same task, and asks again only for a new task', async () => {
    const filing = syntheticFiling(Math.floor(Math.random() * 1e9), { year: 2025 });
    const filingId = await storeUnitFiling(system.db, filing, 2025);
    const real = createMedicalClient(system.config);
    const asked: string[] = [];
    const counting: Pick<MedicalClient, 'query'> = { query: (query, key) => (asked.push(key), real.query(query, key)) };
    const check = storingEvidence(system.db, 'medical', createVerifyMedicalHandler({ db: system.db, client: counting }));
    const job = (key: string): Job => ({ key, variables: { filingId }, retries: 3 });
    const kept = async () => (await system.db.query('select external_task_id, facts from review_evidence where filing_id = $1 and source = $2', [filingId, 'medical'])).rows;

    expect(await check(job('task-1'))).toEqual({ kind: 'complete', variables: {} });
    expect(asked).toHaveLength(1);
    const [first] = await kept();
    expect(first.external_task_id).toBe('task-1');
    expect(first.facts.medical).toHaveLength(filing.employees.length);

    // The same task again (its completion never reached the engine): nothing asked, the same answer kept.
    expect(await check(job('task-1'))).toEqual({ kind: 'complete', variables: {} });
    expect(asked).toHaveLength(1);
    expect(await kept()).toEqual([first]);

    // Another task about the filing (a re-review) is a new question.
    expect(await check(job('task-2'))).toEqual({ kind: 'complete', variables: {} });
    expect(asked).toHaveLength(2);
    expect((await kept())[0].external_task_id).toBe('task-2');
  });
});
