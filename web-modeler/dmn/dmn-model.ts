// Where an element id lives in a DMN file: which decision holds it (a rule, an input column, an entry), so that a
// finding keyed by that id can be counted on the decision's tab, marked on its DRD shape and revealed in its view.

interface ModdleElement {
  id?: string;
  $type: string;
  [key: string]: unknown;
}

/** Every id under a moddle element (the element's own included), found by walking its properties. */
function collectIds(element: ModdleElement, into: Set<string>, seen = new Set<ModdleElement>()): void {
  // Guards against cycles through properties the modeler adds (a shape's `di` pointing back).
  if (seen.has(element)) return;
  seen.add(element);
  if (element.id) into.add(element.id);
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('$') || key === 'di') continue;
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child && typeof child === 'object' && typeof (child as ModdleElement).$type === 'string') {
        collectIds(child as ModdleElement, into, seen);
      }
    }
  }
}

/**
 * Element id → id of the decision (or business knowledge model) that holds it. DRD-only elements (input data,
 * knowledge sources, the definitions) are absent: they live in the DRD view alone.
 */
export function ownersOf(definitions: { drgElement?: ModdleElement[] } | undefined): Map<string, string> {
  const owners = new Map<string, string>();
  for (const drgElement of definitions?.drgElement ?? []) {
    if (!drgElement.id || !['dmn:Decision', 'dmn:BusinessKnowledgeModel'].includes(drgElement.$type)) continue;
    const ids = new Set<string>();
    collectIds(drgElement, ids);
    for (const id of ids) owners.set(id, drgElement.id);
  }
  return owners;
}
