// 确认审核结果 (the employer's task `confirm-result`, 附件1 §四(二)–(三)): confirm the result and certify, or dispute
// some employees — tick them in the result, upload evidence for each, say why — and ask for manual review.
import { Alert, Button, Card, Form, Radio, Space, Typography } from 'antd';
import { ReviewResult } from '../../../components/filing/ReviewResult.tsx';
import { useDeadlines } from '../../../lib/deadlines.ts';
import type { FilingDetail, Review, StoredDocument, TaskItem } from '../../../lib/filing-types.ts';
import { DisputeFields } from './DisputeFields.tsx';
import { useConfirmResult, type Decision, type FieldKey } from './use-confirm-result.ts';

export interface ConfirmResultPanelProps {
  filing: FilingDetail & { review: Review };
  task: TaskItem;
  documents: StoredDocument[];
  onDocumentsChanged: () => void;
  onDone: () => void;
}

export function ConfirmResultPanel({ filing, task, documents, onDocumentsChanged, onDone }: ConfirmResultPanelProps) {
  // The deadlines of the diagram version this filing runs on: the manual review and feedback it will be held to.
  const deadlines = useDeadlines(filing.id);
  const answer = useConfirmResult(task, documents, deadlines, onDone);
  const { decision, selected, errors, clear } = answer;
  // Evidence just uploaded may be what the employee list was missing: judged again on submit.
  const evidenceChanged = () => {
    clear('disputedEmployees');
    onDocumentsChanged();
  };

  const status = (key: FieldKey) => (errors[key] ? { validateStatus: 'error' as const, help: errors[key] } : {});
  return (
    <Card title="确认审核结果" data-testid="confirm-result-panel" styles={{ header: { background: '#fff7e6' } }}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          请查看系统审核的结果：认定安排残疾人就业的人数，以及每名职工逐月是否计入和不计入的原因。结果无误的，请确认并完成年审认证；对其中某些职工的认定结果有异议的，可申请县（市、区）残联人工审核，残联在{answer.reviewWithin}办结。
        </Typography.Paragraph>
        <ReviewResult review={filing.review} {...(decision === 'dispute' ? { selection: { selected, onChange: (indexes) => {
          answer.setSelected(indexes);
          clear('disputedEmployees');
        } } } : {})} />
        <Form layout="vertical">
          <Form.Item label="审核结果" required {...status('confirmationDecision')}>
            <Radio.Group value={decision} onChange={(e) => {
              answer.setDecision(e.target.value as Decision);
              clear('confirmationDecision');
            }} data-testid="confirmation-decision">
              <Space orientation="vertical">
                <Radio value="confirm" data-testid="decision-confirm">确认审核结果并年审认证</Radio>
                <Radio value="dispute" data-testid="decision-dispute">有异议，申请人工审核</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          {decision === 'dispute' && (
            <DisputeFields
              filing={filing}
              documents={documents}
              selected={selected}
              reason={answer.reason}
              onReason={(reason) => {
                answer.setReason(reason);
                clear('disputeReason');
              }}
              onEvidenceChanged={evidenceChanged}
              status={status}
            />
          )}
        </Form>
        {answer.general && <Alert type="error" showIcon title={answer.general} />}
        <Button type="primary" loading={answer.sending} onClick={answer.submit} data-testid="submit-confirmation">
          {decision === 'dispute' ? '提交异议' : '确认并年审认证'}
        </Button>
      </Space>
    </Card>
  );
}
