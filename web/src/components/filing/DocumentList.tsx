// A filing's documents (scans, evidence): the list, a preview in the page (images inline, PDFs in a frame, both
// from an object URL so the token never goes into a link), download, and — when `uploadKind` is given — upload.
// Every preview and download is a read the server audits, so nothing is fetched until someone asks for it.
import { Alert, Button, Empty, Space, Table } from 'antd';
import type { HTMLAttributes } from 'react';
import type { StoredDocument } from '../../lib/filing-types.ts';
import { documentColumns } from './document-columns.tsx';
import './document-list.css';
import { DocumentPreview } from './DocumentPreview.tsx';
import { DocumentUpload } from './DocumentUpload.tsx';
import { useDocumentPreview } from './use-document-preview.ts';
import { useDocuments } from './use-documents.ts';

export interface DocumentListProps {
  filingId: string;
  /** Offer an upload of this kind (the server still decides who may upload). */
  uploadKind?: 'scan' | 'evidence';
  /** The declared employees' names by position, to say whose evidence a document is and to choose it on upload. */
  employeeNames?: string[];
  /** Evidence of this employee (0-based) is marked, e.g. the one a manual review is about. */
  highlightEmployeeIndex?: number;
  /** Uploads go to this employee (0-based) without asking. */
  employeeIndex?: number;
  onUploaded?: (items: StoredDocument[]) => void;
}

export function DocumentList({ filingId, uploadKind, employeeNames, highlightEmployeeIndex, employeeIndex, onUploaded }: DocumentListProps) {
  const { items, loadError, reload } = useDocuments(filingId);
  const files = useDocumentPreview();
  const { preview } = files;

  const highlighted = (d: StoredDocument) => highlightEmployeeIndex !== undefined && d.employeeIndex === highlightEmployeeIndex;
  // The documents of the employee under review first, then the rest in upload order.
  const sorted = [...(items ?? [])].sort((a, b) => Number(highlighted(b)) - Number(highlighted(a)));
  const columns = documentColumns({ employeeNames, highlighted, opening: files.opening, onOpen: (d) => void files.open(d), onSave: (d) => void files.save(d) });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="document-list">
      {loadError && <Alert type="error" showIcon title={loadError} action={<Button onClick={reload}>重试</Button>} />}
      {files.openError && <Alert type="error" showIcon title={files.openError} closable={{ onClose: files.clearError }} />}
      <Table<StoredDocument>
        rowKey="id"
        size="small"
        loading={items === undefined && !loadError}
        columns={columns}
        dataSource={sorted}
        pagination={false}
        scroll={{ x: 680 }}
        rowClassName={(d) => (highlighted(d) ? 'doc-highlight' : '')}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未上传材料" /> }}
        onRow={(d) => ({ 'data-testid': 'document-row', 'data-employee-index': d.employeeIndex ?? '', 'data-kind': d.kind }) as HTMLAttributes<HTMLElement>}
      />
      {preview && <DocumentPreview preview={preview} onSave={() => void files.save(preview.doc)} onClose={files.close} />}
      {uploadKind && (
        <DocumentUpload
          filingId={filingId}
          kind={uploadKind}
          employeeNames={employeeNames}
          employeeIndex={employeeIndex}
          onUploaded={(stored) => {
            void reload();
            onUploaded?.(stored);
          }}
        />
      )}
    </Space>
  );
}
