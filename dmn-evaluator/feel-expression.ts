// FEEL, compiled once per text and evaluated by feelin (bpmn.io's FEEL interpreter). Each expression knows the
// variables it reads, so a result is remembered per (input, those variables' values): a decision table judged for
// 120 employee-months mostly sees the same few combinations, and parsing is the slow part of feelin.
import { evaluate, parseExpression, parseUnaryTests, unaryTest } from 'feelin';
import type { FeelContext, FeelValue } from './feel-value.ts';
import { ValueMemo } from './value-memo.ts';


export class FeelSyntaxError extends Error {
  constructor(
    readonly text: string,
    detail: string,
  ) {
    super(`FEEL 表达式无法解析：${text}（${detail}）`);
    this.name = 'FeelSyntaxError';
  }
}


interface Tree {
  iterate(spec: { enter(node: { name: string; from: number; to: number }): boolean | void }): void;
}

/** The names an expression reads from its context (the first name of a path `a.b`, function names included). */
function namesIn(text: string, tree: Tree): string[] {
  const names = new Set<string>();
  let pathEnd = -1;
  tree.iterate({
    enter(node) {
      if (node.name === 'PathExpression' && pathEnd < 0) pathEnd = node.to;
      if (node.name === 'VariableName') names.add(text.slice(node.from, node.to).trim());
      if (node.name === 'PathName') return false; // `.b` of `a.b` is a key of a, not a variable
      return undefined;
    },
  });
  return [...names].sort();
}

function hasError(tree: Tree): boolean {
  let error = false;
  tree.iterate({
    enter(node) {
      if (node.name === '⚠') error = true;
    },
  });
  return error;
}

function parse(kind: 'expression' | 'unary', text: string): Tree {
  let tree: Tree;
  try {
    tree = (kind === 'unary' ? parseUnaryTests(text, {}, undefined) : parseExpression(text, {}, undefined)) as unknown as Tree;
  } catch (error) {
    throw new FeelSyntaxError(text, error instanceof Error ? error.message : String(error));
  }
  if (hasError(tree)) throw new FeelSyntaxError(text, 'syntax');
  return tree;
}

/** Plain JS values for feelin; undefined is FEEL's null. Only what the expression reads: less to convert. */
function toContext(context: FeelContext, names: readonly string[]): Record<string, FeelValue> {
  const out: Record<string, FeelValue> = {};
  // A name absent from the context stays absent: `min` or `floor` set to null would hide the built-in function.
  for (const name of names) if (context[name] !== undefined) out[name] = context[name];
  return out;
}

/** The values a memo is keyed on: the tested input (for a unary test), then the names the expression reads. */
function memoKey(first: FeelValue | undefined, context: FeelContext, names: readonly string[], withInput: boolean): (FeelValue | undefined)[] {
  const key: (FeelValue | undefined)[] = withInput ? [first] : [];
  for (const name of names) key.push(context[name]);
  return key;
}

/** A FEEL expression (an input expression, an output entry, a literal expression). */
export class FeelExpression {
  readonly names: readonly string[];
  /** A bare variable name is read directly: the commonest input expression, and the cheapest. */
  private readonly plainName: string | null;
  // Never resting: a miss parses the text again, far dearer than a lookup.
  private readonly memo = new ValueMemo<FeelValue>(false);

  constructor(readonly text: string) {
    const tree = parse('expression', text);
    this.names = namesIn(text, tree);
    this.plainName = /^[A-Za-z_][A-Za-z0-9_]*$/.test(text.trim()) && !['true', 'false', 'null'].includes(text.trim()) ? text.trim() : null;
  }

  evaluate(context: FeelContext): FeelValue {
    if (this.plainName !== null) return context[this.plainName] ?? null;
    const key = memoKey(null, context, this.names, false);
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const { value } = evaluate(this.text, toContext(context, this.names));
    return this.memo.set(key, normalize(value));
  }
}

const PLAIN_INPUT_LIMIT = 10_000;

/** A FEEL unary test (a decision table's input entry); empty or "-" matches anything. */
export class FeelUnaryTest {
  readonly names: readonly string[];
  readonly matchesAnything: boolean;
  private readonly memo = new ValueMemo<boolean>(false);
  /** A test reading no variable (`true`, `< 192`, `"dispatch"`) against a plain input: a map of inputs, no key list. */
  private readonly byPlainInput = new Map<string | number | boolean | null, boolean>();

  constructor(readonly text: string) {
    const trimmed = text.trim();
    this.matchesAnything = trimmed === '' || trimmed === '-';
    this.names = this.matchesAnything ? [] : namesIn(text, parse('unary', text));
  }

  test(input: FeelValue, context: FeelContext): boolean {
    if (this.matchesAnything) return true;
    if (this.names.length === 0 && (input === null || typeof input !== 'object')) {
      const plain = input ?? null;
      const known = this.byPlainInput.get(plain);
      if (known !== undefined) return known;
      if (this.byPlainInput.size >= PLAIN_INPUT_LIMIT) this.byPlainInput.clear();
      const { value } = unaryTest(this.text, { '?': input });
      this.byPlainInput.set(plain, value === true);
      return value === true;
    }
    const key = memoKey(input, context, this.names, true);
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const { value } = unaryTest(this.text, { ...toContext(context, this.names), '?': input });
    return this.memo.set(key, value === true);
  }
}

/** feelin's own value types (dates, ranges, functions) are not decision outputs here: only JSON-like values are. */
function normalize(value: unknown): FeelValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return String(value);
}
