// The employer's answer to the result: confirm, or dispute chosen employees with a reason. What the server would
// refuse is said before sending; the server's refusals go to their fields; a last confirmation precedes sending.
import { App } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../../lib/api.ts';
import { withinWorkingDays, type Deadlines } from '../../../lib/deadlines.ts';
import type { StoredDocument, TaskItem } from '../../../lib/filing-types.ts';

export type Decision = 'confirm' | 'dispute';
export type FieldKey = 'confirmationDecision' | 'disputedEmployees' | 'disputeReason';
export type FieldErrors = Partial<Record<FieldKey, string>>;

export function useConfirmResult(task: TaskItem, documents: StoredDocument[], deadlines: Deadlines | undefined, onDone: () => void) {
  const { modal, message } = App.useApp();
  const [decision, setDecision] = useState<Decision | undefined>();
  const [selected, setSelected] = useState<number[]>([]);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const reviewWithin = withinWorkingDays(deadlines, 'review', '人工审核期限内');
  const clear = (key: FieldKey) => setErrors(({ [key]: _gone, ...rest }) => rest);

  /** What the server would refuse, said before sending (completion-checks/completion-checks.ts words it the same way). */
  const localProblems = (): FieldErrors => {
    if (decision === undefined) return { confirmationDecision: '请选择确认审核结果，或提出异议' };
    if (decision === 'confirm') return {};
    const problems: FieldErrors = {};
    const withEvidence = new Set(documents.filter((d) => d.kind === 'evidence').map((d) => d.employeeIndex));
    const missing = selected.filter((i) => !withEvidence.has(i)).map((i) => i + 1);
    if (selected.length === 0) problems.disputedEmployees = '请在上方的审核结果中勾选有异议的职工';
    else if (missing.length > 0) problems.disputedEmployees = `第 ${missing.join('、')} 名职工还没有上传证明材料，请先为每一名有异议的职工上传证明材料，再提交异议`;
    if (reason.trim() === '') problems.disputeReason = '请填写异议理由';
    return problems;
  };

  const send = async () => {
    const body = decision === 'dispute'
      ? { confirmationDecision: 'dispute', disputedEmployees: selected.map((i) => i + 1).join(','), disputeReason: reason.trim() }
      : { confirmationDecision: 'confirm' };
    setSending(true);
    try {
      await api('POST', `/api/tasks/${task.id}/complete`, body);
      message.success(decision === 'dispute' ? `异议已提交，残联将在${reviewWithin}完成人工审核` : '已确认审核结果，正在出具年审认证确认书');
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) setGeneral('提交失败，请检查网络后重试');
      else {
        const byField: FieldErrors = {};
        const rest: string[] = [];
        for (const e of error.errors) {
          const key = e.path.slice(1) as FieldKey;
          if (key === 'confirmationDecision' || key === 'disputedEmployees' || key === 'disputeReason') byField[key] ??= e.message;
          else rest.push(e.message);
        }
        setErrors(byField);
        setGeneral(rest.length > 0 ? rest.join('；') : error.errors.length === 0 ? error.title : null);
      }
    } finally {
      setSending(false);
    }
  };

  const submit = () => {
    const problems = localProblems();
    setErrors(problems);
    setGeneral(null);
    if (Object.keys(problems).length > 0) return;
    modal.confirm({
      title: decision === 'dispute' ? '提交异议，申请人工审核？' : '确认审核结果并年审认证？',
      content: decision === 'dispute'
        ? `将对第 ${selected.map((i) => i + 1).join('、')} 名职工的认定结果申请人工审核。`
        : `确认后将完成年审认证并出具年审认证确认书；认证后${withinWorkingDays(deadlines, 'feedback', '的反馈期内')}如有异议，可提交反馈。`,
      okText: '提交',
      cancelText: '取消',
      onOk: send,
    });
  };

  return { decision, setDecision, selected, setSelected, reason, setReason, errors, clear, general, sending, submit, reviewWithin };
}
