// A table of figures: its heading with 导出 Excel beside it, small rows, all of them at once unless told otherwise
// (a region has few counties, industries or buckets); on a phone each row a card headed by its first column.
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { ResponsiveTable, type ResponsiveTableProps } from '../../components/ResponsiveTable.tsx';

type FiguresTableProps<T extends object> = Omit<ResponsiveTableProps<T>, 'size' | 'cardOmit' | 'locale'> & {
  heading?: string;
  exportButton?: ReactNode;
  emptyText?: string;
};

export function FiguresTable<T extends object>({ heading, exportButton, emptyText = '本地区暂无数据', ...table }: FiguresTableProps<T>) {
  const first = table.columns[0];
  return (
    <div>
      {(heading || exportButton) && (
        <div className="sv-table-head">
          <Typography.Text strong>{heading}</Typography.Text>
          {exportButton}
        </div>
      )}
      <ResponsiveTable<T> size="small" pagination={false} {...table} locale={{ emptyText }} cardOmit={first?.key === undefined ? [] : [String(first.key)]} />
    </div>
  );
}
