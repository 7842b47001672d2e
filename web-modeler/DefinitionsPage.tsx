// 流程与规则: what is deployed — the processes, decision tables and forms, each at its latest version — with the
// way into its versions and its editor. The policy impact preview is one click away.
import { Alert, Button, Card, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { loadErrorText, useLoaded } from '../web/src/lib/use-loaded.ts';
import { KIND_NAMES, listDefinitions, type DefinitionSummary, type Kind } from './modeler-api.ts';
import { useCanDeploy } from './use-can-deploy.ts';

const KIND_HINTS: Record<Kind, string> = {
  process: '办理环节、期限、分工和部门核验的顺序。修改后新的申报按新版本办理，已在办理中的申报仍按其开始时的版本办理。',
  decision: '计入人数、最低工资、保障金减免等认定规则。部署前可先用历史申报预览修改的影响。',
  form: '受理、人工审核、反馈等环节的办理表单。',
};

function DefinitionTable({ kind }: { kind: Kind }) {
  const list = useLoaded(() => listDefinitions(kind), [kind]);
  const canDeploy = useCanDeploy();
  if (list.error) return <Alert type="error" showIcon title={loadErrorText(list.error)} />;
  return (
    <Table<DefinitionSummary>
      rowKey="key"
      size="middle"
      loading={list.loading}
      dataSource={list.data ?? []}
      pagination={false}
      data-testid={`definitions-${kind}`}
      columns={[
        { title: '标识', dataIndex: 'key', render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
        { title: '名称', dataIndex: 'name', render: (name: string | null) => name ?? '—' },
        { title: '当前版本', dataIndex: 'latestVersion', render: (v: number) => `第 ${v} 版` },
        {
          title: '操作',
          key: 'actions',
          render: (_, d) => (
            <Space>
              <Link to={`/modeler/${kind}/${encodeURIComponent(d.key)}/edit?version=${d.latestVersion}`} data-testid={`open-${d.key}`}>
                {canDeploy ? '打开编辑' : '查看'}
              </Link>
              <Link to={`/modeler/${kind}/${encodeURIComponent(d.key)}`} data-testid={`versions-${d.key}`}>
                版本记录
              </Link>
            </Space>
          ),
        },
      ]}
    />
  );
}

export function DefinitionsPage() {
  const [params, setParams] = useSearchParams();
  const [kind, setKind] = useState<Kind>((['process', 'decision', 'form'] as const).find((k) => k === params.get('kind')) ?? 'process');
  return (
    <Card
      title="流程与规则"
      extra={
        <Link to="/modeler/preview">
          <Button>规则修改影响预览</Button>
        </Link>
      }
    >
      <Tabs
        activeKey={kind}
        onChange={(k) => {
          setKind(k as Kind);
          setParams({ kind: k }, { replace: true });
        }}
        items={(['process', 'decision', 'form'] as const).map((k) => ({
          key: k,
          label: KIND_NAMES[k],
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {KIND_HINTS[k]}
              </Typography.Paragraph>
              <DefinitionTable kind={k} />
            </Space>
          ),
        }))}
      />
    </Card>
  );
}
