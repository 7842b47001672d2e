// Lint rule `topic-has-worker`: every external task's topic is one that a worker of this project serves. Operaton
// deploys a diagram whose topic nobody serves, and the instance then waits at that task for ever. That a task is an
// external one with a topic at all is the allow-list's to say (deployment/policy/bpmn-allow-list.ts).
import type { RuleFactory } from 'bpmnlint/lib/types.js';
import { displayName, extensionValue, is, type ModdleElement } from './moddle-access.ts';

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

const topicHasWorker: RuleFactory = (options: TopicHasWorkerOptions) => {
  const knownTopics = new Set(options.knownTopics);

  /** Reports `reportOn` when `carrier` (the task, or a message event's definition) names a topic no worker serves. */
  function checkExternal(carrier: ModdleElement, reportOn: ModdleElement, label: string, report: (id: string, message: string) => void) {
    const id = reportOn.id ?? '';
    const topic = extensionValue(carrier, 'topic');
    if (topic !== undefined && !knownTopics.has(topic)) {
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
      if (label && extensionValue(element, 'type') === 'external') checkExternal(element, element, label, report);
    },
  };
};

export default topicHasWorker;
