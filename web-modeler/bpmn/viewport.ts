// Where the canvas looks: the start of a freshly opened diagram at a readable zoom, or one element the page asks
// to see (a finding's element), entering the collapsed sub-process that holds it if need be.
import type BpmnModeler from 'bpmn-js/lib/Modeler';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface CanvasLike {
  zoom(level: 'fit-viewport' | number, center?: 'auto'): number;
  viewbox(box?: Box): Box & { scale: number; inner: Box; outer: Box };
}

/** Below this zoom the labels of a wide diagram cannot be read: show its left part at this zoom instead. */
const READABLE_ZOOM = 0.7;

export function showDiagramStart(canvas: CanvasLike): void {
  const scale = canvas.zoom('fit-viewport', 'auto');
  if (scale >= READABLE_ZOOM) return;
  const { inner, outer } = canvas.viewbox();
  canvas.viewbox({ x: inner.x - 40, y: inner.y - 40, width: outer.width / READABLE_ZOOM, height: outer.height / READABLE_ZOOM });
}

interface ElementLike {
  id: string;
  parent?: ElementLike;
}

export function revealElement(modeler: BpmnModeler, elementId: string): void {
  const elementRegistry = modeler.get<{ get(id: string): ElementLike | undefined }>('elementRegistry');
  const canvas = modeler.get<{
    findRoot(element: ElementLike): ElementLike | undefined;
    getRootElement(): ElementLike;
    setRootElement(root: ElementLike): void;
    scrollToElement(element: ElementLike, padding?: number): void;
  }>('canvas');
  const selection = modeler.get<{ select(elements: ElementLike | ElementLike[] | null): void }>('selection');
  const element = elementRegistry.get(elementId);
  if (!element) return;
  const root = canvas.findRoot(element);
  if (root && root !== canvas.getRootElement()) canvas.setRootElement(root);
  // The process itself: nothing to scroll to; an empty selection shows its properties in the panel.
  if (!element.parent) {
    selection.select(null);
    return;
  }
  canvas.scrollToElement(element, 80);
  selection.select(element);
}
