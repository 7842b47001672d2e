// Checks a BPMN diagram before it is deployed: bpmnlint's recommended rules plus this project's own
// (lint-rules/), every finding naming its rule and element, in sentences a modeler reads.
import { createRequire } from 'node:module';
import type { Config, Resolver, RuleFactory } from 'bpmnlint/lib/types.js';
import { BpmnParseError, parseBpmn, type ModdleElement } from './bpmn-moddle.ts';
import { bpmnAllowListFindings } from './policy/bpmn-allow-list.ts';
import { DEPLOYMENT_POLICY } from './policy/deployment-policy.ts';
import { readXmlTree, XmlReadError } from '../platform/xml-tree.ts';
import historyTimeToLive from './lint-rules/history-time-to-live.ts';
import topicHasWorker from './lint-rules/topic-has-worker.ts';
import userTaskHasForm from './lint-rules/user-task-has-form.ts';

export interface LintFinding {
  /** bpmnlint rule name (`label-required`, `topic-has-worker`, …), or `parse` when the XML could not be read. */
  rule: string;
  /** Id of the element the finding is about; empty when there is none (the file as a whole). */
  elementId: string;
  category: 'error' | 'warn';
  message: string;
}

export interface LintOptions {
  /** Topics some worker of this project serves (WORKER_TOPICS, workers/registry.ts). */
  knownTopics: readonly string[];
  /** Ids of the forms that are deployed with the diagrams (forms/*.form). */
  knownForms: readonly string[];
  /** Process keys a call activity may call: those deployed already (the diagram's own are added). */
  deployedProcesses?: readonly string[];
}

const OPERATON_BPMN_MODEL = DEPLOYMENT_POLICY.bpmn.namespaces.bpmn;

// bpmnlint is CommonJS and ships no type for its entry point; its rules and configs are files the resolver loads.
const require = createRequire(import.meta.url);
type LintReport = { id?: string; message: string; category: string };
type LinterInstance = { lint(root: ModdleElement, config?: Config): Promise<Record<string, LintReport[]>> };
const { Linter } = require('bpmnlint') as { Linter: new (options: { config?: Config; resolver: Resolver }) => LinterInstance };

// This project's rules, under plain names beside bpmnlint's own (the resolver refuses a name bpmnlint also has).
const PROJECT_RULES: Record<string, RuleFactory> = {
  'topic-has-worker': topicHasWorker,
  'user-task-has-form': userTaskHasForm,
  'history-time-to-live': historyTimeToLive,
};

function bpmnlintHas(kind: 'rules' | 'config', name: string): boolean {
  try {
    require.resolve(`bpmnlint/${kind}/${name}`);
    return true;
  } catch {
    return false;
  }
}

/** Finds this project's rules in PROJECT_RULES and everything else in the bpmnlint package itself. */
const resolver: Resolver = {
  resolveRule(pkg, ruleName) {
    if (pkg !== 'bpmnlint') throw new Error(`未知的检查规则包 ${pkg}`);
    const own = PROJECT_RULES[ruleName];
    if (own) {
      if (bpmnlintHas('rules', ruleName)) throw new Error(`检查规则 ${ruleName} 与 bpmnlint 自带规则重名`);
      return own;
    }
    if (!bpmnlintHas('rules', ruleName)) throw new Error(`未知的检查规则 ${ruleName}`);
    return require(`bpmnlint/rules/${ruleName}`) as RuleFactory;
  },
  resolveConfig(pkg, configName) {
    if (pkg !== 'bpmnlint' || !bpmnlintHas('config', configName)) throw new Error(`未知的检查配置 ${pkg}:${configName}`);
    return require(`bpmnlint/config/${configName}`) as Config;
  },
};

function configFor(options: LintOptions): Config {
  return {
    extends: 'bpmnlint:recommended',
    rules: {
      'topic-has-worker': ['error', { knownTopics: options.knownTopics }],
      'user-task-has-form': ['error', { knownForms: options.knownForms }],
      'history-time-to-live': 'error',
    },
  };
}

// bpmnlint's own rules report in English; a modeler here reads what the rule asks for in Chinese, with bpmnlint's
// sentence kept after it for the details it carries (which link name, which expected size).
const RECOMMENDED_RULE_TEXT: Record<string, string> = {
  'ad-hoc-sub-process': '自由子流程中不能有开始或结束事件',
  'conditional-flows': '带条件分支的出线必须都有条件，或设为默认流',
  'end-event-required': '流程缺少结束事件',
  'event-based-gateway': '事件网关至少要有两条不带条件的出线',
  'event-sub-process-typed-start-event': '事件子流程的开始事件必须有触发类型',
  'fake-join': '活动或事件有多条入线，并不会等待汇合，应使用合并网关',
  global: '全局元素（消息、信号、错误等）缺少名称、未被使用或重名',
  'label-required': '元素缺少名称',
  'link-event': '链接事件缺少链接名，或找不到对应的链接事件',
  'no-bpmndi': '元素没有图形信息，建模器中看不到它',
  'no-complex-gateway': '不建议使用复杂网关',
  'no-disconnected': '元素没有与流程连接',
  'no-duplicate-sequence-flows': '存在重复的顺序流',
  'no-gateway-join-fork': '同一网关既合并又分支',
  'no-implicit-split': '元素的多条出线形成了隐式分支，应使用网关',
  'no-implicit-end': '元素没有出线，形成了隐式结束，应使用结束事件',
  'no-implicit-start': '元素没有入线，形成了隐式开始，应使用开始事件',
  'no-inclusive-gateway': '不建议使用包容网关',
  'no-overlapping-elements': '元素与其他元素重叠或超出所在容器',
  'single-blank-start-event': '流程中有多个空白开始事件',
  'single-event-definition': '事件有多个事件定义',
  'start-event-required': '流程缺少开始事件',
  'sub-process-blank-start-event': '子流程的开始事件必须是空白开始事件',
  'superfluous-gateway': '网关只有一条入线和一条出线，是多余的',
  'superfluous-label': '无条件顺序流上的标签是多余的',
  'superfluous-termination': '终止结束事件是多余的，用普通结束事件即可',
};

function messageFor(rule: string, report: LintReport): string {
  if (rule in PROJECT_RULES) return report.message;
  const text = RECOMMENDED_RULE_TEXT[rule];
  return text ? `${text}（${report.message}）` : report.message;
}

function toFinding(rule: string, report: LintReport): LintFinding {
  if (report.category === 'rule-error') {
    // The rule itself failed on this diagram; bpmnlint has already logged the stack.
    return { rule, elementId: report.id ?? '', category: 'error', message: `检查规则 ${rule} 运行出错：${report.message}` };
  }
  return {
    rule,
    elementId: report.id ?? '',
    category: report.category === 'error' ? 'error' : 'warn',
    message: messageFor(rule, report),
  };
}

/** Lints BPMN XML; an empty list means the diagram may be deployed. */
export async function lintBpmn(xml: string, options: LintOptions): Promise<LintFinding[]> {
  // What the diagram may contain at all (deployment-policy.json), read as the engine reads XML: by namespace URI.
  let tree;
  try {
    tree = readXmlTree(xml);
  } catch (error) {
    if (error instanceof XmlReadError) return [{ rule: 'parse', elementId: '', category: 'error', message: `BPMN 文件无法解析：${error.message}` }];
    throw error;
  }
  if (tree.uri !== OPERATON_BPMN_MODEL || tree.local !== 'definitions') {
    return [{ rule: 'parse', elementId: '', category: 'error', message: `BPMN 文件无法解析：根元素 ${tree.qualified} 不是 BPMN 的 definitions` }];
  }
  const allowList = bpmnAllowListFindings(tree, { callableProcesses: new Set(options.deployedProcesses ?? []) }).map((f): LintFinding => ({ ...f, category: 'error' }));
  let parsed;
  try {
    parsed = await parseBpmn(xml);
  } catch (error) {
    if (error instanceof BpmnParseError) return [...allowList, { rule: 'parse', elementId: '', category: 'error', message: error.message }];
    throw error;
  }
  // What the lax reader tolerated is still wrong in the file: a misspelt attribute the engine would ignore, a
  // flow pointing at an element that does not exist.
  const findings: LintFinding[] = [...allowList];
  findings.push(...parsed.warnings.map((warning): LintFinding => ({
    rule: 'parse',
    elementId: warning.element?.id ?? '',
    category: 'error',
    message: `BPMN 文件内容有误：${warning.message}`,
  })));
  // A linter caches each rule with its options, so each call gets its own for the topics and forms it was given.
  const linter = new Linter({ config: configFor(options), resolver });
  const results = await linter.lint(parsed.rootElement);
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) findings.push(toFinding(rule, report));
  }
  return findings;
}
