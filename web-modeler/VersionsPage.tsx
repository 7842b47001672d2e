// 版本记录: every version of one process, decision or form — who deployed it, when and why — with the way to
// open any version and to compare two.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { chineseDateTime } from '../web/src/lib/format.ts';
import { loadErrorText, useLoaded } from '../web/src/lib/use-loaded.ts';
import { KIND_NAMES, versionsOf, type DefinitionVersion } from './modeler-api.ts';
import { useDefinitionParams } from './route-params.ts';

export function sourceLabel(v: DefinitionVersion): string {
  if (v.source === 'web-modeler') return '在线建模部署';
  if (v.source === 'project-files') return '随系统发布';
  return v.source;
}

/** Who deployed a version: their name, their sign-in id only where no name is known. */
export function deployerLabel(v: DefinitionVersion): string {
  return v.deployedByName ?? v.deployedBy ?? '—';
}

export function VersionsPage() {
  const params = useDefinitionParams();
  const navigate = useNavigate();
  const versions = useLoaded(() => (params ? versionsOf(params.kind, params.key) : Promise.resolve([])), [params?.kind, params?.key]);
  const [picked, setPicked] = useState<number[]>([]);
  if (!params) return <Alert type="error" showIcon title="地址有误：没有这种流程、决策表或表单" />;
  const { kind, key } = params;
  const base = `/modeler/${kind}/${encodeURIComponent(key)}`;
  const compare = [...picked].sort((a, b) => a - b);
  return (
    <Card
      title={
        <Space>
          <Link to={`/modeler?kind=${kind}`}>
            <ArrowLeftOutlined />
          </Link>
          {KIND_NAMES[kind]} <Typography.Text code>{key}</Typography.Text> 的版本记录
        </Space>
      }
      extra={
        <Button type="primary" disabled={compare.length !== 2} onClick={() => navigate(`${base}/diff?from=${compare[0]}&to=${compare[1]}`)} data-testid="compare-versions">
          比较所选的两个版本
        </Button>
      }
    >
      {versions.error ? (
        <Alert type="error" showIcon title={loadErrorText(versions.error)} />
      ) : (
        <Table<DefinitionVersion>
          rowKey="version"
          size="middle"
          loading={versions.loading}
          dataSource={versions.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="version-table"
          rowSelection={{
            selectedRowKeys: picked,
            onChange: (keys) => setPicked((keys as number[]).slice(-2)),
          }}
          columns={[
            { title: '版本', dataIndex: 'version', render: (v: number, row) => <Space>第 {v} 版{row === versions.data?.[0] && <Tag color="green">当前</Tag>}</Space> },
            { title: '部署时间', dataIndex: 'deployedAt', render: (t: string) => chineseDateTime(t) },
            { title: '部署人', key: 'deployedBy', render: (_, v) => deployerLabel(v) },
            { title: '变更说明', dataIndex: 'note', render: (note: string | null) => note ?? '—' },
            { title: '来源', key: 'source', render: (_, v) => sourceLabel(v) },
            {
              title: '操作',
              key: 'actions',
              render: (_, v) => {
                const older = versions.data?.find((o) => o.version < v.version);
                return (
                  <Space>
                    <Link to={`${base}/edit?version=${v.version}`}>打开</Link>
                    {older && <Link to={`${base}/diff?from=${older.version}&to=${v.version}`}>与上一版本比较</Link>}
                  </Space>
                );
              },
            },
          ]}
        />
      )}
    </Card>
  );
}
