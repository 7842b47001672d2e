// Lint rule `history-time-to-live`: every executable process says how long its history (with the personal data
// in it) is kept. Operaton refuses such a process by default; this installation's engine has a fallback
// (engine/src/main/resources/application.yaml), which is a safety net, not the retention decided for a process.
import type { RuleFactory } from 'bpmnlint/lib/types.js';
import { displayName, extensionValue, is, type ModdleElement } from './moddle-access.ts';

// What the engine accepts: a number of days, or an ISO-8601 period in days ("P1825D").
const DAYS = /^(?:\d+|P\d+D)$/;

const historyTimeToLive: RuleFactory = () => ({
  check(node, reporter) {
    const element = node as ModdleElement;
    if (!is(element, 'bpmn:Process') || element.isExecutable !== true) return;
    const id = element.id ?? '';
    const value = extensionValue(element, 'historyTimeToLive');
    if (value === undefined) {
      reporter.report(id, `流程“${displayName(element)}”没有设置历史数据保留期限（operaton:historyTimeToLive）`);
    } else if (!DAYS.test(value)) {
      reporter.report(id, `流程“${displayName(element)}”的历史数据保留期限 ${value} 格式不正确，应为天数（如 1825）或 P1825D`);
    }
  },
});

export default historyTimeToLive;
