// Above the employee table: the rows from last year (上年数据导入) whose employment, contract or certificate ended,
// each with why, to be confirmed as still employed here or removed — the wizard goes on only once none waits.
import { Alert, Button, List, Popconfirm, Space, Typography } from 'antd';
import type { EmployeeRow } from './employee-rows.ts';

export interface ConfirmationListProps {
  rows: EmployeeRow[];
  onChange: (rows: EmployeeRow[]) => void;
}

export function ConfirmationList({ rows, onChange }: ConfirmationListProps) {
  const waiting = rows.flatMap((row, index) => (row.confirmation && !row.confirmation.confirmed ? [{ row, index }] : []));
  if (waiting.length === 0) return null;
  const confirm = (key: string) => onChange(rows.map((r) => (r.key === key && r.confirmation ? { ...r, confirmation: { ...r.confirmation, confirmed: true } } : r)));
  return (
    <Alert type="warning" showIcon data-testid="confirmation-list"
      title={`${waiting.length} 名残疾职工待确认：上年度已离职、合同到期、退休或证件失效，请确认仍在本单位就业，或删除`}
      description={
        <List size="small" dataSource={waiting} renderItem={({ row, index }) => (
          <List.Item data-testid={`confirm-row-${index}`}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text strong>第 {index + 1} 名 {String(row.values.name ?? '')}</Typography.Text>
              {row.confirmation?.reasons.map((reason) => <Typography.Text key={reason} type="secondary">{reason}</Typography.Text>)}
              <Space wrap>
                <Button size="small" type="primary" onClick={() => confirm(row.key)} data-testid={`confirm-employee-${index}`}>确认仍在职</Button>
                <Popconfirm title={`删除第 ${index + 1} 名职工？`} okText="删除" cancelText="取消" onConfirm={() => onChange(rows.filter((r) => r.key !== row.key))}>
                  <Button size="small" danger data-testid={`drop-employee-${index}`}>删除</Button>
                </Popconfirm>
              </Space>
            </Space>
          </List.Item>
        )} />
      } />
  );
}
