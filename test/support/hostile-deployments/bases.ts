// The valid files every hostile deployment is made from: a small executable BPMN process, a one-rule DMN decision and
// a two-field form, each accepted by our checks and the engine as they are (the suite proves it with its controls).
// A hostile case changes one thing in one of them. Each process starts by a timer whose date is long past, so that,
// were a hostile file ever accepted, the engine would start it at once and run what it carries; what it carries is
// written to write a process variable `leak` wherever that is possible, so that the suite can look for it.

/** Every key (process, decision, form id) and file name of a hostile case starts with this. */
export const HOSTILE_PREFIX = 'hostile-';

/** A timer start at a date already past: the engine fires it as soon as its job executor sees the job. */
export const PAST_DATE = '2024-01-01T00:00:00Z';

export const NS = {
  bpmn: 'http://www.omg.org/spec/BPMN/20100524/MODEL',
  operaton: 'http://operaton.org/schema/1.0/bpmn',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  camunda: 'http://camunda.org/schema/1.0/bpmn',
  activiti: 'http://activiti.org/bpmn',
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
} as const;

/** A shipped form the user tasks of the bases show, so that a user task is complete without the hostile part. */
export const SHIPPED_FORM = 'acceptance';

export interface ProcessParts {
  /** The process id (its key in the engine). */
  key: string;
  /** Text before the root element (a DOCTYPE). */
  prolog?: string;
  /** Extra attributes and namespace declarations on bpmn:definitions. */
  definitionsAttrs?: string;
  /** Root elements before the process: messages, imports, item definitions. */
  roots?: string;
  /** Extra attributes on bpmn:process. */
  processAttrs?: string;
  /** The process's own extension elements (listeners). */
  processExtensions?: string;
  /**
   * The flow node(s) between the start and the end: whatever is there takes `to-step` in and gives `from-step`
   * out (see `step`). Default: a plain task.
   */
  step?: string;
  /** Sequence flows replacing the default `to-step` and `from-step` (a gateway needs more). */
  flows?: string;
  /** More flow nodes: a second start event, a boundary event. */
  more?: string;
  /** Text inside the definitions after the process (a huge comment). */
  trailer?: string;
}

/**
 * A flow node between the start and the end, `hostile-step` unless told: `inner` goes before its incoming and
 * outgoing (extension elements, event definitions), `after` after them (loop characteristics, a script, resource
 * roles), in the order BPMN's schema wants.
 */
export function step(tag: string, attrs: string, parts: { inner?: string; after?: string; id?: string } = {}): string {
  return `<bpmn:${tag} id="${parts.id ?? 'hostile-step'}" name="恶意步骤" ${attrs}>
      ${parts.inner ?? ''}
      <bpmn:incoming>to-step</bpmn:incoming>
      <bpmn:outgoing>from-step</bpmn:outgoing>
      ${parts.after ?? ''}
    </bpmn:${tag}>`;
}

export const DEFAULT_FLOWS = `<bpmn:sequenceFlow id="to-step" sourceRef="hostile-start" targetRef="hostile-step" />
    <bpmn:sequenceFlow id="from-step" sourceRef="hostile-step" targetRef="hostile-end" />`;

const FLOW_NODE = /<bpmn:(startEvent|endEvent|task|userTask|serviceTask|scriptTask|businessRuleTask|sendTask|receiveTask|manualTask|callActivity|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent|exclusiveGateway) id="([^"]+)"/g;
const SEQUENCE_FLOW = /<bpmn:sequenceFlow id="([^"]+)"[^>]*? sourceRef="([^"]+)" targetRef="([^"]+)"/g;

/** Shapes in a row for every flow node of `processXml`, edges for its sequence flows: what the modeler draws. */
function diagramOf(key: string, process: string): string {
  const at = new Map<string, number>();
  const shapes = [...process.matchAll(FLOW_NODE)].map(([, , id], i) => {
    at.set(id!, 100 + i * 150);
    return `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${100 + i * 150}" y="100" width="100" height="80" /></bpmndi:BPMNShape>`;
  });
  const edges = [...process.matchAll(SEQUENCE_FLOW)].map(
    ([, id, source, target]) =>
      `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${(at.get(source!) ?? 0) + 100}" y="140" /><di:waypoint x="${at.get(target!) ?? 0}" y="140" /></bpmndi:BPMNEdge>`,
  );
  return `<bpmndi:BPMNDiagram id="${key}-diagram"><bpmndi:BPMNPlane id="${key}-plane" bpmnElement="${key}">
    ${[...shapes, ...edges].join('\n    ')}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`;
}

/** An executable process: a timer start long past → `step` → end, with its diagram. */
export function processXml(parts: ProcessParts): string {
  const process = processElement(parts);
  return `${parts.prolog ?? '<?xml version="1.0" encoding="UTF-8"?>'}
<bpmn:definitions xmlns:bpmn="${NS.bpmn}" xmlns:bpmndi="${NS.bpmndi}" xmlns:dc="${NS.dc}" xmlns:di="${NS.di}" xmlns:operaton="${NS.operaton}" xmlns:xsi="${NS.xsi}" id="${parts.key}-definitions" targetNamespace="http://dpf.zj.cn/test/hostile" ${parts.definitionsAttrs ?? ''}>
  ${parts.roots ?? ''}
  ${process}
  ${diagramOf(parts.key, process)}
  ${parts.trailer ?? ''}
</bpmn:definitions>
`;
}

function processElement(parts: ProcessParts): string {
  return `<bpmn:process id="${parts.key}" name="恶意部署 ${parts.key}" isExecutable="true" operaton:historyTimeToLive="P1D" ${parts.processAttrs ?? ''}>
    ${parts.processExtensions ? `<bpmn:extensionElements>${parts.processExtensions}</bpmn:extensionElements>` : ''}
    <bpmn:startEvent id="hostile-start" name="立即开始">
      <bpmn:outgoing>to-step</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${PAST_DATE}</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:startEvent>
    ${parts.step ?? step('task', '')}
    ${parts.more ?? ''}
    <bpmn:endEvent id="hostile-end" name="结束"><bpmn:incoming>from-step</bpmn:incoming></bpmn:endEvent>
    ${parts.flows ?? DEFAULT_FLOWS}
  </bpmn:process>`;
}

/** An external service task as our workers serve them: the only kind of service task a deployment may have. */
export const EXTERNAL = 'operaton:type="external" operaton:topic="record-filing-status"';

/** A user task's form, so that it is complete without the hostile part. */
export const USER_TASK_FORM = `operaton:formRef="${SHIPPED_FORM}" operaton:formRefBinding="latest"`;

export interface DecisionParts {
  key: string;
  prolog?: string;
  /** Extra attributes on definitions (expressionLanguage). */
  definitionsAttrs?: string;
  /** Extra attributes on the input expression. */
  inputExpressionAttrs?: string;
  inputExpression?: string;
  inputEntry?: string;
  outputName?: string;
  outputEntry?: string;
  /** Extra attributes on the output entry. */
  outputEntryAttrs?: string;
  /** Replaces the decision table: another decision logic. */
  logic?: string;
  /** More elements in the definitions (a business knowledge model). */
  more?: string;
}

/** A one-rule decision table of the base's own, its ids all under the key. */
export function decisionXml(parts: DecisionParts): string {
  const table = `<decisionTable id="hostile-table" hitPolicy="FIRST">
      <input id="hostile-input" label="证件等级">
        <inputExpression id="hostile-input-expression" typeRef="integer" ${parts.inputExpressionAttrs ?? ''}><text>${parts.inputExpression ?? 'certGrade'}</text></inputExpression>
      </input>
      <output id="hostile-output" name="${parts.outputName ?? 'weight'}" typeRef="${parts.outputName === 'reason' ? 'string' : 'integer'}" />
      <rule id="hostile-rule">
        <inputEntry id="hostile-input-entry"><text>${parts.inputEntry ?? '&lt;= 2'}</text></inputEntry>
        <outputEntry id="hostile-output-entry" ${parts.outputEntryAttrs ?? ''}><text>${parts.outputEntry ?? '2'}</text></outputEntry>
      </rule>
    </decisionTable>`;
  return `${parts.prolog ?? '<?xml version="1.0" encoding="UTF-8"?>'}
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:operaton="http://operaton.org/schema/1.0/dmn" id="${parts.key}-definitions" name="恶意决策 ${parts.key}" namespace="http://dpf.zj.cn/test/hostile" ${parts.definitionsAttrs ?? ''}>
  <decision id="${parts.key}" name="恶意决策" operaton:historyTimeToLive="P1D">
    ${parts.logic ?? table}
  </decision>
  ${parts.more ?? ''}
</definitions>
`;
}

/** A form: the hostile component first (at /components/0), a plain field after it. */
export function formJson(id: string, component: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      $schema: 'https://unpkg.com/@bpmn-io/form-json-schema@1.8.0/resources/schema.json',
      schemaVersion: 16,
      executionPlatform: 'Camunda Platform',
      executionPlatformVersion: '7.21.0',
      exporter: { name: 'hostile-suite', version: '1' },
      id,
      type: 'default',
      components: [component, { id: 'hostile-note', key: 'hostileNote', label: '说明', type: 'textfield' }],
      ...top,
    },
    null,
    2,
  );
}
