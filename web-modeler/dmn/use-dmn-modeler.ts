// dmn-js's modeler (its viewer when read-only) in a container: the file imported in Chinese with Operaton's data
// types, every edit reported, the views as tabs, and the findings marked on what the active view shows.
import DmnModeler, { type DmnView, type DmnViewer } from 'dmn-js/lib/Modeler';
import DmnReadOnlyViewer from 'dmn-js/lib/Viewer';
import { useEffect, useRef, useState } from 'react';
import type { Finding } from '../modeler-api.ts';
import { ownersOf } from './dmn-model.ts';
import { markOnDiagram, markOnTable } from './finding-marks.ts';
import { revealIn } from './reveal.ts';
import { translateZhModule } from './translations-zh.ts';
import { tabsOf, type ViewTab } from './view-tabs.ts';

/** The types Operaton's DMN engine knows (the dmn-js default list has FEEL's `number` instead of these). */
const OPERATON_DATA_TYPES = ['string', 'boolean', 'integer', 'long', 'double', 'date'];

export interface DmnModelerOptions {
  initial: string;
  findings: Finding[];
  onChange: () => void;
  readOnly: boolean;
  revealOnOpen?: string;
}

export function useDmnModeler({ initial, findings, onChange, readOnly, revealOnOpen }: DmnModelerOptions) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<DmnModeler | null>(null);
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
    const modeler: DmnModeler = new Editor({
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

  /** Opens a tab's view. */
  const open = (id: string) => {
    const modeler = modelerRef.current;
    const view = modeler?.getViews().find((v) => v.id === id);
    if (modeler && view) void modeler.open(view);
  };

  /** Brings an element into sight in its view. */
  const reveal = (elementId: string) => {
    const modeler = modelerRef.current;
    if (modeler) void revealIn(modeler, elementId, canvasRef.current);
  };

  return { canvasRef, modelerRef, tabs, activeId, owners, loadError, open, reveal };
}
