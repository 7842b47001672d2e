// A number that opens the filings behind it. Zero opens nothing: there is nothing behind it; nor does a figure
// without a list (units expected, some of which never filed).
import { Typography } from 'antd';
import type { ReactNode } from 'react';

export function FigureLink({ value, shown, onOpen, testId }: { value: number; shown?: ReactNode; onOpen?: () => void; testId?: string }) {
  const text = shown ?? value.toLocaleString('zh-CN');
  if (value === 0 || !onOpen) return <span data-testid={testId} data-value={value}>{text}</span>;
  return (
    <Typography.Link onClick={onOpen} data-testid={testId} data-value={value} title="查看对应的申报">
      {text}
    </Typography.Link>
  );
}
