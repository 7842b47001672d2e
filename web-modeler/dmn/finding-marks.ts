// Findings of the live checks marked where dmn-js draws them: CSS colouring table rows, columns and cells (CSS
// survives the table's re-renders), overlays on DRD shapes, and titles (tooltips) on the table cells.
import type { DmnViewer } from 'dmn-js/lib/Modeler';
import type { Finding } from '../modeler-api.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** CSS marking table rows, columns and cells that findings name; CSS survives the table's re-renders. */
export function findingsCss(findings: Finding[]): string {
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

/** Overlays and markers on the DRD: a finding inside a decision (a rule, a column) marks that decision's shape. */
export function markOnDiagram(viewer: DmnViewer, findings: Finding[], owners: Map<string, string>) {
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
export function markOnTable(container: HTMLElement | null, findings: Finding[]) {
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
