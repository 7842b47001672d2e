// 劳务派遣协议 of a filing, one line per dispatch agency its employees name: the workers, where the agreement counts
// them, whether the agreement is uploaded (expected where one is counted here), and — when `mayUpload` — the upload,
// the agency chosen by one of its workers. Shown to the unit, the window and the review staff alike.
import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import type { Employee, StoredDocument } from '../../lib/filing-types.ts';
import { AGREEMENT_REQUEST, dispatchAgreements } from './dispatch-agreements.ts';
import { DocumentUpload } from './DocumentUpload.tsx';
import { useDocuments } from './use-documents.ts';

export interface DispatchAgreementsProps {
  filingId: string;
  employees: readonly Employee[];
  mayUpload: boolean;
  /** Another list of the page's documents is to be read again. */
  onUploaded?: (items: StoredDocument[]) => void;
}

function statusTag(expected: boolean, count: number) {
  if (count > 0) return <Tag color="success">已上传 {count} 份</Tag>;
  return expected ? <Tag color="warning">待上传</Tag> : <Tag>未上传（协议约定计入对方单位，可不上传）</Tag>;
}

export function DispatchAgreements({ filingId, employees, mayUpload, onUploaded }: DispatchAgreementsProps) {
  const { items, reload } = useDocuments(filingId);
  const agencies = dispatchAgreements(employees, items ?? []);
  if (agencies.length === 0) return null;
  const missing = items !== undefined && agencies.some((a) => a.expected && a.documents.length === 0);
  return (
    <Card title="劳务派遣协议" size="small" data-testid="dispatch-agreements">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {missing && <Alert type="warning" showIcon title={AGREEMENT_REQUEST} data-testid="dispatch-agreement-missing" />}
        <List
          size="small"
          dataSource={agencies}
          renderItem={(a) => (
            <List.Item data-testid="dispatch-agency" data-agency={a.agencyUscc}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Typography.Text strong style={{ wordBreak: 'break-all' }}>派遣单位 {a.agencyUscc}</Typography.Text>
                  {items !== undefined && statusTag(a.expected, a.documents.length)}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.workers
                    .map((w) => `第 ${w.index + 1} 名 ${w.name}（${w.countedHere === true ? '计入本单位' : w.countedHere === false ? '计入对方单位' : '约定未填'}）`)
                    .join('、')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        {mayUpload && (
          <DocumentUpload
            filingId={filingId}
            kind="dispatch_agreement"
            employeeNames={undefined}
            employeeIndex={agencies.length === 1 ? agencies[0]!.workers[0]!.index : undefined}
            employeeChoices={agencies.map((a) => ({ value: a.workers[0]!.index, label: a.agencyUscc }))}
            onUploaded={(stored) => {
              void reload();
              onUploaded?.(stored);
            }}
          />
        )}
      </Space>
    </Card>
  );
}
