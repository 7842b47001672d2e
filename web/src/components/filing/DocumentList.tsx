// A filing's documents (scans, evidence): the list, a preview in the page (images inline, PDFs in a frame, both
// from an object URL so the token never goes into a link), download, and — when `uploadKind` is given — upload.
// Every preview and download is a read the server audits, so nothing is fetched until someone asks for it.
import { DownloadOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Select, Space, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { api, ApiError, download, upload } from '../../lib/api.ts';
import type { StoredDocument } from '../../lib/filing-types.ts';
import { chineseDateTime } from '../../lib/format.ts';
import { ROLE_NAMES, type Role } from '../../lib/session.tsx';
import './document-list.css';

export const DOCUMENT_KIND_NAMES: Record<StoredDocument['kind'], string> = { scan: '申报材料扫描件', evidence: '证明材料', other: '其他材料' };
const KIND_COLORS: Record<StoredDocument['kind'], string> = { scan: 'blue', evidence: 'orange', other: 'default' };
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const MAX_FILES = 10;

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

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} 字节`;
}

/** Who uploaded, as a role name when the sign-in's user id tells it (dev-<role>-…); the id otherwise. */
function uploaderText(sub: string): string {
  const role = /^dev-([a-z]+)-/.exec(sub)?.[1] as Role | undefined;
  return role && ROLE_NAMES[role] ? ROLE_NAMES[role] : sub;
}

function employeeText(index: number | null, names: string[] | undefined): string {
  if (index === null) return '—';
  const name = names?.[index];
  return name ? `第 ${index + 1} 名 ${name}` : `第 ${index + 1} 名职工`;
}

interface Preview {
  doc: StoredDocument;
  url: string;
  type: string;
}

export function DocumentList({ filingId, uploadKind, employeeNames, highlightEmployeeIndex, employeeIndex, onUploaded }: DocumentListProps) {
  const [items, setItems] = useState<StoredDocument[]>();
  const [loadError, setLoadError] = useState<string>();
  const [preview, setPreview] = useState<Preview>();
  const [opening, setOpening] = useState<string>();
  const [openError, setOpenError] = useState<string>();

  const load = useCallback(async () => {
    try {
      const { items: docs } = await api<{ items: StoredDocument[] }>('GET', `/api/filings/${filingId}/documents`);
      setItems(docs);
      setLoadError(undefined);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.title : '无法读取材料列表，请稍后再试');
    }
  }, [filingId]);

  useEffect(() => {
    void load();
  }, [load]);

  // The object URL lives as long as its preview.
  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview.url);
  }, [preview]);

  async function open(doc: StoredDocument) {
    setOpening(doc.id);
    setOpenError(undefined);
    try {
      const file = await download(doc.href);
      setPreview({ doc, ...file, type: file.type || doc.mediaType });
    } catch (e) {
      setOpenError(e instanceof ApiError ? e.title : '无法打开该材料，请稍后再试');
    } finally {
      setOpening(undefined);
    }
  }

  async function save(doc: StoredDocument) {
    try {
      const file = await download(doc.href);
      const link = document.createElement('a');
      link.href = file.url;
      link.download = doc.originalName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(file.url), 10_000);
    } catch (e) {
      setOpenError(e instanceof ApiError ? e.title : '无法下载该材料，请稍后再试');
    }
  }

  const highlighted = (d: StoredDocument) => highlightEmployeeIndex !== undefined && d.employeeIndex === highlightEmployeeIndex;
  // The documents of the employee under review first, then the rest in upload order.
  const sorted = [...(items ?? [])].sort((a, b) => Number(highlighted(b)) - Number(highlighted(a)));

  const columns: ColumnsType<StoredDocument> = [
    {
      title: '类别',
      key: 'kind',
      width: 130,
      render: (_v, d) => <Tag color={KIND_COLORS[d.kind]}>{DOCUMENT_KIND_NAMES[d.kind]}</Tag>,
    },
    {
      title: '文件',
      key: 'name',
      render: (_v, d) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{d.originalName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {sizeText(d.sizeBytes)} · {uploaderText(d.uploadedBy)}上传于 {chineseDateTime(d.uploadedAt)}
          </Typography.Text>
          {highlighted(d) && <Typography.Text type="warning" style={{ fontSize: 12 }}>本次审核职工的证明材料</Typography.Text>}
        </Space>
      ),
    },
    { title: '所属职工', key: 'employee', width: 140, render: (_v, d) => employeeText(d.employeeIndex, employeeNames) },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_v, d) => (
        <Space size="small">
          <Button size="small" icon={<EyeOutlined />} loading={opening === d.id} onClick={() => open(d)} data-testid="document-preview-button">
            预览
          </Button>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => save(d)} data-testid="document-download">
            下载
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="document-list">
      {loadError && <Alert type="error" showIcon title={loadError} action={<Button onClick={load}>重试</Button>} />}
      {openError && <Alert type="error" showIcon title={openError} closable={{ onClose: () => setOpenError(undefined) }} />}
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
      {preview && <DocumentPreview preview={preview} onSave={() => void save(preview.doc)} onClose={() => setPreview(undefined)} />}
      {uploadKind && (
        <DocumentUpload
          filingId={filingId}
          kind={uploadKind}
          employeeNames={employeeNames}
          employeeIndex={employeeIndex}
          onUploaded={(stored) => {
            void load();
            onUploaded?.(stored);
          }}
        />
      )}
    </Space>
  );
}

/** The PDF viewer's own toolbar is hidden: it would name the file after its object URL, not as it was uploaded. */
const PDF_VIEW_PARAMETERS = '#toolbar=0&navpanes=0';

function DocumentPreview({ preview, onSave, onClose }: { preview: Preview; onSave: () => void; onClose: () => void }) {
  const { doc, url, type } = preview;
  return (
    <Card
      size="small"
      title={<span data-testid="document-preview-name">预览：{doc.originalName}</span>}
      extra={
        <Space size="small">
          <Button size="small" icon={<DownloadOutlined />} onClick={onSave}>下载</Button>
          <Button size="small" onClick={onClose}>关闭预览</Button>
        </Space>
      }
      data-testid="document-preview"
    >
      {type.startsWith('image/') ? (
        <img src={url} alt={doc.originalName} style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block', margin: '0 auto' }} />
      ) : type === 'application/pdf' ? (
        <iframe src={`${url}${PDF_VIEW_PARAMETERS}`} title={doc.originalName} className="doc-preview-frame" />
      ) : (
        <Typography.Text>该类型的文件不能在页面中预览，请下载后查看。</Typography.Text>
      )}
    </Card>
  );
}

interface UploadValues {
  employeeIndex?: number;
}

/** Choose files (PDF, JPG, PNG; up to 10) and send them in one request: all are kept, or none. */
function DocumentUpload({
  filingId,
  kind,
  employeeNames,
  employeeIndex,
  onUploaded,
}: {
  filingId: string;
  kind: 'scan' | 'evidence';
  employeeNames: string[] | undefined;
  employeeIndex: number | undefined;
  onUploaded: (items: StoredDocument[]) => void;
}) {
  const [form] = Form.useForm<UploadValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const askEmployee = kind === 'evidence' && employeeIndex === undefined && (employeeNames?.length ?? 0) > 0;

  async function send(values: UploadValues) {
    if (files.length === 0) {
      setErrors(['请先选择要上传的文件']);
      return;
    }
    setBusy(true);
    setErrors([]);
    const body = new FormData();
    body.append('kind', kind);
    const index = employeeIndex ?? values.employeeIndex;
    if (index !== undefined) body.append('employeeIndex', String(index));
    for (const f of files) if (f.originFileObj) body.append('file', f.originFileObj, f.name);
    try {
      const { items } = await upload<{ items: StoredDocument[] }>(`/api/filings/${filingId}/documents`, body);
      setFiles([]);
      form.resetFields();
      onUploaded(items);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setErrors(['上传失败，请检查网络后重试']);
        return;
      }
      // /employeeIndex beside its field; /file/{n} names the file; the rest above the button.
      form.setFields(e.errors.filter((f) => f.path === '/employeeIndex').map((f) => ({ name: 'employeeIndex', errors: [f.message] })));
      const rest = e.errors
        .filter((f) => !(askEmployee && f.path === '/employeeIndex'))
        .map((f) => {
          const n = /^\/file\/(\d+)$/.exec(f.path)?.[1];
          const name = n !== undefined ? files[Number(n)]?.name : undefined;
          return name && !f.message.includes(name) ? `${name}：${f.message}` : f.message;
        });
      setErrors(rest.length > 0 ? rest : e.errors.length === 0 ? [e.title] : []);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={kind === 'scan' ? '上传申报材料扫描件' : '上传证明材料'} data-testid="document-upload">
      <Form form={form} layout="vertical" onFinish={send} requiredMark={false}>
        {askEmployee && (
          <Form.Item name="employeeIndex" label="证明材料所属职工" rules={[{ required: true, message: '请选择该证明材料所属的职工' }]}>
            <Select
              placeholder="选择职工"
              style={{ maxWidth: 320 }}
              options={employeeNames!.map((name, i) => ({ value: i, label: `第 ${i + 1} 名 ${name}` }))}
              data-testid="document-upload-employee"
            />
          </Form.Item>
        )}
        <Form.Item label="文件" extra={`支持 PDF、JPG、PNG 格式，一次最多 ${MAX_FILES} 个文件`}>
          <Upload
            multiple
            accept={ACCEPT}
            fileList={files}
            maxCount={MAX_FILES}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title="上传未成功，所选文件均未保存"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {errors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            }
          />
        )}
        <Button type="primary" htmlType="submit" loading={busy} disabled={files.length === 0} data-testid="document-upload-submit">
          上传
        </Button>
      </Form>
    </Card>
  );
}
