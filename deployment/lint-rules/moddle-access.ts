// What the rules read from a moddle element: its kind, a person's name for it, and an Operaton extension
// attribute whichever dialect the file was written in.
import type { ModdleElement } from '../bpmn-moddle.ts';

export type { ModdleElement };

/** True when the element is of the given BPMN type or a subtype (`bpmn:Task` matches a user task). */
export function is(element: ModdleElement, type: string): boolean {
  return typeof element.$instanceOf === 'function' && element.$instanceOf(type);
}

/** The element's name as the modeler shows it, or its id when it has none. */
export function displayName(element: ModdleElement): string {
  const name = typeof element.name === 'string' ? element.name.trim() : '';
  return name || element.id || element.$type;
}

/**
 * An Operaton extension attribute, such as `topic` for `operaton:topic`. Files written for Camunda 7 carry the
 * same attribute as `camunda:topic`, which Operaton still reads; an empty value counts as absent.
 */
export function extensionValue(element: ModdleElement, localName: string): string | undefined {
  for (const prefix of ['operaton', 'camunda']) {
    const value = element.get(`${prefix}:${localName}`);
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}
