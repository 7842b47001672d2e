// The one masking mechanism for personal numbers in responses and logs (保守秘密原则).

/** "330106199001011236" → "3301**********1236": region kept for routing, birth date and sequence hidden. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** "13812345678" → "138****5678"; fixed lines keep the area code and the last two digits. */
export function maskPhone(value: string): string {
  if (/^1\d{10}$/.test(value)) return `${value.slice(0, 3)}****${value.slice(7)}`;
  const dash = value.indexOf('-');
  if (dash > 0) return value.slice(0, dash + 1) + '*'.repeat(Math.max(0, value.length - dash - 3)) + value.slice(-2);
  return maskIdNumber(value);
}

// 18-character ID numbers and 20-character certificate numbers (digits, maybe an X), inside any text.
const PERSONAL_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?:\d{2})?(?![0-9A-Za-z])/g;

/** Masks every ID or certificate number inside free text we did not write (a department's error body). */
export function maskNumbersInText(text: string): string {
  return text.replace(PERSONAL_NUMBER_IN_TEXT, (n) => maskIdNumber(n));
}

// In serialised text (a JSON line) a number may follow an escape such as `\n` or a key's letters: only digits count
// as its neighbours there, and any run of 17 digits or more (with a check character X) is masked whatever stands
// beside it — numbers run together included (a long number of another kind may be masked too; a log line loses
// nothing it needs).
const PERSONAL_NUMBER_IN_SERIALIZED = /\d{17,}[Xx]?/g;

/** Masks every ID or certificate number in serialised text, e.g. a log line as it is written (platform/log.ts). */
export function maskNumbersInSerializedText(text: string): string {
  return text.replace(PERSONAL_NUMBER_IN_SERIALIZED, (n) => maskIdNumber(n));
}

export type MaskRule = 'id' | 'phone';

/** One value masked by its rule. */
export function maskAs(rule: MaskRule, value: string): string {
  return rule === 'id' ? maskIdNumber(value) : maskPhone(value);
}

/** Returns a copy of `value` with every field named in `rules` masked, at any depth (arrays included). */
export function maskFields<T>(value: T, rules: Readonly<Record<string, MaskRule>>): T {
  if (Array.isArray(value)) return value.map((item) => maskFields(item, rules)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    const rule = rules[key];
    if (rule && typeof field === 'string') out[key] = maskAs(rule, field);
    else out[key] = maskFields(field, rules);
  }
  return out as T;
}

/** Fields of a declaration that identify a person, and how each is masked. */
export const personalFields: Readonly<Record<string, MaskRule>> = {
  idNumber: 'id',
  certNumber: 'id',
  legalRepIdNumber: 'id',
  phone: 'phone',
  legalRepPhone: 'phone',
  handlerPhone: 'phone',
};
