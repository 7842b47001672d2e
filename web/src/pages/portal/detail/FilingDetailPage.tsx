// 申报详情: one of the unit's filings — where it stands and what the unit can do now (confirm or dispute the result,
// modify after approved feedback, give feedback, download the 确认书, rate), the result per employee and month,
// the history, the declaration and its documents.
import { ArrowLeftOutlined, LoadingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Result, Row, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DocumentList } from '../../../components/filing/DocumentList.tsx';
import { ReviewResult } from '../../../components/filing/ReviewResult.tsx';
import { StatusTag } from '../../../components/filing/StatusTag.tsx';
import { StatusTimeline } from '../../../components/filing/StatusTimeline.tsx';
import { useDeadlines, type Deadlines } from '../../../lib/deadlines.ts';
import type { FilingDetail, FilingStatus, Review, TaskItem } from '../../../lib/filing-types.ts';
import { chineseDate } from '../../../lib/format.ts';
import { CONFIRM_RESULT_TASK, MODIFY_DECLARATION_TASK, nextStep, type NextStep } from '../next-step.ts';
import { AcceptanceWaitNote } from './AcceptanceWaitNote.tsx';
import { CertificatePanel, type Replacement } from './CertificatePanel.tsx';
import { ConfirmResultPanel } from './ConfirmResultPanel.tsx';
import { EmployeesView, EmployerView } from './DeclarationView.tsx';
import { FeedbackPanel } from './FeedbackPanel.tsx';
import { ModifyDeclarationPanel } from './ModifyDeclarationPanel.tsx';
import { RatingPanel } from './RatingPanel.tsx';
import { useFilingDetail } from './use-filing-detail.ts';

const RATING_OPEN = new Set<FilingStatus>(['certified', 'sent_to_tax', 'closed']);
const SYSTEM_WORKING = new Set<FilingStatus>(['submitted', 'accepted', 'reviewing']);

/** What the system is doing with the filing, in plain words: a department that does not answer is named. */
function workingText(filing: FilingDetail): string {
  const wait = filing.departmentWait;
  if (!wait) return '系统正在与残联、人社、医保、税务等部门的数据比对，页面会自动刷新。';
  const named = wait.departments.join('、');
  return wait.state === 'held'
    ? `${named}的数据暂时无法核验，已通知工作人员处理；处理后将继续审核，无需重新申报。`
    : `${named}暂时没有应答，系统正在自动重试；页面会自动刷新。`;
}

/** Statuses of a review made again after approved feedback, before the new certification. */
const REVIEWED_AGAIN = new Set<FilingStatus>(['feedback', 'submitted', 'accepted', 'reviewing', 'awaiting_confirmation', 'disputed', 'manual_review']);

/** The banner's step; while certified, with the feedback deadline the process computed, not a number written in. */
function stepOf(filing: FilingDetail, task: TaskItem | null, deadlines: Deadlines | undefined): NextStep {
  const listed = nextStep(filing.status, new Set(task ? [task.taskDefinitionKey] : []), deadlines);
  if (filing.status !== 'certified' || task) return listed;
  if (filing.feedback.at(-1)?.state === 'awaiting') return { text: '反馈已提交，等待残联审核', actionable: false };
  const window = filing.feedbackWindow;
  if (window?.state !== 'open' || !window.dueAt) return listed;
  return { ...listed, text: `可下载确认书；有异议可在 ${chineseDate(window.dueAt)}${window.provisional ? '（暂定）' : ''} 前提交反馈` };
}

const hasReview = (filing: FilingDetail): filing is FilingDetail & { review: Review } => filing.review !== null;
type AwaitingAcceptance = FilingDetail & { acceptance: NonNullable<FilingDetail['acceptance']> };
const awaitsAcceptance = (filing: FilingDetail): filing is AwaitingAcceptance => filing.acceptance != null;

/** What the banner says below the step while the system or the county has the filing. */
function bannerDescription(filing: FilingDetail) {
  if (awaitsAcceptance(filing)) return <AcceptanceWaitNote filing={filing} />;
  return SYSTEM_WORKING.has(filing.status) ? workingText(filing) : undefined;
}

function NotFound({ title }: { title: string }) {
  return (
    <Result status="404" title={title} subTitle="该申报不存在，或不属于本单位。"
      extra={<Link to="/portal"><Button type="primary">返回我的申报</Button></Link>} />
  );
}

export function FilingDetailPage() {
  const { id = '' } = useParams();
  const { filing, task, documents, error, afterAction, reloadDocuments } = useFilingDetail(id);
  const deadlines = useDeadlines(id);
  const [documentsVersion, setDocumentsVersion] = useState(0);
  const documentsChanged = () => {
    setDocumentsVersion((v) => v + 1);
    void reloadDocuments();
  };

  if (error && !filing) return error.status === 404 ? <NotFound title="未找到该申报" /> : <Alert type="error" showIcon title={error.title} />;
  if (!filing) return <Card loading />;

  const step = stepOf(filing, task, deadlines);
  const certifiedOnce = filing.history.some((h) => h.status === 'certified');
  const feedbackOpen = filing.status === 'certified' && !task;
  // Feedback approved and the filing not certified again yet: the confirmation shown is the one to be replaced.
  const replacing: Replacement | null = !certifiedOnce || !REVIEWED_AGAIN.has(filing.status) || filing.feedback.at(-1)?.state !== 'approved'
    ? null
    : filing.status === 'feedback' ? 'after-modification' : 're-review';
  const confirming = task?.taskDefinitionKey === CONFIRM_RESULT_TASK && hasReview(filing);
  const modifying = task?.taskDefinitionKey === MODIFY_DECLARATION_TASK;
  // The unit has materials to bring; nothing is being compared yet.
  const awaiting = awaitsAcceptance(filing);
  const systemWorking = SYSTEM_WORKING.has(filing.status) && !awaiting;
  const names = filing.employees.map((e) => e.name);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="filing-detail">
      <Link to="/portal"><ArrowLeftOutlined /> 我的申报</Link>
      <div>
        <Space wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>{filing.year} 年度年审申报</Typography.Title>
          <StatusTag status={filing.status} channel={filing.channel} />
        </Space>
        <div>
          <Typography.Text type="secondary">
            {filing.employer.name} · {filing.channel === 'online' ? '网上申报' : '窗口申报'} · {chineseDate(filing.createdAt)} 提交
          </Typography.Text>
        </div>
      </div>
      <Alert
        type={step.actionable || awaiting || filing.departmentWait?.state === 'held' ? 'warning' : 'info'}
        showIcon
        icon={systemWorking && filing.departmentWait?.state !== 'held' ? <LoadingOutlined /> : undefined}
        data-testid="detail-next-step"
        title={`当前：${step.text}`}
        description={bannerDescription(filing)}
      />
      {filing.notices.length > 0 && (
        <Alert type="info" showIcon title={awaiting ? '申报已收件，以下信息请留意' : '申报已受理，以下信息请留意'}
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{filing.notices.map((n) => <li key={n.path + n.code}>{n.message}</li>)}</ul>} />
      )}
      {(certifiedOnce || RATING_OPEN.has(filing.status)) && (
        <Row gutter={[16, 16]}>
          {certifiedOnce && (
            <Col xs={24} lg={8}>
              <CertificatePanel filingId={filing.id} version={`${filing.status}-${filing.updatedAt}`} replacing={replacing} />
            </Col>
          )}
          {(feedbackOpen || filing.feedback.length > 0) && (
            <Col xs={24} lg={8}>
              <FeedbackPanel filingId={filing.id} window={filing.feedbackWindow} feedback={filing.feedback} mayFile={feedbackOpen} onFiled={afterAction} />
            </Col>
          )}
          {RATING_OPEN.has(filing.status) && (
            <Col xs={24} lg={8}>
              <RatingPanel filingId={filing.id} rating={filing.rating} onRated={afterAction} key={filing.rating?.updatedAt ?? 'new'} />
            </Col>
          )}
        </Row>
      )}
      {confirming && task && (
        <ConfirmResultPanel filing={filing} task={task} documents={documents} onDocumentsChanged={documentsChanged} onDone={afterAction} key={task.id} />
      )}
      {modifying && task && <ModifyDeclarationPanel filing={filing} task={task} onDone={afterAction} key={task.id} />}
      {!confirming && (
        <Card title="审核结果" data-testid="review-card">
          {filing.review ? <ReviewResult review={filing.review} /> : <Empty description="系统审核完成后，将在此显示逐人逐月的认定结果" />}
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title="申报信息">
            <Tabs
              items={[
                { key: 'employer', label: '单位信息', children: <EmployerView filing={filing} /> },
                { key: 'employees', label: `残疾职工（${filing.employees.length} 人）`, children: <EmployeesView employees={filing.employees} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title="办理进度" size="small">
              <StatusTimeline history={filing.history} />
            </Card>
            <Card title="申报材料" size="small">
              <DocumentList filingId={filing.id} employeeNames={names} key={documentsVersion} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
