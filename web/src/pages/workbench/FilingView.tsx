// One filing as caseworkers read it, beside a task or on its own page: the unit and status, the automatic (and
// manual) result, the declaration, the documents with preview, the full history and the escalations. Whole ID
// numbers only after an explicit, audited request.
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Descriptions, Empty, Popconfirm, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { DocumentList } from '../../components/filing/DocumentList.tsx';
import { ReviewResult } from '../../components/filing/ReviewResult.tsx';
import { StatusTimeline } from '../../components/filing/StatusTimeline.tsx';
import { api } from '../../lib/api.ts';
import type { FilingDetail } from '../../lib/filing-types.ts';
import { chineseDateTime } from '../../lib/format.ts';
import { useSession, type Role } from '../../lib/session.tsx';
import { channelName } from './channel-names.ts';
import { DeclaredEmployees } from './DeclaredEmployees.tsx';
import { EmployerDetails } from './EmployerDetails.tsx';
import { EscalationList } from './EscalationList.tsx';
import { ProcessDeadlines } from './ProcessDeadlines.tsx';
import { FilingFacts } from './FilingFacts.tsx';
import { StatusTag } from '../../components/filing/StatusTag.tsx';
import { regionLabel } from './region-label.ts';
import { loadErrorText, useLoaded } from '../../lib/use-loaded.ts';

/** docs/domain.md §8: DPF staff who verify identities may see whole numbers; the server audits and enforces it. */
const MAY_REVEAL: Role[] = ['clerk', 'reviewer', 'lead', 'city', 'province'];
/** What each role adds to a filing's documents: clerks the paper's scans, reviewers what they gather. */
const UPLOADS: Partial<Record<Role, 'scan' | 'evidence'>> = { clerk: 'scan', reviewer: 'evidence' };

export type FilingTab = 'result' | 'declaration' | 'documents' | 'history' | 'escalations';

export interface FilingViewProps {
  filingId: string;
  /** The employee (0-based) a manual review is about: marked in the declaration and the documents. */
  highlightEmployeeIndex?: number;
  defaultTab?: FilingTab;
  /** Narrow column beside a task form: fewer columns in the header. */
  compact?: boolean;
}

export function FilingView({ filingId, highlightEmployeeIndex, defaultTab = 'result', compact = false }: FilingViewProps) {
  const { who } = useSession();
  const [reveal, setReveal] = useState(false);
  const filing = useLoaded(
    () => api<FilingDetail>('GET', `/api/filings/${encodeURIComponent(filingId)}${reveal ? '?reveal=personal' : ''}`),
    [filingId, reveal],
  );

  if (filing.error) return <Alert type="error" showIcon title={loadErrorText(filing.error)} action={<Button onClick={filing.reload}>重试</Button>} />;
  if (!filing.data) return <Skeleton active />;
  const f = filing.data;
  const names = f.employees.map((e) => e.name);
  const escalations = f.escalations ?? [];

  const revealButton = who && MAY_REVEAL.includes(who.role) && (
    reveal ? (
      <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setReveal(false)} data-testid="hide-personal">
        隐藏完整号码
      </Button>
    ) : (
      <Popconfirm
        title="查看完整证件号码"
        description="完整的身份证号和证号仅供核验使用，本次查看将记入审计日志。"
        okText="确认查看"
        cancelText="取消"
        onConfirm={() => setReveal(true)}
      >
        <Button size="small" icon={<EyeOutlined />} data-testid="reveal-personal">
          查看完整证件号码
        </Button>
      </Popconfirm>
    )
  );

  return (
    <Card
      size="small"
      data-testid="filing-view"
      title={
        <Space wrap>
          <span>{f.employer.name}</span>
          <StatusTag status={f.status} channel={f.channel} />
        </Space>
      }
      extra={revealButton}
    >
      <Descriptions
        size="small"
        column={compact ? { xs: 1, sm: 2 } : { xs: 1, sm: 2, lg: 4 }}
        style={{ marginBottom: 8 }}
        items={[
          { key: 'uscc', label: '统一社会信用代码', children: f.employer.uscc },
          { key: 'year', label: '审核年度', children: `${f.year} 年` },
          { key: 'channel', label: '申报渠道', children: channelName(f.channel) },
          { key: 'created', label: '提交时间', children: chineseDateTime(f.createdAt) },
          { key: 'receiving', label: '收件地', children: regionLabel(f.receivingRegionCode) },
          { key: 'handling', label: '办理地', children: regionLabel(f.handlingRegionCode) },
          { key: 'count', label: '残疾职工', children: `${f.employees.length} 人` },
        ]}
      />
      {reveal && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title="正在显示完整证件号码，本次查看已记入审计日志" />}
      <Tabs
        defaultActiveKey={defaultTab}
        items={[
          {
            key: 'result',
            label: '审核结果',
            children: f.review ? <ReviewResult review={f.review} /> : <Empty description="自动审核尚未完成" />,
          },
          {
            key: 'declaration',
            label: '申报信息',
            children: (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <EmployerDetails filing={f} />
                <Typography.Title level={5} style={{ margin: 0 }}>
                  残疾职工（{f.employees.length} 人）
                </Typography.Title>
                <DeclaredEmployees employees={f.employees} highlightIndex={highlightEmployeeIndex} />
              </Space>
            ),
          },
          {
            key: 'documents',
            label: '材料',
            children: (
              <DocumentList
                filingId={f.id}
                employeeNames={names}
                highlightEmployeeIndex={highlightEmployeeIndex}
                uploadKind={who ? UPLOADS[who.role] : undefined}
                employeeIndex={who?.role === 'reviewer' ? highlightEmployeeIndex : undefined}
              />
            ),
          },
          {
            key: 'history',
            label: '办理过程',
            children: (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <ProcessDeadlines deadlines={f.dueDates} />
                <FilingFacts filing={f} />
                <StatusTimeline history={f.history} />
              </Space>
            ),
          },
          {
            key: 'escalations',
            label: (
              <Badge count={escalations.length} size="small" offset={[8, 0]}>
                督办记录
              </Badge>
            ),
            children: <EscalationList escalations={escalations} />,
          },
        ]}
      />
    </Card>
  );
}
