// Chinese names for what the diagram diff reports: element types and the property paths of bpmn-diff.ts.

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

const PROPERTY_NAMES: Record<string, string> = {
  name: '名称',
  documentation: '说明',
  'operaton:topic': '外部任务主题',
  'operaton:type': '实现方式',
  'operaton:candidateGroups': '候选组',
  'operaton:candidateUsers': '候选用户',
  'operaton:assignee': '办理人',
  'operaton:formRef': '表单引用',
  'operaton:formRefBinding': '表单版本绑定',
  'operaton:formRefVersion': '表单版本',
  'operaton:formKey': '表单键',
  'operaton:dueDate': '到期时间',
  'operaton:followUpDate': '跟进时间',
  'operaton:priority': '优先级',
  'operaton:historyTimeToLive': '历史保留期',
  'operaton:asyncBefore': '之前异步',
  'operaton:asyncAfter': '之后异步',
  'operaton:exclusive': '排他执行',
  'operaton:jobPriority': '作业优先级',
  'operaton:taskPriority': '外部任务优先级',
  'operaton:decisionRef': '决策引用',
  'operaton:decisionRefBinding': '决策版本绑定',
  'operaton:resultVariable': '结果变量',
  'operaton:mapDecisionResult': '决策结果映射',
  'operaton:calledElementBinding': '被调流程版本绑定',
  'operaton:modelerTemplate': '元素模板',
  'operaton:modelerTemplateVersion': '元素模板版本',
  'operaton:versionTag': '版本标签',
  conditionExpression: '条件表达式',
  default: '默认流',
  sourceRef: '起点',
  targetRef: '终点',
  attachedToRef: '附着于',
  cancelActivity: '中断活动',
  isExecutable: '可执行',
  calledElement: '被调流程',
  'timerEventDefinition.timeDuration': '定时器：持续时间',
  'timerEventDefinition.timeDate': '定时器：日期',
  'timerEventDefinition.timeCycle': '定时器：周期',
  'messageEventDefinition.messageRef': '消息',
  'errorEventDefinition.errorRef': '错误',
  'signalEventDefinition.signalRef': '信号',
  'escalationEventDefinition.escalationRef': '升级',
  errorCode: '错误码',
  escalationCode: '升级码',
  text: '文本',
  类型: '元素类型',
};

const PATTERNS: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^operaton:inputParameter\[(.+)\]$/, (m) => `输入参数 ${m[1]}`],
  [/^operaton:outputParameter\[(.+)\]$/, (m) => `输出参数 ${m[1]}`],
  [/^operaton:property\[(.+)\]$/, (m) => `扩展属性 ${m[1]}`],
  [/^operaton:(execution|task)Listener/, (m) => (m[1] === 'task' ? '任务监听器' : '执行监听器')],
  [/^(\w+)EventDefinition$/, () => '事件定义'],
];

/** The Chinese name of a property path of bpmn-diff.ts (the path itself when none is known). */
export function propertyName(key: string): string {
  if (PROPERTY_NAMES[key]) return PROPERTY_NAMES[key];
  for (const [pattern, name] of PATTERNS) {
    const match = key.match(pattern);
    if (match) return name(match);
  }
  return key;
}
