// Which tasks the inbox shows and in what order: the scope (all, mine, my group's unclaimed) and the due date.
import type { SortOrder } from 'antd/es/table/interface';
import type { TaskItem } from '../../../lib/filing-types.ts';

export type Scope = 'all' | 'mine' | 'group';

/** Whose tasks a scope shows: mine are claimed by me; the group's are offered to my groups and claimed by nobody. */
export function inScope(task: TaskItem, scope: Scope, me: string | undefined): boolean {
  if (scope === 'mine') return task.assignee !== null && task.assignee === me;
  if (scope === 'group') return task.assignee === null;
  return true;
}

/** Due dates ascending with tasks that have none last, whichever way the column is sorted. */
export function byDue(a: TaskItem, b: TaskItem, order?: SortOrder): number {
  if (a.due === b.due) return 0;
  const last = order === 'descend' ? -1 : 1;
  if (a.due === null) return last;
  if (b.due === null) return -last;
  return new Date(a.due).getTime() - new Date(b.due).getTime();
}
