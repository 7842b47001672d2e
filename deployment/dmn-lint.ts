// Checks a DMN file before it is deployed: dmnlint's rules (every decision named, no repeated requirement) and
// this project's — the file is one the worker can evaluate exactly as the engine does (decision tables and
// literal expressions, supported hit policies, every FEEL text parses, no empty output, every decision with its
// own id, no default output, no date/time/duration literal, every variable name one FEEL name: each problem a
// finding on its element, dmn-evaluator/decision-model.ts), every decision has a
// history time to live, and a `reason` output names only reason codes of docs/contracts.md §2 (a `rewardReason`
// output only the over-quota reward's codes, rewards/reward-reasons.ts).
import { createRequire } from 'node:module';
import { DmnModdle } from 'dmn-moddle';
import { DecisionModelError, readDecisionModel } from '../dmn-evaluator/decision-model.ts';
import { FeelSyntaxError } from '../dmn-evaluator/feel-expression.ts';
import { normalizeDmnNamespaces } from '../dmn-evaluator/dmn-namespaces.ts';
import { MONTH_REASON_CODES } from '../review/review-result.ts';
import { REWARD_REASON_CODES } from '../rewards/reward-reasons.ts';
import type { LintFinding } from './bpmn-lint.ts';
import { outputShapeFindings } from './policy/decision-output-shape.ts';
import { dmnPolicyFindings } from './policy/dmn-rules.ts';
import { readXmlTree, XmlReadError } from '../platform/xml-tree.ts';

const require = createRequire(import.meta.url);
type Report = { id?: string; message: string; category?: string };
type DmnLinter = { lint(root: unknown, config?: unknown): Promise<Record<string, Report[]>> };
const { Linter } = require('dmnlint') as { Linter: new (options: { config?: unknown; resolver: unknown }) => DmnLinter };

const RULE_TEXT: Record<string, string> = {
  'label-required': '决策缺少名称',
  'no-duplicate-requirements': '决策的依赖关系重复',
};

const resolver = {
  resolveRule: (pkg: string, name: string) => require(`dmnlint/rules/${name}`) as unknown,
  resolveConfig: (pkg: string, name: string) => require(`dmnlint/config/${name}`) as unknown,
};

/** The outputs whose every entry must be one of the agreed codes, by output name. */
const KNOWN_CODES: Readonly<Record<string, { words: string; codes: ReadonlySet<string> }>> = {
  reason: { words: '不计入原因', codes: new Set<string>(MONTH_REASON_CODES) },
  rewardReason: { words: '奖励原因', codes: new Set<string>(REWARD_REASON_CODES) },
};
const STRING_LITERAL = /^"([^"\\]*)"$/;

/** Lints DMN XML; an empty list means the file may be deployed. */
export async function lintDmn(xml: string): Promise<LintFinding[]> {
  let policy: LintFinding[];
  try {
    policy = dmnPolicyFindings(readXmlTree(xml)).map((f): LintFinding => ({ ...f, category: 'error' }));
  } catch (error) {
    if (error instanceof XmlReadError) return [{ rule: 'evaluable', elementId: '', category: 'error', message: `DMN 文件无法解析：${error.message}` }];
    throw error;
  }
  // A text the FEEL rule refuses is never parsed or evaluated, not even to say more about it.
  if (policy.length > 0) return policy;
  let model;
  try {
    model = await readDecisionModel(xml);
  } catch (error) {
    if (error instanceof DecisionModelError) {
      return error.problems.map((p): LintFinding => ({ rule: 'evaluable', elementId: p.elementId, category: 'error', message: p.message }));
    }
    if (error instanceof FeelSyntaxError) return [{ rule: 'evaluable', elementId: '', category: 'error', message: error.message }];
    throw error;
  }
  const findings: LintFinding[] = [];
  for (const decision of model.decisions.values()) {
    if (!decision.historyTimeToLive) {
      findings.push({ rule: 'history-time-to-live', elementId: decision.id, category: 'error', message: `决策 ${decision.id} 缺少历史保留期限（operaton:historyTimeToLive）` });
    }
    const logic = decision.logic;
    if (logic.kind !== 'table') continue;
    logic.outputs.forEach((output, column) => {
      const known = Object.hasOwn(KNOWN_CODES, output.name) ? KNOWN_CODES[output.name] : undefined;
      if (!known) return;
      for (const rule of logic.rules) {
        const text = rule.outputEntries[column]!.text.trim();
        const code = STRING_LITERAL.exec(text)?.[1];
        if (code === undefined || !known.codes.has(code)) {
          findings.push({
            rule: 'reason-codes-known',
            elementId: rule.id,
            category: 'error',
            message: `决策 ${decision.id} 规则 ${rule.id} 的${known.words} ${text} 不是约定的原因代码（${[...known.codes].join('、')}）`,
          });
        }
      }
    });
  }
  findings.push(...outputShapeFindings(model));
  // dmnlint's rules walk any dmn-moddle tree: the current one's, read once more here.
  const { rootElement } = await new DmnModdle().fromXML(normalizeDmnNamespaces(xml), 'dmn:Definitions');
  const linter = new Linter({ config: { extends: 'dmnlint:recommended' }, resolver });
  for (const [rule, reports] of Object.entries(await linter.lint(rootElement))) {
    for (const report of reports) {
      findings.push({ rule, elementId: report.id ?? '', category: report.category === 'warn' ? 'warn' : 'error', message: `${RULE_TEXT[rule] ?? rule}（${report.message}）` });
    }
  }
  return findings;
}
