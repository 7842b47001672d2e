// 确认审核结果 (the employer's task `confirm-result`, 附件1 §四(二)–(三)): confirm the result and certify, or dispute
// some employees — tick them in the result, upload evidence for each, say why — and ask for manual review.
import { Alert, App, Button, Card, Form, Input, Radio, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ReviewResult } from '../../../components/filing/ReviewResult.tsx';
import { ApiError, api } from '../../../lib/api.ts';
import { useDeadlines, withinWorkingDays } from '../../../lib/deadlines.ts';
import type { FilingDetail, Review, StoredDocument, TaskItem } from '../../../lib/filing-types.ts';
import { EvidenceUpload } from './EvidenceUpload.tsx';

type Decision = 'confirm' | 'dispute';
type FieldKey = 'confirmationDecision' | 'disputedEmployees' | 'disputeReason';

export interface ConfirmResultPanelProps {
  filing: FilingDetail & { review: Review };
  task: TaskItem;
  documents: StoredDocument[];
  onDocumentsChanged: () => void;
  onDone: () => void;
}

export function ConfirmResultPanel({ filing, task, documents, onDocumentsChanged, onDone }: ConfirmResultPanelProps) {
  const { modal, message } = App.useApp();
  const [decision, setDecision] = useState<Decision | undefined>();
  const [selected, setSelected] = useState<number[]>([]);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const review = filing.review;
  // The deadlines of the diagram version this filing runs on: the manual review and feedback it will be held to.
  const deadlines = useDeadlines(filing.id);
  const reviewWithin = withinWorkingDays(deadlines, 'review', '人工审核期限内');
  const clear = (key: FieldKey) => setErrors(({ [key]: _gone, ...rest }) => rest);
  // Evidence just uploaded may be what the employee list was missing: judged again on submit.
  const evidenceChanged = () => {
    clear('disputedEmployees');
    onDocumentsChanged();
  };
  const nameOf = (index: number) => review.employees.find((e) => e.index === index)?.name ?? filing.employees[index]?.name ?? '';

  /** What the server would refuse, said before sending (tasks/task-completion-checks.ts words it the same way). */
  const localProblems = (): Partial<Record<FieldKey, string>> => {
    if (decision === undefined) return { confirmationDecision: '请选择确认审核结果，或提出异议' };
    if (decision === 'confirm') return {};
    const problems: Partial<Record<FieldKey, string>> = {};
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
        const byField: Partial<Record<FieldKey, string>> = {};
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

  const status = (key: FieldKey) => (errors[key] ? { validateStatus: 'error' as const, help: errors[key] } : {});
  return (
    <Card title="确认审核结果" data-testid="confirm-result-panel" styles={{ header: { background: '#fff7e6' } }}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          请查看系统审核的结果：认定安排残疾人就业的人数，以及每名职工逐月是否计入和不计入的原因。结果无误的，请确认并完成年审认证；对其中某些职工的认定结果有异议的，可申请县（市、区）残联人工审核，残联在{reviewWithin}办结。
        </Typography.Paragraph>
        <ReviewResult review={review} {...(decision === 'dispute' ? { selection: { selected, onChange: (indexes) => {
          setSelected(indexes);
          clear('disputedEmployees');
        } } } : {})} />
        <Form layout="vertical">
          <Form.Item label="审核结果" required {...status('confirmationDecision')}>
            <Radio.Group value={decision} onChange={(e) => {
              setDecision(e.target.value as Decision);
              clear('confirmationDecision');
            }} data-testid="confirmation-decision">
              <Space orientation="vertical">
                <Radio value="confirm" data-testid="decision-confirm">确认审核结果并年审认证</Radio>
                <Radio value="dispute" data-testid="decision-dispute">有异议，申请人工审核</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          {decision === 'dispute' && (
            <>
              <Form.Item label="有异议的职工及证明材料" required {...status('disputedEmployees')}>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  请在上方审核结果表格左侧勾选有异议的职工，并为每一名职工至少上传一份证明材料（如劳动合同、工资发放记录、社会保险缴费凭证、残疾人证等）。
                </Typography.Paragraph>
                {selected.length > 0 && (
                  <Table
                    data-testid="disputed-employees"
                    size="small"
                    rowKey="index"
                    pagination={false}
                    scroll={{ x: true }}
                    dataSource={selected.map((index) => ({ index }))}
                    columns={[
                      { title: '序号', key: 'n', width: 60, render: (_v, r) => r.index + 1 },
                      { title: '姓名', key: 'name', width: 100, render: (_v, r) => nameOf(r.index) },
                      { title: '证明材料', key: 'evidence', render: (_v, r) => <EvidenceUpload filingId={filing.id} index={r.index} documents={documents} onUploaded={evidenceChanged} /> },
                    ]}
                  />
                )}
              </Form.Item>
              <Form.Item label="异议理由" required {...status('disputeReason')} extra="请说明对哪些月份、哪项认定有异议，以及所上传的证明材料能证明什么">
                <Input.TextArea value={reason} onChange={(e) => {
                  setReason(e.target.value);
                  clear('disputeReason');
                }} maxLength={1000} showCount autoSize={{ minRows: 3 }} data-testid="dispute-reason" />
              </Form.Item>
            </>
          )}
        </Form>
        {general && <Alert type="error" showIcon title={general} />}
        <Button type="primary" loading={sending} onClick={submit} data-testid="submit-confirmation">
          {decision === 'dispute' ? '提交异议' : '确认并年审认证'}
        </Button>
      </Space>
    </Card>
  );
}
