// DMN lint rule `output-shape`: every output of a decision the review evaluates has the shape the review reads —
// reason codes of docs/contracts.md §2 from the counting decision, numbers and booleans from the weight and levy decisions
// (review/judge-filing.ts DECISION_OUTPUTS), and in the decisions these require the shape of the output's declared
// type: numbers, booleans, strings written out in the file. An output that builds a string (string(), text
// concatenation) is refused in every column of these decisions: it is how a rule would carry a person's facts (a
// wage, a grade) into an answer, a log or an error. Decided from the text where it can be (literals, string
// building); what only a value can tell is checked again when the review reads the output.
import { parseExpression } from 'feelin';
import type { Decision, DecisionModel } from '../../dmn-evaluator/decision-model.ts';
import { DECISION_OUTPUTS, type OutputShape } from '../../review/judge-filing.ts';
import { MONTH_REASON_CODES } from '../../review/review-result.ts';
import { DEFAULT_DECISIONS } from '../../workers/count-employees.ts';
import type { LintFinding } from '../bpmn-lint.ts';

export const RULE = 'output-shape';

const REASONS = new Set<string>(MONTH_REASON_CODES);

/** FEEL built-ins that make text out of other values. */
const STRING_FUNCTIONS = new Set(['string', 'substring', 'substring before', 'substring after', 'upper case', 'lower case', 'replace', 'string join', 'concatenate']);

type Shape = OutputShape | 'string';

interface Node {
  name: string;
  from: number;
  to: number;
}

/** What an expression's text says of its value: a literal's kind, that it builds text, or nothing decidable. */
interface TextShape {
  literal?: { kind: 'string'; value: string } | { kind: 'number' | 'boolean' | 'null' };
  buildsString: boolean;
}

function shapeOfText(text: string): TextShape {
  let tree: { topNode: { firstChild: Node | null }; iterate(spec: { enter(node: Node): void }): void };
  try {
    tree = parseExpression(text, {}, undefined) as unknown as typeof tree;
  } catch {
    return { buildsString: false }; // the `evaluable` rule names FEEL that does not parse
  }
  let buildsString = false;
  tree.iterate({
    enter(node) {
      if (node.name === 'FunctionInvocation') {
        const name = /^\s*([^(]*?)\s*\(/.exec(text.slice(node.from, node.to))?.[1];
        if (name !== undefined && STRING_FUNCTIONS.has(name)) buildsString = true;
      }
      // `"a" + x`: FEEL's + on text concatenates.
      if (node.name === 'ArithmeticExpression' && /"/.test(text.slice(node.from, node.to))) buildsString = true;
    },
  });
  const root = tree.topNode.firstChild;
  const whole = root !== null && text.slice(root.from, root.to).trim() === text.trim();
  if (!whole || root === null) return { buildsString };
  switch (root.name) {
    case 'StringLiteral': {
      const value = /^"([^"\\]*)"$/.exec(text.trim())?.[1];
      return value === undefined ? { buildsString } : { literal: { kind: 'string', value }, buildsString };
    }
    case 'NumericLiteral':
      return { literal: { kind: 'number' }, buildsString };
    case 'BooleanLiteral':
      return { literal: { kind: 'boolean' }, buildsString };
    case 'null':
      return { literal: { kind: 'null' }, buildsString };
    default:
      return { buildsString };
  }
}

/** The shape a column's declared type asks for; null where this rule has nothing to say (dates, untyped). */
function shapeOfType(typeRef: string | null): Shape | null {
  switch (typeRef) {
    case 'integer':
    case 'long':
    case 'double':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    default:
      return null;
  }
}

const SHAPE_TEXT: Record<Shape, string> = {
  reason: `约定的不计入原因代码（${MONTH_REASON_CODES.join('、')}）之一，写作带引号的文字`,
  number: '数值',
  boolean: '布尔值（true/false）',
  string: '写明的文字',
};

/** Why `text` cannot be of `shape`; undefined when it can be, or when only its value would tell. */
function problemOf(text: string, shape: Shape): string | undefined {
  const { literal, buildsString } = shapeOfText(text);
  if (buildsString) return `拼接或转换出文字（string()、文字相加等），不是${SHAPE_TEXT[shape]}`;
  if (shape === 'reason') {
    if (literal?.kind !== 'string') return `不是${SHAPE_TEXT.reason}`;
    return REASONS.has(literal.value) ? undefined : `不是${SHAPE_TEXT.reason}`;
  }
  if (literal === undefined || literal.kind === 'null') return undefined;
  const fits = (shape === 'number' && literal.kind === 'number') || (shape === 'boolean' && literal.kind === 'boolean') || (shape === 'string' && literal.kind === 'string');
  return fits ? undefined : `是${literal.kind === 'string' ? '文字' : literal.kind === 'number' ? '数值' : '布尔值'}，不是${SHAPE_TEXT[shape]}`;
}

/** The decision ids the review evaluates by default, with the shapes it reads of their outputs. */
const READ: ReadonlyMap<string, Record<string, OutputShape>> = new Map([
  [DEFAULT_DECISIONS.counting, DECISION_OUTPUTS.counting],
  [DEFAULT_DECISIONS.weight, DECISION_OUTPUTS.weight],
  [DEFAULT_DECISIONS.levy, DECISION_OUTPUTS.levy],
]);

/** The decisions the review evaluates found in this file, with every decision they require. */
function evaluatedDecisions(model: DecisionModel): Decision[] {
  const found = new Map<string, Decision>();
  const visit = (id: string) => {
    const decision = model.decisions.get(id);
    if (!decision || found.has(id)) return;
    found.set(id, decision);
    decision.requires.forEach(visit);
  };
  for (const id of READ.keys()) visit(id);
  return [...found.values()];
}

/** The shape of one output of `decision`: what the review reads of it, else its declared type. */
function expectedShape(decision: Decision, output: string, typeRef: string | null): Shape | null {
  const read = READ.get(decision.id);
  return read?.['*'] ?? read?.[output] ?? shapeOfType(typeRef);
}

/** Findings of rule `output-shape` for a file already read (dmn-lint.ts). */
export function outputShapeFindings(model: DecisionModel): LintFinding[] {
  const findings: LintFinding[] = [];
  const report = (elementId: string, message: string) => findings.push({ rule: RULE, elementId, category: 'error', message });
  for (const decision of evaluatedDecisions(model)) {
    const logic = decision.logic;
    const read = READ.get(decision.id);
    const outputs = logic.kind === 'table' ? logic.outputs.map((o) => o.name) : [logic.variableName];
    for (const name of Object.keys(read ?? {})) {
      if (name !== '*' && !outputs.includes(name)) report(decision.id, `决策 ${decision.id} 缺少自动审核读取的输出 ${name}（${SHAPE_TEXT[read![name]!]}）`);
    }
    if (logic.kind === 'literal') {
      const shape = expectedShape(decision, logic.variableName, logic.typeRef);
      const problem = shape && problemOf(logic.expression.text, shape);
      if (problem) report(decision.id, `决策 ${decision.id} 的字面表达式（输出 ${logic.variableName}）${problem}`);
      continue;
    }
    logic.outputs.forEach((output, column) => {
      const shape = expectedShape(decision, output.name, output.typeRef);
      if (!shape) return;
      // A table's `reason` column is rule `reason-codes-known`'s (dmn-lint.ts, in any decision): not said twice.
      if (shape === 'reason' && output.name === 'reason') return;
      for (const rule of logic.rules) {
        const problem = problemOf(rule.outputEntries[column]!.text, shape);
        if (problem) report(rule.id, `决策 ${decision.id} 规则 ${rule.id} 的输出 ${output.name} ${problem}`);
      }
    });
  }
  return findings;
}
