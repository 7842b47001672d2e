// Checks the values a caseworker submits to complete a user task against that task's own Camunda Form, before
// anything reaches the engine: every problem at once, as field issues at "/<key>", and on success every editable
// field of the form (absent ones as null, strings trimmed) so the process variables always exist. The rules are the
// ones form-js 1.8 applies in the browser; the sentences about them come from the form's own labels.
import { createFieldMessages, type FieldMessages, type Locale, type MessageCatalogue } from '../platform/field-messages.ts';
import type { Checked, FieldIssue } from '../platform/schema.ts';
import { readFormFields, type FormField, type FormSchema, type TimeZoneStyle } from './form-fields.ts';

export type { FormSchema } from './form-fields.ts';

export type FormValue = string | number | boolean | null | string[];

type Report = (code: string, params?: Record<string, unknown>) => void;

// The HTML specification's "valid e-mail address", which form-js uses too.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
// form-js's "phone" means an international number: + or 00, country code, subscriber number, digits only.
const PHONE = /^(?:\+|00)[1-9]\d{5,26}$/;

const HOUR_MINUTE = '(?:[01]\\d|2[0-3]):[0-5]\\d';
const ZONE: Readonly<Record<TimeZoneStyle, { pattern: string; shape: string }>> = {
  none: { pattern: '', shape: '' },
  offset: { pattern: `[+-]${HOUR_MINUTE}`, shape: '+08:00' },
  utc: { pattern: 'Z', shape: 'Z' },
};

/**
 * Checks submitted task values against the form; returns every problem at once. Throws when the form itself holds
 * something that cannot be checked (see form-fields.ts): such a form must not accept anything.
 */
export function checkFormValues(form: FormSchema, values: unknown): Checked<Record<string, FormValue>> {
  const { writable, readonly } = readFormFields(form);
  if (!isPlainObject(values)) return { ok: false, issues: [{ path: '/', code: 'FORMAT' }] };

  // Fields without a hide condition first: their answers decide which conditional fields the person saw.
  const issuesOf = new Map<string, FieldIssue[]>();
  const checked = new Map<string, FormValue>();
  const visit = (field: FormField) => {
    const path = `/${field.key}`; // form keys are plain names: nothing to escape
    const own: FieldIssue[] = [];
    issuesOf.set(field.key, own);
    const report: Report = (code, params) => own.push(params ? { path, code, params } : { path, code });
    const sent = Object.hasOwn(values, field.key) ? values[field.key] : undefined;
    checked.set(field.key, isHidden(field, checked) ? checkHidden(sent, report) : checkField(field, sent, report));
  };
  writable.filter((f) => !f.hiddenWhen).forEach(visit);
  writable.filter((f) => f.hiddenWhen).forEach(visit);
  // Issues and values in the form's order, whatever order they were decided in.
  const issues = writable.flatMap((f) => issuesOf.get(f.key) ?? []);
  const writableKeys = new Set(writable.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (writableKeys.has(key)) continue;
    issues.push({ path: `/${escapePointer(key)}`, code: readonly.has(key) ? 'READONLY_FIELD' : 'UNKNOWN_FIELD' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: Object.fromEntries(writable.map((f) => [f.key, checked.get(f.key) ?? null])) };
}

/** Whether form-js would have hidden the field, given the answers of the fields its condition reads. */
function isHidden(field: FormField, answers: ReadonlyMap<string, FormValue>): boolean {
  if (!field.hiddenWhen) return false;
  return field.hiddenWhen.test(null, Object.fromEntries(answers));
}

/** A hidden field is neither required nor sent (form-js leaves it out): it is stored as null. */
function checkHidden(sent: unknown, report: Report): null {
  if (!isEmpty(sent)) report('HIDDEN_FIELD');
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Blank is the same as absent: nothing, null, an empty or whitespace-only string, an empty list. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** One field's value as it will be stored (null when absent), reporting what is wrong with it. */
function checkField(field: FormField, sent: unknown, report: Report): FormValue {
  if (isEmpty(sent)) {
    if (field.required) report('REQUIRED');
    return null;
  }
  switch (field.kind) {
    case 'text':
      return checkText(field, sent, report);
    case 'number':
      return checkNumber(field, sent, report);
    case 'checkbox':
      if (typeof sent !== 'boolean') return wrongType(report, 'boolean');
      if (field.required && !sent) report('REQUIRED'); // form-js: a required checkbox must be ticked
      return sent;
    case 'choice':
      return checkChoice(field, sent, report);
    case 'choices':
      return checkChoices(field, sent, report);
    case 'date':
    case 'time':
    case 'datetime':
      return checkDateTime(field, sent, report);
  }
}

function wrongType(report: Report, type: 'text' | 'number' | 'boolean' | 'option' | 'list'): null {
  report('FORMAT', { keyword: 'type', type });
  return null;
}

function checkText(field: FormField, sent: unknown, report: Report): FormValue {
  if (typeof sent !== 'string') return wrongType(report, 'text');
  const text = sent.trim();
  if (field.minLength !== undefined && text.length < field.minLength) report('FORMAT', { keyword: 'minLength', limit: field.minLength });
  if (field.maxLength !== undefined && text.length > field.maxLength) report('FORMAT', { keyword: 'maxLength', limit: field.maxLength });
  if (field.pattern && !field.pattern.test(text)) report('FORMAT', { keyword: 'pattern' });
  if (field.validationType === 'email' && !EMAIL.test(text)) report('FORMAT', { keyword: 'email' });
  if (field.validationType === 'phone' && !PHONE.test(text)) report('FORMAT', { keyword: 'phone' });
  return text;
}

function checkNumber(field: FormField, sent: unknown, report: Report): FormValue {
  // JSON numbers only: "12" is not a number here, whatever a browser might make of it.
  if (typeof sent !== 'number' || !Number.isFinite(sent)) return wrongType(report, 'number');
  if (field.min !== undefined && sent < field.min) report('RANGE', { keyword: 'min', limit: field.min });
  if (field.max !== undefined && sent > field.max) report('RANGE', { keyword: 'max', limit: field.max });
  if (field.decimalDigits !== undefined && decimalsOf(sent) > field.decimalDigits) {
    report('FORMAT', { keyword: 'decimalDigits', limit: field.decimalDigits });
  }
  return sent;
}

/** How many digits a number has after the decimal point, exponent notation included (1e-7 → 7). */
function decimalsOf(n: number): number {
  const [mantissa = '', exponent = '0'] = String(Math.abs(n)).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** Options are named to a person by their labels ("受理、退回"), not their stored values. */
function optionLabels(field: FormField): string[] {
  return (field.options ?? []).map((o) => o.label);
}

function checkChoice(field: FormField, sent: unknown, report: Report): FormValue {
  const value = typeof sent === 'string' ? sent.trim() : sent;
  if (!field.options) return typeof value === 'string' ? value : wrongType(report, 'option');
  if (typeof value === 'string' && field.options.some((o) => o.value === value)) return value;
  report('FORMAT', { keyword: 'enum', allowedValues: optionLabels(field) });
  return null;
}

function checkChoices(field: FormField, sent: unknown, report: Report): FormValue {
  if (!Array.isArray(sent)) return wrongType(report, 'list');
  const items = sent.map((item: unknown) => (typeof item === 'string' ? item.trim() : item));
  const strings = items.filter((item): item is string => typeof item === 'string' && item !== '');
  if (!field.options) return strings.length === items.length ? strings : wrongType(report, 'list');
  const allowed = new Set(field.options.map((o) => o.value));
  if (strings.length === items.length && strings.every((s) => allowed.has(s))) return strings;
  report('FORMAT', { keyword: 'enum', allowedValues: optionLabels(field) });
  return null;
}

function checkDateTime(field: FormField, sent: unknown, report: Report): FormValue {
  const zone = ZONE[field.zone ?? 'none'];
  const shape =
    field.kind === 'date' ? 'YYYY-MM-DD' : field.kind === 'time' ? `HH:MM${zone.shape}` : `YYYY-MM-DDTHH:MM${zone.shape}`;
  const text = typeof sent === 'string' ? sent.trim() : '';
  const date = '(\\d{4})-(\\d{2})-(\\d{2})';
  const pattern =
    field.kind === 'date'
      ? `^${date}$`
      : field.kind === 'time'
        ? `^${HOUR_MINUTE}${zone.pattern}$`
        : `^${date}T${HOUR_MINUTE}(?::[0-5]\\d)?${zone.pattern}$`; // seconds allowed, though form-js writes none
  const match = new RegExp(pattern).exec(text);
  const valid = match !== null && (field.kind === 'time' || isRealDate(Number(match[1]), Number(match[2]), Number(match[3])));
  if (valid) return text;
  report('FORMAT', { keyword: 'format', format: field.kind, shape });
  return null;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

// ----- sentences -----

type Pair = readonly [zh: string, en: string];

const typeNames: Readonly<Record<string, Pair>> = {
  text: ['应为文字', 'must be text'],
  number: ['应为数字', 'must be a number'],
  boolean: ['只能是 true 或 false', 'must be true or false'],
  option: ['应为一个选项', 'must be one option'],
  list: ['应为选项的列表', 'must be a list of options'],
};

const formatNames: Readonly<Record<string, Pair>> = {
  date: ['日期', 'date'],
  time: ['时间', 'time'],
  datetime: ['日期时间', 'date and time'],
};

/** The sentences for the FORMAT keywords this module reports that the shared mechanism does not word. */
function formatSentence(field: string, p: Record<string, unknown>, locale: Locale): string | undefined {
  const zh = locale === 'zh';
  switch (p.keyword) {
    case 'type': {
      const name = typeNames[String(p.type)];
      return name && (zh ? `${field}${name[0]}` : `${field} ${name[1]}`);
    }
    case 'minLength':
      return zh ? `${field}至少 ${p.limit} 个字` : `${field}: at least ${p.limit} characters`;
    case 'pattern':
      return zh ? `${field}的格式不符合要求` : `${field} does not have the required format`;
    case 'email':
      return zh ? `${field}应为有效的电子邮箱地址` : `${field} must be a valid e-mail address`;
    case 'phone':
      return zh
        ? `${field}应为带国家代码的国际电话号码（如 +8657185781153）`
        : `${field} must be an international phone number with country code (+8657185781153)`;
    case 'decimalDigits':
      if (p.limit === 0) return zh ? `${field}应为整数` : `${field} must be a whole number`;
      return zh ? `${field}最多保留 ${p.limit} 位小数` : `${field}: at most ${p.limit} decimal places`;
    case 'format': {
      const name = formatNames[String(p.format)];
      return name && (zh ? `${field}应为 ${p.shape} 格式的有效${name[0]}` : `${field} must be a valid ${name[1]} as ${p.shape}`);
    }
    default:
      return undefined; // maxLength, allowedValues: the shared sentences
  }
}

const templates: NonNullable<MessageCatalogue['templates']> = {
  READONLY_FIELD: [(f) => `${f}是只读的，不能提交`, (f) => `${f} is read-only`],
  HIDDEN_FIELD: [(f) => `按当前的选择不填写${f}，请不要提交该项`, (f) => `${f} does not apply to the current choice and must not be sent`],
  RANGE: [
    (f, p) => (p.keyword === 'max' ? `${f}不能大于 ${p.limit}` : `${f}不能小于 ${p.limit}`),
    (f, p) => (p.keyword === 'max' ? `${f} must be at most ${p.limit}` : `${f} must be at least ${p.limit}`),
  ],
};

/**
 * The sentences about a form's fields, named by the form's own labels; `more` words the codes of checks beyond
 * the form (completion-checks/completion-checks.ts). Throws, like checkFormValues, on a form it cannot check.
 */
export function formMessages(form: FormSchema, more: MessageCatalogue['templates'] = {}): FieldMessages {
  const { writable, readonly } = readFormFields(form);
  const labels: Record<string, Pair> = Object.create(null) as Record<string, Pair>; // a key named "constructor" is only a key
  for (const field of writable) labels[field.key] = [field.label, field.label];
  for (const [key, label] of readonly) labels[key] = [label, label];
  const base = createFieldMessages({ root: ['任务表单', 'task form'], labels, templates: { ...templates, ...more } });
  return {
    fieldLabel: base.fieldLabel,
    messageFor(issue, locale) {
      if (issue.code === 'FORMAT' && issue.params) {
        const sentence = formatSentence(base.fieldLabel(issue.path, locale), issue.params, locale);
        if (sentence) return sentence;
      }
      return base.messageFor(issue, locale);
    },
  };
}
