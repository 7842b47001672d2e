// The diagram diff: the old version (left) and the new one (right) side by side, moving together, with added
// elements green on the new side, removed ones red on the old side, changed ones amber on both and moved ones
// blue; below, every change in a table with its property-level old → new values. A row brings its element into
// view on both sides.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import './diff.css';
import { Alert, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLoaded } from '../../web/src/lib/use-loaded.ts';
import { templateFiles } from '../bpmn/element-templates.ts';
import { OPERATON_MODDLE_PREFIX, operatonModdleDescriptor } from '../bpmn/operaton-moddle.ts';
import type { TemplateFile } from '../bpmn/template-bindings.ts';
import { diffBpmn, type ChangeKind, type ElementChange } from './bpmn-diff.ts';
import { propertyName, typeName } from './bpmn-labels.ts';
import { ChangeKindTag, CHANGE_KIND_NAMES, OldNew } from './change-display.tsx';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Shape {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  waypoints?: { x: number; y: number }[];
}
interface Canvas {
  viewbox(box?: Box): Box & { scale: number; outer: Box; inner: Box };
  zoom(level: 'fit-viewport' | number, center?: 'auto'): number;
  addMarker(element: string, marker: string): void;
}
interface Registry {
  get(id: string): Shape | undefined;
}
interface Selection {
  select(element: Shape | null): void;
}
interface Overlays {
  add(element: string, overlay: { position: { top?: number; right?: number }; html: string }): void;
}

const MARKER: Record<ChangeKind, string> = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-changed', layout: 'diff-layout' };

/** Marks the changes that belong on one side: added on the new side, removed on the old, changed and moved on both. */
function markChanges(viewer: NavigatedViewer, changes: ElementChange[], side: 'old' | 'new') {
  const canvas = viewer.get<Canvas>('canvas');
  const registry = viewer.get<Registry>('elementRegistry');
  const overlays = viewer.get<Overlays>('overlays');
  for (const change of changes) {
    if ((change.kind === 'added' && side === 'old') || (change.kind === 'removed' && side === 'new')) continue;
    const shape = registry.get(change.id);
    if (!shape) continue;
    canvas.addMarker(change.id, MARKER[change.kind]);
    if (shape.waypoints) continue; // a badge on a flow would hide its neighbours
    overlays.add(change.id, { position: { top: -10, right: 14 }, html: `<span class="diff-badge ${MARKER[change.kind]}">${CHANGE_KIND_NAMES[change.kind]}</span>` });
  }
}

function boundsOf(shape: Shape): Box {
  if (shape.waypoints?.length) {
    const xs = shape.waypoints.map((p) => p.x);
    const ys = shape.waypoints.map((p) => p.y);
    return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  }
  return { x: shape.x ?? 0, y: shape.y ?? 0, width: shape.width ?? 0, height: shape.height ?? 0 };
}

/** Readable zoom for a diagram too wide to read whole: the same rule as the editor's first view. */
const READABLE_ZOOM = 0.7;

/** Whether the element has a shape or a line on this viewer's canvas (a process or a message has neither). */
function isOnCanvas(viewer: NavigatedViewer, id: string): boolean {
  const shape = viewer.get<Registry>('elementRegistry').get(id);
  return !!shape && (!!shape.waypoints || shape.width !== undefined);
}

/** Centres the element on the first viewer that shows it, at a readable zoom; the other follows. */
function centre(viewers: NavigatedViewer[], id: string): void {
  const viewer = viewers.find((v) => isOnCanvas(v, id));
  if (!viewer) return;
  const canvas = viewer.get<Canvas>('canvas');
  const box = boundsOf(viewer.get<Registry>('elementRegistry').get(id)!);
  const { scale, outer } = canvas.viewbox();
  const zoom = Math.max(scale, READABLE_ZOOM);
  const width = outer.width / zoom;
  const height = outer.height / zoom;
  canvas.viewbox({ x: box.x + box.width / 2 - width / 2, y: box.y + box.height / 2 - height / 2, width, height });
}

export function BpmnDiffView({ oldXml, newXml, oldTitle, newTitle }: { oldXml: string; newXml: string; oldTitle: string; newTitle: string }) {
  const oldRef = useRef<HTMLDivElement>(null);
  const newRef = useRef<HTMLDivElement>(null);
  const viewers = useRef<{ old: NavigatedViewer; new: NavigatedViewer } | null>(null);
  const [changes, setChanges] = useState<ElementChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState<'all' | ChangeKind>('all');
  // For the template fields' labels: until they arrive (or if they cannot), a parameter is named by its kind and name.
  const templates = useLoaded(templateFiles, []).data ?? [];

  useEffect(() => {
    const moddleExtensions = { [OPERATON_MODDLE_PREFIX]: operatonModdleDescriptor };
    const left = new NavigatedViewer({ container: oldRef.current!, moddleExtensions });
    const right = new NavigatedViewer({ container: newRef.current!, moddleExtensions });
    viewers.current = { old: left, new: right };
    let alive = true;

    // Either side's pan or zoom is copied to the other; the flag keeps the copy from echoing back.
    let copying = false;
    const follow = (from: NavigatedViewer, to: NavigatedViewer) =>
      from.on('canvas.viewbox.changed', (event: { viewbox: Box }) => {
        if (copying) return;
        copying = true;
        const { x, y, width, height } = event.viewbox;
        to.get<Canvas>('canvas').viewbox({ x, y, width, height });
        copying = false;
      });
    follow(left, right);
    follow(right, left);

    setChanges(null);
    setError(null);
    Promise.all([diffBpmn(oldXml, newXml), left.importXML(oldXml), right.importXML(newXml)])
      .then(([found]) => {
        if (!alive) return;
        markChanges(left, found, 'old');
        markChanges(right, found, 'new');
        const canvas = right.get<Canvas>('canvas');
        const scale = canvas.zoom('fit-viewport', 'auto');
        if (scale < READABLE_ZOOM) {
          const { inner, outer } = canvas.viewbox();
          canvas.viewbox({ x: inner.x - 40, y: inner.y - 40, width: outer.width / READABLE_ZOOM, height: outer.height / READABLE_ZOOM });
          // A wide diagram shows only part of itself: start at the first change rather than somewhere unchanged.
          const first = found.find((change) => isOnCanvas(right, change.id) || isOnCanvas(left, change.id));
          if (first) centre([right, left], first.id);
        }
        setChanges(found);
      })
      .catch((e: unknown) => alive && setError(`无法比较这两个版本的流程图：${e instanceof Error ? e.message : String(e)}`));

    return () => {
      alive = false;
      viewers.current = null;
      left.destroy();
      right.destroy();
    };
  }, [oldXml, newXml]);

  /** Centres the element on both canvases (they move together) and selects it where it exists. */
  const reveal = (id: string) => {
    setSelected(id);
    const pair = viewers.current;
    if (!pair) return;
    for (const viewer of [pair.new, pair.old]) {
      viewer.get<Selection>('selection').select(isOnCanvas(viewer, id) ? viewer.get<Registry>('elementRegistry').get(id)! : null);
    }
    centre([pair.new, pair.old], id);
  };

  const counts = useMemo(() => {
    const c: Record<ChangeKind, number> = { added: 0, removed: 0, changed: 0, layout: 0 };
    for (const change of changes ?? []) c[change.kind]++;
    return c;
  }, [changes]);
  const shown = (changes ?? []).filter((change) => filter === 'all' || change.kind === filter);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={error} />}
      <div className="diff-legend">
        <ChangeKindTag kind="added" /> 仅在新版本上标出
        <ChangeKindTag kind="removed" /> 仅在旧版本上标出
        <ChangeKindTag kind="changed" /> 两侧都标出
        <ChangeKindTag kind="layout" /> 仅位置或大小改变
        <Typography.Text type="secondary">拖动或缩放任一侧，另一侧随之移动。</Typography.Text>
      </div>
      <div className="diff-canvases">
        <div className="diff-side">
          <div className="diff-side-title">旧版本：{oldTitle}</div>
          <div ref={oldRef} className="diff-canvas" data-testid="diff-canvas-old" />
        </div>
        <div className="diff-side">
          <div className="diff-side-title">新版本：{newTitle}</div>
          <div ref={newRef} className="diff-canvas" data-testid="diff-canvas-new" />
        </div>
      </div>
      {changes === null && !error ? (
        <Spin />
      ) : (
        <>
          <Space wrap>
            <Segmented
              value={filter}
              onChange={(value) => setFilter(value as typeof filter)}
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
            onRow={(row) => ({ onClick: () => reveal(row.id) })}
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
      )}
    </Space>
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
