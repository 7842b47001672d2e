// The banner of a unit's filing: where it stands now, and, while the system or the county has it, what is being done
// (a department that does not answer is named; a window filing waits for its materials).
import { LoadingOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import type { Deadlines } from '../../../lib/deadlines.ts';
import type { FilingDetail, FilingStatus, TaskItem } from '../../../lib/filing-types.ts';
import { chineseDate } from '../../../lib/format.ts';
import { nextStep, type NextStep } from '../next-step.ts';
import { AcceptanceWaitNote } from './AcceptanceWaitNote.tsx';

export const SYSTEM_WORKING = new Set<FilingStatus>(['submitted', 'accepted', 'reviewing']);

/** What the system is doing with the filing, in plain words: a department that does not answer is named. */
function workingText(filing: FilingDetail): string {
  const wait = filing.departmentWait;
  if (!wait) return '系统正在与残联、人社、医保、税务等部门的数据比对，页面会自动刷新。';
  const named = wait.departments.join('、');
  return wait.state === 'held'
    ? `${named}的数据暂时无法核验，已通知工作人员处理；处理后将继续审核，无需重新申报。`
    : `${named}暂时没有应答，系统正在自动重试；页面会自动刷新。`;
}

/** The banner's step; while certified, with the feedback deadline the process computed, not a number written in. */
function stepOf(filing: FilingDetail, task: TaskItem | null, deadlines: Deadlines | undefined): NextStep {
  const listed = nextStep(filing.status, new Set(task ? [task.taskDefinitionKey] : []), deadlines);
  if (filing.status !== 'certified' || task) return listed;
  if (filing.feedback.at(-1)?.state === 'awaiting') return { text: '反馈已提交，等待残联审核', actionable: false };
  const window = filing.feedbackWindow;
  if (window?.state !== 'open' || !window.dueAt) return listed;
  return { ...listed, text: `可下载确认书；有异议可在 ${chineseDate(window.dueAt)}${window.provisional ? '（暂定）' : ''} 前提交反馈` };
}

type AwaitingAcceptance = FilingDetail & { acceptance: NonNullable<FilingDetail['acceptance']> };
export const awaitsAcceptance = (filing: FilingDetail): filing is AwaitingAcceptance => filing.acceptance != null;

/** What the banner says below the step while the system or the county has the filing. */
function bannerDescription(filing: FilingDetail) {
  if (awaitsAcceptance(filing)) return <AcceptanceWaitNote filing={filing} />;
  return SYSTEM_WORKING.has(filing.status) ? workingText(filing) : undefined;
}

export function NextStepBanner({ filing, task, deadlines }: { filing: FilingDetail; task: TaskItem | null; deadlines: Deadlines | undefined }) {
  const step = stepOf(filing, task, deadlines);
  // The unit has materials to bring; nothing is being compared yet.
  const awaiting = awaitsAcceptance(filing);
  const systemWorking = SYSTEM_WORKING.has(filing.status) && !awaiting;
  return (
    <Alert
      type={step.actionable || awaiting || filing.departmentWait?.state === 'held' ? 'warning' : 'info'}
      showIcon
      icon={systemWorking && filing.departmentWait?.state !== 'held' ? <LoadingOutlined /> : undefined}
      data-testid="detail-next-step"
      title={`当前：${step.text}`}
      description={bannerDescription(filing)}
    />
  );
}
