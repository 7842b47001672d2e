// 版本差异: two versions of one process, decision or form compared (/modeler/:kind/:key/diff?from=&to=). The two
// versions are picked at the top, each with who deployed it, when and why; below, the diff view of the kind.
import './diff.css';
import { ArrowLeftOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Select, Space, Spin, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { chineseDateTime } from '../../web/src/lib/format.ts';
import { loadErrorText, useLoaded } from '../../web/src/lib/use-loaded.ts';
import { KIND_NAMES, sourceOf, versionsOf, type DefinitionVersion } from '../modeler-api.ts';
import { useDefinitionParams } from '../route-params.ts';
import { deployerLabel, sourceLabel } from '../VersionsPage.tsx';
import { BpmnDiffView } from './BpmnDiffView.tsx';
import { DmnDiffView } from './DmnDiffView.tsx';
import { FormDiffView } from './FormDiffView.tsx';

const versionNumber = (text: string | null) => (text && /^\d+$/.test(text) ? Number(text) : null);

function VersionFacts({ version }: { version: DefinitionVersion | undefined }) {
  if (!version) return <Typography.Text type="secondary">没有这个版本</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'at', label: '部署时间', children: chineseDateTime(version.deployedAt) },
        { key: 'by', label: '部署人', children: deployerLabel(version) },
        { key: 'note', label: '变更说明', children: version.note ?? '—' },
        { key: 'source', label: '来源', children: sourceLabel(version) },
      ]}
    />
  );
}

export function DiffPage() {
  const params = useDefinitionParams();
  const [search, setSearch] = useSearchParams();
  const versions = useLoaded(() => (params ? versionsOf(params.kind, params.key) : Promise.resolve([])), [params?.kind, params?.key]);
  // Without versions in the address: the latest against the one before it.
  const list = versions.data ?? [];
  const newest = list.map((v) => v.version).sort((a, b) => b - a);
  const from = versionNumber(search.get('from')) ?? newest[1] ?? newest[0] ?? null;
  const to = versionNumber(search.get('to')) ?? newest[0] ?? null;
  const sources = useLoaded(
    () => (params && from !== null && to !== null ? Promise.all([sourceOf(params.kind, params.key, from), sourceOf(params.kind, params.key, to)]) : Promise.resolve(null)),
    [params?.kind, params?.key, from, to],
  );

  if (!params) return <Alert type="error" showIcon title="地址有误：没有这种流程、决策表或表单" />;
  const { kind, key } = params;
  const pick = (side: 'from' | 'to', version: number) => {
    const next = new URLSearchParams(search);
    next.set(side, String(version));
    if (!next.has(side === 'from' ? 'to' : 'from') && (side === 'from' ? to : from) !== null) next.set(side === 'from' ? 'to' : 'from', String(side === 'from' ? to : from));
    setSearch(next, { replace: true });
  };
  const swap = () => from !== null && to !== null && setSearch(new URLSearchParams({ from: String(to), to: String(from) }), { replace: true });
  const options = list.map((v) => ({ value: v.version, label: `第 ${v.version} 版${v.note ? `：${v.note}` : ''}` }));
  const oldVersion = list.find((v) => v.version === from);
  const newVersion = list.find((v) => v.version === to);
  const title = (v: number | null) => (v === null ? '—' : `第 ${v} 版`);

  let body;
  if (versions.error) body = <Alert type="error" showIcon title={loadErrorText(versions.error)} />;
  else if (sources.error) body = <Alert type="error" showIcon title={loadErrorText(sources.error)} />;
  else if (versions.loading || sources.loading || !sources.data) body = <Spin style={{ display: 'block', margin: '48px auto' }} />;
  else {
    const [oldText, newText] = sources.data;
    body =
      kind === 'process' ? (
        <BpmnDiffView oldXml={oldText} newXml={newText} oldTitle={title(from)} newTitle={title(to)} />
      ) : kind === 'decision' ? (
        <DmnDiffView oldXml={oldText} newXml={newText} focus={key} />
      ) : (
        <FormDiffView oldJson={oldText} newJson={newText} />
      );
  }

  return (
    <Card
      title={
        <Space>
          <Link to={`/modeler/${kind}/${encodeURIComponent(key)}`} aria-label="返回版本记录">
            <ArrowLeftOutlined />
          </Link>
          {KIND_NAMES[kind]} <Typography.Text code>{key}</Typography.Text> 的版本差异
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div className="diff-version-pickers">
          <div className="diff-version-picker">
            <Space>
              <Typography.Text strong>旧版本</Typography.Text>
              <Select style={{ width: 280 }} value={from ?? undefined} options={options} loading={versions.loading} onChange={(v: number) => pick('from', v)} data-testid="diff-from" />
            </Space>
            <VersionFacts version={oldVersion} />
          </div>
          <Button icon={<SwapOutlined />} onClick={swap} title="交换新旧版本" aria-label="交换新旧版本" />
          <div className="diff-version-picker">
            <Space>
              <Typography.Text strong>新版本</Typography.Text>
              <Select style={{ width: 280 }} value={to ?? undefined} options={options} loading={versions.loading} onChange={(v: number) => pick('to', v)} data-testid="diff-to" />
            </Space>
            <VersionFacts version={newVersion} />
          </div>
        </div>
        {from !== null && from === to && <Alert type="info" showIcon title="两侧选择了同一个版本，请选择另一个版本进行比较。" />}
        {from !== null && to !== null && from > to && <Alert type="warning" showIcon title="左侧的版本比右侧的新：差异按“从左到右”的方向列出。" />}
        {body}
      </Space>
    </Card>
  );
}
