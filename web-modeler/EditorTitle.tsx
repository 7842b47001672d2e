// The editor page's title line: back to the versions, what is open, the version chooser with who deployed it, when
// and why, and whether it is the current version and edited since.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { chineseDateTime } from '../web/src/lib/format.ts';
import { KIND_NAMES, type DefinitionVersion, type Kind } from './modeler-api.ts';
import { deployerLabel, sourceLabel } from './VersionsPage.tsx';

export interface EditorTitleProps {
  kind: Kind;
  definitionKey: string;
  versions: DefinitionVersion[];
  version: number | undefined;
  latest: number | undefined;
  edited: boolean;
  onVersion: (version: number) => void;
}

export function EditorTitle({ kind, definitionKey, versions, version, latest, edited, onVersion }: EditorTitleProps) {
  const shown = versions.find((v) => v.version === version);
  return (
    <Space wrap>
      <Link to={`/modeler/${kind}/${encodeURIComponent(definitionKey)}`} title="版本记录">
        <ArrowLeftOutlined />
      </Link>
      <span>
        {KIND_NAMES[kind]} <Typography.Text code>{definitionKey}</Typography.Text>
      </span>
      <Select
        size="small"
        style={{ width: 120 }}
        value={version}
        data-testid="editor-version"
        options={versions.map((v) => ({ value: v.version, label: `第 ${v.version} 版` }))}
        onChange={onVersion}
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
  );
}
