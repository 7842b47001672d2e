// A table at a desk, a card per row on a phone: below 768 px a wide table shows only its first columns and hides
// the rest off screen, so each row becomes a card listing every column's title and value, one under another. The
// same columns, row selection, expandable content and row attributes serve both forms.
import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Grid, Pagination, Space, Table, Typography } from 'antd';
import type { ColumnType, ColumnsType, TableProps } from 'antd/es/table';
import { useState, type HTMLAttributes, type Key, type ReactNode } from 'react';

/** Below antd's md breakpoint (768 px). Undecided on the first render: the table, as before. */
export function useNarrowScreen(): boolean {
  return Grid.useBreakpoint().md === false;
}

export interface ResponsiveTableProps<T extends object> extends TableProps<T> {
  columns: ColumnsType<T>;
  dataSource: readonly T[];
  rowKey: keyof T & string;
  /** The card's heading, e.g. "1. 张三". */
  cardTitle: (row: T) => ReactNode;
  /** Columns (by key or dataIndex) the heading already says, left out of the card's body. */
  cardOmit?: readonly string[];
  /** What opens the expandable content on a card, e.g. "逐月认定情况". */
  cardExpandLabel?: string;
}

const columnId = <T,>(column: ColumnType<T>): string => String(column.key ?? column.dataIndex ?? '');

function cellOf<T extends object>(column: ColumnType<T>, row: T, index: number): ReactNode {
  const value = typeof column.dataIndex === 'string' ? (row as Record<string, unknown>)[column.dataIndex] : undefined;
  if (column.render) return column.render(value, row, index) as ReactNode;
  return value === undefined || value === null ? '—' : String(value);
}

function RowCard<T extends object>({ row, index, props }: { row: T; index: number; props: ResponsiveTableProps<T> }) {
  const [open, setOpen] = useState(false);
  const { columns, rowSelection, expandable, onRow, cardTitle, cardOmit = [], cardExpandLabel = '展开' } = props;
  const key = row[props.rowKey] as Key;
  const selected = rowSelection?.selectedRowKeys?.includes(key) ?? false;
  const toggle = (checked: boolean) => {
    const keys = (rowSelection?.selectedRowKeys ?? []).filter((k) => k !== key);
    const next = checked ? [...keys, key] : keys;
    rowSelection?.onChange?.(next, props.dataSource.filter((r) => next.includes(r[props.rowKey] as Key)), { type: 'multiple' });
  };
  const fields = (columns as ColumnType<T>[]).filter((c) => !cardOmit.includes(columnId(c)));
  const expanded = expandable?.expandedRowRender;
  return (
    <Card
      size="small"
      {...(onRow?.(row, index) as HTMLAttributes<HTMLDivElement>)}
      title={<span style={{ whiteSpace: 'normal' }}>{cardTitle(row)}</span>}
      extra={rowSelection && (
        <Checkbox checked={selected} onChange={(e) => toggle(e.target.checked)}>{rowSelection.columnTitle as ReactNode}</Checkbox>
      )}
    >
      <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 12, rowGap: 6 }}>
        {fields.map((column) => (
          <div key={columnId(column)} style={{ display: 'contents' }}>
            <dt><Typography.Text type="secondary">{column.title as ReactNode}</Typography.Text></dt>
            <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }} data-column={columnId(column)}>{cellOf(column, row, index)}</dd>
          </div>
        ))}
      </dl>
      {expanded && (
        <div style={{ marginTop: 8 }}>
          <Button type="link" size="small" style={{ paddingInline: 0 }} icon={open ? <UpOutlined /> : <DownOutlined />} onClick={() => setOpen(!open)} data-testid="card-expand">
            {cardExpandLabel}
          </Button>
          {open && <div style={{ marginTop: 8 }}>{expanded(row, index, 0, true)}</div>}
        </div>
      )}
    </Card>
  );
}

export function ResponsiveTable<T extends object>(props: ResponsiveTableProps<T>) {
  const narrow = useNarrowScreen();
  const [page, setPage] = useState(1);
  const { cardTitle: _title, cardOmit: _omit, cardExpandLabel: _label, ...tableProps } = props;
  if (!narrow) return <Table<T> {...tableProps} />;

  const pageSize = props.pagination ? (props.pagination.pageSize ?? 10) : props.dataSource.length || 1;
  const first = (page - 1) * pageSize;
  const shown = props.dataSource.slice(first, first + pageSize);
  const testId = (props as { 'data-testid'?: string })['data-testid'];
  return (
    <Space orientation="vertical" size="small" style={{ ...props.style, width: '100%' }} data-testid={testId} data-layout="cards">
      {shown.map((row, i) => <RowCard key={String(row[props.rowKey])} row={row} index={first + i} props={props} />)}
      {props.pagination && props.dataSource.length > pageSize && (
        <Pagination size="small" simple current={page} pageSize={pageSize} total={props.dataSource.length} onChange={setPage} />
      )}
    </Space>
  );
}
