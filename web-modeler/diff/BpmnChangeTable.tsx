// Below the diagram diff: every change, filtered by kind, with its property-level old → new values; a row brings
// its element into view on both sides.
import { Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { ChangeKind, ElementChange } from './bpmn-diff.ts';
import type { TemplateFile } from '../bpmn/template-bindings.ts';
import { propertyName, typeName } from './bpmn-labels.ts';
import { ChangeKindTag, CHANGE_KIND_NAMES, OldNew } from './change-display.tsx';

export interface BpmnChangeTableProps {
  changes: ElementChange[] | null;
  selected: string | null;
  onReveal: (id: string) => void;
  /** The kind shown, held by the view so that it outlasts a reload of the versions. */
  filter: 'all' | ChangeKind;
  onFilter: (filter: 'all' | ChangeKind) => void;
  /** The element templates, for the labels of their fields; none yet: a parameter is named by its kind and name. */
  templates: readonly TemplateFile[];
}

export function BpmnChangeTable({ changes, selected, onReveal, filter, onFilter, templates }: BpmnChangeTableProps) {
  const counts = useMemo(() => {
    const c: Record<ChangeKind, number> = { added: 0, removed: 0, changed: 0, layout: 0 };
    for (const change of changes ?? []) c[change.kind]++;
    return c;
  }, [changes]);
  const shown = (changes ?? []).filter((change) => filter === 'all' || change.kind === filter);

  return (
    <>
      <Space wrap>
        <Segmented
          value={filter}
          onChange={(value) => onFilter(value as typeof filter)}
          options={[
            { value: 'all', label: `全部 ${changes?.length ?? 0}` },
            ...(['changed', 'added', 'removed', 'layout'] as const).map((kind) => ({ value: kind, label: `${CHANGE_KIND_NAMES[kind]} ${counts[kind]}` })),
          ]}
        />
        {changes?.length === 0 && <Typography.Text type="secondary">两个版本的流程图没有差异。</Typography.Text>}
      </Space>
      <Table<ElementChange>
        rowKey="id"
        size="small"
        data-testid="bpmn-change-table"
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowClassName={(row) => (row.id === selected ? 'diff-row-selected' : 'diff-row-clickable')}
        onRow={(row) => ({ onClick: () => onReveal(row.id) })}
        columns={[
          { title: '变化', key: 'kind', width: 90, render: (_, row) => <ChangeKindTag kind={row.kind} /> },
          {
            title: '元素',
            key: 'element',
            width: '28%',
            render: (_, row) => (
              <Space orientation="vertical" size={0}>
                <span>{row.name ?? row.id}</span>
                {row.name && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{row.id}</Typography.Text>}
              </Space>
            ),
          },
          // On a phone the type gives way to the change itself.
          { title: '类型', key: 'type', width: 120, responsive: ['md'], render: (_, row) => typeName(row.type) },
          { title: '改动内容', key: 'what', render: (_, row) => <ChangeDetails change={row} templates={templates} /> },
        ]}
      />
    </>
  );
}

function ChangeDetails({ change, templates }: { change: ElementChange; templates: readonly TemplateFile[] }) {
  if (change.kind === 'added') return <Typography.Text type="secondary">新版本中新增的元素</Typography.Text>;
  if (change.kind === 'removed') return <Typography.Text type="secondary">新版本中已删除</Typography.Text>;
  if (change.kind === 'layout') return <Typography.Text type="secondary">仅位置或大小改变</Typography.Text>;
  return (
    <div className="diff-properties">
      {change.properties.map((property) => (
        <div key={property.key} className="diff-property">
          <span className="diff-property-name">{propertyName(property, change.topic, templates)}</span>
          <OldNew oldValue={property.oldValue} newValue={property.newValue} />
        </div>
      ))}
      {change.layoutChanged && <Tag color="blue">位置也有改变</Tag>}
    </div>
  );
}
