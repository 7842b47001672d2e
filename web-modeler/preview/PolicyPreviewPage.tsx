// 规则修改影响预览: a changed decision file (handed over by the DMN editor, uploaded, or a deployed one) replayed
// against the stored filings of a year and a county or city, before it is deployed. Shows what would change —
// totals, per county, the filings whose certified count or levy changes, and the employee-months that flip and
// why. Nothing is written to any filing; deployment stays on the editor page, to which this page hands back.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { regionName } from '../../domain/regions.ts';
import { loadErrorText } from '../../web/src/lib/use-loaded.ts';
import { ApiError, type ModelFile } from '../modeler-api.ts';
import { CandidateFiles } from './CandidateFiles.tsx';
import { allErrorsPlaced } from './preview-errors.ts';
import { PreviewResults } from './PreviewResults.tsx';
import { PreviewSelection } from './PreviewSelection.tsx';
import { ZHEJIANG } from './region-choice.ts';
import { FROM_EDITOR, useImpactPreview } from './use-impact-preview.ts';

/** What the editor hands over: the edited files, and the address to go back to. */
interface PreviewHandOver {
  files?: ModelFile[];
  back?: string;
}

export function PolicyPreviewPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const handOver = (location.state as PreviewHandOver | null) ?? {};
  const state = useImpactPreview(handOver.files ?? []);
  const { files, preview, error, year, region } = state;

  // Back to the editor with the edited files, so nothing edited is lost by previewing.
  const editorFile = files.find((f) => f.origin === FROM_EDITOR) ?? files[0];
  const back = handOver.back ?? (editorFile ? `/modeler/decision/${encodeURIComponent(editorFile.name.replace(/\.dmn$/, ''))}/edit` : undefined);
  const goBack = () => back && navigate(back, { state: { files: files.map(({ name, content }) => ({ name, content })) } });

  const apiError = error instanceof ApiError ? error : undefined;
  const placed = allErrorsPlaced(apiError);

  return (
    <Card
      title="规则修改影响预览"
      extra={
        back ? (
          <Button icon={<ArrowLeftOutlined />} onClick={goBack} data-testid="back-to-editor">
            返回编辑
          </Button>
        ) : (
          <Link to="/modeler?kind=decision">返回流程与规则</Link>
        )
      }
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          title="预览不会修改任何申报"
          description="用已存储的部门核验结果，把所选申报按现行规则和修改后的规则各认定一次，对比认定人数和应缴保障金。确认无误后，回到编辑页部署。"
        />
        <CandidateFiles state={state} apiError={apiError} />
        <PreviewSelection state={state} apiError={apiError} />

        {error && !placed && (
          <Alert type="error" showIcon title={loadErrorText(error)} description={apiError && typeof apiError.body.detail === 'string' ? apiError.body.detail : undefined} data-testid="preview-error" />
        )}
        {apiError && placed && <Alert type="error" showIcon title={apiError.title} data-testid="preview-error" />}
        {state.running && <Typography.Text type="secondary">正在回放所选申报，请稍候……</Typography.Text>}
        {preview && (preview.filings === 0 ? <Empty description={`${year} 年度${region === ZHEJIANG ? '全省' : regionName(region) ?? region}没有已完成自动审核的申报可供回放`} data-testid="preview-empty" /> : <PreviewResults preview={preview} />)}
      </Space>
    </Card>
  );
}
