// Lint rule `topic-has-worker`: every external task names a topic that a worker of this project serves, and
// every service, send or business rule task has some implementation. Operaton deploys a diagram whose topic
// nobody serves, and the instance then waits at that task for ever.
import type { RuleFactory } from 'bpmnlint/lib/types.js';
import { displayName, extensionElements, extensionValue, is, type ModdleElement } from './moddle-access.ts';

export interface TopicHasWorkerOptions {
  knownTopics: readonly string[];
}

// The task kinds Operaton runs through an implementation (class, expression, external worker, …), with the word a
// modeler uses for them.
const IMPLEMENTED_TASKS: ReadonlyArray<readonly [type: string, label: string]> = [
  ['bpmn:BusinessRuleTask', '业务规则任务'],
  ['bpmn:SendTask', '发送任务'],
  ['bpmn:ServiceTask', '服务任务'],
];

function taskLabel(element: ModdleElement): string | undefined {
  return IMPLEMENTED_TASKS.find(([type]) => is(element, type))?.[1];
}

/** Implementations other than an external worker that the engine accepts on this element. */
function hasOtherImplementation(element: ModdleElement): boolean {
  if (['class', 'expression', 'delegateExpression'].some((name) => extensionValue(element, name))) return true;
  if (extensionElements(element, 'Connector').length > 0) return true;
  return is(element, 'bpmn:BusinessRuleTask') && extensionValue(element, 'decisionRef') !== undefined;
}

const topicHasWorker: RuleFactory = (options: TopicHasWorkerOptions) => {
  const knownTopics = new Set(options.knownTopics);

  /** Reports `reportOn` unless `carrier` (the task, or a message event's definition) names a served topic. */
  function checkExternal(carrier: ModdleElement, reportOn: ModdleElement, label: string, report: (id: string, message: string) => void) {
    const id = reportOn.id ?? '';
    const topic = extensionValue(carrier, 'topic');
    if (topic === undefined) {
      report(id, `${label}“${displayName(reportOn)}”是外部任务，但没有设置主题（operaton:topic）`);
    } else if (!knownTopics.has(topic)) {
      report(id, `${label}“${displayName(reportOn)}”的主题 ${topic} 没有对应的工作进程`);
    }
  }

  return {
    check(node, reporter) {
      const report = (id: string, message: string) => reporter.report(id, message);
      const element = node as ModdleElement;

      // A message throw event can be implemented by an external worker too (operaton:type on its definition).
      if (is(element, 'bpmn:MessageEventDefinition') && extensionValue(element, 'type') === 'external' && element.$parent) {
        checkExternal(element, element.$parent, '消息事件', report);
        return;
      }

      const label = taskLabel(element);
      if (!label) return;
      const type = extensionValue(element, 'type');
      if (type === 'external') {
        checkExternal(element, element, label, report);
      } else if (type !== undefined) {
        report(element.id ?? '', `${label}“${displayName(element)}”的实现类型 ${type} 不受支持，应为 external`);
      } else if (!hasOtherImplementation(element)) {
        report(element.id ?? '', `${label}“${displayName(element)}”没有实现：既不是外部任务（operaton:type="external"），也没有类、表达式或决策表`);
      }
    },
  };
};

export default topicHasWorker;
