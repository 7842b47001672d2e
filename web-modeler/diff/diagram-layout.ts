// Where each element is drawn, read from a diagram's interchange (DI): a shape's bounds, a flow's waypoints and an
// external label's box. The diff compares these numbers to say what moved — bpmn-js-differ flags any change to a
// BPMNShape, so the empty <bpmndi:BPMNLabel /> bpmn-js adds to a renamed task read as a move — and a test reads the
// label boxes to check that no two labels of a shipped diagram overlap.
import type { ModdleElement } from '../../deployment/bpmn-moddle.ts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** How one element is drawn: a shape's bounds or a flow's waypoints, and its external label's box if it has one. */
export interface ElementLayout {
  bounds: Box | null;
  waypoints: Point[] | null;
  label: Box | null;
}

const boxOf = (bounds: ModdleElement | undefined): Box | null =>
  bounds ? { x: Number(bounds.x), y: Number(bounds.y), width: Number(bounds.width), height: Number(bounds.height) } : null;

/** The layout of every drawn element by its id, over all the diagrams (planes) of a definitions tree. */
export function layoutOf(definitions: ModdleElement): Map<string, ElementLayout> {
  const found = new Map<string, ElementLayout>();
  const diagrams = (definitions.diagrams ?? []) as ModdleElement[];
  for (const diagram of diagrams) {
    const plane = diagram.plane as ModdleElement | undefined;
    for (const di of (plane?.planeElement ?? []) as ModdleElement[]) {
      const element = di.bpmnElement as ModdleElement | undefined;
      if (!element?.id) continue;
      const waypoints = (di.waypoint ?? null) as ModdleElement[] | null;
      found.set(element.id, {
        bounds: boxOf(di.bounds as ModdleElement | undefined),
        waypoints: waypoints ? waypoints.map((p) => ({ x: Number(p.x), y: Number(p.y) })) : null,
        label: boxOf((di.label as ModdleElement | undefined)?.bounds as ModdleElement | undefined),
      });
    }
  }
  return found;
}

// Modelers write coordinates rounded or not: half a pixel is no move.
const TOLERANCE = 0.5;
const near = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE;
const sameBox = (a: Box | null, b: Box | null) =>
  a === b || (!!a && !!b && near(a.x, b.x) && near(a.y, b.y) && near(a.width, b.width) && near(a.height, b.height));
const samePoints = (a: Point[] | null, b: Point[] | null) =>
  a === b || (!!a && !!b && a.length === b.length && a.every((p, i) => near(p.x, b[i]!.x) && near(p.y, b[i]!.y)));

// A renamed event's label is re-measured around the same top centre (bpmn-js keeps it there): its box grows or
// shrinks with the text but the label has not been moved. Only a shift of that point is a move; a label that
// appears or disappears is the text's doing (a name added or removed), not a move either.
const labelMoved = (a: Box | null, b: Box | null) => !!a && !!b && !(near(a.x + a.width / 2, b.x + b.width / 2) && near(a.y, b.y));

/** Whether the element is drawn elsewhere or in another size on the new side (drawn on one side only counts). */
export function layoutChanged(before: ElementLayout | undefined, after: ElementLayout | undefined): boolean {
  if (!before || !after) return !!before !== !!after;
  return !sameBox(before.bounds, after.bounds) || !samePoints(before.waypoints, after.waypoints) || labelMoved(before.label, after.label);
}

/** Whether two boxes share any area (touching edges do not). */
export const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
