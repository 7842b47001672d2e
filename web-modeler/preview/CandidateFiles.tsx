// 修改后的规则文件: the decision files the preview replays — handed over by the editor, uploaded, or a deployed one —
// each with the refusals that name it.
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Tag, Typography, Upload } from 'antd';
import type { ApiError } from '../modeler-api.ts';
import { errorsAt, wholeFileErrors } from './preview-errors.ts';
import type { ImpactPreviewState } from './use-impact-preview.ts';

export function CandidateFiles({ state, apiError }: { state: ImpactPreviewState; apiError: ApiError | undefined }) {
  const { files, deployed } = state;
  return (
    <Card size="small" title="修改后的规则文件">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {files.length === 0 && (
          <Typography.Text type="secondary">
            请在决策表编辑页点击“预览修改影响”，或在此上传 .dmn 文件。已部署的规则与现行规则相同，预览不会有差异。
          </Typography.Text>
        )}
        {files.map((file, i) => (
          <Space key={file.name} orientation="vertical" size={2} style={{ width: '100%' }} data-testid={`candidate-${file.name}`}>
            <Space>
              <Typography.Text code>{file.name}</Typography.Text>
              <Tag>{file.origin}</Tag>
              <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`移除 ${file.name}`} onClick={() => state.removeFile(file)} />
            </Space>
            {errorsAt(apiError, `/resources/${i}`).map((m) => (
              <Typography.Text key={m} type="danger">
                {m}
              </Typography.Text>
            ))}
          </Space>
        ))}
        {wholeFileErrors(apiError).map((m) => (
          <Alert key={m} type="error" showIcon title={m} data-testid="resources-error" />
        ))}
        <Space wrap>
          <Upload
            accept=".dmn"
            showUploadList={false}
            beforeUpload={async (file) => {
              // Read here, in the browser: the file goes nowhere but into the preview request.
              state.addFile({ name: file.name, content: await file.text(), origin: '本地文件' });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="upload-dmn">
              上传 .dmn 文件
            </Button>
          </Upload>
          <Select
            style={{ minWidth: 280 }}
            placeholder="或加入一个已部署的决策文件"
            loading={deployed.loading}
            value={null}
            onChange={(key: string) => void state.addDeployed(key)}
            options={(deployed.data ?? []).map((d) => ({ value: d.key, label: `${d.name ?? d.key}（${d.key}，第 ${d.latestVersion} 版）` }))}
            data-testid="deployed-decisions"
          />
        </Space>
      </Space>
    </Card>
  );
}
