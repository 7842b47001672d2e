// 年审认证反馈 (附件1 §四(三)): within 7 working days of certifying the unit may object; the DPF reviews it and, if
// it agrees, lets the unit modify the declaration. Taken only while the process waits for it.
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, api } from '../../../lib/api.ts';
import type { FilingDetail } from '../../../lib/filing-types.ts';
import { chineseDate, provisionalNote } from '../../../lib/format.ts';

/** When feedback is taken, from the process itself: its deadline, or why not now. */
function windowText(window: FilingDetail['feedbackWindow']): string {
  if (!window) return '完成年审认证后如对结果有异议，可在反馈期内提交反馈；反馈经残联审核同意后，可修改原申报信息并重新审核。';
  switch (window.state) {
    case 'open':
      return window.dueAt
        ? `如对认证结果有异议，请在 ${chineseDate(window.dueAt)} 前提交反馈${provisionalNote(window.provisional)}；反馈经残联审核同意后，可修改原申报信息并重新审核。`
        : '如对认证结果有异议，现在可以提交反馈；反馈经残联审核同意后，可修改原申报信息并重新审核。';
    case 'opening':
      return '反馈通道正在开启，请稍候片刻；页面会自动刷新。';
    case 'closed':
      return `反馈期已于 ${chineseDate(window.dueAt)} 截止。`;
    case 'not-at-this-step':
      return '当前环节不能提交反馈。';
  }
}

export function FeedbackPanel({ filingId, window, onFiled }: { filingId: string; window: FilingDetail['feedbackWindow']; onFiled: () => void }) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const key = useRef(crypto.randomUUID());

  const send = async () => {
    if (reason.trim() === '') {
      setFieldError('请填写反馈理由');
      return;
    }
    setSending(true);
    setFieldError(null);
    setRefusal(null);
    try {
      await api('POST', `/api/filings/${filingId}/feedback`, { reason: reason.trim() }, { 'Idempotency-Key': key.current });
      message.success('反馈已提交，请等待残联审核');
      key.current = crypto.randomUUID();
      setReason('');
      onFiled();
    } catch (error) {
      if (!(error instanceof ApiError)) setRefusal('提交失败，请检查网络后重试');
      else if (error.errors.length > 0) setFieldError(error.errors.map((e) => e.message).join('；'));
      else setRefusal(error.title);
    } finally {
      setSending(false);
    }
  };

  // Nothing to fill in when no feedback is taken: the panel only says why.
  if (window?.state === 'closed' || window?.state === 'not-at-this-step') {
    return (
      <Card title="年审认证反馈" size="small" data-testid="feedback-panel">
        <Typography.Paragraph type="secondary" data-testid="feedback-window">{windowText(window)}</Typography.Paragraph>
      </Card>
    );
  }
  return (
    <Card title="年审认证反馈" size="small" data-testid="feedback-panel">
      <Typography.Paragraph type="secondary" data-testid="feedback-window">{windowText(window)}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="反馈理由" required {...(fieldError ? { validateStatus: 'error' as const, help: fieldError } : {})}>
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} showCount autoSize={{ minRows: 3 }} data-testid="feedback-reason" />
        </Form.Item>
      </Form>
      {refusal && <Alert type="warning" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="feedback-refusal" />}
      <Button onClick={send} loading={sending} data-testid="submit-feedback">提交反馈</Button>
    </Card>
  );
}
