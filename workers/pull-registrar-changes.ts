// Job type `pull-registrar-changes`: reads one batch of a registrar's change feed (the task's `registrar` setting)
// after the sequence number the register was read up to, and applies it to the register of units. Each record is
// applied and the feed's cursor moved in one transaction, so a pull that dies mid-batch resumes where it stopped,
// losing and doubling nothing; a record at or below the cursor (a repeated batch) is skipped, records arriving out of
// order are applied in sequence order. A gap — the next record is not the cursor's successor — stops the feed with an
// incident naming the missing numbers: applying past it would lose those changes for good. The process
// (processes/master-data-sync.bpmn) pulls again while `moreRemain`.
import { createRegistrarChangesClient, type RegistrarChangesClient } from '../connectors/registrar-changes/client.ts';
import template from '../connectors/registrar-changes/element-template.json' with { type: 'json' };
import { MAX_FEED_LIMIT, REGISTRARS, type Registrar, type RegistrarChange } from '../connectors/registrar-changes/schema.ts';
import { inTransaction, type Db } from '../platform/db.ts';
import { DepartmentBadAnswer } from '../platform/department-http.ts';
import { applyRegisterChange, RegisterChangeRefused, type RegisterChangeRecord } from '../units/apply-register-change.ts';
import { departmentJob } from './department-job.ts';
import { complete, failForGood, type Job, type JobHandler, type JobOutcome } from './job-outcome.ts';
import { flagFilingsUnderWay } from './register-change-effects.ts';
import { topicModule, type Department } from './topic-module.ts';

export const JOB_TYPE = 'pull-registrar-changes';

const DEPARTMENT: Department = { name: '登记机关变更数据', service: '登记机关变更数据（市场监管、民政、编办，经省数据交换平台）', reviewCheck: false };

/** As the operations page and the incident name each feed. */
export const REGISTRAR_NAMES: Readonly<Record<Registrar, string>> = { samr: '市场监管部门', civil: '民政部门', org: '机构编制部门' };

const DEFAULT_BATCH_SIZE = 200;

export interface PullRegistrarChangesResult {
  /** The feed has more records after this batch: the process pulls again at once. */
  moreRemain: boolean;
  /** Records this pull applied (those read before are not counted). */
  appliedChanges: number;
  /** Where the feed is read up to now. */
  lastSequence: number;
}

export interface PullRegistrarChangesDeps {
  db: Db;
  client: Pick<RegistrarChangesClient, 'changesAfter'>;
  /** Called after each record's transaction commits; a test makes it fail to stop a pull mid-batch. */
  afterRecord?: (registrar: Registrar, sequence: number) => Promise<void> | void;
}

function setting(job: Job): { registrar: Registrar; batchSize: number } | null {
  const registrar = job.properties?.registrar;
  const batch = job.properties?.batchSize;
  const batchSize = batch === undefined ? DEFAULT_BATCH_SIZE : /^[0-9]{1,4}$/.test(batch) ? Number(batch) : NaN;
  if (!registrar || !(REGISTRARS as readonly string[]).includes(registrar) || !(batchSize >= 1 && batchSize <= MAX_FEED_LIMIT)) return null;
  return { registrar: registrar as Registrar, batchSize };
}

/** "12" or "12–15": the sequence numbers from `first` to `last`. */
function numbers(first: number, last: number): string {
  return first === last ? String(first) : `${first}–${last}`;
}

async function cursorOf(db: Db, registrar: Registrar): Promise<number> {
  const { rows } = await db.query<{ last_sequence: string }>('select last_sequence from registrar_feed_cursors where registrar = $1', [registrar]);
  return Number(rows[0]?.last_sequence ?? 0);
}

/**
 * Applies one record and moves the cursor to it, in one transaction. The cursor row is locked first, so two pulls of
 * one feed (a timer fired while the last still ran) take turns; a record the other pull applied meanwhile is skipped.
 */
async function applyOne(db: Db, registrar: Registrar, change: RegistrarChange): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ last_sequence: string }>('select last_sequence from registrar_feed_cursors where registrar = $1 for update', [registrar]);
    const cursor = Number(rows[0]!.last_sequence);
    if (change.sequence <= cursor) return false;
    if (change.sequence !== cursor + 1) throw new Error(`${registrar}: record ${change.sequence} after cursor ${cursor}`);
    const record: RegisterChangeRecord = { registrar, ...change };
    const applied = await applyRegisterChange(tx, record);
    await flagFilingsUnderWay(tx, record, applied);
    await tx.query('update registrar_feed_cursors set last_sequence = $2, updated_at = now() where registrar = $1', [registrar, change.sequence]);
    return applied.applied;
  });
}

export function createPullRegistrarChangesHandler(deps: PullRegistrarChangesDeps): JobHandler<Record<string, never>, PullRegistrarChangesResult> {
  return departmentJob({ topic: JOB_TYPE, department: DEPARTMENT }, async (job): Promise<JobOutcome<PullRegistrarChangesResult>> => {
    const settings = setting(job);
    if (!settings) {
      return failForGood(`${JOB_TYPE}: 任务设置有误：registrar 须为 ${REGISTRARS.join('、')} 之一，batchSize 须为 1–${MAX_FEED_LIMIT} 的整数，修改流程图后重试 / invalid task settings`);
    }
    const { registrar, batchSize } = settings;
    const feed = `${REGISTRAR_NAMES[registrar]}变更数据`;
    const cursor = await cursorOf(deps.db, registrar);
    let batch: RegistrarChange[];
    try {
      // Keyed by feed position: the same question whoever asks it again.
      batch = await deps.client.changesAfter(registrar, cursor, batchSize, `${JOB_TYPE}:${registrar}:${cursor}`);
    } catch (error) {
      // A malformed record is never applied, nor skipped: the whole batch waits for a person.
      if (error instanceof DepartmentBadAnswer) {
        return failForGood(`${feed}不符合接口约定，本批未应用任何记录，需人工核对后重试 / ${JOB_TYPE}: ${error.message}`);
      }
      throw error;
    }
    // In sequence order, each number once, only what follows the cursor.
    const bySequence = new Map<number, RegistrarChange>();
    for (const change of [...batch].sort((a, b) => a.sequence - b.sequence)) {
      if (change.sequence > cursor && !bySequence.has(change.sequence)) bySequence.set(change.sequence, change);
    }
    let last = cursor;
    let appliedChanges = 0;
    for (const change of bySequence.values()) {
      if (change.sequence !== last + 1) {
        return failForGood(
          `${feed}缺少序号 ${numbers(last + 1, change.sequence - 1)} 的记录（已应用至 ${last}，下一条为 ${change.sequence}），` +
            `为免遗漏已暂停读取：请登记机关补发缺少的记录后重试 / ${JOB_TYPE}: gap in ${registrar} feed after ${last}: missing ${numbers(last + 1, change.sequence - 1)}`,
        );
      }
      try {
        if (await applyOne(deps.db, registrar, change)) appliedChanges += 1;
      } catch (error) {
        if (error instanceof RegisterChangeRefused) {
          return failForGood(`${feed}序号 ${change.sequence} 的记录指向登记库中没有的单位 ${change.uscc}，未能应用，需人工核对后重试 / ${JOB_TYPE}: ${error.message}`);
        }
        throw error;
      }
      last = change.sequence;
      await deps.afterRecord?.(registrar, change.sequence);
    }
    return complete({ moreRemain: batch.length >= batchSize, appliedChanges, lastSequence: last });
  });
}

export const pullRegistrarChangesTopic = topicModule({
  topic: JOB_TYPE,
  // Its settings (registrar, batch size) are extension properties; it reads no process variable.
  variables: [],
  department: DEPARTMENT,
  template,
  handler: ({ config, db }) => createPullRegistrarChangesHandler({ db, client: createRegistrarChangesClient(config) }),
});
