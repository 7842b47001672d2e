// Retrying incidents (one, or a group's retryable ones): one retry at a time, its outcome told, the list reloaded.
import { App } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../../lib/api.ts';
import { outcomeText, type RetryOutcome } from './incident-groups.ts';

export function useIncidentRetry(onRetried: () => void) {
  const { message } = App.useApp();
  /** The key of the group or incident being retried. */
  const [busy, setBusy] = useState<string | null>(null);

  const retry = async (key: string, ids: string[]) => {
    setBusy(key);
    try {
      const outcome = await api<RetryOutcome>('POST', '/api/operations/incidents/retry', { incidentIds: ids });
      message.success(outcomeText(outcome));
      onRetried();
    } catch (error) {
      message.error(error instanceof ApiError ? error.title : '重试失败，请检查网络后再试');
    } finally {
      setBusy(null);
    }
  };

  return { busy, retry };
}
