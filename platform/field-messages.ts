// The one mechanism that turns a field issue (path + code + params) into the sentence a person reads:
// Simplified Chinese by default, English when the client prefers it. Each API supplies a catalogue — its
// field labels and the sentences of its own codes; the sentences every API shares live here.
import type { FieldIssue } from './schema.ts';

export type Locale = 'zh' | 'en';
type Pair = readonly [zh: string, en: string];
export type Template = (field: string, params: Record<string, unknown>) => string;

export interface MessageCatalogue {
  /** What the whole body is called, for issues at "/". */
  root: Pair;
  /** Field name → label. */
  labels: Readonly<Record<string, Pair>>;
  /** Array field → how one item is named, `{n}` counting from 1 ("第 {n} 名残疾职工"). */
  listItems?: Readonly<Record<string, Pair>>;
  /** Object field → prefix of its children's labels ("用人单位" + "经办人电话"). */
  prefixes?: Readonly<Record<string, Pair>>;
  /** Field name → what a FORMAT problem means for it ("应为 YYYY-MM-DD 格式的有效日期"). */
  formatHints?: Readonly<Record<string, Pair>>;
  /** The API's own codes → their sentences, Chinese then English. */
  templates?: Readonly<Record<string, readonly [zh: Template, en: Template]>>;
}

/** Picks English only when the client prefers it; Chinese is the default for everyone else. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

const shared: Readonly<Record<string, readonly [Template, Template]>> = {
  REQUIRED: [(f) => `请填写${f}`, (f) => `${f} is required`],
  UNKNOWN_FIELD: [(f) => `${f}不是可以提交的字段`, (f) => `${f} is not an accepted field`],
  ITEM_COUNT: [
    (f, p) => (p.keyword === 'maxItems' ? `${f}最多 ${p.limit} 条` : `${f}至少要有 ${p.limit} 条记录`),
    (f, p) => (p.keyword === 'maxItems' ? `${f}: at most ${p.limit} entries` : `${f} must have at least ${p.limit} entries`),
  ],
};

// A field's name comes from the client: looked up in a plain object, "__proto__", "constructor" or "toString"
// would find Object.prototype's members instead of nothing. Only the catalogue's own entries count.
function own<V>(table: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

export interface FieldMessages {
  fieldLabel(path: string, locale: Locale): string;
  messageFor(issue: FieldIssue, locale: Locale): string;
}

export function createFieldMessages(catalogue: MessageCatalogue): FieldMessages {
  const pick = (pair: Pair, locale: Locale) => pair[locale === 'zh' ? 0 : 1];
  // A key the catalogue does not name (an unknown field, say) is shown as sent, in quotes, never dressed up.
  const known = (key: string) => own(catalogue.labels, key) !== undefined;
  const label = (key: string, locale: Locale) => {
    const pair = own(catalogue.labels, key);
    return pair ? pick(pair, locale) : locale === 'zh' ? `“${key}”` : `"${key}"`;
  };

  function fieldLabel(path: string, locale: Locale): string {
    // JSON-pointer segments back to the names as sent (~1 is "/", ~0 is "~").
    const parts = path.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const [head, second] = parts;
    if (head === undefined) return pick(catalogue.root, locale);
    const item = own(catalogue.listItems, head);
    if (item && second !== undefined && /^\d+$/.test(second)) {
      const name = pick(item, locale).replace('{n}', String(Number(second) + 1));
      const rest = parts.slice(2).map((p) => label(p, locale));
      if (rest.length === 0) return name;
      return locale === 'zh' ? `${name}的${rest.join('·')}` : `${name}'s ${rest.join(' ')}`;
    }
    const last = parts[parts.length - 1] as string;
    const prefix = own(catalogue.prefixes, head);
    if (prefix && parts.length > 1 && known(last)) return pick(prefix, locale) + label(last, locale);
    return label(last, locale);
  }

  function formatMessage(field: string, key: string, p: Record<string, unknown>, locale: Locale): string {
    const zh = locale === 'zh';
    if (p.keyword === 'minLength') return zh ? `请填写${field}` : `${field} is required`;
    if (p.keyword === 'depth') return zh ? `${field}嵌套层级过深（最多 ${p.limit} 层）` : `${field} is nested too deeply (at most ${p.limit} levels)`;
    if (p.keyword === 'characters') {
      return zh
        ? `${field}含有不能接受的字符（控制字符、零宽字符、文字方向控制符或残缺的字符），请删除后重新填写`
        : `${field} holds characters that cannot be accepted (control, zero-width, direction-override or broken characters)`;
    }
    if (p.keyword === 'maxLength') return zh ? `${field}最多 ${p.limit} 个字` : `${field}: at most ${p.limit} characters`;
    if (Array.isArray(p.allowedValues)) {
      return zh ? `${field}只能是：${p.allowedValues.join('、')}` : `${field} must be one of ${p.allowedValues.join(', ')}`;
    }
    const hint = own(catalogue.formatHints, key);
    if (hint) return zh ? `${field}${hint[0]}` : `${field} ${hint[1]}`;
    return zh ? `${field}格式不正确` : `${field} has a wrong format`;
  }

  function messageFor(issue: FieldIssue, locale: Locale): string {
    const field = fieldLabel(issue.path, locale);
    const params = issue.params ?? {};
    const template = own(catalogue.templates, issue.code) ?? own(shared, issue.code);
    if (template) return template[locale === 'zh' ? 0 : 1](field, params);
    if (issue.code === 'FORMAT') {
      return formatMessage(field, issue.path.split('/').filter(Boolean).pop() ?? '', params, locale);
    }
    return locale === 'zh' ? `${field}有误（${issue.code}）` : `${field}: ${issue.code}`;
  }

  return { fieldLabel, messageFor };
}
