// The disabled-employee list typed as a table (附件1 §二(二)): one row per person, every cell checked as it is typed
// with the server's own rules, every problem — the page's or the server's — at its cell and in a list above.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { ConfirmationList } from './ConfirmationList.tsx';
import type { ColumnsType } from 'antd/es/table';
import { EmployeeCell } from './EmployeeCell.tsx';
import { EMPLOYEE_COLUMNS } from './employee-columns.ts';
import type { CellProblem } from './employee-problems.ts';
import { isKept, newRow, type EmployeeRow } from './employee-rows.ts';
import { EmployeeProblemSummary } from './EmployeeProblemSummary.tsx';
import { useEmployeeProblems } from './use-employee-problems.ts';
import { useEmployeeRowEdits } from './use-employee-row-edits.ts';

/** "请填写第 2 名残疾职工的身份证号" → "请填写身份证号": in its own row the person is obvious. */
const inCell = (message: string) => message.replace(/第 \d+ 名残疾职工的/, '');

export interface EmployeeTableProps {
  rows: EmployeeRow[];
  onChange: (rows: EmployeeRow[]) => void;
  year: number;
  /** After a first attempt to go on: blank required cells are shown too. */
  showAll: boolean;
  /** A problem of the list as a whole (none declared, too many). */
  listError?: string | undefined;
}

export function EmployeeTable({ rows, onChange, year, showAll, listError }: EmployeeTableProps) {
  const { onValue, onLeave } = useEmployeeRowEdits(rows, onChange);
  const problemsByRow = useEmployeeProblems(rows, year, showAll);
  const summary: CellProblem[] = rows.flatMap((row, index) => [...(problemsByRow[index]?.entries() ?? [])].map(([field, message]) => ({ rowKey: row.key, index, field, message })));

  const columns: ColumnsType<EmployeeRow> = [
    {
      title: '序号',
      key: 'number',
      width: 56,
      fixed: 'left',
      align: 'center',
      render: (_value, row, index) => (
        <Space orientation="vertical" size={2} align="center">
          <Typography.Text type={problemsByRow[index]?.size ? 'danger' : undefined} strong={Boolean(problemsByRow[index]?.size)}>
            {index + 1}
          </Typography.Text>
          {row.confirmation && !row.confirmation.confirmed && <Tag color="warning" style={{ marginInlineEnd: 0 }} data-testid={`needs-confirmation-${index}`}>待确认</Tag>}
        </Space>
      ),
    },
    ...EMPLOYEE_COLUMNS.map((column) => ({
      title: column.required ? <span><Typography.Text type="danger">*</Typography.Text> {column.title}</span> : column.title,
      key: column.field,
      width: column.width,
      render: (_value: unknown, row: EmployeeRow, index: number) => {
        const message = problemsByRow[index]?.get(column.field);
        return (
          <EmployeeCell rowKey={row.key} index={index} field={column.field} value={row.values[column.field]} kept={isKept(row, column.field)} certType={row.values.certType}
            employmentType={row.values.employmentType} year={year} message={message ? inCell(message) : undefined} onValue={onValue} onLeave={onLeave} />
        );
      },
    })),
    {
      title: '操作',
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_value, row, index) => (
        <Popconfirm title={`删除第 ${index + 1} 名职工？`} okText="删除" cancelText="取消" onConfirm={() => onChange(rows.filter((r) => r.key !== row.key))}>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第 ${index + 1} 行`} data-testid={`remove-employee-${index}`} />
        </Popconfirm>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {listError && <Alert type="error" showIcon title={listError} data-testid="employee-list-error" />}
      <ConfirmationList rows={rows} onChange={onChange} />
      {summary.length > 0 && <EmployeeProblemSummary problems={summary} />}
      <Table<EmployeeRow>
        data-testid="employee-table"
        rowKey="key"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '尚未填写残疾职工。可点击下方“添加一行”逐人填写，或从模板导入。' }}
      />
      <Button icon={<PlusOutlined />} onClick={() => onChange([...rows, newRow()])} data-testid="add-employee-row">
        添加一行
      </Button>
    </Space>
  );
}
