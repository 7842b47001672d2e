// Marks the checks' findings on the canvas: the element gets a red (error) or amber (warning) outline and a small
// badge whose tooltip lists the Chinese messages. Findings on the process itself or on no element are the page's
// to show (they have no shape to mark).
import type { Finding } from '../modeler-api.ts';

interface ElementLike {
  id: string;
  parent?: unknown;
  waypoints?: unknown;
}
interface Services {
  elementRegistry: { get(id: string): ElementLike | undefined };
  canvas: { addMarker(element: ElementLike, marker: string): void; removeMarker(element: ElementLike, marker: string): void };
  overlays: { add(element: ElementLike, type: string, overlay: { position: { top?: number; left?: number; right?: number; bottom?: number }; html: HTMLElement }): string; remove(filter: { type: string }): void };
}

const OVERLAY_TYPE = 'dpf-finding';
const MARKERS = { error: 'dpf-finding-error', warn: 'dpf-finding-warn' } as const;
const CATEGORY_NAMES = { error: '错误', warn: '警告' } as const;

export class FindingMarkers {
  private marked: { element: ElementLike; marker: string }[] = [];

  constructor(private readonly services: Services) {}

  /** Replaces whatever was drawn before with these findings. */
  draw(findings: Finding[]): void {
    this.clear();
    const byElement = new Map<string, Finding[]>();
    for (const finding of findings) {
      if (!finding.elementId) continue;
      byElement.set(finding.elementId, [...(byElement.get(finding.elementId) ?? []), finding]);
    }
    for (const [elementId, list] of byElement) {
      const element = this.services.elementRegistry.get(elementId);
      // The process (a root element) has no shape of its own to outline.
      if (!element || !element.parent) continue;
      const worst = list.some((f) => f.category === 'error') ? 'error' : 'warn';
      this.services.canvas.addMarker(element, MARKERS[worst]);
      this.marked.push({ element, marker: MARKERS[worst] });
      // Top left: the context pad opens on the right of a selected element and would cover the badge.
      const position = element.waypoints ? { top: -12, left: -12 } : { top: -10, left: -10 };
      this.services.overlays.add(element, OVERLAY_TYPE, { position, html: badge(list, worst) });
    }
  }

  clear(): void {
    this.services.overlays.remove({ type: OVERLAY_TYPE });
    for (const { element, marker } of this.marked) this.services.canvas.removeMarker(element, marker);
    this.marked = [];
  }
}

function badge(findings: Finding[], worst: 'error' | 'warn'): HTMLElement {
  const root = document.createElement('div');
  root.className = `dpf-finding-badge dpf-finding-badge--${worst}`;
  root.textContent = String(findings.length);
  root.setAttribute('role', 'img');
  root.setAttribute('aria-label', findings.map((f) => `${CATEGORY_NAMES[f.category]}：${f.message}`).join('；'));
  const tooltip = document.createElement('div');
  tooltip.className = 'dpf-finding-tooltip';
  for (const finding of findings) {
    const line = document.createElement('div');
    line.className = `dpf-finding-tooltip__line dpf-finding-tooltip__line--${finding.category}`;
    line.textContent = `${CATEGORY_NAMES[finding.category]}：${finding.message}`;
    tooltip.append(line);
  }
  root.append(tooltip);
  return root;
}
