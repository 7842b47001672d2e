// A dispute's fields: the employees ticked in the result, each with its evidence upload, and the reason.
import { Form, Input, Table, Typography } from 'antd';
import type { FilingDetail, Review, StoredDocument } from '../../../lib/filing-types.ts';
import { EvidenceUpload } from './EvidenceUpload.tsx';
import type { FieldKey } from './use-confirm-result.ts';

export interface DisputeFieldsProps {
  filing: FilingDetail & { review: Review };
  documents: StoredDocument[];
  selected: number[];
  reason: string;
  onReason: (reason: string) => void;
  onEvidenceChanged: () => void;
  /** A field's error state. */
  status: (key: FieldKey) => { validateStatus?: 'error'; help?: string };
}

export function DisputeFields({ filing, documents, selected, reason, onReason, onEvidenceChanged, status }: DisputeFieldsProps) {
  const nameOf = (index: number) => filing.review.employees.find((e) => e.index === index)?.name ?? filing.employees[index]?.name ?? '';
  return (
    <>
      <Form.Item label="有异议的职工及证明材料" required {...status('disputedEmployees')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          请在上方审核结果表格左侧勾选有异议的职工，并为每一名职工至少上传一份证明材料（如劳动合同、工资发放记录、社会保险缴费凭证、残疾人证等）。
        </Typography.Paragraph>
        {selected.length > 0 && (
          <Table
            data-testid="disputed-employees"
            size="small"
            rowKey="index"
            pagination={false}
            scroll={{ x: true }}
            dataSource={selected.map((index) => ({ index }))}
            columns={[
              { title: '序号', key: 'n', width: 60, render: (_v, r) => r.index + 1 },
              { title: '姓名', key: 'name', width: 100, render: (_v, r) => nameOf(r.index) },
              { title: '证明材料', key: 'evidence', render: (_v, r) => <EvidenceUpload filingId={filing.id} index={r.index} documents={documents} onUploaded={onEvidenceChanged} /> },
            ]}
          />
        )}
      </Form.Item>
      <Form.Item label="异议理由" required {...status('disputeReason')} extra="请说明对哪些月份、哪项认定有异议，以及所上传的证明材料能证明什么">
        <Input.TextArea value={reason} onChange={(e) => onReason(e.target.value)} maxLength={1000} showCount autoSize={{ minRows: 3 }} data-testid="dispute-reason" />
      </Form.Item>
    </>
  );
}
