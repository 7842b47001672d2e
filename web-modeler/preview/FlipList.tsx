// One changed filing's employee-months whose judgement flips, each before and after with the reasons not counted.
import { Space, Table, Tag, Typography } from 'antd';
import { MONTH_REASON_TEXT } from '../../review/reason-messages.ts';
import type { PreviewFilingChange, PreviewMonthFlip, PreviewMonthJudgement } from '../modeler-api.ts';

function reasonText(code: string): string {
  return Object.hasOwn(MONTH_REASON_TEXT, code) ? MONTH_REASON_TEXT[code as keyof typeof MONTH_REASON_TEXT].zh : code;
}

function Judgement({ value }: { value: PreviewMonthJudgement }) {
  if (value.counted) return <Tag color="green">计入</Tag>;
  return (
    <Space orientation="vertical" size={2}>
      <Tag color="red">不计入</Tag>
      {value.reasons.map((r) => (
        <Typography.Text key={r} type="secondary" style={{ fontSize: 12 }}>
          {reasonText(r)}
        </Typography.Text>
      ))}
    </Space>
  );
}

export function FlipList({ change }: { change: PreviewFilingChange }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<PreviewMonthFlip>
        size="small"
        pagination={false}
        rowKey={(f) => `${f.employeeIndex}:${f.month}`}
        dataSource={change.flips}
        locale={{ emptyText: '没有逐月认定结果变化的职工（仅保障金计算变化）' }}
        data-testid={`flips-${change.filingId}`}
        columns={[
          { title: '职工', dataIndex: 'employeeIndex', width: 120, render: (i: number) => `申报第 ${i + 1} 人` },
          { title: '月份', dataIndex: 'month', width: 110, render: (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月` },
          { title: '现行规则', dataIndex: 'before', render: (v: PreviewMonthJudgement) => <Judgement value={v} /> },
          { title: '修改后', dataIndex: 'after', render: (v: PreviewMonthJudgement) => <Judgement value={v} /> },
        ]}
      />
      {change.flipsTruncated && <Typography.Text type="secondary">变化的月份较多，只列出前 {change.flips.length} 个。</Typography.Text>}
    </Space>
  );
}
