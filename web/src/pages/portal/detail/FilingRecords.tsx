// The filing as declared (unit, employees), its history, and its documents.
import { Card, Col, Row, Space, Tabs } from 'antd';
import { useState } from 'react';
import { DispatchAgreements } from '../../../components/filing/DispatchAgreements.tsx';
import { DocumentList } from '../../../components/filing/DocumentList.tsx';
import { StatusTimeline } from '../../../components/filing/StatusTimeline.tsx';
import type { FilingDetail } from '../../../lib/filing-types.ts';
import { EmployeesView, EmployerView } from './DeclarationView.tsx';

/** `documentsVersion`: a new value lists the documents afresh (after evidence was uploaded elsewhere on the page). */
export function FilingRecords({ filing, documentsVersion }: { filing: FilingDetail; documentsVersion: number }) {
  const [agreementsVersion, setAgreementsVersion] = useState(0);
  return (
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
          <DispatchAgreements filingId={filing.id} employees={filing.employees} mayUpload onUploaded={() => setAgreementsVersion((v) => v + 1)} />
          <Card title="申报材料" size="small">
            <DocumentList filingId={filing.id} employeeNames={filing.employees.map((e) => e.name)} key={`${documentsVersion}-${agreementsVersion}`} />
          </Card>
        </Space>
      </Col>
    </Row>
  );
}
