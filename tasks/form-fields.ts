// Reads a task's Camunda Form (form-js JSON, schemaVersion 16 as form-js 1.8 understands it) into the fields a
// person may write and the rules each carries. Anything this reading cannot check faithfully — a FEEL limit, a
// condition on something other than the form's own answers, a dynamic list, a nested key, a component type we do
// not know — makes it refuse the whole form with an Error naming the component: a form we cannot check must never
// be accepted half-checked.
import { FeelSyntaxError, FeelUnaryTest } from '../dmn-evaluator/feel-expression.ts';

/** One static option of a radio, select, checklist or taglist. */
export interface FormOption {
  label?: string;
  value: string;
}

/** The `validate` block of a form-js component; limits may be FEEL expressions (strings starting with "="). */
export interface FormValidate {
  required?: boolean;
  min?: number | string;
  max?: number | string;
  minLength?: number | string;
  maxLength?: number | string;
  pattern?: string;
  validationType?: 'email' | 'phone' | 'custom' | '' | null;
}

/** The parts of a form-js component this module reads; the rest (layout, description, …) is ignored. */
export interface FormComponent {
  id?: string;
  type: string;
  key?: string;
  label?: string;
  /** The content of a `text` component. */
  text?: string;
  /** Static options. */
  values?: FormOption[];
  /** Options taken from a process variable or a FEEL expression: only the value's type can be checked then. */
  valuesKey?: string;
  valuesExpression?: string;
  validate?: FormValidate;
  readonly?: boolean | string;
  disabled?: boolean | string;
  /** Children of a `group` (or a `dynamiclist`, which is refused). */
  components?: FormComponent[];
  /** A group's own key prefix; groups with one are refused. */
  path?: string;
  conditional?: { hide?: string } | null;
  // datetime
  subtype?: string;
  dateLabel?: string;
  timeLabel?: string;
  timeSerializingFormat?: string;
  // number
  decimalDigits?: number;
  increment?: number | string;
  serializeToString?: boolean;
}

/** The parts of a form-js schema this module reads. */
export interface FormSchema {
  id: string;
  components: FormComponent[];
}

/** What a field's value must be, decided by its component type (and a datetime's subtype). */
export type FieldKind = 'text' | 'number' | 'checkbox' | 'choice' | 'choices' | 'date' | 'time' | 'datetime';

/** How a time carries its zone, from the component's `timeSerializingFormat` (form-js writes it this way). */
export type TimeZoneStyle = 'none' | 'offset' | 'utc';

/** One field a person may write, with the rules form-js would apply to it. */
export interface FormField {
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  /** Static options of a choice/choices field; undefined when the options are dynamic. */
  options?: readonly { label: string; value: string }[];
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  validationType?: 'email' | 'phone';
  min?: number;
  max?: number;
  decimalDigits?: number;
  zone?: TimeZoneStyle;
  /**
   * The input's `conditional.hide` (FEEL after "="), evaluated as form-js does (a unary test that hides on true); it
   * reads only answers of fields that have no condition themselves, so the submitted values decide it.
   */
  hiddenWhen?: FeelUnaryTest;
}

export interface FormFields {
  /** The fields a person may write, in the order of the form. */
  writable: FormField[];
  /** Keys shown but not writable (read-only, disabled, or on a display-only component) → their labels. */
  readonly: ReadonlyMap<string, string>;
}

const KINDS: Readonly<Record<string, FieldKind>> = {
  textfield: 'text',
  textarea: 'text',
  number: 'number',
  checkbox: 'checkbox',
  radio: 'choice',
  select: 'choice',
  checklist: 'choices',
  taglist: 'choices',
};

/** Components that show something and submit nothing. */
const DISPLAY_ONLY = new Set(['text', 'html', 'image', 'spacer', 'separator', 'button', 'iframe', 'table']);

const ZONES: Readonly<Record<string, TimeZoneStyle>> = { no_timezone: 'none', utc_offset: 'offset', utc_normalized: 'utc' };

const cache = new WeakMap<FormSchema, FormFields>();

/** The writable fields of a form and its read-only keys; throws when the form holds something we cannot check. */
export function readFormFields(form: FormSchema): FormFields {
  const known = cache.get(form);
  if (known) return known;
  if (!Array.isArray(form.components)) throw new Error(`Form "${form.id}" has no components array`);
  const writable: FormField[] = [];
  const readonly = new Map<string, string>();
  const seen = new Set<string>();

  const refuse = (component: FormComponent, why: string): never => {
    const name = component.key ?? component.id ?? '(unnamed)';
    throw new Error(`Form "${form.id}" cannot be checked: component "${name}" (type "${component.type}") ${why}`);
  };

  function visit(components: readonly FormComponent[], lockedByParent: boolean): void {
    for (const component of components) {
      // A hidden display component changes nothing; a hidden input is neither sent nor required (form-js clears it).
      const hides = Boolean(component.conditional?.hide) && !DISPLAY_ONLY.has(component.type);
      if (hides && component.type === 'group') refuse(component, 'is a group hidden by a FEEL condition; only single inputs may have one');
      const locked = lockedByParent || flag(component, 'readonly', refuse) || flag(component, 'disabled', refuse);

      if (component.type === 'group') {
        if (component.path) refuse(component, `has path "${component.path}"; only groups without a path are supported`);
        visit(component.components ?? [], locked);
        continue;
      }
      if (DISPLAY_ONLY.has(component.type)) {
        // Display components carry no key in form-js; one that does is shown, never written.
        if (component.key !== undefined) readonly.set(claim(component, seen, refuse), labelOf(component));
        continue;
      }
      const kind = kindOf(component, refuse);
      const key = claim(component, seen, refuse);
      if (locked) readonly.set(key, labelOf(component));
      else writable.push(fieldOf(component, key, kind, refuse));
    }
  }

  visit(form.components, false);
  checkConditions(writable, form.components, refuse);
  const fields = { writable, readonly };
  cache.set(form, fields);
  return fields;
}

type Refuse = (component: FormComponent, why: string) => never;

/** The FEEL of a `conditional.hide`: form-js evaluates only text starting with "=". */
function hideCondition(component: FormComponent, refuse: Refuse): FeelUnaryTest {
  const text = component.conditional?.hide ?? '';
  if (!text.startsWith('=')) return refuse(component, `has hide condition ${JSON.stringify(text)}; form-js evaluates only FEEL starting with "="`);
  try {
    return new FeelUnaryTest(text.slice(1));
  } catch (error) {
    if (error instanceof FeelSyntaxError) return refuse(component, `has hide condition ${JSON.stringify(text)}, which is not valid FEEL`);
    throw error;
  }
}

/**
 * A hide condition may read only the answers of this form's inputs that have no condition of their own: those are
 * all in the submitted values, so the check decides visibility exactly as the person's form did. A condition on a
 * process variable (which the form shows from the task, not from the submission) is refused.
 */
function checkConditions(writable: FormField[], components: readonly FormComponent[], refuse: Refuse): void {
  const byKey = new Map<string, FormComponent>();
  const collect = (list: readonly FormComponent[]) => {
    for (const c of list) {
      if (typeof c.key === 'string') byKey.set(c.key, c);
      collect(c.components ?? []);
    }
  };
  collect(components);
  const conditioned = writable.filter((f) => byKey.get(f.key)?.conditional?.hide);
  for (const field of conditioned) field.hiddenWhen = hideCondition(byKey.get(field.key)!, refuse);
  const deciding = new Set(writable.filter((f) => !f.hiddenWhen).map((f) => f.key));
  for (const field of conditioned) {
    const unknown = field.hiddenWhen!.names.filter((name) => !deciding.has(name));
    if (unknown.length > 0) {
      refuse(byKey.get(field.key)!, `is hidden by a FEEL condition reading ${unknown.join(', ')}, which is not an unconditional input of this form`);
    }
  }
}

function kindOf(component: FormComponent, refuse: Refuse): FieldKind {
  const kind = KINDS[component.type];
  if (kind) return kind;
  if (component.type === 'datetime') {
    const subtype = component.subtype ?? 'date'; // form-js's default
    if (subtype === 'date' || subtype === 'time' || subtype === 'datetime') return subtype;
    return refuse(component, `has unknown subtype "${subtype}"`);
  }
  if (component.type === 'dynamiclist') return refuse(component, 'is a dynamic list, which task forms do not support');
  if (component.type === 'expression') return refuse(component, 'computes its value with FEEL, which cannot be evaluated here');
  return refuse(component, 'is not a component type task forms can check');
}

/** The component's key, checked to be a plain top-level name used once in the form. */
function claim(component: FormComponent, seen: Set<string>, refuse: Refuse): string {
  const key = component.key;
  if (typeof key !== 'string' || key === '') return refuse(component, 'has no key');
  if (!/^\w+$/.test(key)) return refuse(component, `has key "${key}"; only plain names (no dotted paths) are supported`);
  if (seen.has(key)) return refuse(component, `uses key "${key}" a second time`);
  seen.add(key);
  return key;
}

/** A readonly/disabled flag: true or false; a FEEL expression cannot be decided here. */
function flag(component: FormComponent, name: 'readonly' | 'disabled', refuse: Refuse): boolean {
  const value = component[name];
  if (value === undefined || value === null || typeof value === 'boolean') return value === true;
  return refuse(component, `has ${name} "${String(value)}"; only true or false are supported`);
}

function labelOf(component: FormComponent): string {
  const own = component.label?.trim();
  if (own) return own;
  // A datetime names its parts instead of itself.
  const parts = component.subtype === 'time' ? [component.timeLabel, component.dateLabel] : [component.dateLabel, component.timeLabel];
  return parts.find((p) => p?.trim())?.trim() ?? (component.key as string);
}

/** A numeric limit from `validate` or the component: absent, a number, or a numeric string; never FEEL. */
function limit(component: FormComponent, name: string, value: unknown, refuse: Refuse): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return refuse(component, `has ${name} ${JSON.stringify(value)}; only fixed numbers are supported, not FEEL`);
}

function fieldOf(component: FormComponent, key: string, kind: FieldKind, refuse: Refuse): FormField {
  const validate = component.validate ?? {};
  const field: FormField = { key, label: labelOf(component), kind, required: validate.required === true };

  if (kind === 'text') {
    field.minLength = limit(component, 'minLength', validate.minLength, refuse);
    field.maxLength = limit(component, 'maxLength', validate.maxLength, refuse);
    if (validate.pattern) {
      try {
        field.pattern = new RegExp(validate.pattern); // unanchored, as form-js tests it
      } catch {
        refuse(component, `has pattern "${validate.pattern}", which is not a valid regular expression`);
      }
    }
    const type = validate.validationType;
    if (type === 'email' || type === 'phone') field.validationType = type;
    else if (type !== undefined && type !== null && type !== '' && type !== 'custom') {
      refuse(component, `has unknown validationType "${String(type)}"`);
    }
  }

  if (kind === 'number') {
    if (component.serializeToString) refuse(component, 'sends its number as a string (serializeToString), which is not supported');
    if (component.increment !== undefined && component.increment !== null && component.increment !== '') {
      refuse(component, 'has an increment, which is not supported');
    }
    field.min = limit(component, 'min', validate.min, refuse);
    field.max = limit(component, 'max', validate.max, refuse);
    field.decimalDigits = limit(component, 'decimalDigits', component.decimalDigits, refuse);
  }

  if (kind === 'choice' || kind === 'choices') {
    const dynamic = Boolean(component.valuesKey || component.valuesExpression);
    if (!dynamic) {
      const values = component.values ?? [];
      if (!Array.isArray(values) || values.some((o) => typeof o?.value !== 'string')) refuse(component, 'has options without a text value');
      field.options = values.map((o) => ({ value: o.value, label: o.label?.trim() || o.value }));
    }
  }

  if (kind === 'time' || kind === 'datetime') {
    const format = component.timeSerializingFormat;
    const zone = format === undefined || format === null ? 'none' : ZONES[format];
    if (!zone) refuse(component, `has unknown timeSerializingFormat "${String(format)}"`);
    field.zone = zone;
  }
  return field;
}

/**
 * The process variables a form shows: its inputs' keys, nested ones included, and the names its text templates
 * insert (`{{employeeNumber}}`), so our pages can render what Tasklist renders.
 */
export function formVariableNames(form: FormSchema): string[] {
  const names = new Set<string>();
  const visit = (components: readonly FormComponent[]) => {
    for (const component of components) {
      if (typeof component.key === 'string') names.add(component.key);
      for (const match of (component.text ?? '').matchAll(/\{\{\s*#?(?:if\s+|each\s+)?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
      const children = (component as { components?: FormComponent[] }).components;
      if (Array.isArray(children)) visit(children);
    }
  };
  visit(Array.isArray(form.components) ? form.components : []);
  return [...names];
}
