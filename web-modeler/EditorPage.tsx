// 编辑: one process, decision or form opened at a version in its editor, checked as one edits with the same rules
// a deployment applies, and deployed (policy staff only) with a change note. A changed decision table can be
// previewed against past filings first; the preview hands the edited file back here.
import { ArrowLeftOutlined, CloudUploadOutlined, ExperimentOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Select, Skeleton, Space, Tag, Typography, Upload } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ComponentType, type Ref } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../web/src/lib/api.ts';
import { chineseDateTime } from '../web/src/lib/format.ts';
import { loadErrorText, useLoaded } from '../web/src/lib/use-loaded.ts';
import { DeployDialog } from './DeployDialog.tsx';
import type { EditorHandle, EditorProps } from './editor-contract.ts';
import { FindingsPanel } from './FindingsPanel.tsx';
import { checkFiles, fileNameOf, KIND_NAMES, sourceOf, versionsOf, type Finding, type Kind, type ModelFile } from './modeler-api.ts';
import { useDefinitionParams } from './route-params.ts';
import { useCanDeploy } from './use-can-deploy.ts';
import { deployerLabel, sourceLabel } from './VersionsPage.tsx';

type Editor = ComponentType<EditorProps & { ref?: Ref<EditorHandle> }>;

// Each editor loads only when its kind is opened: bpmn-js, dmn-js and form-js are large.
const EDITORS: Record<Kind, Editor> = {
  process: lazy(() => import('./bpmn/BpmnEditor.tsx').then((m) => ({ default: m.BpmnEditor }))),
  decision: lazy(() => import('./dmn/DmnEditor.tsx').then((m) => ({ default: m.DmnEditor }))),
  form: lazy(() => import('./form/FormEditor.tsx').then((m) => ({ default: m.FormEditor }))),
};

/** How long the page waits before checking again after a check could not be done. */
const CHECK_RETRY_MS = 15_000;
/** How long the page waits after the last edit before checking the file again. */
const CHECK_DELAY_MS = 600;

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

  // What the editor opens: the handed-back edit, else the version's source; a local file replaces it.
  const [opened, setOpened] = useState<{ text: string; revision: number; origin: string }>();
  const [loadError, setLoadError] = useState<string>();
  useEffect(() => {
    if (!params) return;
    if (handedBack) {
      setOpened({ text: handedBack.content, revision: Date.now(), origin: '预览前编辑的内容' });
      return;
    }
    if (version === undefined) return;
    let current = true;
    setOpened(undefined);
    sourceOf(kind, key, version)
      .then((text) => current && setOpened({ text, revision: Date.now(), origin: `第 ${version} 版` }))
      .catch((e: unknown) => current && setLoadError(loadErrorText(e instanceof Error ? e : new Error(String(e)))));
    return () => {
      current = false;
    };
  }, [kind, key, version, handedBack?.content]);

  // Live checks: the server's own (the linter the tests and deployments use), a moment after the last edit.
  const [findings, setFindings] = useState<Finding[]>([]);
  const [checking, setChecking] = useState(false);
  // Set when the last check could not be done (too many checks, a time limit, a lost connection): the panel then
  // says so instead of "检查通过", and the file is checked again shortly.
  const [checkProblem, setCheckProblem] = useState<string | undefined>(undefined);
  const [edited, setEdited] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const runChecks = useCallback(async () => {
    if (!editor.current) return;
    setChecking(true);
    try {
      const file = await editor.current.current();
      const { findings: found } = await checkFiles([file]);
      setFindings(found.filter((f) => f.file === fileName || f.file === ''));
      setCheckProblem(undefined);
    } catch (error) {
      // A file that cannot even be saved, a refusal or a lost connection: told, and tried again a little later.
      const detail = error instanceof ApiError ? (error.status === 429 ? '检查过于频繁' : error.title) : '无法连接服务器';
      setCheckProblem(`暂时无法检查：${detail}，稍后自动重新检查`);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void runChecks(), CHECK_RETRY_MS);
    } finally {
      setChecking(false);
    }
  }, [fileName]);
  const onChange = useCallback(() => {
    setEdited(true);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void runChecks(), CHECK_DELAY_MS);
  }, [runChecks]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  // The first check once the editor has the file.
  useEffect(() => {
    if (!opened) return;
    setFindings([]);
    const t = window.setTimeout(() => void runChecks(), 300);
    return () => window.clearTimeout(t);
  }, [opened?.revision, runChecks]);

  const [deploying, setDeploying] = useState(false);

  if (!params) return <Alert type="error" showIcon title="地址有误：没有这种流程、决策表或表单" />;
  if (versions.error) return <Alert type="error" showIcon title={loadErrorText(versions.error)} />;
  const Editor = EDITORS[kind];
  const shown = versions.data?.find((v) => v.version === version);
  const errors = findings.filter((f) => f.category === 'error').length;

  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Link to={`/modeler/${kind}/${encodeURIComponent(key)}`} title="版本记录">
            <ArrowLeftOutlined />
          </Link>
          <span>
            {KIND_NAMES[kind]} <Typography.Text code>{key}</Typography.Text>
          </span>
          <Select
            size="small"
            style={{ width: 120 }}
            value={version}
            data-testid="editor-version"
            options={(versions.data ?? []).map((v) => ({ value: v.version, label: `第 ${v.version} 版` }))}
            onChange={(v) => setSearch({ version: String(v) })}
          />
          {shown && (
            <Typography.Text type="secondary">
              {chineseDateTime(shown.deployedAt)} · {shown.deployedBy ? deployerLabel(shown) : sourceLabel(shown)}
              {shown.note ? ` · ${shown.note}` : ''}
            </Typography.Text>
          )}
          {version !== undefined && version !== latest && <Tag color="orange">不是当前版本</Tag>}
          {edited && <Tag color="blue">已修改，未部署</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Upload
            accept={`.${fileName.split('.').pop()}`}
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then((text) => {
                setOpened({ text, revision: Date.now(), origin: `本地文件 ${file.name}` });
                setEdited(true);
              });
              return false;
            }}
          >
            <Button icon={<FolderOpenOutlined />} data-testid="open-local-file">
              打开本地文件
            </Button>
          </Upload>
          {kind === 'decision' && (
            <Button
              icon={<ExperimentOutlined />}
              data-testid="preview-impact"
              onClick={async () => {
                if (!editor.current) return;
                const file = await editor.current.current();
                navigate('/modeler/preview', { state: { files: [file], back: `${location.pathname}${location.search}` } });
              }}
            >
              预览修改影响
            </Button>
          )}
          {canDeploy && (
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setDeploying(true)} data-testid="deploy" disabled={!opened}>
              部署
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="small">
        {!canDeploy && <Alert type="info" showIcon title="您可以查看和检查，部署须由政策制定人员进行。" />}
        {loadError && <Alert type="error" showIcon title={loadError} />}
        <FindingsPanel findings={findings} checking={checking} problem={checkProblem} onReveal={(id) => editor.current?.reveal(id)} />
        {errors > 0 && <Typography.Text type="danger">有 {errors} 个错误，修正后才能部署。</Typography.Text>}
        <div className="modeler-editor-area" data-testid="editor-area">
          {opened ? (
            <Suspense fallback={<Skeleton active />}>
              <Editor
                key={opened.revision}
                ref={editor}
                fileName={fileName}
                initial={opened.text}
                findings={findings}
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
        onRefused={(found) => setFindings(found.filter((f) => f.file === fileName || f.file === ''))}
        onDeployed={(result) => {
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
        }}
      />
    </Card>
  );
}
