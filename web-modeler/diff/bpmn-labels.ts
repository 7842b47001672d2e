// Chinese names for what the diagram diff reports: element types, and the property paths of bpmn-diff.ts named as
// the properties panel names them — in the panel's own words (its translate service) where it shows the property,
// and by the element template's field label for a template's input, output or extension property, so that
// `operaton:inputParameter[workingDays]` of a compute-due-date task reads 工作日天数, as in the panel.
import type { TemplateFile } from '../bpmn/template-bindings.ts';
import { translate } from '../bpmn/translate.ts';
import type { PropertyChange } from './bpmn-diff.ts';

const TYPE_NAMES: Record<string, string> = {
  'bpmn:Process': '流程',
  'bpmn:Collaboration': '协作',
  'bpmn:Participant': '参与者（池）',
  'bpmn:Lane': '泳道',
  'bpmn:SequenceFlow': '顺序流',
  'bpmn:MessageFlow': '消息流',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:IntermediateCatchEvent': '中间捕获事件',
  'bpmn:IntermediateThrowEvent': '中间抛出事件',
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:Task': '任务',
  'bpmn:ServiceTask': '服务任务',
  'bpmn:UserTask': '用户任务',
  'bpmn:ManualTask': '手工任务',
  'bpmn:ScriptTask': '脚本任务',
  'bpmn:BusinessRuleTask': '业务规则任务',
  'bpmn:SendTask': '发送任务',
  'bpmn:ReceiveTask': '接收任务',
  'bpmn:CallActivity': '调用活动',
  'bpmn:SubProcess': '子流程',
  'bpmn:Transaction': '事务子流程',
  'bpmn:ExclusiveGateway': '排他网关',
  'bpmn:ParallelGateway': '并行网关',
  'bpmn:InclusiveGateway': '包容网关',
  'bpmn:EventBasedGateway': '事件网关',
  'bpmn:ComplexGateway': '复杂网关',
  'bpmn:DataObjectReference': '数据对象',
  'bpmn:DataObject': '数据对象',
  'bpmn:DataStoreReference': '数据存储',
  'bpmn:TextAnnotation': '文本注释',
  'bpmn:Association': '关联',
  'bpmn:Group': '分组',
  'bpmn:DataInputAssociation': '数据输入关联',
  'bpmn:DataOutputAssociation': '数据输出关联',
  'bpmn:Message': '消息',
  'bpmn:Error': '错误',
  'bpmn:Signal': '信号',
  'bpmn:Escalation': '升级',
};

export const typeName = (type: string) => TYPE_NAMES[type] ?? type.replace(/^bpmn:/, '');

// The panel's English labels (translated by its service) for the properties it shows.
const PANEL_LABELS: Record<string, string> = {
  name: 'Name',
  documentation: 'Documentation',
  'operaton:topic': 'Topic',
  'operaton:type': 'Implementation',
  'operaton:candidateGroups': 'Candidate groups',
  'operaton:candidateUsers': 'Candidate users',
  'operaton:assignee': 'Assignee',
  'operaton:formRef': 'Form reference',
  'operaton:formKey': 'Form key',
  'operaton:dueDate': 'Due date',
  'operaton:followUpDate': 'Follow up date',
  'operaton:priority': 'Priority',
  'operaton:historyTimeToLive': 'Time to live',
  'operaton:asyncBefore': 'Asynchronous before',
  'operaton:asyncAfter': 'Asynchronous after',
  'operaton:exclusive': 'Exclusive',
  'operaton:jobPriority': 'Job priority',
  'operaton:taskPriority': 'Task priority',
  'operaton:decisionRef': 'Decision reference',
  'operaton:resultVariable': 'Result variable',
  'operaton:mapDecisionResult': 'Map decision result',
  'operaton:versionTag': 'Version tag',
  conditionExpression: 'Condition expression',
  default: 'Default flow',
  isExecutable: 'Executable',
  calledElement: 'Called element',
  'messageEventDefinition.messageRef': 'Message',
  'errorEventDefinition.errorRef': 'Error',
  'signalEventDefinition.signalRef': 'Signal',
};

// What the panel does not show as a field of its own.
const OTHER_NAMES: Record<string, string> = {
  'operaton:formRefBinding': '表单版本绑定',
  'operaton:formRefVersion': '表单版本',
  'operaton:decisionRefBinding': '决策版本绑定',
  'operaton:calledElementBinding': '被调流程版本绑定',
  'operaton:modelerTemplate': '元素模板',
  'operaton:modelerTemplateVersion': '元素模板版本',
  sourceRef: '起点',
  targetRef: '终点',
  attachedToRef: '附着于',
  cancelActivity: '中断活动',
  'escalationEventDefinition.escalationRef': '升级',
  errorCode: '错误码',
  escalationCode: '升级码',
  text: '文本',
  类型: '元素类型',
};

const TIMER_KINDS: Record<string, string> = { timeDuration: 'Duration', timeDate: 'Date', timeCycle: 'Cycle' };

interface TemplateField {
  label?: string;
  value?: string;
  binding: { type: string; name?: string; source?: string };
}

/** The template of an external task's topic: the one whose hidden `operaton:topic` property is that topic. */
function templateOf(files: readonly TemplateFile[], topic: string | null): TemplateField[] {
  if (!topic) return [];
  const templates = files.map((template) => template.properties as TemplateField[]);
  return templates.find((fields) => fields.some(({ binding, value }) => binding.type === 'property' && binding.name === 'operaton:topic' && value === topic)) ?? [];
}

/**
 * The template's label for a parameter or extension property: inputs and properties by name, outputs by the
 * expression they take (the template fixes the source, the process chooses the variable).
 */
function templateLabel(template: TemplateField[], kind: string, name: string, values: (string | null)[]): string | undefined {
  const field = template.find(({ binding }) =>
    kind === 'inputParameter' ? binding.type === 'camunda:inputParameter' && binding.name === name
    : kind === 'property' ? binding.type === 'camunda:property' && binding.name === name
    : binding.type === 'camunda:outputParameter' && values.includes(binding.source ?? null),
  );
  return field?.label;
}

const PARAMETER_NAMES: Record<string, string> = { inputParameter: 'Inputs', outputParameter: 'Outputs', property: 'Extension properties' };

/**
 * The Chinese name of a changed property of an element, as the properties panel names it: the template's field
 * label for a template's parameter, the panel's label otherwise (the path itself when none is known). `templates`:
 * the project's element templates (element-templates.ts), none while they load.
 */
export function propertyName(
  change: Pick<PropertyChange, 'key' | 'oldValue' | 'newValue'>,
  topic: string | null = null,
  templates: readonly TemplateFile[] = [],
): string {
  const { key } = change;
  if (PANEL_LABELS[key]) return translate(PANEL_LABELS[key]);
  if (OTHER_NAMES[key]) return OTHER_NAMES[key];
  const parameter = key.match(/^operaton:(inputParameter|outputParameter|property)\[(.+)\]$/);
  if (parameter) {
    const [, kind, name] = parameter as unknown as [string, string, string];
    return templateLabel(templateOf(templates, topic), kind, name, [change.oldValue, change.newValue]) ?? `${translate(PARAMETER_NAMES[kind]!)} ${name}`;
  }
  const timer = key.match(/^timerEventDefinition\.(timeDuration|timeDate|timeCycle)$/);
  if (timer) return `${translate('Timer')}：${translate(TIMER_KINDS[timer[1]!]!)}`;
  const listener = key.match(/^operaton:(execution|task)Listener/);
  if (listener) return translate(listener[1] === 'task' ? 'Task listeners' : 'Execution listeners');
  if (/^(\w+)EventDefinition$/.test(key)) return '事件定义';
  return key;
}
