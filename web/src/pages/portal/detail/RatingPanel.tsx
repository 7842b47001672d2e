// 好差评: once certified the unit rates the service, 1–5 stars and a comment; a later rating replaces the earlier one.
import { Alert, App, Button, Card, Form, Input, Rate, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../../lib/api.ts';
import type { FilingDetail } from '../../../lib/filing-types.ts';
import { chineseDate } from '../../../lib/format.ts';

const SCORE_NAMES = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];

export function RatingPanel({ filingId, rating, onRated }: { filingId: string; rating: FilingDetail['rating']; onRated: () => void }) {
  const { message } = App.useApp();
  const [score, setScore] = useState(rating?.score ?? 0);
  const [comment, setComment] = useState(rating?.comment ?? '');
  const [errors, setErrors] = useState<{ score?: string; comment?: string; other?: string }>({});
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (score < 1) {
      setErrors({ score: '请选择评分' });
      return;
    }
    setSending(true);
    setErrors({});
    try {
      await api('POST', `/api/filings/${filingId}/rating`, { score, comment: comment.trim() || null });
      message.success('感谢您的评价');
      onRated();
    } catch (error) {
      if (!(error instanceof ApiError)) setErrors({ other: '提交失败，请检查网络后重试' });
      else {
        const at = (p: string) => error.errors.find((e) => e.path === p)?.message;
        setErrors({ score: at('/score'), comment: at('/comment'), other: error.errors.length === 0 ? error.title : undefined });
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" title="服务评价" data-testid="rating-panel">
      {rating && (
        <Typography.Paragraph type="secondary">您已于 {chineseDate(rating.updatedAt)} 评价；可修改后重新提交。</Typography.Paragraph>
      )}
      <Form layout="vertical">
        <Form.Item label="评分" required {...(errors.score ? { validateStatus: 'error' as const, help: errors.score } : {})}>
          <Rate value={score} onChange={setScore} tooltips={SCORE_NAMES} data-testid="rating-score" />
          {score > 0 && <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{SCORE_NAMES[score - 1]}</Typography.Text>}
        </Form.Item>
        <Form.Item label="评价内容（选填）" {...(errors.comment ? { validateStatus: 'error' as const, help: errors.comment } : {})}>
          <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} showCount autoSize={{ minRows: 2 }} data-testid="rating-comment" />
        </Form.Item>
      </Form>
      {errors.other && <Alert type="error" showIcon title={errors.other} style={{ marginBottom: 12 }} />}
      <Button onClick={send} loading={sending} data-testid="submit-rating">{rating ? '更新评价' : '提交评价'}</Button>
    </Card>
  );
}
