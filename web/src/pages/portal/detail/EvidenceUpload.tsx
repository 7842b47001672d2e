// Evidence for one disputed employee (docs/documents.md): the files already uploaded for that person and a button to
// add more (PDF, JPEG, PNG), stored with the filing as `kind=evidence` and the employee's position.
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { saveFile } from '../../../components/filing/save-file.ts';
import { ApiError, upload } from '../../../lib/api.ts';
import type { StoredDocument } from '../../../lib/filing-types.ts';

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export interface EvidenceUploadProps {
  filingId: string;
  /** The employee's 0-based position in the declaration. */
  index: number;
  documents: StoredDocument[];
  onUploaded: () => void;
}

export function EvidenceUpload({ filingId, index, documents, onUploaded }: EvidenceUploadProps) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const mine = documents.filter((d) => d.kind === 'evidence' && d.employeeIndex === index);

  const send = async (files: FileList) => {
    setBusy(true);
    setProblems([]);
    const form = new FormData();
    form.append('kind', 'evidence');
    form.append('employeeIndex', String(index));
    for (const file of Array.from(files)) form.append('file', file);
    try {
      await upload(`/api/filings/${filingId}/documents`, form);
      onUploaded();
    } catch (error) {
      setProblems(error instanceof ApiError ? (error.errors.length > 0 ? error.errors.map((e) => e.message) : [error.title]) : ['上传失败，请检查网络后重试']);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid={`evidence-${index}`}>
      {mine.map((d) => (
        <Typography.Link key={d.id} onClick={() => void saveFile(d.href, d.originalName)}>
          <PaperClipOutlined /> {d.originalName}（{sizeText(d.sizeBytes)}）
        </Typography.Link>
      ))}
      {mine.length === 0 && <Typography.Text type="warning">尚未上传证明材料</Typography.Text>}
      <Space wrap>
        <Button size="small" icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid={`upload-evidence-${index}`}>
          上传证明材料
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>PDF、JPG 或 PNG 格式，可一次选多个</Typography.Text>
      </Space>
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        multiple
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        data-testid={`evidence-file-${index}`}
        onChange={(e) => e.target.files && e.target.files.length > 0 && void send(e.target.files)}
      />
      {problems.map((p) => (
        <Typography.Text key={p} type="danger">{p}</Typography.Text>
      ))}
    </Space>
  );
}
