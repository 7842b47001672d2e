// What changed between two versions of a form (form-js JSON): components paired by id, nested ones included, and
// for each the properties that changed (`label`, `validate.required`, `values`, …) old → new. No DOM.

export interface FormPropertyChange {
  key: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface FormComponentChange {
  /** The component's id; `''` for the form's own properties. */
  id: string;
  status: 'added' | 'removed' | 'changed';
  type: string;
  /** The label, key or text a person recognises the component by. */
  title: string;
  properties: FormPropertyChange[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Component {
  id?: string;
  type?: string;
  label?: string;
  key?: string;
  text?: string;
  components?: Component[];
  [property: string]: Json | Component[] | undefined;
}

/** Every component by id, depth first, in the form's order (the form itself under ''). */
function componentsById(form: Component): Map<string, Component> {
  const found = new Map<string, Component>([['', form]]);
  let unnamed = 0;
  const visit = (components: Component[] | undefined) => {
    for (const component of components ?? []) {
      found.set(component.id ?? `#${++unnamed}`, component);
      visit(component.components);
    }
  };
  visit(form.components);
  return found;
}

// A radio's or select's options, shown as 认定计入（count）、… rather than JSON.
const isOptionList = (value: unknown): value is { label: string; value: unknown }[] =>
  Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'object' && item !== null && typeof (item as { label?: unknown }).label === 'string' && 'value' in item);

/** Path → JSON text of every leaf property; lists of plain values (a radio's options) kept whole. */
function flatten(component: Component): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) visit(inner, path ? `${path}.${key}` : key);
    } else if (isOptionList(value)) {
      out.set(path, value.map((option) => `${option.label}（${String(option.value)}）`).join('、'));
    } else if (value !== undefined) {
      out.set(path, typeof value === 'string' ? value : JSON.stringify(value));
    }
  };
  for (const [key, value] of Object.entries(component)) {
    if (key === 'components' || key === 'id') continue;
    visit(value, key);
  }
  return out;
}

function propertyChanges(before: Component, after: Component): FormPropertyChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const changes: FormPropertyChange[] = [];
  for (const [key, newValue] of now) if (old.get(key) !== newValue) changes.push({ key, oldValue: old.get(key) ?? null, newValue });
  for (const [key, oldValue] of old) if (!now.has(key)) changes.push({ key, oldValue, newValue: null });
  return changes;
}

const titleOf = (component: Component) => component.label || component.key || (typeof component.text === 'string' ? component.text.replace(/^#+\s*/, '').slice(0, 40) : '') || component.id || '';

/** The changes from the old form JSON to the new one: new order first, removed components last. */
export function diffForms(oldJson: string, newJson: string): FormComponentChange[] {
  const before = componentsById(JSON.parse(oldJson) as Component);
  const after = componentsById(JSON.parse(newJson) as Component);
  const changes: FormComponentChange[] = [];
  for (const [id, component] of after) {
    const old = before.get(id);
    const base = { id, type: id === '' ? 'form' : (component.type ?? ''), title: id === '' ? '表单本身' : titleOf(component) };
    if (!old) {
      changes.push({ ...base, status: 'added', properties: [] });
      continue;
    }
    const properties = propertyChanges(old, component);
    if (properties.length) changes.push({ ...base, status: 'changed', properties });
  }
  for (const [id, component] of before) {
    if (!after.has(id)) changes.push({ id, status: 'removed', type: component.type ?? '', title: titleOf(component), properties: [] });
  }
  return changes;
}
