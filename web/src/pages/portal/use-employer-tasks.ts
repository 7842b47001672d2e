// The employer's open tasks (GET /api/tasks), by filing: what the unit's process waits for it to do.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import type { TaskItem } from '../../lib/filing-types.ts';

export interface EmployerTasks {
  /** Null while loading or when the engine cannot be asked. */
  tasks: TaskItem[] | null;
  failed: boolean;
  reload: () => Promise<void>;
}

export function useEmployerTasks(): EmployerTasks {
  const [tasks, setTasks] = useState<TaskItem[] | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(async () => {
    try {
      const answer = await api<{ items: TaskItem[] }>('GET', '/api/tasks');
      setTasks(answer.items);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { tasks, failed, reload };
}

export function taskKeysOf(tasks: readonly TaskItem[] | null, filingId: string): Set<string> {
  return new Set((tasks ?? []).filter((t) => t.filing?.id === filingId).map((t) => t.taskDefinitionKey));
}
