// The working-day deadlines a filing's process has computed (受理, 人工审核, 反馈, 报送税务, 税务反馈), read from its
// variables as the diagram named them, each marked provisional while it ends in a year whose holidays are not yet
// published (the calendar knows every year up to `knownThrough`; a deadline ending later crossed an unknown year).
import { chinaYearOf } from '../../platform/china-date.ts';
import type { EngineRest } from '../../platform/engine-rest.ts';
import type { WorkingDayCalendar } from '../../calendar/working-day-calendar.ts';

/** The diagram's deadline variables, in the order of the procedure, with the step each bounds. */
const DEADLINES = [
  ['acceptanceDueAt', '受理期限'],
  ['reviewDueAt', '人工审核期限'],
  ['feedbackDueAt', '反馈期限'],
  ['taxDueAt', '报送税务期限'],
  ['taxAnswerDueAt', '等待税务核对结果期限'],
] as const;

export interface ProcessDeadline {
  variable: (typeof DEADLINES)[number][0];
  label: string;
  dueAt: string;
  provisional: boolean;
}

/** The deadlines of the filing's running process; none when it has ended or the engine cannot tell now. */
export async function processDeadlinesOf(engine: EngineRest, calendar: WorkingDayCalendar, filingId: string): Promise<ProcessDeadline[]> {
  try {
    const [instance] = await engine.get<{ id: string }[]>('/process-instance', { businessKey: filingId, active: true });
    if (!instance) return [];
    const variables = await engine.get<Record<string, { value: unknown } | undefined>>(`/process-instance/${instance.id}/variables`, {
      deserializeValues: 'false',
    });
    const knownThrough = calendar.knownThrough();
    return DEADLINES.flatMap(([variable, label]) => {
      const value = variables[variable]?.value;
      if (typeof value !== 'string' || Number.isNaN(new Date(value).getTime())) return [];
      return [{ variable, label, dueAt: value, provisional: chinaYearOf(new Date(value)) > knownThrough }];
    });
  } catch {
    // Read with the filing, which the page reloads: an engine that does not answer now must not fail that read.
    return [];
  }
}
