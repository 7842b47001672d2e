// Lint rule `topic-has-worker`: every external task names a topic that a worker of this project serves, and
// every service, send or business rule task is an external task (the only implementation a deployment may have:
// docs/engine.md, "What a deployment may contain"). Operaton deploys a diagram whose topic nobody serves, and the
// instance then waits at that task for ever.
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
      } else {
        report(element.id ?? '', `${label}“${displayName(element)}”不是外部任务：应设置 operaton:type="external" 和本系统工作进程办理的主题（operaton:topic）`);
      }
    },
  };
};

export default topicHasWorker;
