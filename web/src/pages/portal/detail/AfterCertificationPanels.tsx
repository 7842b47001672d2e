// Once certified: the 确认书 (or the one about to be replaced after approved feedback), feedback, and the rating.
import { Col, Row } from 'antd';
import type { FilingDetail, FilingStatus, TaskItem } from '../../../lib/filing-types.ts';
import { CertificatePanel, type Replacement } from './CertificatePanel.tsx';
import { FeedbackPanel } from './FeedbackPanel.tsx';
import { RatingPanel } from './RatingPanel.tsx';

const RATING_OPEN = new Set<FilingStatus>(['certified', 'sent_to_tax', 'closed']);
/** Statuses of a review made again after approved feedback, before the new certification. */
const REVIEWED_AGAIN = new Set<FilingStatus>(['feedback', 'submitted', 'accepted', 'reviewing', 'awaiting_confirmation', 'disputed', 'manual_review']);

export function AfterCertificationPanels({ filing, task, onChanged }: { filing: FilingDetail; task: TaskItem | null; onChanged: () => void }) {
  const certifiedOnce = filing.history.some((h) => h.status === 'certified');
  if (!certifiedOnce && !RATING_OPEN.has(filing.status)) return null;
  const feedbackOpen = filing.status === 'certified' && !task;
  // Feedback approved and the filing not certified again yet: the confirmation shown is the one to be replaced.
  const replacing: Replacement | null = !certifiedOnce || !REVIEWED_AGAIN.has(filing.status) || filing.feedback.at(-1)?.state !== 'approved'
    ? null
    : filing.status === 'feedback' ? 'after-modification' : 're-review';
  return (
    <Row gutter={[16, 16]}>
      {certifiedOnce && (
        <Col xs={24} lg={8}>
          <CertificatePanel filingId={filing.id} version={`${filing.status}-${filing.updatedAt}`} replacing={replacing} />
        </Col>
      )}
      {(feedbackOpen || filing.feedback.length > 0) && (
        <Col xs={24} lg={8}>
          <FeedbackPanel filingId={filing.id} window={filing.feedbackWindow} feedback={filing.feedback} mayFile={feedbackOpen} onFiled={onChanged} />
        </Col>
      )}
      {RATING_OPEN.has(filing.status) && (
        <Col xs={24} lg={8}>
          <RatingPanel filingId={filing.id} rating={filing.rating} onRated={onChanged} key={filing.rating?.updatedAt ?? 'new'} />
        </Col>
      )}
    </Row>
  );
}
