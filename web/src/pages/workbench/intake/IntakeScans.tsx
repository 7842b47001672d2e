// The last step of the window's intake: the filing made (accepted on the spot, or waiting for missing materials)
// and the upload of the paper's scans (and of the dispatch agreements, when dispatched workers are declared).
import { Result, Space } from 'antd';
import { useState } from 'react';
import { DispatchAgreements } from '../../../components/filing/DispatchAgreements.tsx';
import { DocumentList } from '../../../components/filing/DocumentList.tsx';
import type { CreatedFiling } from '../../../components/filing/use-declaration-wizard.ts';
import { statusName, type Employee } from '../../../lib/filing-types.ts';

export function IntakeScans({ created, employees }: { created: CreatedFiling; employees: Employee[] }) {
  const [version, setVersion] = useState(0);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Result
        status="success"
        style={{ padding: 16 }}
        title={created.status === 'accepted' ? '申报已当场受理' : '申报已登记，待补正材料后受理'}
        subTitle={`当前状态：${statusName(created.status, 'window')}。请扫描单位提交的纸质材料并上传，供审核时查阅。`}
      />
      <DispatchAgreements filingId={created.id} employees={employees} mayUpload onUploaded={() => setVersion((v) => v + 1)} />
      <DocumentList filingId={created.id} uploadKind="scan" employeeNames={employees.map((e) => e.name ?? '')} key={version} />
    </Space>
  );
}
