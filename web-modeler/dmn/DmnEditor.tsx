// The DMN editor of the modeler: dmn-js's modeler (its viewer when read-only) under a row of tabs, one per view —
// the decision requirements diagram and each decision's table — so that a policy officer goes straight to the
// table holding, say, the minimum wages. Findings of the live checks are marked on the DRD shapes and on table rows.
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn.css';
import './dmn-editor.css';

import { Alert, Badge, Tabs } from 'antd';
import DmnModeler, { type DmnView, type DmnViewer } from 'dmn-js/lib/Modeler';
import DmnReadOnlyViewer from 'dmn-js/lib/Viewer';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { EditorHandle, EditorProps } from '../editor-contract.ts';
import type { Finding } from '../modeler-api.ts';
import { ownersOf } from './dmn-model.ts';
import { translateZhModule } from './translations-zh.ts';

/** The types Operaton's DMN engine knows (the dmn-js default list has FEEL's `number` instead of these). */
const OPERATON_DATA_TYPES = ['string', 'boolean', 'integer', 'long', 'double', 'date'];

const VIEW_TYPE_SUFFIX: Record<string, string> = { literalExpression: '（表达式）', boxedExpression: '（业务知识）' };

interface ViewTab {
  id: string;
  label: string;
  type: DmnView['type'];
}

function tabsOf(views: DmnView[]): ViewTab[] {
  return views.map((view) => ({
    id: view.id,
    type: view.type,
    label: view.type === 'drd' ? '决策需求图' : `${view.name || view.id}${VIEW_TYPE_SUFFIX[view.type] ?? ''}`,
  }));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** CSS marking table rows, columns and cells that findings name; CSS survives the table's re-renders. */
function findingsCss(findings: Finding[]): string {
  return findings
    .filter((f) => f.elementId)
    .map((f) => {
      const id = CSS.escape(f.elementId);
      const selector = ['data-row-id', 'data-col-id', 'data-element-id']
        .map((attr) => `.dmn-editor-canvas [${attr}="${id}"]`)
        .join(', ');
      return `${selector} { background: var(--dmn-finding-${f.category}-bg) !important; box-shadow: inset 0 0 0 1px var(--dmn-finding-${f.category}); }`;
    })
    .join('\n');
}

type Modeler = InstanceType<typeof DmnModeler>;

export function DmnEditor({ fileName, initial, findings, onChange, readOnly, revealOnOpen, ref }: EditorProps & { ref?: Ref<EditorHandle> }) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const findingsRef = useRef(findings);
  findingsRef.current = findings;
  const [tabs, setTabs] = useState<ViewTab[]>([]);
  const [activeId, setActiveId] = useState<string>();
  const [owners, setOwners] = useState<Map<string, string>>(new Map());
  const [loadError, setLoadError] = useState<string>();

  /** Marks the findings on what the active view shows: overlays on DRD shapes, titles on table rows. */
  const markFindings = () => {
    const modeler = modelerRef.current;
    const view = modeler?.getActiveView();
    const viewer = modeler?.getActiveViewer();
    if (!modeler || !view || !viewer) return;
    const owner = ownersOf(modeler.getDefinitions());
    if (view.type === 'drd') markOnDiagram(viewer, findingsRef.current, owner);
    else markOnTable(canvasRef.current, findingsRef.current);
  };
  const markFindingsRef = useRef(markFindings);
  markFindingsRef.current = markFindings;

  useEffect(() => {
    const container = canvasRef.current;
    if (!container) return;
    let disposed = false;
    const Editor = readOnly ? DmnReadOnlyViewer : DmnModeler;
    // dmn-js 17 drops `common.additionalModules` when it creates a view (it sets its own list), so the translation
    // goes to each view type; plain config such as dataTypes does pass through `common`.
    const chinese = { additionalModules: [translateZhModule] };
    const modeler: Modeler = new Editor({
      container,
      common: { dataTypes: OPERATON_DATA_TYPES },
      drd: chinese,
      decisionTable: chinese,
      literalExpression: chinese,
      boxedExpression: chinese,
    });
    modelerRef.current = modeler;
    setLoadError(undefined);

    modeler.on('views.changed', ({ views, activeView }: { views: DmnView[]; activeView?: DmnView }) => {
      if (disposed) return;
      setTabs(tabsOf(views));
      setActiveId(activeView?.id);
      setOwners(ownersOf(modeler.getDefinitions()));
    });
    // One viewer per view type, created on first use and reused for every decision: hook it once.
    modeler.on('viewer.created', ({ viewer }: { viewer: DmnViewer }) => {
      viewer.on('commandStack.changed', (event: { trigger?: string }) => {
        // Opening a view clears its command stack; that is no edit.
        if (!disposed && event.trigger !== 'clear') onChangeRef.current();
      });
      viewer.on('elements.changed', () => setTimeout(() => !disposed && markFindingsRef.current(), 0));
    });
    modeler.on('import.render.complete', () => {
      if (!disposed) setTimeout(() => !disposed && markFindingsRef.current(), 0);
    });

    modeler
      .importXML(initial)
      .then(() => {
        if (!disposed && revealOnOpen) void revealIn(modeler, revealOnOpen, canvasRef.current);
      })
      .catch((error: Error) => {
        if (!disposed) setLoadError(error.message);
      });
    return () => {
      disposed = true;
      modelerRef.current = null;
      modeler.destroy();
    };
  }, [initial, readOnly, revealOnOpen]);

  useEffect(() => markFindingsRef.current(), [findings]);

  useImperativeHandle(
    ref,
    () => ({
      async current() {
        const modeler = modelerRef.current;
        if (!modeler) throw new Error('决策文件尚未载入');
        const { xml } = await modeler.saveXML({ format: true });
        return { name: fileName, content: xml };
      },
      reveal(elementId: string) {
        const modeler = modelerRef.current;
        if (modeler) void revealIn(modeler, elementId, canvasRef.current);
      },
    }),
    [fileName],
  );

  const open = (id: string) => {
    const modeler = modelerRef.current;
    const view = modeler?.getViews().find((v) => v.id === id);
    if (modeler && view) void modeler.open(view);
  };

  // Findings per tab: a decision's tab counts everything inside it; the DRD counts what belongs to no decision.
  const counts = useMemo(() => {
    const byView = new Map<string, { count: number; error: boolean }>();
    for (const f of findings) {
      const viewId = owners.get(f.elementId) ?? tabs.find((t) => t.type === 'drd')?.id;
      if (!viewId) continue;
      const seen = byView.get(viewId) ?? { count: 0, error: false };
      byView.set(viewId, { count: seen.count + 1, error: seen.error || f.category === 'error' });
    }
    return byView;
  }, [findings, owners, tabs]);

  const activeFindings = findings.filter((f) => {
    const owner = owners.get(f.elementId);
    const activeTab = tabs.find((t) => t.id === activeId);
    return activeTab?.type === 'drd' ? !owner || owner === f.elementId : owner === activeId;
  });

  return (
    <div className="dmn-editor">
      <style>{findingsCss(findings)}</style>
      <Tabs
        size="small"
        activeKey={activeId}
        onChange={open}
        items={tabs.map((tab) => ({
          key: tab.id,
          label: (
            <Badge count={counts.get(tab.id)?.count ?? 0} color={counts.get(tab.id)?.error ? undefined : '#d48806'} size="small" offset={[8, -2]}>
              <span>{tab.label}</span>
            </Badge>
          ),
        }))}
        className="dmn-editor-tabs"
      />
      {loadError && <Alert type="error" showIcon message="决策文件无法打开" description={loadError} />}
      {activeFindings.length > 0 && (
        <ul className="dmn-editor-findings">
          {activeFindings.map((f, i) => (
            <li key={i} className={`dmn-editor-finding-${f.category}`}>
              <a onClick={() => f.elementId && modelerRef.current && revealIn(modelerRef.current, f.elementId, canvasRef.current)}>
                {f.category === 'error' ? '错误' : '提醒'}：{f.message}
              </a>
            </li>
          ))}
        </ul>
      )}
      <div className={`dmn-editor-canvas${readOnly ? ' dmn-editor-readonly' : ''}`} ref={canvasRef} />
    </div>
  );
}

/** Overlays and markers on the DRD: a finding inside a decision (a rule, a column) marks that decision's shape. */
function markOnDiagram(viewer: DmnViewer, findings: Finding[], owners: Map<string, string>) {
  const overlays = viewer.get('overlays');
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  overlays.remove({ type: 'dmn-finding' });
  for (const element of registry.getAll()) {
    canvas.removeMarker(element, 'dmn-finding-error');
    canvas.removeMarker(element, 'dmn-finding-warn');
  }
  const byShape = new Map<string, Finding[]>();
  for (const f of findings) {
    const shapeId = registry.get(f.elementId) ? f.elementId : owners.get(f.elementId);
    if (shapeId && registry.get(shapeId)) byShape.set(shapeId, [...(byShape.get(shapeId) ?? []), f]);
  }
  for (const [shapeId, list] of byShape) {
    const category = list.some((f) => f.category === 'error') ? 'error' : 'warn';
    canvas.addMarker(shapeId, `dmn-finding-${category}`);
    const title = escapeHtml(list.map((f) => f.message).join('\n'));
    overlays.add(shapeId, 'dmn-finding', {
      position: { top: -10, right: 10 },
      html: `<div class="dmn-finding-badge dmn-finding-badge-${category}" title="${title}">${list.length}</div>`,
    });
  }
}

/** Titles (tooltips) on the rule-number cell of every row a finding names; the colour comes from findingsCss. */
function markOnTable(container: HTMLElement | null, findings: Finding[]) {
  if (!container) return;
  container.querySelectorAll('[data-dmn-finding]').forEach((cell) => {
    cell.removeAttribute('title');
    cell.removeAttribute('data-dmn-finding');
  });
  const byElement = new Map<string, string[]>();
  for (const f of findings) {
    if (f.elementId) byElement.set(f.elementId, [...(byElement.get(f.elementId) ?? []), f.message]);
  }
  for (const [id, messages] of byElement) {
    const escaped = CSS.escape(id);
    container
      .querySelectorAll(`td.rule-index[data-row-id="${escaped}"], th[data-col-id="${escaped}"], [data-element-id="${escaped}"]`)
      .forEach((cell) => {
        cell.setAttribute('title', messages.join('\n'));
        cell.setAttribute('data-dmn-finding', '');
      });
  }
}

/**
 * Opens the view holding an element and brings it into sight: a DRD element (a decision, input data) is selected on
 * the diagram; a rule or column is scrolled to in its decision's table.
 */
async function revealIn(modeler: Modeler, elementId: string, container: HTMLElement | null) {
  const views = modeler.getViews();
  const drd = views.find((v) => v.type === 'drd');
  const owner = ownersOf(modeler.getDefinitions()).get(elementId);
  const inDiagram = !owner || owner === elementId;
  const target = inDiagram ? (drd ?? views.find((v) => v.id === elementId)) : views.find((v) => v.id === owner);
  if (!target) return;
  if (modeler.getActiveView()?.id !== target.id) await modeler.open(target);
  const viewer = modeler.getActiveViewer();
  if (!viewer) return;
  if (target.type === 'drd') {
    const element = viewer.get('elementRegistry').get(elementId);
    if (!element) return;
    viewer.get('canvas').scrollToElement(element);
    viewer.get('selection', false)?.select(element);
    return;
  }
  const escaped = CSS.escape(elementId);
  const cell = container?.querySelector<HTMLElement>(
    `[data-row-id="${escaped}"], [data-col-id="${escaped}"], [data-element-id="${escaped}"]`,
  );
  if (!cell) return;
  cell.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'smooth' });
  cell.classList.add('dmn-finding-flash');
  setTimeout(() => cell.classList.remove('dmn-finding-flash'), 1600);
}
