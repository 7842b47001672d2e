// The document list's columns: kind, file (size, who uploaded it and when, whether it is the reviewed employee's),
// whose it is, and preview / download.
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { StoredDocument } from '../../lib/filing-types.ts';
import { chineseDateTime } from '../../lib/format.ts';
import { DOCUMENT_KIND_NAMES, employeeText, KIND_COLORS, sizeText, uploaderText } from './document-labels.ts';

export interface DocumentColumnsOptions {
  employeeNames: string[] | undefined;
  highlighted: (doc: StoredDocument) => boolean;
  /** The document being fetched for preview. */
  opening: string | undefined;
  onOpen: (doc: StoredDocument) => void;
  onSave: (doc: StoredDocument) => void;
}

export function documentColumns({ employeeNames, highlighted, opening, onOpen, onSave }: DocumentColumnsOptions): ColumnsType<StoredDocument> {
  return [
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
          <Button size="small" icon={<EyeOutlined />} loading={opening === d.id} onClick={() => onOpen(d)} data-testid="document-preview-button">
            预览
          </Button>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => onSave(d)} data-testid="document-download">
            下载
          </Button>
        </Space>
      ),
    },
  ];
}
