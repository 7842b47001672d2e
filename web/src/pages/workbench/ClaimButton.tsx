// Claim a task offered to my group, or release one I hold back to the group. The server checks the right to either.
import { App, Button } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import type { TaskItem } from '../../lib/filing-types.ts';
import { useSession } from '../../lib/session.tsx';

export function ClaimButton({ task, onChanged, size }: { task: TaskItem; onChanged: () => void; size?: 'small' | 'middle' }) {
  const { who } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const mine = task.assignee !== null && task.assignee === who?.sub;
  if (task.assignee !== null && !mine) return null;

  async function toggle() {
    setBusy(true);
    try {
      await api('POST', `/api/tasks/${encodeURIComponent(task.id)}/${mine ? 'unclaim' : 'claim'}`);
      message.success(mine ? '已释放，任务回到本组待认领' : '已认领，该任务由您办理');
      onChanged();
    } catch (e) {
      message.error(e instanceof ApiError ? e.title : '操作失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button size={size} loading={busy} onClick={toggle} data-testid={mine ? 'task-unclaim' : 'task-claim'}>
      {mine ? '释放' : '认领'}
    </Button>
  );
}
