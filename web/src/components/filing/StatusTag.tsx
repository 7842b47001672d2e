// A filing's status as a coloured tag in Chinese: green once certified, orange while the unit must act, red when refused.
import { Tag } from 'antd';
import { STATUS_NAMES, type FilingStatus } from '../../lib/filing-types.ts';

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

export function StatusTag({ status }: { status: FilingStatus }) {
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid="filing-status" data-status={status}>
      {STATUS_NAMES[status] ?? status}
    </Tag>
  );
}
