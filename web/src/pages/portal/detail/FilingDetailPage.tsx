// 申报详情: one of the unit's filings — where it stands and what the unit can do now (confirm or dispute the result,
// modify after approved feedback, give feedback, download the 确认书, rate), the result per employee and month,
// the history, the declaration and its documents.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ReviewResult } from '../../../components/filing/ReviewResult.tsx';
import { StatusTag } from '../../../components/filing/StatusTag.tsx';
import { useDeadlines } from '../../../lib/deadlines.ts';
import type { FilingDetail, Review } from '../../../lib/filing-types.ts';
import { chineseDate } from '../../../lib/format.ts';
import { CONFIRM_RESULT_TASK, MODIFY_DECLARATION_TASK } from '../next-step.ts';
import { AfterCertificationPanels } from './AfterCertificationPanels.tsx';
import { ConfirmResultPanel } from './ConfirmResultPanel.tsx';
import { FilingRecords } from './FilingRecords.tsx';
import { ModifyDeclarationPanel } from './ModifyDeclarationPanel.tsx';
import { awaitsAcceptance, NextStepBanner } from './NextStepBanner.tsx';
import { useFilingDetail } from './use-filing-detail.ts';

const hasReview = (filing: FilingDetail): filing is FilingDetail & { review: Review } => filing.review !== null;

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

  const confirming = task?.taskDefinitionKey === CONFIRM_RESULT_TASK && hasReview(filing);
  const modifying = task?.taskDefinitionKey === MODIFY_DECLARATION_TASK;

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
      <NextStepBanner filing={filing} task={task} deadlines={deadlines} />
      {filing.notices.length > 0 && (
        <Alert type="info" showIcon title={awaitsAcceptance(filing) ? '申报已收件，以下信息请留意' : '申报已受理，以下信息请留意'}
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{filing.notices.map((n) => <li key={n.path + n.code}>{n.message}</li>)}</ul>} />
      )}
      <AfterCertificationPanels filing={filing} task={task} onChanged={afterAction} />
      {confirming && task && (
        <ConfirmResultPanel filing={filing} task={task} documents={documents} onDocumentsChanged={documentsChanged} onDone={afterAction} key={task.id} />
      )}
      {modifying && task && <ModifyDeclarationPanel filing={filing} task={task} onDone={afterAction} key={task.id} />}
      {!confirming && (
        <Card title="审核结果" data-testid="review-card">
          {filing.review ? <ReviewResult review={filing.review} /> : <Empty description="系统审核完成后，将在此显示逐人逐月的认定结果" />}
        </Card>
      )}
      <FilingRecords filing={filing} documentsVersion={documentsVersion} />
    </Space>
  );
}
