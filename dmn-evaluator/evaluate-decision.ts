// Evaluates a decision of a DecisionModel the way Operaton's DMN engine does: required decisions first, their
// results added to the variables (one matched rule: its outputs by name; several, or a COLLECT / RULE ORDER
// table: each output name bound to the list of its values; none: nothing), then the decision's own logic.
// The result is Operaton's result list: one map of output name → value per matched rule.
import type { Decision, DecisionModel, DecisionTable, TableRule } from './decision-model.ts';
import type { FeelContext, FeelValue } from './feel-value.ts';
import { ValueMemo } from './value-memo.ts';
import { DecisionEvaluationError } from './evaluation-error.ts';

export type DecisionResult = Record<string, FeelValue>[];

export { DecisionEvaluationError };

function outputsOf(decision: Decision, table: DecisionTable, rule: TableRule, context: FeelContext): Record<string, FeelValue> {
  const out: Record<string, FeelValue> = {};
  table.outputs.forEach((output, i) => {
    const value = rule.outputEntries[i]!.evaluate(context);
    if (!fitsType(value, output.typeRef)) {
      // The value is left out on purpose: it may be a person's fact (a wage) passed through the rule.
      throw new DecisionEvaluationError(`决策 ${decision.id} 规则 ${rule.id} 的输出 ${output.name} 不是整数（类型 ${output.typeRef}）`);
    }
    out[output.name] = value;
  });
  return out;
}

/** Operaton converts an output to its column's type; whole numbers stay numbers either way in JSON. */
function fitsType(value: FeelValue, typeRef: string | null): boolean {
  if (value === null || typeRef === null) return true;
  return !((typeRef === 'integer' || typeRef === 'long') && typeof value === 'number' && !Number.isInteger(value));
}

/** Told which rules of which decision matched: to explain a result, or to measure a test's coverage. */
export type MatchListener = (decisionId: string, ruleIds: string[]) => void;

function evaluateTable(decision: Decision, table: DecisionTable, context: FeelContext, onMatch?: MatchListener): DecisionResult {
  const inputValues = table.inputs.map((input) => input.expression.evaluate(context));
  const matched = table.rules.filter((rule) => rule.inputEntries.every((entry, i) => entry.test(inputValues[i]!, context)));
  onMatch?.(decision.id, matched.map((rule) => rule.id));
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        throw new DecisionEvaluationError(`决策 ${decision.id}（UNIQUE）同时命中多条规则：${matched.map((r) => r.id).join(', ')}`);
      }
      return matched.map((rule) => outputsOf(decision, table, rule, context));
    case 'FIRST':
      // Operaton evaluates every matched rule's outputs before its hit policy picks: an output that cannot be
      // evaluated fails the first-matching answer there, so here too.
      return matched.map((rule) => outputsOf(decision, table, rule, context)).slice(0, 1);
    case 'ANY': {
      const results = matched.map((rule) => outputsOf(decision, table, rule, context));
      const distinct = new Set(results.map((r) => JSON.stringify(r)));
      if (distinct.size > 1) throw new DecisionEvaluationError(`决策 ${decision.id}（ANY）命中的规则输出不一致`);
      return results.slice(0, 1);
    }
    case 'RULE ORDER':
    case 'COLLECT':
      return matched.map((rule) => outputsOf(decision, table, rule, context));
  }
}

function collectsMany(decision: Decision): boolean {
  return decision.logic.kind === 'table' && (decision.logic.hitPolicy === 'COLLECT' || decision.logic.hitPolicy === 'RULE ORDER');
}

function addToContext(variables: Record<string, FeelValue | undefined>, decision: Decision, result: DecisionResult): void {
  if (result.length === 0) return;
  if (result.length === 1 && !collectsMany(decision)) {
    Object.assign(variables, result[0]);
    return;
  }
  const names = new Set(result.flatMap((entry) => Object.keys(entry)));
  for (const name of names) variables[name] = result.map((entry) => entry[name] ?? null);
}

function evaluateOwnLogic(decision: Decision, context: FeelContext, onMatch?: MatchListener): DecisionResult {
  const logic = decision.logic;
  if (logic.kind === 'literal') return [{ [logic.variableName]: logic.expression.evaluate(context) }];
  return evaluateTable(decision, logic, context, onMatch);
}

/** Every name the decision and the decisions it requires read: their result depends on these values alone. */
function namesReadBy(model: DecisionModel, decision: Decision, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(decision.id)) return names;
  seen.add(decision.id);
  const logic = decision.logic;
  const expressions =
    logic.kind === 'literal'
      ? [logic.expression]
      : [...logic.inputs.map((i) => i.expression), ...logic.rules.flatMap((r) => [...r.inputEntries, ...r.outputEntries])];
  for (const expression of expressions) for (const name of expression.names) names.add(name);
  for (const id of decision.requires) for (const name of namesReadBy(model, model.decisions.get(id)!, seen)) names.add(name);
  return names;
}

interface ResultMemo {
  names: string[];
  results: ValueMemo<DecisionResult>;
  /** The decision's required decisions, each once, in evaluation order, then the decision itself. */
  order: Decision[];
}

const memos = new WeakMap<DecisionModel, Map<string, ResultMemo>>();

function evaluationOrder(model: DecisionModel, decision: Decision): Decision[] {
  const order: Decision[] = [];
  const seen = new Set<string>();
  const visit = (d: Decision, path: string[]) => {
    if (path.includes(d.id)) throw new DecisionEvaluationError(`决策之间循环依赖：${[...path, d.id].join(' → ')}`);
    if (seen.has(d.id)) return;
    for (const id of d.requires) visit(model.decisions.get(id)!, [...path, d.id]);
    seen.add(d.id);
    order.push(d);
  };
  visit(decision, []);
  return order;
}

function memoOf(model: DecisionModel, decision: Decision): ResultMemo {
  let byDecision = memos.get(model);
  if (!byDecision) memos.set(model, (byDecision = new Map()));
  let memo = byDecision.get(decision.id);
  if (!memo) {
    const order = evaluationOrder(model, decision); // throws on a cycle, every time: nothing is kept
    byDecision.set(decision.id, (memo = { names: [...namesReadBy(model, decision)].sort(), results: new ValueMemo(), order }));
  }
  return memo;
}

interface OwnMemo {
  names: string[];
  results: ValueMemo<DecisionResult>;
}

/**
 * A decision's own logic (without its required decisions) is a function of the context values its expressions
 * read — the variables and the required decisions' results alike — whatever model holds it: remembered per
 * Decision, so the minimum wage of a month or the weight of a grade is looked up, not evaluated, month after month.
 */
const ownMemos = new WeakMap<Decision, OwnMemo>();

function ownMemoOf(decision: Decision): OwnMemo {
  let memo = ownMemos.get(decision);
  if (!memo) {
    const logic = decision.logic;
    const expressions =
      logic.kind === 'literal'
        ? [logic.expression]
        : [...logic.inputs.map((i) => i.expression), ...logic.rules.flatMap((r) => [...r.inputEntries, ...r.outputEntries])];
    ownMemos.set(decision, (memo = { names: [...new Set(expressions.flatMap((e) => e.names))].sort(), results: new ValueMemo() }));
  }
  return memo;
}

function evaluateOwnLogicRemembered(decision: Decision, context: FeelContext): DecisionResult {
  const memo = ownMemoOf(decision);
  const key = memo.names.map((name) => context[name]);
  return memo.results.get(key) ?? memo.results.set(key, evaluateOwnLogic(decision, context));
}

/**
 * Evaluates `decisionId` with `variables`, its required decisions first (each once). A decision is a function of
 * the values it reads, so its result is remembered per those values (a filing's 120 months repeat a few
 * combinations); the result is shared, not to be changed by the caller. With a match listener nothing is
 * remembered: every rule is really tested.
 */
export function evaluateDecision(model: DecisionModel, decisionId: string, variables: FeelContext, onMatch?: MatchListener): DecisionResult {
  const decision = model.decisions.get(decisionId);
  if (!decision) {
    const why = model.unevaluable?.get(decisionId);
    throw new DecisionEvaluationError(why ? `决策 ${decisionId} 无法计算：${why}` : `决策文件 ${model.id} 中没有决策 ${decisionId}`);
  }
  const memo = memoOf(model, decision);
  if (onMatch) return evaluateAfresh(memo.order, variables, onMatch);
  const key = memo.names.map((name) => variables[name]);
  return memo.results.get(key) ?? memo.results.set(key, evaluateAfresh(memo.order, variables));
}

function evaluateAfresh(order: readonly Decision[], variables: FeelContext, onMatch?: MatchListener): DecisionResult {
  const context: Record<string, FeelValue | undefined> = { ...variables };
  const own = (d: Decision) => (onMatch ? evaluateOwnLogic(d, context, onMatch) : evaluateOwnLogicRemembered(d, context));
  for (let i = 0; i < order.length - 1; i++) addToContext(context, order[i]!, own(order[i]!));
  return own(order[order.length - 1]!);
}
