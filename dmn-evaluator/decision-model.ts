// A DMN file (1.1 to 1.5, read as 1.3 as Operaton reads it) read into decisions this project can evaluate:
// decision tables and literal expressions, with the decisions each requires (its DRG). The engine deploys the same
// file; evaluate-decision.ts judges it the way Operaton does, and the conformance test holds the two to identical
// results. What the two would not judge alike is refused here, each problem named on its element.
import { DmnModdle, type ModdleElement } from 'dmn-moddle';
import { FeelExpression, FeelSyntaxError, FeelUnaryTest } from './feel-expression.ts';
import { normalizeDmnNamespaces } from './dmn-namespaces.ts';
import { DecisionEvaluationError } from './evaluation-error.ts';

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
  /** The decisions that can be evaluated. */
  decisions: Map<string, Decision>;
  /**
   * Read leniently (readDeployedDecisionModel): the decisions that cannot, each with why — its own problems or
   * a required decision's. The engine too deploys such a file and fails only on evaluating those decisions.
   */
  unevaluable?: ReadonlyMap<string, string>;
}

/** One thing in the file the worker cannot evaluate as the engine does, on the element that holds it. */
export interface ModelProblem {
  /** The element's id, or the nearest enclosing one with an id ('' for the file). */
  elementId: string;
  message: string;
}

export class DecisionModelError extends Error {
  /** Every problem of the file, each on its element (at least one). */
  readonly problems: ModelProblem[];
  constructor(message: string, problems?: ModelProblem[]) {
    super(message);
    this.name = 'DecisionModelError';
    this.problems = problems ?? [{ elementId: '', message }];
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

/** The problems of one file, collected element by element, so that one mistake does not hide the next. */
class Problems {
  readonly list: ModelProblem[] = [];
  /** Problems of one expression: the engine reads such a file and fails only where it evaluates that expression. */
  readonly ofAnExpression = new Set<ModelProblem>();
  add(elementId: string, message: string): ModelProblem {
    const problem = { elementId, message };
    this.list.push(problem);
    return problem;
  }
  /** A FEEL expression compiled, or its problem recorded on the element and a stand-in that fails when evaluated. */
  expression(elementId: string, where: string, text: string): FeelExpression {
    const problem = this.ofExpression(elementId, where, text, () => new FeelExpression(text));
    return problem instanceof FeelExpression ? problem : new FailingExpression(problem.message);
  }
  /** A FEEL unary test compiled, or its problem recorded on the element and a stand-in that fails when tested. */
  unaryTest(elementId: string, where: string, text: string): FeelUnaryTest {
    const problem = this.ofExpression(elementId, where, text, () => new FeelUnaryTest(text));
    return problem instanceof FeelUnaryTest ? problem : new FailingUnaryTest(problem.message);
  }
  private ofExpression<T>(elementId: string, where: string, text: string, compile: () => T): T | ModelProblem {
    let problem: ModelProblem | null = null;
    if (hasTemporalLiteral(text)) problem = this.add(elementId, `${where}：${TEMPORAL_MESSAGE}（${text.trim()}）`);
    try {
      const compiled = compile();
      if (!problem) return compiled;
    } catch (error) {
      if (!(error instanceof FeelSyntaxError)) throw error;
      problem ??= this.add(elementId, `${where}：${error.message}`);
    }
    this.ofAnExpression.add(problem);
    return problem;
  }
}

class FailingExpression extends FeelExpression {
  constructor(private readonly why: string) {
    super('null');
  }
  override evaluate(): never {
    throw new DecisionEvaluationError(this.why);
  }
}

class FailingUnaryTest extends FeelUnaryTest {
  constructor(private readonly why: string) {
    super('null');
  }
  override test(): never {
    throw new DecisionEvaluationError(this.why);
  }
}

/**
 * A temporal literal (`@"2025-01-01"`, `@"P1M"`) outside string literals. The FEEL rule already refuses date(),
 * time() and duration(); this is the one other way to a date, time or duration value, and those the worker would
 * carry between decisions as text where the engine carries Java dates: refused by the lint, and in a file deployed
 * anyway the expression fails in the worker wherever it is evaluated, never answers otherwise than the engine.
 */
function hasTemporalLiteral(text: string): boolean {
  return text.replace(/"(?:[^"\\]|\\.)*"/g, (literal, offset: number) => (text[offset - 1] === '@' ? literal : '""')).includes('@');
}

/**
 * A name the caller passes or a decision answers must be one FEEL name: feelin reads `days in weekend` as the
 * test `days in weekend`, where the engine's FEEL reads a variable of that name when one is given (measured by
 * the conformance test) — the two would answer differently.
 */
const PLAIN_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

function checkName(problems: Problems, elementId: string, what: string, name: string): void {
  if (PLAIN_NAME.test(name)) return;
  problems.add(
    elementId,
    `${what}「${name}」不是一个 FEEL 名称（含空格、运算符或关键字）：工作进程把表达式中的它读成运算，引擎却可能读成这个变量，两者结果会不同；请改为不含空格的名称（如 ${name.replace(/[^\p{L}\p{N}_]+(\p{L})?/gu, (_m, c: string | undefined) => (c ?? '').toUpperCase()) || 'name'}）`,
  );
}

const TEMPORAL_MESSAGE = '不允许日期、时间或期间值（@"…"）：工作进程与引擎对它们的运算和比较不一致；请用整数表示月份（如 202501）或天数';

function readTable(problems: Problems, decisionId: string, table: ModdleElement): DecisionTable {
  const tableId = table.id ?? decisionId;
  let hitPolicy = (typeof table.hitPolicy === 'string' ? table.hitPolicy : 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy)) {
    problems.add(tableId, `决策 ${decisionId}：不支持命中策略 ${hitPolicy}（可用：${HIT_POLICIES.join('、')}）`);
    hitPolicy = 'UNIQUE';
  }
  if (table.aggregation) problems.add(tableId, `决策 ${decisionId}：不使用 COLLECT 聚合（${String(table.aggregation)}）`);
  const inputs = list(table.input).map((input, k) => {
    const inputExpression = input.inputExpression as ModdleElement | undefined;
    const id = inputExpression?.id ?? input.id ?? tableId;
    return {
      id: input.id ?? '',
      label: typeof input.label === 'string' ? input.label : '',
      expression: problems.expression(id, `决策 ${decisionId} 第 ${k + 1} 个条件列的输入表达式`, text(inputExpression)),
      typeRef: (inputExpression?.typeRef as string | undefined) ?? null,
    };
  });
  const outputs = list(table.output).map((output) => {
    const id = output.id ?? tableId;
    if (typeof output.name !== 'string' || output.name === '') problems.add(id, `决策 ${decisionId}：输出列 ${output.id ?? ''} 没有名称`);
    else checkName(problems, id, `决策 ${decisionId} 的输出列名称`, output.name);
    if (output.defaultOutputEntry) {
      problems.add(
        id,
        `决策 ${decisionId} 的输出列 ${typeof output.name === 'string' ? output.name : ''} 设有默认输出（defaultOutputEntry）：流程引擎（Operaton 1.0）不使用它，没有规则命中时结果为空；请删去默认输出，改在表末尾加一条各条件均为 - 的规则（命中策略 FIRST）`,
      );
    }
    return { id: output.id ?? '', label: typeof output.label === 'string' ? output.label : '', name: typeof output.name === 'string' ? output.name : '', typeRef: (output.typeRef as string | undefined) ?? null };
  });
  const rules = list(table.rule).map((rule) => {
    const ruleId = rule.id ?? tableId;
    const inputEntries = list(rule.inputEntry).map((entry, k) => problems.unaryTest(entry.id ?? ruleId, `决策 ${decisionId} 规则 ${rule.id ?? ''} 第 ${k + 1} 个条件`, text(entry)));
    const outputEntries = list(rule.outputEntry).map((entry, k) => {
      if (text(entry).trim() === '') problems.add(entry.id ?? ruleId, `决策 ${decisionId}：规则 ${rule.id ?? ''} 有空的输出`);
      return problems.expression(entry.id ?? ruleId, `决策 ${decisionId} 规则 ${rule.id ?? ''} 第 ${k + 1} 个输出`, text(entry) || 'null');
    });
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      problems.add(ruleId, `决策 ${decisionId}：规则 ${rule.id ?? ''} 的条件或输出个数与表头不符`);
    }
    return { id: rule.id ?? '', description: text(rule.description as unknown) || String(rule.description ?? ''), inputEntries, outputEntries };
  });
  return { kind: 'table', hitPolicy, inputs, outputs, rules };
}

function readDecision(problems: Problems, element: ModdleElement): Decision {
  const id = element.id ?? '';
  const logic = element.decisionLogic as ModdleElement | undefined;
  const requires = list(element.informationRequirement)
    .map((r) => ((r.requiredDecision as ModdleElement | undefined)?.href as string | undefined) ?? '')
    .filter((href) => href !== '')
    .map((href) => href.replace(/^#/, ''));
  let decisionLogic: Decision['logic'];
  if (logic?.$type === 'dmn:DecisionTable') decisionLogic = readTable(problems, id, logic);
  else if (logic?.$type === 'dmn:LiteralExpression') {
    const variable = element.variable as ModdleElement | undefined;
    const named = typeof variable?.name === 'string' && variable.name !== '';
    const variableName = named ? (variable.name as string) : id;
    if (named) checkName(problems, id, `决策 ${id} 的结果变量名称`, variableName);
    decisionLogic = { kind: 'literal', variableName, typeRef: (variable?.typeRef as string | undefined) ?? null, expression: problems.expression(logic.id ?? id, `决策 ${id} 的字面表达式`, text(logic)) };
  } else {
    problems.add(id, `决策 ${id}：只支持决策表和字面表达式（这里是 ${logic?.$type ?? '空'}）`);
    decisionLogic = { kind: 'literal', variableName: id, typeRef: null, expression: new FeelExpression('null') };
  }
  return { id, name: element.name ?? id, requires, logic: decisionLogic, historyTimeToLive: attribute(element, 'historyTimeToLive') };
}

interface ReadModel {
  model: DecisionModel;
  /** Every problem, each on its element. */
  problems: ModelProblem[];
  /** Those that concern the file rather than one decision (a decision without or with a repeated id). */
  fileProblems: ModelProblem[];
}

async function readModel(xml: string): Promise<ReadModel> {
  let parsed;
  try {
    parsed = await new DmnModdle().fromXML(normalizeDmnNamespaces(xml), 'dmn:Definitions');
  } catch (error) {
    throw new DecisionModelError(`DMN 文件无法读取：${error instanceof Error ? error.message : String(error)}`);
  }
  const root = parsed.rootElement;
  if (root.$type !== 'dmn:Definitions') throw new DecisionModelError('DMN 文件无法读取：根元素不是 DMN 1.1–1.5 的 definitions');
  const problems = new Problems();
  for (const warning of parsed.warnings) {
    // dmn-moddle drops an element it cannot read, a second one of an id among them, with only a warning.
    const duplicate = /duplicate ID <([^>]*)>/.exec(warning.message)?.[1];
    if (duplicate !== undefined) problems.add(duplicate, `id ${duplicate} 重复：每个元素须有唯一的 id（同 id 的决策会相互覆盖）`);
    else if (/unparsable content <(?:\w+:)?decision>/.test(warning.message)) problems.add('', `有一个决策无法读取：${warning.message.split('\n')[0]}`);
  }
  const decisions = new Map<string, Decision>();
  const why = new Map<string, string>();
  const ofADecision = new Set<ModelProblem>();
  for (const element of list(root.drgElement)) {
    if (element.$type === 'dmn:InputData') {
      const variable = element.variable as ModdleElement | undefined;
      const name = typeof variable?.name === 'string' && variable.name !== '' ? variable.name : element.name;
      if (typeof name === 'string' && name !== '') checkName(problems, element.id ?? '', '输入数据名称', name);
      continue;
    }
    if (element.$type !== 'dmn:Decision') continue;
    if (!element.id) {
      // The engine keys a decision by its id: without one it is neither deployable nor callable, and two would collide.
      problems.add('', `决策「${element.name ?? ''}」缺少 id：流程引擎以 id 作为决策的键，请为它设定唯一的 id`);
      continue;
    }
    if (decisions.has(element.id)) {
      problems.add(element.id, `决策 id ${element.id} 重复：每个决策须有唯一的 id`);
      continue;
    }
    const before = problems.list.length;
    const decision = readDecision(problems, element);
    decisions.set(decision.id, decision);
    const own = problems.list.slice(before);
    own.forEach((p) => ofADecision.add(p));
    // A broken expression fails where it is evaluated; anything else about the decision fails the decision.
    const ofTheDecision = own.filter((p) => !problems.ofAnExpression.has(p));
    if (ofTheDecision.length > 0) why.set(decision.id, ofTheDecision.map((p) => p.message).join('；'));
  }
  for (const decision of decisions.values()) {
    for (const required of decision.requires) {
      if (decisions.has(required)) continue;
      const message = `决策 ${decision.id} 依赖的决策 ${required} 不在同一文件中`;
      problems.add(decision.id, message);
      ofADecision.add(problems.list[problems.list.length - 1]!);
      why.set(decision.id, message);
    }
  }
  // A decision that requires one that cannot be evaluated cannot be evaluated either.
  for (let changed = true; changed; ) {
    changed = false;
    for (const decision of decisions.values()) {
      const broken = decision.requires.find((id) => why.has(id));
      if (!why.has(decision.id) && broken !== undefined) {
        why.set(decision.id, `决策 ${decision.id} 依赖的决策 ${broken} 无法计算`);
        changed = true;
      }
    }
  }
  for (const id of why.keys()) decisions.delete(id);
  return {
    model: { id: root.id ?? '', name: root.name ?? '', decisions, unevaluable: why },
    problems: problems.list,
    fileProblems: problems.list.filter((p) => !ofADecision.has(p)),
  };
}

const refusal = (problems: ModelProblem[]) => new DecisionModelError(problems.map((p) => p.message).join('；'), problems);

/**
 * Reads a DMN file for deployment or a preview; throws DecisionModelError, with every problem on its element,
 * when any part of it is one this project cannot evaluate exactly as the engine does.
 */
export async function readDecisionModel(xml: string): Promise<DecisionModel> {
  const { model, problems } = await readModel(xml);
  if (problems.length > 0) throw refusal(problems);
  return model;
}

/**
 * Reads a file already deployed to the engine as the engine holds it: a decision the worker cannot evaluate is
 * refused when evaluated (DecisionEvaluationError), not the whole file — the engine evaluates the others too.
 * Throws only for what makes the file as a whole unreadable (no such file is deployable).
 */
export async function readDeployedDecisionModel(xml: string): Promise<DecisionModel> {
  const { model, fileProblems } = await readModel(xml);
  if (fileProblems.length > 0) throw refusal(fileProblems);
  return model;
}

export { OPERATON_DMN };
