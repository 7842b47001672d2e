// A filing's tabs for caseworkers: the result, the declaration, the documents (with the upload the role makes), the
// process with its deadlines and history, and the escalations; above the result, the unit's register changes.
import { Badge, Empty, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { DispatchAgreements } from '../../components/filing/DispatchAgreements.tsx';
import { DocumentList } from '../../components/filing/DocumentList.tsx';
import { ReviewResult } from '../../components/filing/ReviewResult.tsx';
import { StatusTimeline } from '../../components/filing/StatusTimeline.tsx';
import type { FilingDetail } from '../../lib/filing-types.ts';
import { useSession, type Role } from '../../lib/session.tsx';
import { DeclaredEmployees } from './DeclaredEmployees.tsx';
import { EmployerDetails } from './EmployerDetails.tsx';
import { EscalationList } from './EscalationList.tsx';
import { FilingFacts } from './FilingFacts.tsx';
import { ProcessDeadlines } from './ProcessDeadlines.tsx';
import { DispatchClaimAlerts } from './DispatchClaimAlerts.tsx';
import { RegisterChangeAlerts } from './RegisterChangeAlerts.tsx';

/** What each role adds to a filing's documents: clerks the paper's scans, reviewers what they gather. */
const UPLOADS: Partial<Record<Role, 'scan' | 'evidence'>> = { clerk: 'scan', reviewer: 'evidence' };

export type FilingTab = 'result' | 'declaration' | 'documents' | 'history' | 'escalations';

export function FilingTabs({ filing: f, defaultTab, highlightEmployeeIndex }: { filing: FilingDetail; defaultTab: FilingTab; highlightEmployeeIndex?: number }) {
  const { who } = useSession();
  const escalations = f.escalations ?? [];
  // An agreement uploaded above the list lists the documents afresh.
  const [documentsVersion, setDocumentsVersion] = useState(0);
  return (
    <Tabs
      defaultActiveKey={defaultTab}
      items={[
        {
          key: 'result',
          label: '审核结果',
          children: (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <RegisterChangeAlerts changes={f.registerChanges ?? []} />
              <DispatchClaimAlerts claims={f.dispatchClaims ?? []} />
              {f.review ? <ReviewResult review={f.review} /> : <Empty description="自动审核尚未完成" />}
            </Space>
          ),
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
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <DispatchAgreements
                filingId={f.id}
                employees={f.employees}
                mayUpload={Boolean(who && UPLOADS[who.role])}
                onUploaded={() => setDocumentsVersion((v) => v + 1)}
              />
              <DocumentList
                key={documentsVersion}
                filingId={f.id}
                employeeNames={f.employees.map((e) => e.name)}
                highlightEmployeeIndex={highlightEmployeeIndex}
                uploadKind={who ? UPLOADS[who.role] : undefined}
                employeeIndex={who?.role === 'reviewer' ? highlightEmployeeIndex : undefined}
              />
            </Space>
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
  );
}
