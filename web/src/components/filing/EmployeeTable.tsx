// The disabled-employee list typed as a table (附件1 §二(二)): one row per person, every cell checked as it is typed
// with the server's own rules, every problem — the page's or the server's — at its cell and in a list above.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useRef } from 'react';
import { employeeIssues, messageFor } from './declaration-checks.ts';
import { cellId, EmployeeCell } from './EmployeeCell.tsx';
import { isKept, isMasked, MASKED_FIELDS, newRow, toEmployee, touchedRow, withValue, type EmployeeField, type EmployeeRow, type EmployeeValues } from './employee-rows.ts';

interface ColumnSpec {
  field: EmployeeField;
  title: string;
  width: number;
  required?: boolean;
}

const COLUMNS: ColumnSpec[] = [
  { field: 'name', title: '姓名', width: 110, required: true },
  { field: 'idNumber', title: '身份证号', width: 200, required: true },
  { field: 'hukouRegionCode', title: '户籍所在地代码', width: 130, required: true },
  { field: 'certType', title: '证件类型', width: 150, required: true },
  { field: 'certNumber', title: '证号', width: 230, required: true },
  { field: 'disabilityCategory', title: '残疾类别', width: 120 },
  { field: 'disabilityGrade', title: '残疾等级', width: 100, required: true },
  { field: 'education', title: '文化程度', width: 140, required: true },
  { field: 'phone', title: '联系电话', width: 160, required: true },
  { field: 'jobPost', title: '就业岗位', width: 130, required: true },
  { field: 'annualWage', title: '实际支付工资（元）', width: 150, required: true },
  { field: 'employmentType', title: '用工性质', width: 120, required: true },
  { field: 'dispatchCountedHere', title: '劳务派遣约定', width: 130 },
  { field: 'contractStart', title: '劳动合同起始日期', width: 150 },
  { field: 'contractEnd', title: '劳动合同终止日期', width: 150 },
  { field: 'employedFrom', title: '在岗起始日期', width: 150, required: true },
  { field: 'employedTo', title: '在岗终止日期', width: 150, required: true },
  { field: 'socialInsurance', title: '参保信息', width: 150 },
  { field: 'contributions', title: '上年度缴费信息', width: 150 },
];

// Fields whose check digit can be judged the moment they are long enough, before the person leaves the cell.
const CHECK_WHEN_COMPLETE: Partial<Record<EmployeeField, number>> = { idNumber: 18, certNumber: 20 };

export interface CellProblem {
  rowKey: string;
  index: number;
  field: string;
  message: string;
}

/** "请填写第 2 名残疾职工的身份证号" → "请填写身份证号": in its own row the person is obvious. */
const inCell = (message: string) => message.replace(/第 \d+ 名残疾职工的/, '');

function ready(row: EmployeeRow, field: EmployeeField, showAll: boolean): boolean {
  if (showAll || row.touched[field]) return true;
  const length = CHECK_WHEN_COMPLETE[field];
  const value = row.values[field];
  return length !== undefined && typeof value === 'string' && value.trim().length >= length;
}

/**
 * The message to show per field of one row: the server's first, then a masked number that is no longer the one
 * filed, then the page's own check. A number kept as filed is the server's to check.
 */
function rowProblems(row: EmployeeRow, index: number, issues: { path: string; message: string }[], showAll: boolean): Map<string, string> {
  const shown = new Map<string, string>();
  for (const [field, message] of Object.entries(row.serverErrors)) if (message) shown.set(field, message);
  for (const field of MASKED_FIELDS) {
    if (!shown.has(field) && !isKept(row, field) && isMasked(row.values[field])) shown.set(field, messageFor(`/employees/${index}/${field}`, 'MASKED_NOT_FILED'));
  }
  const prefix = `/employees/${index}/`;
  for (const issue of issues) {
    const field = issue.path.startsWith(prefix) ? (issue.path.slice(prefix.length).split('/')[0] ?? '') : '';
    if (field === '' || shown.has(field) || isKept(row, field) || !ready(row, field as EmployeeField, showAll)) continue;
    shown.set(field, issue.message);
  }
  return shown;
}

/** Every visible problem of the list, in row and column order. */
export function tableProblems(rows: readonly EmployeeRow[], year: number, showAll: boolean): CellProblem[] {
  const order = new Map(COLUMNS.map((c, i) => [c.field as string, i]));
  return rows.flatMap((row, index) => {
    const problems = rowProblems(row, index, employeeIssues(toEmployee(row.values), index, year), showAll);
    return [...problems.entries()]
      .sort(([a], [b]) => (order.get(a) ?? 99) - (order.get(b) ?? 99))
      .map(([field, message]) => ({ rowKey: row.key, index, field, message }));
  });
}

export interface EmployeeTableProps {
  rows: EmployeeRow[];
  onChange: (rows: EmployeeRow[]) => void;
  year: number;
  /** After a first attempt to go on: blank required cells are shown too. */
  showAll: boolean;
  /** A problem of the list as a whole (none declared, too many). */
  listError?: string | undefined;
}

export function focusCell(rowKey: string, field: string): void {
  const element = document.getElementById(cellId(rowKey, field));
  element?.scrollIntoView({ block: 'center', inline: 'center', behavior: 'smooth' });
  element?.focus({ preventScroll: true });
}

export function EmployeeTable({ rows, onChange, year, showAll, listError }: EmployeeTableProps) {
  // The callbacks read the latest rows, so the memoised cells need not re-render when other rows change.
  const latest = useRef({ rows, onChange });
  latest.current = { rows, onChange };
  const update = useCallback((rowKey: string, change: (row: EmployeeRow) => EmployeeRow) => {
    const { rows: current, onChange: emit } = latest.current;
    emit(current.map((row) => (row.key === rowKey ? change(row) : row)));
  }, []);
  const onValue = useCallback((rowKey: string, field: EmployeeField, value: unknown) => update(rowKey, (row) => withValue(row, field, value)), [update]);
  const onLeave = useCallback((rowKey: string, field: EmployeeField) => update(rowKey, (row) => touchedRow(row, field)), [update]);

  // A row's checks run again only when that row's values change.
  const cache = useRef(new WeakMap<EmployeeValues, { index: number; year: number; issues: { path: string; message: string }[] }>());
  const problemsByRow = useMemo(
    () =>
      rows.map((row, index) => {
        let entry = cache.current.get(row.values);
        if (!entry || entry.index !== index || entry.year !== year) {
          entry = { index, year, issues: employeeIssues(toEmployee(row.values), index, year) };
          cache.current.set(row.values, entry);
        }
        return rowProblems(row, index, entry.issues, showAll);
      }),
    [rows, year, showAll],
  );
  const summary: CellProblem[] = rows.flatMap((row, index) => [...(problemsByRow[index]?.entries() ?? [])].map(([field, message]) => ({ rowKey: row.key, index, field, message })));

  const columns: ColumnsType<EmployeeRow> = [
    {
      title: '序号',
      key: 'number',
      width: 56,
      fixed: 'left',
      align: 'center',
      render: (_value, row, index) => (
        <Typography.Text type={problemsByRow[index]?.size ? 'danger' : undefined} strong={Boolean(problemsByRow[index]?.size)}>
          {index + 1}
        </Typography.Text>
      ),
    },
    ...COLUMNS.map((column) => ({
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
      {summary.length > 0 && <ProblemSummary problems={summary} />}
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

const SUMMARY_LIMIT = 20;

/** Every problem in one list above the table; a click goes to the cell. */
function ProblemSummary({ problems }: { problems: CellProblem[] }) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="employee-problems"
      title={`名单中有 ${problems.length} 处需要修改，点击可定位到对应单元格`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {problems.slice(0, SUMMARY_LIMIT).map((p) => (
            <li key={`${p.rowKey}-${p.field}`}>
              <Typography.Link onClick={() => focusCell(p.rowKey, p.field)}>{p.message}</Typography.Link>
            </li>
          ))}
          {problems.length > SUMMARY_LIMIT && <li>……另有 {problems.length - SUMMARY_LIMIT} 处</li>}
        </ul>
      }
    />
  );
}
