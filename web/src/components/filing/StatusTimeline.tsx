// A filing's history (GET /api/filings/{id} `history`) as a timeline: each step in Chinese, when, who (people only;
// the system's own steps need no name) and the note that came with it (a reason, a receipt, a certificate code).
import { Timeline, Typography } from 'antd';
import { EMPLOYER_FINDING_TEXT } from '../../../../review/reason-messages.ts';
import { STATUS_NAMES, type FilingStatus, type StatusEntry } from '../../lib/filing-types.ts';
import { ROLE_NAMES, type Role } from '../../lib/session.tsx';
import { chineseDateTime } from '../../lib/format.ts';

/** The process step behind an entry (processes/annual-review.bpmn), when it says more than the status. */
const STEP_NAMES: Record<string, string> = {
  'registration-checked': '核验单位登记状态',
  'transfer-out': '经全国平台转外省办理',
  transfer: '转单位所在地办理',
  'awaiting-acceptance': '告知待受理及原因',
  acceptance: '受理',
  'automatic-review': '系统自动审核',
  dispute: '单位提出异议',
  'manual-review': '残联人工审核',
  // Certified by the system once the unit confirmed the result: the unit is not who certifies.
  certification: '单位确认结果后，系统年审认证并出具确认书',
  feedback: '单位提交反馈',
  'feedback-rejected': '反馈未获同意',
  'feedback-approved': '反馈已获同意，可修改申报',
  'tax-hand-over': '报送税务部门',
  'tax-answer': '税务部门核对一致',
  'tax-inconsistent': '税务部门核对不一致',
  reconciliation: '与税务部门对账',
  'tax-re-push': '重新报送税务部门',
  're-review': '修改申报后重新审核',
};

const COLORS: Partial<Record<FilingStatus, string>> = { certified: 'green', closed: 'green', returned: 'red', disputed: 'orange', awaiting_confirmation: 'orange' };
const SYSTEM_ACTOR = 'system';

/** Who acted, as a role name when the sign-in's user id tells it (dev-<role>-…); the id otherwise. */
function actorText(actor: string): string {
  const role = /^dev-([a-z]+)-/.exec(actor)?.[1] as Role | undefined;
  return role && ROLE_NAMES[role] ? ROLE_NAMES[role] : actor;
}

/** A note that is a list of finding codes (the registration check) read in Chinese; any other note as written. */
function noteText(note: string): string {
  const codes = note.split(/[\s,，、]+/).filter(Boolean);
  const known = codes.every((c) => Object.hasOwn(EMPLOYER_FINDING_TEXT, c));
  return known && codes.length > 0 ? codes.map((c) => EMPLOYER_FINDING_TEXT[c as keyof typeof EMPLOYER_FINDING_TEXT].zh).join('；') : note;
}

export function StatusTimeline({ history }: { history: StatusEntry[] }) {
  if (history.length === 0) return <Typography.Text type="secondary">暂无办理记录</Typography.Text>;
  return (
    <Timeline
      data-testid="status-timeline"
      items={history.map((entry, i) => {
        const step = entry.step ? STEP_NAMES[entry.step] : undefined;
        return {
          key: i,
          color: COLORS[entry.status] ?? 'blue',
          content: (
            <div data-testid="timeline-entry" data-status={entry.status}>
              <Typography.Text strong>{STATUS_NAMES[entry.status] ?? entry.status}</Typography.Text>
              {step && <Typography.Text type="secondary"> · {step}</Typography.Text>}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {chineseDateTime(entry.at)}
                  {entry.actor && entry.actor !== SYSTEM_ACTOR ? ` · 经办：${actorText(entry.actor)}` : ''}
                </Typography.Text>
              </div>
              {entry.note && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{noteText(entry.note)}</Typography.Paragraph>}
            </div>
          ),
        };
      })}
    />
  );
}
