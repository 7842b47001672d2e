// The one expression language a diagram may use (docs/engine.md, "What a deployment may contain"): literal text with
// `${…}` blocks holding variable names, literals, comparisons, &&/||/!/empty, arithmetic and the conditional
// operator — and the single function now(). No method call, property access, bean or engine object, no `#{}`, no
// backslash escapes. The engine's guard parses the same grammar; its expression manager resolves only variables.
import { DEPLOYMENT_POLICY } from './deployment-policy.ts';

const RESERVED = new Set(DEPLOYMENT_POLICY.expression.reservedWords);
const FUNCTIONS = new Set(DEPLOYMENT_POLICY.expression.functions);
const FORBIDDEN = new Set(DEPLOYMENT_POLICY.expression.forbiddenIdentifiers);

type Token = { kind: 'ident' | 'number' | 'string' | 'op'; text: string };

class GrammarError extends Error {}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '(', ')'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0] });
      i += ident[0].length;
      continue;
    }
    const number = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: 'number', text: number[0] });
      i += number[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) throw new GrammarError('字符串没有结束引号');
      const body = source.slice(i + 1, end);
      if (body.includes('${') || body.includes('#{')) throw new GrammarError('字符串中不能再嵌套表达式');
      tokens.push({ kind: 'string', text: body });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    if (c === '.') throw new GrammarError('不允许访问对象的属性或调用方法（“.”）');
    if (c === '[' || c === ']') throw new GrammarError('不允许下标访问（“[]”）');
    throw new GrammarError(`不允许的字符 ${JSON.stringify(c)}`);
  }
  return tokens;
}

/** Recursive descent over the declared grammar; throws GrammarError at the first thing outside it. */
class ExpressionParser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): void {
    if (this.tokens.length === 0) throw new GrammarError('表达式 ${} 是空的');
    this.conditional();
    const extra = this.peek();
    if (extra) throw new GrammarError(`表达式在 ${JSON.stringify(extra.text)} 处无法理解`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private accept(...texts: string[]): boolean {
    const token = this.peek();
    if (token && (token.kind === 'op' || token.kind === 'ident') && texts.includes(token.text)) {
      this.at++;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    if (!this.accept(text)) throw new GrammarError(`表达式缺少 ${JSON.stringify(text)}`);
  }

  private conditional(): void {
    this.binary(0);
    if (this.accept('?')) {
      this.conditional();
      this.expect(':');
      this.conditional();
    }
  }

  private static readonly LEVELS = [
    ['||', 'or'],
    ['&&', 'and'],
    ['==', '!=', 'eq', 'ne'],
    ['<', '>', '<=', '>=', 'lt', 'gt', 'le', 'ge'],
    ['+', '-'],
    ['*', '/', '%', 'div', 'mod'],
  ];

  private binary(level: number): void {
    if (level === ExpressionParser.LEVELS.length) return this.unary();
    this.binary(level + 1);
    while (this.accept(...ExpressionParser.LEVELS[level]!)) this.binary(level + 1);
  }

  private unary(): void {
    if (this.accept('!', 'not', '-', 'empty')) return this.unary();
    this.primary();
  }

  private primary(): void {
    const token = this.peek();
    if (!token) throw new GrammarError('表达式不完整');
    this.at++;
    if (token.kind === 'number' || token.kind === 'string') return;
    if (token.kind === 'op') {
      if (token.text !== '(') throw new GrammarError(`表达式在 ${JSON.stringify(token.text)} 处无法理解`);
      this.conditional();
      this.expect(')');
      return;
    }
    const name = token.text;
    if (name === 'true' || name === 'false' || name === 'null') return;
    const next = this.peek();
    if (next?.kind === 'op' && next.text === '(') {
      if (!FUNCTIONS.has(name)) throw new GrammarError(`不允许调用函数或方法 ${name}(…)（只可使用 ${[...FUNCTIONS].map((f) => `${f}()`).join('、')}）`);
      this.at++;
      this.expect(')');
      return;
    }
    if (RESERVED.has(name)) throw new GrammarError(`${name} 是保留字，不能用作变量名`);
    if (FORBIDDEN.has(name)) throw new GrammarError(`不允许使用引擎对象或 Bean ${name}，表达式只能读取流程变量`);
    if (next?.kind === 'ident' && !RESERVED.has(next.text)) throw new GrammarError(`表达式在 ${JSON.stringify(next.text)} 处无法理解`);
  }
}

/**
 * Checks an expression position's text. Answers the problem in a sentence, or null when the text keeps to the
 * grammar. Literal text outside `${…}` is never evaluated, but `#{`, a backslash or an unclosed `${` are refused
 * anywhere (escapes are how an expression hides in text).
 */
export function expressionProblem(text: string): string | null {
  if (text.includes('#{')) return '不允许使用 #{…} 表达式，只能用 ${…}';
  if (text.includes('\\')) return '表达式中不允许反斜杠（转义字符）';
  let at = 0;
  for (;;) {
    const open = text.indexOf('${', at);
    if (open < 0) return null;
    const close = closingBrace(text, open + 2);
    if (close < 0) return '表达式 ${ 没有结束的 }';
    try {
      new ExpressionParser(tokenize(text.slice(open + 2, close))).parse();
    } catch (error) {
      if (error instanceof GrammarError) return `表达式 ${text.slice(open, close + 1)} 不符合允许的写法：${error.message}`;
      throw error;
    }
    at = close + 1;
  }
}

/** The `}` that closes a block, skipping string literals (a '}' inside quotes does not close it). */
function closingBrace(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '}') return i;
  }
  return -1;
}

/** True when the text holds an expression at all (a literal position must not). */
export function holdsExpression(text: string): boolean {
  return text.includes('${') || text.includes('#{');
}
