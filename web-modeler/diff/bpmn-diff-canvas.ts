// The two canvases of the diagram diff as bpmn-js draws them: each side's changes marked (and badged), an element's
// bounds, whether it is drawn at all, and centring it at a readable zoom.
import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type { ChangeKind, ElementChange } from './bpmn-diff.ts';
import { CHANGE_KIND_NAMES } from './change-display.tsx';

export interface Box {
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
export interface Canvas {
  viewbox(box?: Box): Box & { scale: number; outer: Box; inner: Box };
  zoom(level: 'fit-viewport' | number, center?: 'auto'): number;
  addMarker(element: string, marker: string): void;
}
export interface Registry {
  get(id: string): Shape | undefined;
}
export interface Selection {
  select(element: Shape | null): void;
}
interface Overlays {
  add(element: string, overlay: { position: { top?: number; right?: number }; html: string }): void;
}

const MARKER: Record<ChangeKind, string> = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-changed', layout: 'diff-layout' };

/** Marks the changes that belong on one side: added on the new side, removed on the old, changed and moved on both. */
export function markChanges(viewer: NavigatedViewer, changes: ElementChange[], side: 'old' | 'new') {
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
export const READABLE_ZOOM = 0.7;

/** Whether the element has a shape or a line on this viewer's canvas (a process or a message has neither). */
export function isOnCanvas(viewer: NavigatedViewer, id: string): boolean {
  const shape = viewer.get<Registry>('elementRegistry').get(id);
  return !!shape && (!!shape.waypoints || shape.width !== undefined);
}

/** Centres the element on the first viewer that shows it, at a readable zoom; the other follows. */
export function centre(viewers: NavigatedViewer[], id: string): void {
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
