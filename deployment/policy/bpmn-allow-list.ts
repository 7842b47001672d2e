// The BPMN allow-list (deployment-policy.json "bpmn"): every element and attribute of a diagram, namespaces resolved
// by URI, is one the policy lists; each value is of its declared kind. What the list does not name is refused —
// scripts, Java classes, listeners, connectors and any extension vocabulary the engine might act on (camunda:,
// activiti:, …) alike — so a construct nobody thought of is refused too. The engine's guard walks the same list.
import { DEPLOYMENT_POLICY, type ElementRule, type PolicyFinding, type ValueKind } from './deployment-policy.ts';
import { expressionProblem, holdsExpression } from './expression-grammar.ts';
import { timerCycleProblem } from './timer-cycle.ts';
import { nearestId, type XmlElement, type XmlName } from '../../platform/xml-tree.ts';

const { bpmn } = DEPLOYMENT_POLICY;
const PREFIX_OF_URI = new Map(Object.entries(bpmn.namespaces).map(([prefix, uri]) => [uri, prefix]));
const BPMN_URI = bpmn.namespaces.bpmn!;

/** Which refused rule names an element or attribute, e.g. `operaton:class` → no-code. */
function refusedRuleOf(name: string, what: 'elements' | 'attributes'): [rule: string, message: string] | undefined {
  for (const [rule, refused] of Object.entries(bpmn.refused)) if (refused[what].includes(name)) return [rule, refused.message];
  return undefined;
}

/** The policy's name for an element or attribute ("operaton:topic", "bpmn:userTask", "name"), or undefined when foreign. */
function policyName(name: XmlName, isAttribute: boolean): string | undefined {
  if (isAttribute && name.uri === '') return name.local;
  const prefix = PREFIX_OF_URI.get(name.uri);
  return prefix === undefined ? undefined : `${prefix}:${name.local}`;
}

const FORM_KEY = /^(?:operaton|camunda)-forms:deployment:[A-Za-z0-9._-]+\.form$/;

/** The problem with a value of the given kind, or null. */
export function valueProblem(kind: ValueKind, value: string): string | null {
  if (kind === 'text') return null;
  if (kind === 'none') return value.trim() === '' ? null : '此处不应有文字内容';
  if (kind === 'ref' || kind === 'literal') return holdsExpression(value) ? '此处只能填写固定值，不能使用表达式' : null;
  if (kind === 'expression') return expressionProblem(value);
  if (kind === 'timeCycle') return timerCycleProblem(value);
  if (kind === 'formKey') return FORM_KEY.test(value.trim()) ? null : `表单键 ${value} 不允许：只能引用随部署提供的表单（operaton-forms:deployment:名称.form），不能引用嵌入式页面或外部地址`;
  if (kind === 'formalExpression') return /^(?:[A-Za-z_][\w.-]*:)?t(?:Formal)?Expression$/.test(value.trim()) ? null : `xsi:type ${value} 不允许`;
  if (kind.startsWith('enum:')) {
    const allowed = kind.slice(5).split('|');
    return allowed.includes(value.trim()) ? null : `取值 ${value} 不允许（可选：${allowed.join('、')}）`;
  }
  return `未知的取值类型 ${kind}`;
}

function attributeKinds(rule: ElementRule): Record<string, ValueKind> {
  return { ...bpmn.common.attrs, ...(rule.async ? bpmn.asyncAttrs : {}), ...rule.attrs };
}

/** The rule a diagram's timer or expression finding belongs to. */
function ruleOfKind(kind: ValueKind): string {
  if (kind === 'timeCycle') return 'timer-frequency';
  if (kind === 'expression') return 'expression-grammar';
  return 'not-allowed';
}

export interface BpmnAllowListOptions {
  /** Process keys a call activity may call: deployed ones and those in the same deployment. */
  callableProcesses?: ReadonlySet<string>;
}

/** Every finding of the allow-list in a diagram's tree (its root: bpmn:definitions). */
export function bpmnAllowListFindings(root: XmlElement, options: BpmnAllowListOptions = {}): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  const report = (rule: string, element: XmlElement, message: string) => findings.push({ rule, elementId: nearestId(element), message });
  const definedHere = new Set<string>();
  collectProcessIds(root, definedHere);

  const visit = (element: XmlElement) => {
    const name = policyName(element, false);
    const refused = name ? refusedRuleOf(name, 'elements') : undefined;
    if (refused) return report(refused[0], element, `不允许 ${element.qualified}：${refused[1]}`);
    if (name === undefined) return report('foreign-extension', element, `不允许 ${element.qualified}：只能使用 BPMN 和 Operaton（operaton:）的元素，其他扩展（如 camunda:）可能让引擎执行代码`);
    const rule = bpmn.elements[name];
    if (!rule) return report('not-allowed', element, `不允许 ${element.qualified}：本系统的流程不使用这种元素`);

    const kinds = attributeKinds(rule);
    for (const attribute of element.attributes) {
      const attributeName = policyName(attribute, true);
      const attributeRefused = attributeName ? refusedRuleOf(attributeName, 'attributes') : undefined;
      if (attributeRefused) {
        report(attributeRefused[0], element, `不允许属性 ${attribute.qualified}：${attributeRefused[1]}`);
        continue;
      }
      if (attributeName === undefined) {
        report('foreign-extension', element, `不允许属性 ${attribute.qualified}：只能使用 BPMN 和 Operaton（operaton:）的属性`);
        continue;
      }
      const kind = kinds[attributeName];
      if (kind === undefined) {
        report('not-allowed', element, `${element.qualified} 上不允许属性 ${attribute.qualified}`);
        continue;
      }
      const problem = valueProblem(kind, attribute.value);
      if (problem) report(ruleOfKind(kind), element, `${attribute.qualified}：${problem}`);
    }
    const missing = (rule.required ?? []).filter((required) => !element.attributes.some((a) => policyName(a, true) === required));
    if (missing.length > 0) {
      const why = missing.some((m) => m.startsWith('operaton:')) ? '：服务、发送和业务规则任务只能是外部任务（operaton:type="external"，并写明 operaton:topic），由本系统的工作进程办理' : '';
      report('not-allowed', element, `${element.qualified} 必须设置 ${missing.join('、')}${why}`);
    }
    const textProblem = valueProblem(rule.text, element.text);
    if (textProblem) report(ruleOfKind(rule.text), element, `${element.qualified} 的内容：${textProblem}`);

    if (name === 'bpmn:callActivity') checkCalledElement(element, definedHere, options.callableProcesses, report);
    for (const child of element.children) visit(child);
  };
  visit(root);
  return findings;
}

function collectProcessIds(element: XmlElement, into: Set<string>): void {
  if (element.uri === BPMN_URI && element.local === 'process') {
    const id = element.attributes.find((a) => a.uri === '' && a.local === 'id')?.value;
    if (id) into.add(id);
  }
  for (const child of element.children) collectProcessIds(child, into);
}

function checkCalledElement(
  element: XmlElement,
  definedHere: ReadonlySet<string>,
  callable: ReadonlySet<string> | undefined,
  report: (rule: string, element: XmlElement, message: string) => void,
): void {
  const called = element.attributes.find((a) => a.uri === '' && a.local === 'calledElement')?.value.trim();
  if (!called) return report('called-element', element, '调用活动没有指定要调用的流程（calledElement）');
  if (holdsExpression(called)) return report('called-element', element, `调用活动调用的流程须写明流程标识，不能用表达式（${called}）`);
  if (!definedHere.has(called) && !(callable?.has(called) ?? false)) {
    report('called-element', element, `调用活动调用的流程 ${called} 没有部署（只能调用已部署的流程或同一部署中的流程）`);
  }
}
