/// <reference path="./bpmn-js-differ.d.ts" />
/// <reference path="../../deployment/vendor.d.ts" />
// What changed between two versions of a BPMN diagram, element by element and property by property. No DOM: both
// sides are read with the same Operaton-aware moddle the deployment checks use, so it runs in a unit test too.
//
// bpmn-js-differ records a change only as the attribute of the element it is on: a changed input parameter
// (`workingDays` 10 → 12) reaches it as an unexplained change of the containing task, and a changed timer inside
// an event's event definitions is not reported at all. So every element present on both sides is compared here
// through a flat list of its properties, extension elements and event definitions included, which gives the
// readable old → new values the page shows. Nor is its idea of a move used: it flags any change to an element's
// DI (an empty label added by bpmn-js), so what moved is decided from the numbers (diagram-layout.ts).
import { diff } from 'bpmn-js-differ';
import { parseBpmn, type ModdleElement } from '../../deployment/bpmn-moddle.ts';
import { extensionValue } from '../../deployment/lint-rules/moddle-access.ts';
import { layoutChanged, layoutOf } from './diagram-layout.ts';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'layout';

export interface PropertyChange {
  /** A readable path: `name`, `operaton:topic`, `operaton:inputParameter[workingDays]`, `timerEventDefinition.timeDuration`. */
  key: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface ElementChange {
  id: string;
  kind: ChangeKind;
  /** The moddle type, `bpmn:ServiceTask`. */
  type: string;
  /** The name on the new side (the old side's for removed elements), when it has one. */
  name: string | null;
  /** An external task's topic (new side, else old): it says which element template labels its fields. */
  topic: string | null;
  /** Property-level differences (changed elements only). */
  properties: PropertyChange[];
  /** Moved or resized on the canvas (also set on changed elements that moved). */
  layoutChanged: boolean;
}

interface PropertyDescriptor {
  name: string;
  ns: { name: string; prefix: string; localName: string };
  isMany?: boolean;
  isReference?: boolean;
  isVirtual?: boolean;
  isBody?: boolean;
}

interface Descriptor {
  isGeneric?: boolean;
  properties: PropertyDescriptor[];
}

const descriptorOf = (element: ModdleElement) => (element as unknown as { $descriptor: Descriptor }).$descriptor;

const isModdle = (value: unknown): value is ModdleElement =>
  typeof value === 'object' && value !== null && typeof (value as ModdleElement).$instanceOf === 'function';

// The elements reported on their own, each with a row in the change table (and a shape, most of them). Anything
// else (extension elements, event definitions, expressions) is a property of the tracked element around it.
const TRACKED = [
  'bpmn:FlowElement',
  'bpmn:Process',
  'bpmn:Collaboration',
  'bpmn:Participant',
  'bpmn:Lane',
  'bpmn:MessageFlow',
  'bpmn:Artifact',
  'bpmn:DataAssociation',
  'bpmn:Message',
  'bpmn:Error',
  'bpmn:Signal',
  'bpmn:Escalation',
];

const isTracked = (element: ModdleElement) => typeof element.id === 'string' && TRACKED.some((type) => element.$instanceOf(type));

/** Every tracked element of a definitions tree by id, in document order (diagram interchange left out). */
function trackedElements(root: ModdleElement): Map<string, ModdleElement> {
  const found = new Map<string, ModdleElement>();
  const visit = (element: ModdleElement) => {
    if (element.$type.startsWith('bpmndi:')) return;
    if (isTracked(element) && !found.has(element.id!)) found.set(element.id!, element);
    const descriptor = descriptorOf(element);
    if (descriptor.isGeneric) return;
    for (const property of descriptor.properties) {
      if (property.isReference || property.isVirtual) continue;
      const value = element[property.name];
      for (const child of Array.isArray(value) ? value : [value]) if (isModdle(child)) visit(child);
    }
  };
  visit(root);
  return found;
}

// `operaton:InputOutput` → `operaton:inputOutput`; the bpmn prefix is left out (`timerEventDefinition`).
function typeKey(type: string): string {
  const [prefix, local = ''] = type.split(':');
  const name = local.charAt(0).toLowerCase() + local.slice(1);
  return prefix === 'bpmn' ? name : `${prefix}:${name}`;
}

// The prefix is shown only where it says something: `operaton:topic` on a bpmn task, `inputParameters` inside an
// operaton:inputOutput.
const propertyKey = (property: PropertyDescriptor, owner: ModdleElement) =>
  property.ns.prefix === 'bpmn' || owner.$type.startsWith(`${property.ns.prefix}:`) ? property.ns.localName : property.ns.name;

const join = (path: string, segment: string) => (path ? `${path}.${segment}` : segment);

// Shorter names for the Operaton containers an official edits in the properties panel.
function readableKey(key: string): string {
  return key
    .replace(/operaton:inputOutput\.inputParameters\[/g, 'operaton:inputParameter[')
    .replace(/operaton:inputOutput\.outputParameters\[/g, 'operaton:outputParameter[')
    .replace(/operaton:properties\.values\[([^\]]*)\]\.value$/, 'operaton:property[$1]')
    .replace(/operaton:properties\.values\[/g, 'operaton:property[');
}

/** The properties of one tracked element as path → text, nested tracked elements left to their own entries. */
export function flatProperties(element: ModdleElement): Map<string, string> {
  const out = new Map<string, string>();
  const put = (key: string, value: unknown) => out.set(readableKey(key), typeof value === 'string' ? value : JSON.stringify(value));

  const visit = (node: ModdleElement, path: string, keyedByName: boolean) => {
    const descriptor = descriptorOf(node);
    if (descriptor.isGeneric) {
      // An element of a vocabulary moddle does not know: its attributes and text as they are.
      for (const [name, value] of Object.entries(node)) {
        if (name.startsWith('$') && name !== '$body') continue;
        if (isModdle(value) || Array.isArray(value)) continue;
        put(name === '$body' ? path : join(path, name), value);
      }
      return;
    }
    for (const property of descriptor.properties) {
      if (property.isVirtual || (property.isMany && property.isReference)) continue;
      if (property.name === 'id' || (keyedByName && property.name === 'name')) continue;
      const value = node[property.name];
      if (value === undefined || value === null) continue;
      // The container of extension elements adds nothing readable to the path.
      const key = property.name === 'extensionElements' ? path : property.isBody ? path : join(path, propertyKey(property, node));
      if (property.isReference) {
        put(key, isModdle(value) ? (value.id ?? '') : value);
      } else if (Array.isArray(value)) {
        visitMany(value, node, path, property, key);
      } else if (isModdle(value)) {
        if (!isTracked(value)) visit(value, property.name === 'extensionElements' ? path : key, false);
      } else {
        put(key, value);
      }
    }
    for (const [name, value] of Object.entries(node.$attrs ?? {})) {
      if (name === 'xmlns' || name.startsWith('xmlns:') || name === 'xsi:type') continue;
      put(join(path, name), value);
    }
  };

  // Items with a name are keyed by it (`inputParameters[workingDays]`) so that reordering is no change; the
  // others by their type (`timerEventDefinition`), numbered when one type occurs more than once.
  const visitMany = (items: unknown[], owner: ModdleElement, path: string, property: PropertyDescriptor, key: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      if (!isModdle(item)) {
        put(`${key}[${index}]`, item);
        return;
      }
      if (isTracked(item)) return;
      const named = typeof item.name === 'string' && item.name !== '';
      let segment = named ? `${propertyKey(property, owner)}[${item.name}]` : typeKey(item.$type);
      const count = (seen.get(segment) ?? 0) + 1;
      seen.set(segment, count);
      if (count > 1) segment = `${segment}#${count}`;
      visit(item, join(path, segment), named);
    });
  };

  visit(element, '', false);
  return out;
}

function propertyChanges(oldElement: ModdleElement, newElement: ModdleElement): PropertyChange[] {
  const before = flatProperties(oldElement);
  const after = flatProperties(newElement);
  const changes: PropertyChange[] = [];
  for (const [key, newValue] of after) {
    const oldValue = before.get(key) ?? null;
    if (oldValue !== newValue) changes.push({ key, oldValue, newValue });
  }
  for (const [key, oldValue] of before) if (!after.has(key)) changes.push({ key, oldValue, newValue: null });
  return changes;
}

const nameOf = (element: ModdleElement | undefined) => (typeof element?.name === 'string' && element.name.trim() ? element.name : null);
const topicOf = (element: ModdleElement | undefined) => (element ? (extensionValue(element, 'topic') ?? null) : null);

/** The changes from the old definitions tree to the new one: new document order first, then what was removed. */
export function diffDefinitions(oldRoot: ModdleElement, newRoot: ModdleElement): ElementChange[] {
  const differ = diff(oldRoot, newRoot);
  const before = trackedElements(oldRoot);
  const after = trackedElements(newRoot);
  const [layoutBefore, layoutAfter] = [layoutOf(oldRoot), layoutOf(newRoot)];
  const changes: ElementChange[] = [];

  for (const [id, element] of after) {
    const old = before.get(id);
    const moved = !!old && layoutChanged(layoutBefore.get(id), layoutAfter.get(id));
    const base = { id, type: element.$type, name: nameOf(element) ?? nameOf(old), topic: topicOf(element) ?? topicOf(old), layoutChanged: moved };
    if (!old) {
      changes.push({ ...base, kind: 'added', properties: [] });
      continue;
    }
    let properties = propertyChanges(old, element);
    if (properties.length === 0 && old.$type !== element.$type) properties = [{ key: '类型', oldValue: old.$type, newValue: element.$type }];
    // What the differ saw that the flat comparison did not (it should not happen): kept rather than lost, its
    // swapped old/new put right (see bpmn-js-differ.d.ts).
    if (properties.length === 0 && differ._changed[id]) {
      properties = Object.entries(differ._changed[id].attrs).map(([key, value]) => ({
        key,
        oldValue: value.newValue === undefined || value.newValue === null ? null : String(value.newValue),
        newValue: value.oldValue === undefined || value.oldValue === null ? null : String(value.oldValue),
      }));
    }
    if (properties.length > 0) changes.push({ ...base, kind: 'changed', properties });
    else if (moved) changes.push({ ...base, kind: 'layout', properties: [] });
  }
  for (const [id, element] of before) {
    if (!after.has(id)) changes.push({ id, kind: 'removed', type: element.$type, name: nameOf(element), topic: topicOf(element), properties: [], layoutChanged: false });
  }
  return changes;
}

/** Parses both versions and compares them. */
export async function diffBpmn(oldXml: string, newXml: string): Promise<ElementChange[]> {
  const [before, after] = await Promise.all([parseBpmn(oldXml), parseBpmn(newXml)]);
  return diffDefinitions(before.rootElement, after.rootElement);
}
