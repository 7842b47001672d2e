// A filing's status as a coloured tag in Chinese: green once certified, orange while the unit must act, red when refused.
import { Tag } from 'antd';
import { statusName, type FilingStatus } from '../../lib/filing-types.ts';

const COLORS: Record<FilingStatus, string> = {
  submitted: 'default',
  accepted: 'blue',
  reviewing: 'processing',
  awaiting_confirmation: 'orange',
  disputed: 'purple',
  manual_review: 'purple',
  certified: 'green',
  feedback: 'gold',
  sent_to_tax: 'cyan',
  closed: 'green',
  returned: 'red',
  transferred: 'geekblue',
  withdrawn: 'default',
};

/** `channel` names a window filing not yet accepted 待受理. */
export function StatusTag({ status, channel }: { status: FilingStatus; channel?: string }) {
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid="filing-status" data-status={status}>
      {statusName(status, channel)}
    </Tag>
  );
}
