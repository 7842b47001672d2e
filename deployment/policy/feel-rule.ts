// What FEEL a decision or a form may use: expressions without loops, quantifiers, function definitions or external
// (Java) functions, calling only a few built-in functions. Without a loop, evaluating an expression takes time in
// proportion to its text: nothing deployed can keep a worker or a browser busy for ever. Lexical on purpose — the
// engine's guard applies the same scan, so both refuse the same texts.
import { DEPLOYMENT_POLICY } from './deployment-policy.ts';

const FORBIDDEN = new Set(DEPLOYMENT_POLICY.feel.forbiddenKeywords);
const CALLABLE = new Set([...DEPLOYMENT_POLICY.feel.functions, ...DEPLOYMENT_POLICY.feel.operatorWords]);
const NAME_CHAR = /[\p{L}\p{N}_]/u;

/** The problem with a FEEL text in a sentence, or null when it keeps to the rule. */
export function feelProblem(text: string): string | null {
  if (text.includes('${') || text.includes('#{')) return 'FEEL 表达式中不允许 ${…} 或 #{…}';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const next = nextNonSpace(text, end < 0 ? text.length : end + 1);
      if (text[next] === '(') return `FEEL 表达式不允许调用函数 ${text.slice(i, end + 1)}(…)`;
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (NAME_CHAR.test(c) && !/[0-9]/.test(c)) {
      let end = i + 1;
      while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
      const name = text.slice(i, end);
      if (FORBIDDEN.has(name)) return `FEEL 表达式不允许使用 ${name}（循环、量词、函数定义和外部函数都不允许）`;
      const next = nextNonSpace(text, end);
      if (text[next] === '(') {
        const before = previousNonSpace(text, i - 1);
        if (text[before] === '.') return `FEEL 表达式不允许调用对象的方法 .${name}(…)`;
        if (!CALLABLE.has(name)) return `FEEL 表达式不允许调用函数 ${name}(…)（只可使用 ${DEPLOYMENT_POLICY.feel.functions.join('、')}）`;
      }
      i = end;
      continue;
    }
    i++;
  }
  return null;
}

function skipString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function previousNonSpace(text: string, from: number): number {
  let i = from;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i;
}
