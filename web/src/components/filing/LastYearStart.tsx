// 从上年数据导入: above a wizard's unit form when the unit has a declaration of the year before (filed here or
// imported as history) — one button copies the unit and its employees into the wizard; once copied, what to do next.
import { Alert, Button, Popconfirm } from 'antd';
import type { LastYearDraft } from './last-year-draft.ts';

export interface LastYearStartProps {
  draft: LastYearDraft | null;
  /** The draft the wizard was started from, if any. */
  startedFrom: LastYearDraft | null;
  onStart: (draft: LastYearDraft) => void;
  /** Said after what was copied: how the numbers are handled for this person. */
  numbers: string;
}

const SOURCE_NAMES = { filing: '申报', history: '年审数据（历史导入）' } as const;

export function LastYearStart({ draft, startedFrom, onStart, numbers }: LastYearStartProps) {
  if (startedFrom) {
    const waiting = startedFrom.employees.filter((e) => e.needsConfirmation).length;
    return (
      <Alert type="success" showIcon data-testid="last-year-started" style={{ marginBottom: 16 }}
        title={`已从 ${startedFrom.fromYear} 年度${SOURCE_NAMES[startedFrom.source]}导入单位信息和 ${startedFrom.employees.length} 名残疾职工`}
        description={`请核对各项信息，补填本年度的平均在职职工人数、年平均工资，以及每名职工的在职起止日期和年工资${numbers}。${waiting > 0 ? `其中 ${waiting} 名职工标记为“待确认”，请在“残疾职工”步骤逐一确认或删除。` : ''}提交时所有内容与手工填写一样逐项校验。`} />
    );
  }
  if (!draft) return null;
  return (
    <Alert type="info" showIcon data-testid="last-year-offer" style={{ marginBottom: 16 }}
      title={`该单位有 ${draft.fromYear} 年度的${SOURCE_NAMES[draft.source]}，可从上年数据导入后修改`}
      action={
        <Popconfirm title="导入将替换已填写的单位信息和残疾职工名单，是否继续？" okText="导入" cancelText="取消" onConfirm={() => onStart(draft)}>
          <Button type="primary" size="small" data-testid="last-year-start">从上年数据导入</Button>
        </Popconfirm>
      } />
  );
}
