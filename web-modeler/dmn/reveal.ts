// Bringing a DMN element into sight: a DRD element (a decision, input data) is selected on the diagram; a rule or
// column is scrolled to in its decision's table and flashes.
import type DmnModeler from 'dmn-js/lib/Modeler';
import { ownersOf } from './dmn-model.ts';

/** Opens the view holding an element and brings the element into sight. */
export async function revealIn(modeler: DmnModeler, elementId: string, container: HTMLElement | null) {
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
