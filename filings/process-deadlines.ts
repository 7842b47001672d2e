// The working-day deadlines a filing's process has computed (受理, 人工审核, 反馈, 报送税务, 税务反馈, 登记状态核实), read from its
// variables as the diagram named them, each marked provisional while it ends in a year whose holidays are not yet
// published (the calendar knows every year up to `knownThrough`; a deadline ending later crossed an unknown year).
import { chinaYearOf } from '../platform/china-date.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { activeVariables, deadlineOf } from './filing-process.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';

/** The diagram's deadline variables, in the order of the procedure, with the step each bounds. */
const DEADLINES = [
  ['acceptanceDueAt', '受理期限'],
  ['reviewDueAt', '人工审核期限'],
  ['feedbackDueAt', '反馈期限'],
  ['taxDueAt', '报送税务期限'],
  ['taxAnswerDueAt', '等待税务核对结果期限'],
  // Only while a registrar's change is being checked (docs/registrar-feeds.md).
  ['unitStatusDueAt', '登记状态核实期限'],
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
    const variables = await activeVariables(engine, filingId);
    if (!variables) return [];
    const knownThrough = calendar.knownThrough();
    return DEADLINES.flatMap(([variable, label]) => {
      const { dueAt, provisional } = deadlineOf(variables, variable);
      if (dueAt === null || Number.isNaN(new Date(dueAt).getTime())) return [];
      // The step's own flag where the diagram keeps one; the calendar's years for the others.
      return [{ variable, label, dueAt, provisional: provisional || chinaYearOf(new Date(dueAt)) > knownThrough }];
    });
  } catch {
    // Read with the filing, which the page reloads: an engine that does not answer now must not fail that read.
    return [];
  }
}
