// The preamble every department check about one filing shares, written once: the only variable is the filing's id
// (personal numbers never travel as process variables, they stay in the database), the filing is loaded, and each
// kind of failure becomes the outcome the engine needs (departmentJob). What is left to a check is its own logic.
import type { StoredFiling } from '../filings/filing-store.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import type { EvidenceSource } from '../review/review-store.ts';
import { departmentJob, filingIdSchema, filingOf, jobVariables } from './department-job.ts';
import type { ElementTemplate } from './element-templates/load-element-templates.ts';
import type { JobHandler, JobOutcome } from './job-outcome.ts';
import { storingEvidence } from './store-evidence.ts';
import { topicModule, type Department, type TopicIdentity, type TopicModule } from './topic-module.ts';

export interface FilingJobVariables {
  filingId: string;
}

/** What a filing job's body is given. */
export interface FilingJobContext {
  filingId: string;
  filing: StoredFiling;
  /** Keyed by filing, not job: a retried or redelivered job is the same question to the department. */
  idempotencyKey: string;
}

// The process carries many more variables; only this is the job's business.
const checkVariables = compileSchema<FilingJobVariables>({
  type: 'object',
  required: ['filingId'],
  properties: { filingId: filingIdSchema },
});

export function filingJob<Out extends object>(
  topic: TopicIdentity,
  db: Db,
  body: (context: FilingJobContext) => Promise<JobOutcome<Out>>,
): JobHandler<FilingJobVariables, Out> {
  return departmentJob(topic, async (job) => {
    const { filingId } = jobVariables(topic.topic, checkVariables, job.variables);
    const filing = await filingOf(db, topic.topic, filingId);
    return body({ filingId, filing, idempotencyKey: `${filingId}:${topic.topic}` });
  });
}

/** A department check about one filing, as its topic module declares it. */
export interface FilingCheck<Topic extends string, Client> {
  topic: Topic;
  department: Department;
  template: ElementTemplate;
  /** Where the answer is kept with the filing: it is evidence, not a process variable. */
  evidence: EvidenceSource;
  client: (config: Config) => Client;
  handler: (deps: { db: Db; client: Client }) => JobHandler<unknown, object>;
}

/** The topic module of a department check about one filing: it reads only `filingId`, and keeps the answer as evidence. */
export function filingCheckTopic<const Topic extends string, Client>(check: FilingCheck<Topic, Client>): TopicModule<Topic> {
  const { topic, department, template, evidence, client, handler } = check;
  return topicModule({
    topic,
    variables: ['filingId'] satisfies (keyof FilingJobVariables)[],
    department,
    template,
    handler: ({ config, db }) => storingEvidence(db, evidence, handler({ db, client: client(config) })),
  });
}
