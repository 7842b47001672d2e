// A document shown in the page: images inline, PDFs in a frame, anything else to be downloaded.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import type { DocumentPreviewFile } from './use-document-preview.ts';

/** The PDF viewer's own toolbar is hidden: it would name the file after its object URL, not as it was uploaded. */
const PDF_VIEW_PARAMETERS = '#toolbar=0&navpanes=0';

export function DocumentPreview({ preview, onSave, onClose }: { preview: DocumentPreviewFile; onSave: () => void; onClose: () => void }) {
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
