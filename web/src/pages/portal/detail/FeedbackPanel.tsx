// 年审认证反馈 (附件1 §四(三)): within 7 working days of certifying the unit may object; the DPF reviews it and, if
// it agrees, lets the unit modify the declaration. Taken only while the process waits for it. The feedback filed
// is shown the moment it is sent, with the reviewer's answer once given; no second one while one awaits review.
import { Alert, App, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, api } from '../../../lib/api.ts';
import type { FilingDetail } from '../../../lib/filing-types.ts';
import { chineseDate, chineseDateTime, provisionalNote } from '../../../lib/format.ts';

type Feedback = FilingDetail['feedback'][number];

const STATE_TAGS: Record<Feedback['state'], { color: string; text: string }> = {
  awaiting: { color: 'blue', text: '已提交，等待残联审核' },
  approved: { color: 'green', text: '已同意' },
  rejected: { color: 'red', text: '未同意' },
};

function FiledFeedback({ items }: { items: Feedback[] }) {
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%', marginBottom: 12 }} data-testid="filed-feedback">
      {items.map((f) => (
        <div key={f.id} data-testid="filed-feedback-item" data-state={f.state} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px' }}>
          <Space wrap size={4}>
            <Tag color={STATE_TAGS[f.state].color}>{STATE_TAGS[f.state].text}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{chineseDateTime(f.filedAt)} 提交</Typography.Text>
          </Space>
          <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{f.reason}</Typography.Paragraph>
          {f.reviewNote && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              残联意见{f.decidedAt ? `（${chineseDate(f.decidedAt)}）` : ''}：{f.reviewNote}
            </Typography.Paragraph>
          )}
        </div>
      ))}
    </Space>
  );
}

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

export interface FeedbackPanelProps {
  filingId: string;
  window: FilingDetail['feedbackWindow'];
  feedback: FilingDetail['feedback'];
  /** The filing is certified and no task of the unit's is open on it: feedback may be filed if the window is open. */
  mayFile: boolean;
  onFiled: () => void;
}

export function FeedbackPanel({ filingId, window, feedback, mayFile, onFiled }: FeedbackPanelProps) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // What was just sent, shown at once: the filing read back may not list it yet.
  const [justFiled, setJustFiled] = useState<Feedback | null>(null);
  const key = useRef(crypto.randomUUID());
  const items = justFiled && !feedback.some((f) => f.id === justFiled.id) ? [...feedback, justFiled] : feedback;
  const awaiting = items.some((f) => f.state === 'awaiting');

  const send = async () => {
    if (reason.trim() === '') {
      setFieldError('请填写反馈理由');
      return;
    }
    setSending(true);
    setFieldError(null);
    setRefusal(null);
    try {
      const filed = await api<{ id: string }>('POST', `/api/filings/${filingId}/feedback`, { reason: reason.trim() }, { 'Idempotency-Key': key.current });
      setJustFiled({ id: filed.id, reason: reason.trim(), filedAt: new Date().toISOString(), state: 'awaiting', reviewNote: null, decidedAt: null });
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

  const filed = items.length > 0 && <FiledFeedback items={items} />;
  // Nothing to fill in when no feedback is taken now, or one awaits review: the panel says what was filed, or why not.
  if (!mayFile || awaiting || window?.state === 'closed' || window?.state === 'not-at-this-step') {
    const why = mayFile && !awaiting ? windowText(window) : null;
    return (
      <Card title="年审认证反馈" size="small" data-testid="feedback-panel">
        {filed}
        {why && <Typography.Paragraph type="secondary" data-testid="feedback-window">{why}</Typography.Paragraph>}
      </Card>
    );
  }
  return (
    <Card title="年审认证反馈" size="small" data-testid="feedback-panel">
      {filed}
      <Typography.Paragraph type="secondary" data-testid="feedback-window">{windowText(window)}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={items.length > 0 ? '再次反馈的理由' : '反馈理由'} required {...(fieldError ? { validateStatus: 'error' as const, help: fieldError } : {})}>
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} showCount autoSize={{ minRows: 3 }} data-testid="feedback-reason" />
        </Form.Item>
      </Form>
      {refusal && <Alert type="warning" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="feedback-refusal" />}
      <Button onClick={send} loading={sending} data-testid="submit-feedback">提交反馈</Button>
    </Card>
  );
}
