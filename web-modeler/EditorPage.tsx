// 编辑: one process, decision or form opened at a version in its editor, checked as one edits with the same rules
// a deployment applies, and deployed (policy staff only) with a change note. A changed decision table can be
// previewed against past filings first; the preview hands the edited file back here.
import { Alert, App, Card, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useCallback, useRef, useState, type ComponentType, type Ref } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { loadErrorText, useLoaded } from '../web/src/lib/use-loaded.ts';
import { DeployDialog } from './DeployDialog.tsx';
import type { EditorHandle, EditorProps } from './editor-contract.ts';
import { EditorActions } from './EditorActions.tsx';
import { EditorTitle } from './EditorTitle.tsx';
import { FindingsPanel } from './FindingsPanel.tsx';
import { fileNameOf, versionsOf, type DeploymentResult, type Kind, type ModelFile } from './modeler-api.ts';
import { useDefinitionParams } from './route-params.ts';
import { useCanDeploy } from './use-can-deploy.ts';
import { useLiveChecks } from './use-live-checks.ts';
import { useOpenedFile } from './use-opened-file.ts';

type Editor = ComponentType<EditorProps & { ref?: Ref<EditorHandle> }>;

// Each editor loads only when its kind is opened: bpmn-js, dmn-js and form-js are large.
const EDITORS: Record<Kind, Editor> = {
  process: lazy(() => import('./bpmn/BpmnEditor.tsx').then((m) => ({ default: m.BpmnEditor }))),
  decision: lazy(() => import('./dmn/DmnEditor.tsx').then((m) => ({ default: m.DmnEditor }))),
  form: lazy(() => import('./form/FormEditor.tsx').then((m) => ({ default: m.FormEditor }))),
};

/** What the preview page hands back: the edited files, to go on editing where one left off. */
export interface EditorHandOver {
  files?: ModelFile[];
}

export function EditorPage() {
  const params = useDefinitionParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const canDeploy = useCanDeploy();
  const editor = useRef<EditorHandle>(null);
  const kind = params?.kind ?? 'process';
  const key = params?.key ?? '';
  const versions = useLoaded(() => (params ? versionsOf(kind, key) : Promise.resolve([])), [kind, key]);
  const latest = versions.data?.[0]?.version;
  const asked = Number(search.get('version'));
  const version = Number.isInteger(asked) && asked > 0 ? asked : latest;
  // A change is deployed under the file the version came in: a decision's file holds its neighbours too.
  const fileName = versions.data?.find((v) => v.version === version)?.resource ?? fileNameOf(kind, key);
  const handedBack = (location.state as EditorHandOver | null)?.files?.find((f) => f.name === fileName);
  const { opened, loadError, openLocal } = useOpenedFile(Boolean(params), kind, key, version, handedBack);
  const checks = useLiveChecks(editor, fileName, opened?.revision);
  const [edited, setEdited] = useState(false);
  const { checkSoon } = checks;
  const onChange = useCallback(() => {
    setEdited(true);
    checkSoon();
  }, [checkSoon]);
  const [deploying, setDeploying] = useState(false);

  if (!params) return <Alert type="error" showIcon title="地址有误：没有这种流程、决策表或表单" />;
  if (versions.error) return <Alert type="error" showIcon title={loadErrorText(versions.error)} />;
  const Editor = EDITORS[kind];
  const errors = checks.findings.filter((f) => f.category === 'error').length;

  const preview = async () => {
    if (!editor.current) return;
    const file = await editor.current.current();
    navigate('/modeler/preview', { state: { files: [file], back: `${location.pathname}${location.search}` } });
  };

  const deployed = (result: DeploymentResult) => {
    setDeploying(false);
    setEdited(false);
    const made = result.definitions.filter((d) => d.kind !== 'decision-requirements');
    if (!result.created) message.info('内容与当前版本相同，没有产生新版本');
    else message.success(made.length > 0 ? `已部署：${made.map((d) => `${d.key} 第 ${d.version} 版`).join('，')}` : '已部署');
    versions.reload();
    const mine = made.find((d) => d.key === key);
    if (mine) navigate(`/modeler/${kind}/${encodeURIComponent(key)}/edit?version=${mine.version}`, { replace: true });
    // A form's version is the count of deployments holding it: follow the newest.
    else if (result.created) setSearch({}, { replace: true });
  };

  return (
    <Card
      size="small"
      title={
        <EditorTitle
          kind={kind}
          definitionKey={key}
          versions={versions.data ?? []}
          version={version}
          latest={latest}
          edited={edited}
          onVersion={(v) => setSearch({ version: String(v) })}
        />
      }
      extra={
        <EditorActions
          kind={kind}
          fileName={fileName}
          canDeploy={canDeploy}
          opened={opened !== undefined}
          onOpenLocal={(text, name) => {
            openLocal(text, name);
            setEdited(true);
          }}
          onPreview={() => void preview()}
          onDeploy={() => setDeploying(true)}
        />
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="small">
        {!canDeploy && <Alert type="info" showIcon title="您可以查看和检查，部署须由政策制定人员进行。" />}
        {loadError && <Alert type="error" showIcon title={loadError} />}
        <FindingsPanel findings={checks.findings} checking={checks.checking} problem={checks.problem} onReveal={(id) => editor.current?.reveal(id)} />
        {errors > 0 && <Typography.Text type="danger">有 {errors} 个错误，修正后才能部署。</Typography.Text>}
        <div className="modeler-editor-area" data-testid="editor-area">
          {opened ? (
            <Suspense fallback={<Skeleton active />}>
              <Editor
                key={opened.revision}
                ref={editor}
                fileName={fileName}
                initial={opened.text}
                findings={checks.findings}
                onChange={onChange}
                readOnly={!canDeploy}
                revealOnOpen={search.get('element') ?? undefined}
              />
            </Suspense>
          ) : (
            <Skeleton active />
          )}
        </div>
        {opened && <Typography.Text type="secondary">打开的内容：{opened.origin}</Typography.Text>}
      </Space>
      <DeployDialog
        open={deploying}
        files={async () => (editor.current ? [await editor.current.current()] : [])}
        onClose={() => setDeploying(false)}
        onRefused={checks.showRefusal}
        onDeployed={deployed}
      />
    </Card>
  );
}
