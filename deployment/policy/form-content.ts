// What a form (form-js JSON) may contain: the components a caseworker fills in and reads — no HTML, frames or
// images that load from elsewhere — and FEEL (a string starting with "=", a {{…}} template) kept to the FEEL rule.
// No string may hold a ${…} or #{…} expression. A validation pattern is run on the server against what people type
// (tasks/form-values.ts), so one that backtracks for ever (nested quantifiers) is refused.
import { DEPLOYMENT_POLICY, type PolicyFinding } from './deployment-policy.ts';
import { feelProblem } from './feel-rule.ts';

const { form } = DEPLOYMENT_POLICY;
const TYPES = new Set(form.componentTypes);
const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON pointer token. */
const token = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** Findings of a form's parsed JSON; elementId is the JSON pointer of the offending value. */
export function formPolicyFindings(parsed: unknown): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  const report = (path: string, message: string, rule = 'form-content') => findings.push({ rule, elementId: path, message });

  const walkStrings = (value: unknown, path: string) => {
    if (typeof value === 'string') return checkString(value, path);
    if (Array.isArray(value)) return value.forEach((v, i) => walkStrings(v, `${path}/${i}`));
    if (isObject(value)) for (const [k, v] of Object.entries(value)) walkStrings(v, `${path}/${token(k)}`);
  };
  const checkString = (value: string, path: string) => {
    if (value.includes('${') || value.includes('#{')) return report(path, '表单中不允许 ${…} 或 #{…} 表达式');
    if (value.startsWith('=')) {
      const problem = feelProblem(value.slice(1));
      if (problem) report(path, problem, 'feel-grammar');
    }
    for (const match of value.matchAll(TEMPLATE)) {
      const problem = feelProblem(match[1]!);
      if (problem) report(path, problem, 'feel-grammar');
    }
  };
  walkStrings(parsed, '');

  const walkComponents = (components: unknown, path: string) => {
    if (!Array.isArray(components)) return;
    components.forEach((component, index) => {
      const at = `${path}/${index}`;
      if (!isObject(component)) return;
      if (typeof component.type !== 'string' || !TYPES.has(component.type)) {
        report(`${at}/type`, `表单组件类型 ${JSON.stringify(component.type)} 不允许（HTML、内嵌网页、图片等可能加载外部内容；可用：${form.componentTypes.join('、')}）`);
      }
      if (component.type === 'button' && !form.buttonActions.includes(String(component.action ?? 'submit'))) {
        report(`${at}/action`, `按钮动作 ${JSON.stringify(component.action)} 不允许`);
      }
      const pattern = isObject(component.validate) ? component.validate.pattern : undefined;
      if (pattern !== undefined) {
        const problem = patternProblem(pattern);
        if (problem) report(`${at}/validate/pattern`, problem);
      }
      walkComponents(component.components, `${at}/components`);
    });
  };
  if (isObject(parsed)) walkComponents(parsed.components, '/components');
  return findings;
}

/**
 * The classic catastrophic shapes: a repeated group whose whole content is one repeated atom — "(a+)+", "(\\d*)*",
 * "([a-z]+){2,}" — which backtracks exponentially on a near miss. A heuristic for the obvious cases: patterns whose
 * repeated group needs a separator ("(,\\d+)*") are fine and common.
 */
const ATOM = String.raw`(?:\\.|\[(?:\\.|[^\]\\])*\]|[^()|\\[\]{}*+?])`;
const NESTED_REPEAT = new RegExp(String.raw`\(\??:?${ATOM}(?:[*+]|\{\d+,\d*\})\??\)(?:[*+]|\{\d+,\d*\})`);

function hasNestedQuantifier(pattern: string): boolean {
  return NESTED_REPEAT.test(pattern);
}

function patternProblem(pattern: unknown): string | null {
  if (typeof pattern !== 'string') return '校验规则（pattern）应为字符串';
  if (pattern.length > form.maxPatternLength) return `校验规则（pattern）超过 ${form.maxPatternLength} 个字符`;
  try {
    new RegExp(pattern);
  } catch {
    return `校验规则（pattern）${pattern} 不是有效的正则表达式`;
  }
  return hasNestedQuantifier(pattern) ? `校验规则（pattern）${pattern} 含有嵌套的重复（如 (a+)+），校验时可能耗尽服务器的时间` : null;
}
