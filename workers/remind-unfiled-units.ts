// Job type `remind-unfiled-units`: on a day inside the concentrated filing period (China date, the season in force),
// reminds every unit that filed last season (or whose last year was imported as history, notifications/unfiled-units.ts)
// and has not yet filed this season, in a notification to `employer-<uscc>`; a unit reminded within the last
// `remindAgainAfterDays` days (the task's setting) is left alone.
// Outside the period it does nothing. The process `season-reminders` runs it every morning.
import { chinaDateOf, type IsoDate } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import { seasonStatus, type SeasonStatus } from '../season/filing-season.ts';
import { spokenDate } from '../season/season-messages.ts';
import { currentSeason } from '../season/season-store.ts';
import { createNotifications, type NewNotification } from '../notifications/notification-store.ts';
import { unfiledUnits, type UnfiledUnit } from '../notifications/unfiled-units.ts';
import { departmentJob } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import { DEFAULT_BATCH_SIZE, daysSetting, type SweepDeps } from './sweep-settings.ts';
import template from './element-templates/remind-unfiled-units.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'remind-unfiled-units';

export interface RemindUnfiledUnitsSettings {
  /** Whole days, 1–365, as the diagram's extension property writes it: '7'. */
  remindAgainAfterDays: string;
}

export interface RemindUnfiledUnitsResult {
  /** Units reminded by this run (0 outside the concentrated period). */
  remindedUnits: number;
}

export type RemindUnfiledUnitsDeps = SweepDeps;

const DAY_MS = 86_400_000;

/** The reminder one unit gets: the year it has not filed for, and the day the concentrated period ends. */
export function seasonReminder(unit: UnfiledUnit, status: SeasonStatus, today: IsoDate, now: Date): NewNotification {
  const closes = spokenDate(status.concentratedClosesOn, 'zh');
  const opens = spokenDate(status.concentratedOpensOn, 'zh');
  return {
    recipientGroup: `employer-${unit.uscc}`,
    kind: 'season-reminder',
    title: `请于 ${closes}前完成 ${status.reviewYear} 年度按比例安排残疾人就业情况申报`,
    body:
      `${unit.name}：贵单位已参加上一年度（${status.reviewYear - 1} 年度）按比例安排残疾人就业情况年审，` +
      `本年度（${status.reviewYear} 年度）尚未申报。集中申报期为 ${opens}至 ${closes}，` +
      `请在 ${closes}前通过网上申报，或到所在地残联窗口办理申报。如已申报，请忽略本提醒。`,
    dueAt: null,
    // Once per unit, review year and China day: the same day's run repeated (a retry, a second instance) adds nothing.
    dedupKey: `season-reminder:${unit.uscc}:${status.reviewYear}:${today}`,
    createdAt: now,
  };
}

export function createRemindUnfiledUnitsHandler(deps: RemindUnfiledUnitsDeps): JobHandler<RemindUnfiledUnitsSettings, RemindUnfiledUnitsResult> {
  const now = deps.now ?? (() => new Date());
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const againAfterDays = daysSetting(job, JOB_TYPE, { name: 'remindAgainAfterDays', label: '再次提醒间隔（天）' });
    if (typeof againAfterDays !== 'number') return againAfterDays;
    const at = now();
    const today = chinaDateOf(at);
    const status = seasonStatus((await currentSeason(deps.db)).season, today);
    if (!status.inConcentratedPeriod) return complete({ remindedUnits: 0 });

    // Counted in China days: reminded on the 1st with 7 days, a unit is next reminded on the 8th, whatever the hour.
    const remindedSince = new Date(Date.parse(`${today}T00:00:00+08:00`) - (againAfterDays - 1) * DAY_MS);
    let remindedUnits = 0;
    let after = '';
    for (;;) {
      const units = await unfiledUnits(deps.db, { reviewYear: status.reviewYear, remindedSince, after, limit: batchSize });
      remindedUnits += await createNotifications(deps.db, units.map((unit) => seasonReminder(unit, status, today, at)));
      if (units.length < batchSize) break;
      after = (units.at(-1) as UnfiledUnit).uscc;
    }
    return complete({ remindedUnits });
  });
}

export const remindUnfiledUnitsTopic = topicModule({
  topic: JOB_TYPE,
  // Its one setting is an extension property; it reads no process variable.
  variables: [],
  department: null,
  template,
  handler: ({ db }) => createRemindUnfiledUnitsHandler({ db }),
});
