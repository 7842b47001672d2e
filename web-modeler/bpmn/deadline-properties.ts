// A working-day deadline in the properties panel (issue 18): a `compute-due-date` task's counts are number fields —
// "工作日天数" and, where the task reminds, "提前提醒工作日数" — instead of `${3}` typed into the generic inputs.
// The diagram keeps `${N}`, an expression of a literal that the deployment policy allows and the worker reads as a
// whole number; a count given as an expression of variables stays in the generic inputs, where it can be read.
// Shown for every compute-due-date task, whether or not it was made from the element template.
import { isNumberFieldEntryEdited, NumberFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';

const COMPUTE_DUE_DATE = 'compute-due-date';
const MIN_DAYS = 1;
const MAX_DAYS = 365;
const FIXED_COUNT = /^\$\{\s*(\d{1,3})\s*\}$/;

interface Moddle {
  $type: string;
  get(name: string): unknown;
}
interface DiagramElement {
  id: string;
  businessObject: Moddle;
}
interface Group {
  id: string;
  label?: string;
  /** An element template's entries carry the template property they edit. */
  entries?: { id: string; property?: { binding?: { type?: string; name?: string } } }[];
  items?: { label?: unknown }[];
}
interface PropertiesPanel {
  registerProvider(priority: number, provider: { getGroups(element: DiagramElement): (groups: Group[]) => Group[] }): void;
}

interface Count {
  name: 'workingDays' | 'remindBefore';
  label: string;
  description: string;
}

const COUNTS: Count[] = [
  { name: 'workingDays', label: '工作日天数', description: '周末和法定节假日不计。页面、提醒和督办消息中所说的天数都从这里读取。' },
  { name: 'remindBefore', label: '提前提醒工作日数', description: '1 表示在最后一个工作日上午 9 点提醒，2 表示提前一个工作日提醒。' },
];

function inputParameter(element: DiagramElement, name: string): Moddle | undefined {
  const extensions = (element.businessObject.get('extensionElements') as Moddle | undefined)?.get('values') as Moddle[] | undefined;
  const inputOutput = extensions?.find((e) => e.$type === 'camunda:InputOutput');
  return (inputOutput?.get('inputParameters') as Moddle[] | undefined)?.find((p) => p.get('name') === name);
}

/** The count a parameter holds as `${N}`; undefined for an expression of variables (left to the generic inputs). */
function fixedCount(parameter: Moddle | undefined): number | undefined {
  const match = FIXED_COUNT.exec(String(parameter?.get('value') ?? '').trim());
  return match ? Number(match[1]) : undefined;
}

const isComputeDueDate = (element: DiagramElement) =>
  element.businessObject.$type === 'bpmn:ServiceTask' && element.businessObject.get('camunda:topic') === COMPUTE_DUE_DATE;

const countProblem = (value: number | undefined) =>
  value === undefined || !Number.isInteger(value) || value < MIN_DAYS || value > MAX_DAYS ? `请填写 ${MIN_DAYS} 至 ${MAX_DAYS} 之间的整数` : undefined;

function CountEntry({ element, id, count }: { element: DiagramElement; id: string; count: Count }) {
  const modeling = useService('modeling') as { updateModdleProperties(element: DiagramElement, target: Moddle, props: Record<string, unknown>): void };
  const debounce = useService('debounceInput');
  return NumberFieldEntry({
    element,
    id,
    label: count.label,
    description: count.description,
    // No min, max or step on the input: the browser would drop such a value silently; the check below says why.
    debounce,
    getValue: () => fixedCount(inputParameter(element, count.name)),
    validate: countProblem,
    setValue: (value: number | undefined, problem: string | null) => {
      const parameter = inputParameter(element, count.name);
      // A count the worker would refuse is shown as an error and never written into the diagram.
      if (problem || value === undefined || !parameter) return;
      modeling.updateModdleProperties(element, parameter, { value: `\${${value}}` });
    },
  });
}

function deadlineGroup(element: DiagramElement, counts: Count[]): Group {
  return {
    id: 'deadline',
    label: '期限（工作日）',
    entries: counts.map((count) => ({
      id: `deadline-${count.name}`,
      count,
      component: CountEntry,
      isEdited: isNumberFieldEntryEdited,
    })),
  };
}

function DeadlineProperties(propertiesPanel: PropertiesPanel) {
  // After the Camunda provider (priority 500 and up) has added the generic inputs this group takes counts from.
  propertiesPanel.registerProvider(200, {
    getGroups: (element) => (groups) => {
      if (!isComputeDueDate(element)) return groups;
      const counts = COUNTS.filter((count) => fixedCount(inputParameter(element, count.name)) !== undefined);
      if (counts.length === 0) return groups;
      // Not twice: the counts leave the generic inputs and, on a task made from the template, its text fields.
      const shown = new Set<unknown>(counts.map((c) => c.name));
      const asCount = (binding?: { type?: string; name?: string }) => binding?.type === 'camunda:inputParameter' && shown.has(binding.name);
      const rest = groups
        .map((group) => {
          if (group.id === 'CamundaPlatform__Input' && group.items) return { ...group, items: group.items.filter((item) => !shown.has(item.label)) };
          if (group.entries?.some((entry) => asCount(entry.property?.binding))) return { ...group, entries: group.entries.filter((entry) => !asCount(entry.property?.binding)) };
          return group;
        })
        .filter((group) => !group.entries || group.entries.length > 0);
      const general = rest.findIndex((group) => group.id === 'general');
      return [...rest.slice(0, general + 1), deadlineGroup(element, counts), ...rest.slice(general + 1)];
    },
  });
}
DeadlineProperties.$inject = ['propertiesPanel'];

export const DeadlinePropertiesModule = {
  __init__: ['deadlineProperties'],
  deadlineProperties: ['type', DeadlineProperties],
};
