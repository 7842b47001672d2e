// Job type `fetch-levy-collections` (processes/employment-share-back.bpmn, 附件2 §三): reads from the tax bureau the
// levy it collected per unit for the review year, page by page, and stores each unit-year (share-back/
// levy-collections.ts; a read again replaces, never doubles). Supervision shows it beside the estimate.
import { createTaxClient, type TaxClient } from '../connectors/tax/client.ts';
import { compileSchema } from '../platform/schema.ts';
import type { Db } from '../platform/db.ts';
import { replaceLevyCollections } from '../share-back/levy-collections.ts';
import template from './element-templates/fetch-levy-collections.json' with { type: 'json' };
import { departmentJob, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import { shareYearOf } from './share-employment-with-market-regulation.ts';
import { topicModule, type Department } from './topic-module.ts';

export const JOB_TYPE = 'fetch-levy-collections';

const DEPARTMENT: Department = { name: '税务（残保金征收情况）', service: '税务部门残保金征收情况查询接口', reviewCheck: false };

export interface FetchLevyCollectionsVariables {
  shareYear?: number | null;
}

export interface FetchLevyCollectionsResult {
  shareYear: number;
  levyCollectionsStored: number;
}

const checkVariables = compileSchema<FetchLevyCollectionsVariables>({
  type: 'object',
  properties: { shareYear: { type: ['integer', 'null'], minimum: 2000, maximum: 2100 } },
});

export function createFetchLevyCollectionsHandler(deps: { db: Db; client: Pick<TaxClient, 'levyCollections'>; now?: () => Date }): JobHandler<FetchLevyCollectionsVariables, FetchLevyCollectionsResult> {
  const now = deps.now ?? (() => new Date());
  return departmentJob({ topic: JOB_TYPE, department: DEPARTMENT }, async (job) => {
    const vars = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const year = vars.shareYear ?? shareYearOf(now());
    let after: string | null = null;
    let stored = 0;
    // Each page is stored as it comes: a read cut short by a failure is simply read again from the start.
    do {
      const page = await deps.client.levyCollections(year, after, `${JOB_TYPE}:${year}:${after ?? 'start'}`);
      await replaceLevyCollections(deps.db, page.items);
      stored += page.items.length;
      after = page.next;
    } while (after !== null);
    return complete({ shareYear: year, levyCollectionsStored: stored });
  });
}

export const fetchLevyCollectionsTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['shareYear'],
  department: DEPARTMENT,
  template,
  handler: ({ config, db }) => createFetchLevyCollectionsHandler({ db, client: createTaxClient(config) }),
});
