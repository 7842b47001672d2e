// What the daily sweeps (remind-unfiled-units, remind-expiring-certificates) share: what their handlers are built
// from, and their setting in whole days — an extension property policy staff change in the modeler, checked like a
// variable.
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { failForGood, type Job, type JobFail } from './job-outcome.ts';

export interface SweepDeps {
  db: Db;
  /** The clock; the tests pin it. */
  now?: () => Date;
  /** Rows read and written per statement. */
  batchSize?: number;
}

export const DEFAULT_BATCH_SIZE = 500;

// 1 to 365, as the element templates' field constrains it too.
const checkWholeDays = compileSchema<string>({ type: 'string', pattern: '^([1-9]|[1-9][0-9]|[12][0-9][0-9]|3[0-5][0-9]|36[0-5])$' });

/** A setting in whole days as the diagram writes it ('30'), or null when it is missing or not 1–365. */
export function wholeDays(value: string | undefined): number | null {
  return value !== undefined && checkWholeDays(value).ok ? Number(value) : null;
}

/**
 * The task's setting `name` in whole days; a wrong one is a failure no retry cures — the diagram must change, and a
 * sweep's process has no error path a BPMN error could take — naming the field as the modeler labels it.
 */
export function daysSetting(job: Job, jobType: string, setting: { name: string; label: string }): number | JobFail {
  const value = job.properties?.[setting.name];
  const days = wholeDays(value);
  if (days !== null) return days;
  return failForGood(
    `任务设置“${setting.label}”（${setting.name}）应为 1 至 365 的整数，请在建模器中修正后重新部署 / ${jobType}: invalid settings: /${setting.name} ${value === undefined ? 'REQUIRED' : 'FORMAT'}`,
  );
}
