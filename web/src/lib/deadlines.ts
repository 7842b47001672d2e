// The working-day deadlines as the deployed diagram sets them (GET /api/deadlines, or a filing's own version), so a
// sentence that states one says what the process will hold people to — never a number written into the page.
import type { DeployedDeadlines } from '../../../api/deadlines.ts';
import { api } from './api.ts';
import { useLoaded } from './use-loaded.ts';

/** The deadlines of annual-review, named after the variable each due date goes into (acceptanceDueAt → acceptance). */
export type DeadlineName = 'acceptance' | 'review' | 'feedback' | 'tax' | 'taxAnswer';

/** workingDays is null when the diagram computes the count from process variables. */
export type DiagramDeadline = DeployedDeadlines['deadlines'][string];

export type Deadlines = Partial<Record<DeadlineName, DiagramDeadline>>;

/** The latest deployed version's deadlines, or those of the version the filing runs on; undefined until known. */
export function useDeadlines(filingId?: string): Deadlines | undefined {
  const path = filingId ? `/api/filings/${encodeURIComponent(filingId)}/deadlines` : '/api/deadlines';
  return useLoaded(() => api<DeployedDeadlines>('GET', path).then((r) => r.deadlines), [path]).data;
}

/**
 * " N 个工作日内" (with the space Chinese text puts before a number) for a deadline whose count is known, otherwise
 * `unknown` (e.g. "受理期限内"): while loading, or when the count comes from variables, the sentence still reads true.
 */
export function withinWorkingDays(deadlines: Deadlines | undefined, name: DeadlineName, unknown: string): string {
  const days = deadlines?.[name]?.workingDays;
  return typeof days === 'number' ? ` ${days} 个工作日内` : unknown;
}
