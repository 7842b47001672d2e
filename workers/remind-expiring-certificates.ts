// Job type `remind-expiring-certificates`: the register's post certificates (持证上岗) of active staff that end within
// `remindDaysBefore` days (the task's setting, 30 unless changed) are named to whoever keeps the person's entry — the
// city's group (`city-<xxxx00>`) for county and city staff, `province` for the province's — once per person and
// certificate expiry, however often it runs. The process `staff-certificate-reminders` runs it every morning.
import { cityCodeOf, regionName } from '../domain/regions.ts';
import { chinaDateOf, type IsoDate } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import { spokenDate } from '../season/season-messages.ts';
import { regionLevelOf } from '../staff/staff-roles.ts';
import { expiringCertificates, type ExpiringCertificate } from '../staff/staff-store.ts';
import { createNotifications, type NewNotification } from '../notifications/notification-store.ts';
import { departmentJob } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import { DEFAULT_BATCH_SIZE, daysSetting, type SweepDeps } from './sweep-settings.ts';
import template from './element-templates/remind-expiring-certificates.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'remind-expiring-certificates';

export interface RemindExpiringCertificatesSettings {
  /** Whole days, 1–365, as the diagram's extension property writes it: '30'. */
  remindDaysBefore: string;
}

export interface RemindExpiringCertificatesResult {
  /** Reminders written by this run (none for a certificate already reminded of). */
  remindedStaff: number;
}

export type RemindExpiringCertificatesDeps = SweepDeps;

const DAY_MS = 86_400_000;

const addDays = (day: IsoDate, days: number): IsoDate => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The reminder about one person's certificate, to whoever keeps the person's entry. */
export function certificateReminder(member: ExpiringCertificate, today: IsoDate, now: Date): NewNotification {
  const province = regionLevelOf(member.regionCode) === 'province';
  const daysLeft = Math.round((Date.parse(member.certificateExpiresOn) - Date.parse(today)) / DAY_MS);
  const ends = spokenDate(member.certificateExpiresOn, 'zh');
  const where = regionName(member.regionCode) ?? member.regionCode;
  return {
    recipientGroup: province ? 'province' : `city-${cityCodeOf(member.regionCode)}`,
    kind: 'reminder',
    title: `${member.name}的上岗证将于 ${ends}到期`,
    body:
      `${where} ${member.name}（账号 ${member.sub}）的上岗证（编号 ${member.certificateNumber}）有效期至 ${ends}，` +
      `${daysLeft === 0 ? '今天到期' : `还有 ${daysLeft} 天`}。到期后此人不能办理任务或查看个人信息（持证上岗），` +
      `请及时组织换证，并在工作人员名册中更新上岗证编号和有效期。`,
    // The end of the certificate's last day in China.
    dueAt: `${member.certificateExpiresOn}T23:59:59+08:00`,
    // Once per person and certificate expiry: a renewed certificate is a new expiry, reminded of in its turn.
    dedupKey: `staff-certificate-expiry:${member.sub}:${member.certificateExpiresOn}`,
    createdAt: now,
  };
}

export function createRemindExpiringCertificatesHandler(
  deps: RemindExpiringCertificatesDeps,
): JobHandler<RemindExpiringCertificatesSettings, RemindExpiringCertificatesResult> {
  const now = deps.now ?? (() => new Date());
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const daysBefore = daysSetting(job, JOB_TYPE, { name: 'remindDaysBefore', label: '提前提醒天数' });
    if (typeof daysBefore !== 'number') return daysBefore;
    const at = now();
    const today = chinaDateOf(at);
    const to = addDays(today, daysBefore);
    let remindedStaff = 0;
    let after = '';
    for (;;) {
      const members = await expiringCertificates(deps.db, { from: today, to, after, limit: batchSize });
      remindedStaff += await createNotifications(deps.db, members.map((m) => certificateReminder(m, today, at)));
      if (members.length < batchSize) break;
      after = (members.at(-1) as ExpiringCertificate).sub;
    }
    return complete({ remindedStaff });
  });
}

export const remindExpiringCertificatesTopic = topicModule({
  topic: JOB_TYPE,
  // Its one setting is an extension property; it reads no process variable.
  variables: [],
  department: null,
  template,
  handler: ({ db }) => createRemindExpiringCertificatesHandler({ db }),
});
