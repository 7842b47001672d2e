// Lint rule `user-task-has-form`: every user task names the form Tasklist shows for it, and a form reference
// names a form this project has. Without one, Tasklist offers the person nothing to fill in and the task's
// variables are never set.
import type { RuleFactory } from 'bpmnlint/lib/types.js';
import { displayName, extensionValue, is, type ModdleElement } from './moddle-access.ts';

export interface UserTaskHasFormOptions {
  knownForms: readonly string[];
}

// `${formId}` or `#{…}`: the form is chosen when the task is created; which one cannot be known here.
const EXPRESSION = /[$#]\{/;

const userTaskHasForm: RuleFactory = (options: UserTaskHasFormOptions) => {
  const knownForms = new Set(options.knownForms);
  return {
    check(node, reporter) {
      const element = node as ModdleElement;
      if (!is(element, 'bpmn:UserTask')) return;
      const id = element.id ?? '';
      const formRef = extensionValue(element, 'formRef');
      if (formRef !== undefined) {
        if (!EXPRESSION.test(formRef) && !knownForms.has(formRef)) {
          reporter.report(id, `用户任务“${displayName(element)}”引用的表单 ${formRef} 不存在`);
        }
        return;
      }
      if (extensionValue(element, 'formKey') === undefined) {
        reporter.report(id, `用户任务“${displayName(element)}”没有表单（应设置 operaton:formRef 或 operaton:formKey）`);
      }
    },
  };
};

export default userTaskHasForm;
