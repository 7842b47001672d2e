// A Camunda Form's schema as the form editor reads it: its components, the one a finding names (by id or JSON
// pointer) and how it is named to the user, and the file's own key order kept through form-js-editor's saves.

export interface FormComponent {
  id?: string;
  type?: string;
  key?: string;
  label?: string;
  text?: string;
  components?: FormComponent[];
}

export interface FormSchema extends FormComponent {
  id: string;
}

/**
 * The component a finding names: its id, or a JSON pointer into the schema (/components/3/key → that component).
 * The deepest component on the pointer's way is the one meant; the form itself when the pointer names no component.
 */
export function componentOf(schema: FormSchema, elementId: string): FormComponent | undefined {
  if (!elementId.startsWith('/')) return findById(schema, elementId);
  let node: unknown = schema;
  let component: FormComponent = schema;
  for (const raw of elementId.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[segment];
    if (node && typeof node === 'object' && !Array.isArray(node) && typeof (node as FormComponent).type === 'string') {
      component = node as FormComponent;
    }
  }
  return component;
}

function findById(component: FormComponent, id: string): FormComponent | undefined {
  if (component.id === id) return component;
  for (const child of component.components ?? []) {
    const found = findById(child, id);
    if (found) return found;
  }
  return undefined;
}

/** How a component is named to the user: its label, else its text's first line, else its key or id. */
export function nameOf(component: FormComponent | undefined, schema: FormSchema): string {
  if (!component || component === schema) return '表单';
  const text = component.label || component.text?.split('\n')[0]?.replace(/^#+\s*/, '') || component.key || component.id || '';
  return `字段「${text.length > 24 ? `${text.slice(0, 24)}…` : text}」`;
}

/**
 * form-js-editor saves keys in its own order (components first); the file keeps the order it had, so that a
 * version's diff shows what was edited, not a shuffle. Components are matched to their originals by id.
 */
export function inOriginalOrder<T extends object>(saved: T, original: object | undefined, originals: Map<string, FormComponent>): T {
  const ordered: Record<string, unknown> = {};
  const keys = [...Object.keys(original ?? {}).filter((k) => k in saved), ...Object.keys(saved)];
  for (const key of keys) {
    if (key in ordered) continue;
    const value = (saved as Record<string, unknown>)[key];
    ordered[key] =
      key === 'components' && Array.isArray(value)
        ? value.map((c: FormComponent) => inOriginalOrder(c, c.id ? originals.get(c.id) : undefined, originals))
        : value;
  }
  return ordered as T;
}

export function byId(component: FormComponent, into = new Map<string, FormComponent>()): Map<string, FormComponent> {
  if (component.id) into.set(component.id, component);
  for (const child of component.components ?? []) byId(child, into);
  return into;
}

export function parse(initial: string): { schema?: FormSchema; error?: string } {
  try {
    return { schema: JSON.parse(initial) as FormSchema };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
