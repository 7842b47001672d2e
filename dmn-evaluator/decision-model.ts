// A DMN 1.3 file read into decisions this project can evaluate: decision tables and literal expressions, with
// the decisions each requires (its DRG). The engine deploys the same file; evaluate-decision.ts judges it the way
// Operaton does, and the conformance test holds the two to identical results.
import { DmnModdle, type ModdleElement } from 'dmn-moddle';
import { FeelExpression, FeelUnaryTest } from './feel-expression.ts';

/** The hit policies Operaton 1.0 evaluates (PRIORITY and OUTPUT ORDER it does not). Aggregations are not used here. */
export const HIT_POLICIES = ['UNIQUE', 'FIRST', 'ANY', 'RULE ORDER', 'COLLECT'] as const;
export type HitPolicy = (typeof HIT_POLICIES)[number];

export interface TableInput {
  id: string;
  label: string;
  expression: FeelExpression;
  typeRef: string | null;
}

export interface TableOutput {
  id: string;
  label: string;
  name: string;
  typeRef: string | null;
}

export interface TableRule {
  id: string;
  description: string;
  inputEntries: FeelUnaryTest[];
  outputEntries: FeelExpression[];
}

export interface DecisionTable {
  kind: 'table';
  hitPolicy: HitPolicy;
  inputs: TableInput[];
  outputs: TableOutput[];
  rules: TableRule[];
}

export interface LiteralDecision {
  kind: 'literal';
  variableName: string;
  typeRef: string | null;
  expression: FeelExpression;
}

export interface Decision {
  id: string;
  name: string;
  /** Ids of the decisions whose results this one reads, in the file's order. */
  requires: string[];
  logic: DecisionTable | LiteralDecision;
  historyTimeToLive: string | null;
}

export interface DecisionModel {
  id: string;
  name: string;
  decisions: Map<string, Decision>;
}

export class DecisionModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionModelError';
  }
}

const OPERATON_DMN = 'http://operaton.org/schema/1.0/dmn';

const text = (element: unknown): string => {
  const t = (element as { text?: unknown } | undefined)?.text;
  return typeof t === 'string' ? t : '';
};
const list = (value: unknown): ModdleElement[] => (Array.isArray(value) ? (value as ModdleElement[]) : []);

function attribute(element: ModdleElement, local: string): string | null {
  for (const [name, value] of Object.entries(element.$attrs ?? {}) as [string, string][]) {
    if (name === local || name.endsWith(`:${local}`)) return value;
  }
  return null;
}

function readTable(decisionId: string, table: ModdleElement): DecisionTable {
  const hitPolicy = (typeof table.hitPolicy === 'string' ? table.hitPolicy : 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy)) throw new DecisionModelError(`决策 ${decisionId}：不支持命中策略 ${hitPolicy}`);
  if (table.aggregation) throw new DecisionModelError(`决策 ${decisionId}：不使用 COLLECT 聚合（${String(table.aggregation)}）`);
  const inputs = list(table.input).map((input) => ({
    id: input.id ?? '',
    label: typeof input.label === 'string' ? input.label : '',
    expression: new FeelExpression(text(input.inputExpression)),
    typeRef: ((input.inputExpression as ModdleElement | undefined)?.typeRef as string | undefined) ?? null,
  }));
  const outputs = list(table.output).map((output) => {
    if (typeof output.name !== 'string' || output.name === '') throw new DecisionModelError(`决策 ${decisionId}：输出列 ${output.id ?? ''} 没有名称`);
    return { id: output.id ?? '', label: typeof output.label === 'string' ? output.label : '', name: output.name, typeRef: (output.typeRef as string | undefined) ?? null };
  });
  const rules = list(table.rule).map((rule) => {
    const inputEntries = list(rule.inputEntry).map((entry) => new FeelUnaryTest(text(entry)));
    const outputEntries = list(rule.outputEntry).map((entry) => {
      if (text(entry).trim() === '') throw new DecisionModelError(`决策 ${decisionId}：规则 ${rule.id ?? ''} 有空的输出`);
      return new FeelExpression(text(entry));
    });
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      throw new DecisionModelError(`决策 ${decisionId}：规则 ${rule.id ?? ''} 的条件或输出个数与表头不符`);
    }
    return { id: rule.id ?? '', description: text(rule.description as unknown) || String(rule.description ?? ''), inputEntries, outputEntries };
  });
  return { kind: 'table', hitPolicy, inputs, outputs, rules };
}

function readDecision(element: ModdleElement): Decision {
  const id = element.id ?? '';
  const logic = element.decisionLogic as ModdleElement | undefined;
  const requires = list(element.informationRequirement)
    .map((r) => ((r.requiredDecision as ModdleElement | undefined)?.href as string | undefined) ?? '')
    .filter((href) => href !== '')
    .map((href) => href.replace(/^#/, ''));
  let decisionLogic: Decision['logic'];
  if (logic?.$type === 'dmn:DecisionTable') decisionLogic = readTable(id, logic);
  else if (logic?.$type === 'dmn:LiteralExpression') {
    const variable = element.variable as ModdleElement | undefined;
    const variableName = typeof variable?.name === 'string' && variable.name !== '' ? variable.name : id;
    decisionLogic = { kind: 'literal', variableName, typeRef: (variable?.typeRef as string | undefined) ?? null, expression: new FeelExpression(text(logic)) };
  } else throw new DecisionModelError(`决策 ${id}：只支持决策表和字面表达式（这里是 ${logic?.$type ?? '空'}）`);
  return { id, name: element.name ?? id, requires, logic: decisionLogic, historyTimeToLive: attribute(element, 'historyTimeToLive') };
}

/** Reads a DMN file; throws DecisionModelError (or FeelSyntaxError) for what this project cannot evaluate. */
export async function readDecisionModel(xml: string): Promise<DecisionModel> {
  let parsed;
  try {
    parsed = await new DmnModdle().fromXML(xml, 'dmn:Definitions');
  } catch (error) {
    throw new DecisionModelError(`DMN 文件无法读取：${error instanceof Error ? error.message : String(error)}`);
  }
  const root = parsed.rootElement;
  const decisions = new Map<string, Decision>();
  for (const element of list(root.drgElement)) {
    if (element.$type !== 'dmn:Decision') continue;
    const decision = readDecision(element);
    decisions.set(decision.id, decision);
  }
  for (const decision of decisions.values()) {
    for (const required of decision.requires) {
      if (!decisions.has(required)) throw new DecisionModelError(`决策 ${decision.id} 依赖的决策 ${required} 不在同一文件中`);
    }
  }
  return { id: root.id ?? '', name: root.name ?? '', decisions };
}

export { OPERATON_DMN };
