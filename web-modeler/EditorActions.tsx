// The editor page's buttons: open a local file, preview a decision table's change against past filings, deploy
// (policy staff only).
import { CloudUploadOutlined, ExperimentOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Button, Space, Upload } from 'antd';
import type { Kind } from './modeler-api.ts';

export interface EditorActionsProps {
  kind: Kind;
  fileName: string;
  canDeploy: boolean;
  /** False until a file is open. */
  opened: boolean;
  onOpenLocal: (text: string, name: string) => void;
  onPreview: () => void;
  onDeploy: () => void;
}

export function EditorActions({ kind, fileName, canDeploy, opened, onOpenLocal, onPreview, onDeploy }: EditorActionsProps) {
  return (
    <Space>
      <Upload
        accept={`.${fileName.split('.').pop()}`}
        showUploadList={false}
        beforeUpload={(file) => {
          void file.text().then((text) => onOpenLocal(text, file.name));
          return false;
        }}
      >
        <Button icon={<FolderOpenOutlined />} data-testid="open-local-file">
          打开本地文件
        </Button>
      </Upload>
      {kind === 'decision' && (
        <Button icon={<ExperimentOutlined />} data-testid="preview-impact" onClick={onPreview}>
          预览修改影响
        </Button>
      )}
      {canDeploy && (
        <Button type="primary" icon={<CloudUploadOutlined />} onClick={onDeploy} data-testid="deploy" disabled={!opened}>
          部署
        </Button>
      )}
    </Space>
  );
}
