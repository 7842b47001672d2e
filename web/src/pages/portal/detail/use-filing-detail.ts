// One filing as the employer sees it (GET /api/filings/{id}), its documents, and the unit's open task on it; read
// again every few seconds while the system is working on it, and for a while after the unit acted (the process
// records the new status a moment after the task is done).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../../lib/api.ts';
import type { FilingDetail, FilingStatus, StoredDocument, TaskItem } from '../../../lib/filing-types.ts';

const SYSTEM_WORKING = new Set<FilingStatus>(['submitted', 'accepted', 'reviewing', 'disputed']);
const POLL_MS = 3000;
const AFTER_ACTION_MS = 30_000;

export interface FilingDetailState {
  filing: FilingDetail | null;
  /** The unit's open task on this filing (confirm-result, modify-declaration), if any. */
  task: TaskItem | null;
  documents: StoredDocument[];
  error: { status: number; title: string } | null;
  reload: () => Promise<void>;
  reloadDocuments: () => Promise<void>;
  /** Call after the unit acted: reads again now and keeps reading for a while. */
  afterAction: () => void;
}

export function useFilingDetail(id: string): FilingDetailState {
  const [filing, setFiling] = useState<FilingDetail | null>(null);
  const [task, setTask] = useState<TaskItem | null>(null);
  const [documents, setDocuments] = useState<StoredDocument[]>([]);
  const [error, setError] = useState<FilingDetailState['error']>(null);
  const [watchUntil, setWatchUntil] = useState(0);
  const busy = useRef(false);

  const reloadDocuments = useCallback(async () => {
    const answer = await api<{ items: StoredDocument[] }>('GET', `/api/filings/${id}/documents`).catch(() => null);
    if (answer) setDocuments(answer.items);
  }, [id]);

  const reload = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const [detail, tasks] = await Promise.all([
        api<FilingDetail>('GET', `/api/filings/${id}`),
        api<{ items: TaskItem[] }>('GET', '/api/tasks').catch(() => ({ items: [] as TaskItem[] })),
      ]);
      setFiling(detail);
      setTask(tasks.items.find((t) => t.filing?.id === id) ?? null);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? { status: e.status, title: e.title } : { status: 0, title: '无法读取申报，请检查网络后重试' });
    } finally {
      busy.current = false;
    }
  }, [id]);

  useEffect(() => {
    setFiling(null);
    void reload();
    void reloadDocuments();
  }, [reload, reloadDocuments]);

  // A result awaiting confirmation with no task left to the unit: the unit has answered and the process is on it.
  const answered = filing !== null && filing.status === 'awaiting_confirmation' && task === null;
  const watching = (filing !== null && SYSTEM_WORKING.has(filing.status)) || answered || watchUntil > Date.now();
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(() => {
      void reload();
      if (watchUntil !== 0 && watchUntil <= Date.now()) setWatchUntil(0);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [watching, reload, watchUntil]);

  const afterAction = useCallback(() => {
    setWatchUntil(Date.now() + AFTER_ACTION_MS);
    void reload();
    void reloadDocuments();
  }, [reload, reloadDocuments]);

  return { filing, task, documents, error, reload, reloadDocuments, afterAction };
}
