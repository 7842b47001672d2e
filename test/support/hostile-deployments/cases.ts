// The hostile deployments (issue 17, item 5): one file per case, each with the one construct of
// spec-17.md it tries, the rule our checks must name and the element the finding must be on. Built from the valid
// bases (bases.ts) at run time rather than kept as files, so that each case shows in a few lines what it changes,
// and the 50 MB diagram is never committed. `npx tsx test/support/hostile-deployments/write-files.ts DIR` writes
// them out as files (for trying them on the engine by hand).
import {
  decisionXml,
  DEFAULT_FLOWS,
  EXTERNAL,
  formJson,
  HOSTILE_PREFIX,
  NS,
  processXml,
  step,
  USER_TASK_FORM,
  type DecisionParts,
  type ProcessParts,
} from './bases.ts';

/** The finding rules of spec-17.md. */
export type Rule =
  | 'no-script'
  | 'no-code'
  | 'no-listener'
  | 'no-connector'
  | 'no-external-resource'
  | 'foreign-extension'
  | 'not-allowed'
  | 'expression-grammar'
  | 'timer-frequency'
  | 'called-element'
  | 'xml-doctype'
  | 'file-size'
  | 'feel-grammar'
  | 'form-content';

export interface HostileCase {
  /** Unique; the file is `hostile-<name>.<ext>` and its process, decision or form key `hostile-<name>`. */
  name: string;
  /** What the file tries, in a few words. */
  what: string;
  file: string;
  content(): string;
  /**
   * The rule the finding must carry and the element it must be on: '' for the file as a whole; for a form, the
   * JSON pointer of the component (a finding at a pointer inside it counts). No rule for a file refused by its
   * name: spec-17.md refuses other endings without naming a rule.
   */
  rule: Rule | null;
  elementId: string;
  /** The process and decision keys the file would define: none of them may exist in the engine afterwards. */
  processKeys: string[];
  decisionKeys: string[];
  /**
   * How POST /api/deployments refuses it: with findings (400), as too large a request (413), or by the file's
   * name before any check (400, field error at /resources/0/name).
   */
  api: 'findings' | 'too-large' | 'file-name';
  /** How the engine's REST refuses it: a ParseException (400), or the request as too large (413). */
  engine: 'parse' | 'too-large';
  /**
   * FEEL that loops a hundred million times: a check that evaluates it (form-js rendering a template, say) blocks
   * the API's thread or fills its memory. The suite first tries the checks on it in a child process.
   */
  exhausting?: boolean;
}

const ext = (inner: string) => `<bpmn:extensionElements>${inner}</bpmn:extensionElements>`;

// What a hostile file would run, were it accepted: it writes the engine database's address into `leak`.
const LEAK = "${execution.setVariable('leak', environment.getProperty('spring.datasource.url'))}";
// An input mapping that writes `leak`, allowed in itself (literal text is never evaluated): what the timer cases run.
const LEAK_MAPPING = ext('<operaton:inputOutput><operaton:inputParameter name="leak">由恶意定时器写入</operaton:inputParameter></operaton:inputOutput>');

function bpmnCase(name: string, what: string, rule: Rule | null, elementId: string, parts: Omit<ProcessParts, 'key'>, overrides: Partial<HostileCase> = {}): HostileCase {
  const key = HOSTILE_PREFIX + name;
  return {
    name,
    what,
    file: `${key}.bpmn`,
    content: () => processXml({ key, ...parts }),
    rule,
    elementId: elementId.replace('{key}', key),
    processKeys: [key],
    decisionKeys: [],
    api: 'findings',
    engine: 'parse',
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Every refused construct of the BPMN walk.

const gatewayWith = (conditionExpression: string): Omit<ProcessParts, 'key'> => ({
  step: `<bpmn:exclusiveGateway id="hostile-step" name="分支" default="from-step">
      <bpmn:incoming>to-step</bpmn:incoming><bpmn:outgoing>from-step</bpmn:outgoing><bpmn:outgoing>hostile-flow</bpmn:outgoing>
    </bpmn:exclusiveGateway>`,
  more: '<bpmn:endEvent id="hostile-other-end" name="另一结束"><bpmn:incoming>hostile-flow</bpmn:incoming></bpmn:endEvent>',
  flows: `${DEFAULT_FLOWS}
    <bpmn:sequenceFlow id="hostile-flow" name="条件" sourceRef="hostile-step" targetRef="hostile-other-end">${conditionExpression}</bpmn:sequenceFlow>`,
});

// The engine allows one timer start: the cycle is on a non-interrupting boundary timer of a waiting user task
// instead, each firing writing `leak`.
const cycleTimer = (cycle: string): Omit<ProcessParts, 'key'> => ({
  step: step('userTask', USER_TASK_FORM),
  more: `<bpmn:boundaryEvent id="hostile-cycle" name="周期" attachedToRef="hostile-step" cancelActivity="false">
      <bpmn:outgoing>from-cycle</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${cycle}</bpmn:timeCycle></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:task id="hostile-leak-task" name="写入">${LEAK_MAPPING}<bpmn:incoming>from-cycle</bpmn:incoming><bpmn:outgoing>to-leak-end</bpmn:outgoing></bpmn:task>
    <bpmn:endEvent id="hostile-leak-end" name="已写入"><bpmn:incoming>to-leak-end</bpmn:incoming></bpmn:endEvent>`,
  flows: `${DEFAULT_FLOWS}
    <bpmn:sequenceFlow id="from-cycle" sourceRef="hostile-cycle" targetRef="hostile-leak-task" />
    <bpmn:sequenceFlow id="to-leak-end" sourceRef="hostile-leak-task" targetRef="hostile-leak-end" />`,
});

const constructs: HostileCase[] = [
  // no-script
  bpmnCase('script-task', 'a script task', 'no-script', 'hostile-step', {
    step: step('scriptTask', 'scriptFormat="javascript"', { after: "<bpmn:script>execution.setVariable('leak', java.lang.System.getenv('PGPASSWORD'))</bpmn:script>" }),
  }),
  bpmnCase('script-task-resource', 'a script task whose script is a resource (operaton:resource)', 'no-script', 'hostile-step', {
    step: step('scriptTask', 'scriptFormat="groovy" operaton:resource="classpath://application.yaml" operaton:resultVariable="leak"'),
  }),
  bpmnCase('resource-attribute', 'operaton:resource on an external service task', 'no-script', 'hostile-step', {
    step: step('serviceTask', `${EXTERNAL} operaton:resource="deployment://hostile.js"`),
  }),
  bpmnCase('result-variable', 'operaton:resultVariable on an external service task', 'no-script', 'hostile-step', {
    step: step('serviceTask', `${EXTERNAL} operaton:resultVariable="leak"`),
  }),
  bpmnCase('script-in-input-parameter', 'operaton:script as an input parameter', 'no-script', 'hostile-step', {
    step: step('task', '', {
      inner: ext('<operaton:inputOutput><operaton:inputParameter name="leak"><operaton:script scriptFormat="javascript">java.lang.System.getenv(\'PGPASSWORD\')</operaton:script></operaton:inputParameter></operaton:inputOutput>'),
    }),
  }),
  bpmnCase('script-resource-in-output-parameter', 'operaton:script with a resource as an output parameter', 'no-script', 'hostile-step', {
    step: step('task', '', {
      inner: ext('<operaton:inputOutput><operaton:outputParameter name="leak"><operaton:script scriptFormat="groovy" resource="classpath://application.yaml" /></operaton:outputParameter></operaton:inputOutput>'),
    }),
  }),
  bpmnCase('condition-language-javascript', 'a sequence-flow condition in JavaScript', 'no-script', 'hostile-flow',
    gatewayWith(`<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">execution.setVariable('leak', java.lang.System.getenv('PGPASSWORD')); true</bpmn:conditionExpression>`),
  ),

  // no-code
  bpmnCase('operaton-class', 'a service task running a Java class', 'no-code', 'hostile-step', {
    step: step('serviceTask', 'operaton:class="cn.zj.dpf.hostile.Leak"'),
  }),
  bpmnCase('operaton-expression', "issue 17's exploit: a service task's operaton:expression writing the datasource URL", 'no-code', 'hostile-step', {
    step: step('serviceTask', `operaton:expression="${LEAK}"`),
  }),
  bpmnCase('operaton-delegate-expression', 'a service task delegating to a bean', 'no-code', 'hostile-step', {
    step: step('serviceTask', 'operaton:delegateExpression="${dataSource}"'),
  }),
  bpmnCase('external-task-with-expression', 'an external service task that also carries operaton:expression', 'no-code', 'hostile-step', {
    step: step('serviceTask', `${EXTERNAL} operaton:expression="${LEAK}"`),
  }),
  bpmnCase('business-rule-task-decision-ref', 'a business rule task evaluating a decision in the engine', 'no-code', 'hostile-step', {
    step: step('businessRuleTask', 'operaton:decisionRef="employee-month" operaton:decisionRefBinding="latest"'),
  }),
  bpmnCase('field-injection', 'operaton:field with an expression on an external service task', 'no-code', 'hostile-step', {
    step: step('serviceTask', EXTERNAL, { inner: ext(`<operaton:field name="leak"><operaton:expression>${LEAK}</operaton:expression></operaton:field>`) }),
  }),
  bpmnCase('form-data', 'generated task forms (operaton:formData) with an expression default', 'no-code', 'hostile-step', {
    step: step('userTask', USER_TASK_FORM, {
      inner: ext('<operaton:formData><operaton:formField id="leak" label="泄露" type="string" defaultValue="${environment.getProperty(\'spring.datasource.url\')}" /></operaton:formData>'),
    }),
  }),
  bpmnCase('potential-owner', 'bpmn:potentialOwner with an expression', 'no-code', 'hostile-step', {
    step: step('userTask', USER_TASK_FORM, {
      after: `<bpmn:potentialOwner><bpmn:resourceAssignmentExpression><bpmn:formalExpression>${LEAK}</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner>`,
    }),
  }),
  bpmnCase('operaton-uri-under-another-prefix', "operaton:expression written with another prefix bound to Operaton's namespace", 'no-code', 'hostile-step', {
    step: step('serviceTask', `xmlns:x="${NS.operaton}" x:expression="${LEAK}"`),
  }),

  // not-allowed
  bpmnCase('service-task-not-external', 'a service task that is not operaton:type="external"', 'not-allowed', 'hostile-step', {
    step: step('serviceTask', 'operaton:topic="record-filing-status"'),
  }),
  bpmnCase('form-key-embedded', 'an embedded form (HTML and script from the deployment)', 'not-allowed', 'hostile-step', {
    step: step('userTask', 'operaton:formKey="embedded:deployment:hostile.html"'),
  }),
  bpmnCase('form-key-app', 'an app: form key (a page of the web apps)', 'not-allowed', 'hostile-step', {
    step: step('userTask', 'operaton:formKey="app:../../admin/default/#/users"'),
  }),

  // no-listener
  bpmnCase('execution-listener-script', "a script execution listener on the process's start", 'no-listener', '{key}', {
    processExtensions: "<operaton:executionListener event=\"start\"><operaton:script scriptFormat=\"javascript\">execution.setVariable('leak', java.lang.System.getenv('PGPASSWORD'))</operaton:script></operaton:executionListener>",
  }),
  bpmnCase('execution-listener-expression', 'an expression execution listener on a sequence flow', 'no-listener', 'to-step', {
    flows: `<bpmn:sequenceFlow id="to-step" sourceRef="hostile-start" targetRef="hostile-step">${ext(`<operaton:executionListener event="take" expression="${LEAK}" />`)}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="from-step" sourceRef="hostile-step" targetRef="hostile-end" />`,
  }),
  bpmnCase('execution-listener-class', 'a Java class execution listener on a task', 'no-listener', 'hostile-step', {
    step: step('task', '', { inner: ext('<operaton:executionListener event="start" class="cn.zj.dpf.hostile.Leak" />') }),
  }),
  bpmnCase('delegate-expression-on-listener', 'operaton:delegateExpression on an execution listener', 'no-listener', 'hostile-step', {
    step: step('task', '', { inner: ext('<operaton:executionListener event="start" delegateExpression="${dataSource}" />') }),
  }),
  bpmnCase('task-listener', 'a task listener with an expression', 'no-listener', 'hostile-step', {
    step: step('userTask', USER_TASK_FORM, { inner: ext("<operaton:taskListener event=\"create\" expression=\"${task.setVariable('leak', task.getProcessEngineServices().getIdentityService().createUserQuery().list())}\" />") }),
  }),

  // no-connector
  bpmnCase('connector', "an HTTP connector calling the engine's own REST", 'no-connector', 'hostile-step', {
    step: step('serviceTask', '', {
      inner: ext(`<operaton:connector><operaton:connectorId>http-connector</operaton:connectorId><operaton:inputOutput>
        <operaton:inputParameter name="url">http://127.0.0.1:8080/engine-rest/user</operaton:inputParameter>
        <operaton:inputParameter name="method">GET</operaton:inputParameter>
        <operaton:outputParameter name="leak">\${response}</operaton:outputParameter>
      </operaton:inputOutput></operaton:connector>`),
    }),
  }),

  // no-external-resource
  bpmnCase('import', 'bpmn:import of an external schema', 'no-external-resource', '{key}-definitions', {
    roots: '<bpmn:import importType="http://www.w3.org/2001/XMLSchema" location="http://127.0.0.1:9/hostile.xsd" namespace="http://dpf.zj.cn/test/hostile-import" />',
  }),
  bpmnCase('item-definition', 'an item definition naming a Java class', 'no-external-resource', 'hostile-item', {
    roots: '<bpmn:itemDefinition id="hostile-item" structureRef="java.lang.Runtime" />',
  }),
  bpmnCase('interface', 'an interface whose operation is implemented by a Java method', 'no-external-resource', 'hostile-runtime-interface', {
    roots: `<bpmn:message id="hostile-in" name="in" />
  <bpmn:interface id="hostile-runtime-interface" name="运行时" implementationRef="java.lang.Runtime">
    <bpmn:operation id="hostile-operation" name="exec" implementationRef="exec"><bpmn:inMessageRef>hostile-in</bpmn:inMessageRef></bpmn:operation>
  </bpmn:interface>`,
  }),

  // foreign-extension
  bpmnCase('camunda-attribute', 'camunda:expression (the engine still reads the camunda: namespace)', 'foreign-extension', 'hostile-step', {
    definitionsAttrs: `xmlns:camunda="${NS.camunda}"`,
    step: step('serviceTask', `camunda:expression="${LEAK}"`),
  }),
  bpmnCase('camunda-element', 'a camunda:taskListener element', 'foreign-extension', 'hostile-step', {
    definitionsAttrs: `xmlns:camunda="${NS.camunda}"`,
    step: step('userTask', USER_TASK_FORM, { inner: ext(`<camunda:taskListener event="create" expression="${LEAK}" />`) }),
  }),
  bpmnCase('camunda-uri-under-operaton-prefix', "the operaton: prefix bound to Camunda's namespace on the element", 'foreign-extension', 'hostile-step', {
    step: step('serviceTask', `xmlns:operaton="${NS.camunda}" operaton:expression="${LEAK}"`),
  }),
  bpmnCase('activiti-attribute', 'activiti:class', 'foreign-extension', 'hostile-step', {
    definitionsAttrs: `xmlns:activiti="${NS.activiti}"`,
    step: step('serviceTask', 'activiti:class="cn.zj.dpf.hostile.Leak"'),
  }),
  bpmnCase('unknown-namespace-element', 'an element of a namespace nobody declared allowed', 'foreign-extension', 'hostile-step', {
    definitionsAttrs: 'xmlns:x="urn:hostile:extension"',
    step: step('task', '', { inner: ext('<x:run command="cat /etc/passwd" />') }),
  }),

  // called-element
  bpmnCase('call-activity-missing-process', 'a call activity of a process that does not exist', 'called-element', 'hostile-step', {
    step: step('callActivity', 'calledElement="hostile-nowhere"'),
  }),
  bpmnCase('call-activity-expression', 'a call activity whose process is an expression', 'called-element', 'hostile-step', {
    step: step('callActivity', "calledElement=\"${execution.getVariable('target')}\""),
  }),

  // timer-frequency: a boundary timer cycling while the user task waits; each firing writes `leak`.
  bpmnCase('timer-cycle-r2-pt5s', 'a cycle every 5 seconds (R2/PT5S)', 'timer-frequency', 'hostile-cycle', cycleTimer('R2/PT5S')),
  bpmnCase('timer-cycle-59-minutes', 'a cycle every 59 minutes (R/PT59M)', 'timer-frequency', 'hostile-cycle', cycleTimer('R/PT59M')),
  bpmnCase('timer-cycle-with-start-date', 'a cycle from a start date every 30 minutes', 'timer-frequency', 'hostile-cycle', cycleTimer('R/2024-01-01T00:00:00Z/PT30M')),
  bpmnCase('timer-cron-every-second', 'cron * * * * * ?', 'timer-frequency', 'hostile-cycle', cycleTimer('* * * * * ?')),
  bpmnCase('timer-cron-every-5-minutes', 'cron 0 */5 * * * ?', 'timer-frequency', 'hostile-cycle', cycleTimer('0 */5 * * * ?')),
  bpmnCase('timer-cron-twice-an-hour', 'cron 0 0,30 * * * ?', 'timer-frequency', 'hostile-cycle', cycleTimer('0 0,30 * * * ?')),
  bpmnCase('timer-cron-every-minute', 'cron 0 * * * * ?', 'timer-frequency', 'hostile-cycle', cycleTimer('0 * * * * ?')),
  bpmnCase('timer-cron-minute-range', 'cron 0 0-59 9 * * ?', 'timer-frequency', 'hostile-cycle', cycleTimer('0 0-59 9 * * ?')),
  bpmnCase('timer-cycle-expression', 'a cycle given as an expression', 'timer-frequency', 'hostile-cycle', cycleTimer('${cycle}')),

  // xml-doctype: before anything parses the file.
  bpmnCase('doctype-external-entity', 'XXE: an external entity reading /etc/passwd into `leak`', 'xml-doctype', '', {
    prolog: '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE bpmn:definitions [ <!ENTITY passwd SYSTEM "file:///etc/passwd"> ]>',
    step: step('task', '', { inner: ext('<operaton:inputOutput><operaton:inputParameter name="leak">&passwd;</operaton:inputParameter></operaton:inputOutput>') }),
  }),
  bpmnCase('doctype-billion-laughs', 'the "billion laughs" entity expansion', 'xml-doctype', '', {
    prolog: `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE bpmn:definitions [
  <!ENTITY lol "lol">
  ${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n  ')}
]>`,
    step: step('task', '', { inner: '<bpmn:documentation>&lol9;</bpmn:documentation>' }),
  }),
  bpmnCase('doctype-external-dtd', 'an external DTD fetched from the network', 'xml-doctype', '', {
    prolog: '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE bpmn:definitions SYSTEM "http://127.0.0.1:9/hostile.dtd">',
  }),
  bpmnCase('doctype-parameter-entity', 'a parameter entity pulling an external DTD', 'xml-doctype', '', {
    prolog: '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE bpmn:definitions [ <!ENTITY % remote SYSTEM "http://127.0.0.1:9/hostile.dtd"> %remote; ]>',
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Size and names.

const MB = 1024 * 1024;
const padded = (name: string, bytes: number): (() => string) => {
  let made: string | undefined;
  return () => {
    if (made) return made;
    const xml = processXml({ key: HOSTILE_PREFIX + name, step: step('serviceTask', `operaton:expression="${LEAK}"`), trailer: '<!--PAD-->' });
    made = xml.replace('<!--PAD-->', `<!--${'x'.repeat(Math.max(0, bytes - xml.length))}-->`);
    return made;
  };
};

const sizeAndNames: HostileCase[] = [
  {
    ...bpmnCase('diagram-50-mb', 'a 50 MB diagram (the expression exploit, padded)', 'file-size', '', {}),
    content: padded('diagram-50-mb', 50 * MB),
    api: 'too-large',
    engine: 'too-large',
  },
  {
    // Over the resource limit (2 MiB), under the deployment's (10 MiB): the engine refuses the file; our API's
    // request body limit (BODY_LIMIT_BYTES, 2 MiB) refuses the request before any check sees it.
    ...bpmnCase('diagram-over-resource-limit', 'a diagram just over maxResourceBytes', 'file-size', '', {}),
    content: padded('diagram-over-resource-limit', 2 * MB + 4096),
    api: 'too-large',
  },
  {
    // The engine parses *.bpmn20.xml as BPMN as well: a way round a check that looks at .bpmn only.
    ...bpmnCase('file-bpmn20-xml', 'a diagram named .bpmn20.xml', null, '', { step: step('serviceTask', `operaton:expression="${LEAK}"`) }),
    file: `${HOSTILE_PREFIX}file-bpmn20-xml.bpmn20.xml`,
    api: 'file-name',
  },
  {
    // A script a diagram could name by operaton:resource="deployment://…".
    ...bpmnCase('file-js', 'a JavaScript resource', null, '', {}),
    file: `${HOSTILE_PREFIX}file-js.js`,
    content: () => "execution.setVariable('leak', java.lang.System.getenv('PGPASSWORD'));\n",
    processKeys: [],
    api: 'file-name',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Each expression position × each kind of hostile expression. Payloads are as they stand in the XML (the last
// unicode one is XML character references: what the parser hands on is `${execution.getVariable('x')}`).

const PAYLOADS: Record<string, string[]> = {
  'method-call': [
    "${execution.getVariable('x')}",
    '${x.toString()}',
    "${''.getClass().forName('java.lang.Runtime')}",
    LEAK,
  ],
  'bean-name': ['${environment}', '${dataSource}', '${execution}', '${task}'],
  deferred: ['#{x}', "#{execution.setVariable('leak', 1)}"],
  nested: ["${'${x}'}", '${&quot;${execution}&quot;}'],
  'unicode-escape': ['\\u0024{x}', '${\\u0065xecution}', '&#36;{execution.getVariable(&#39;x&#39;)}', "${\uFF45xecution.getVariable('x')}"],
};

interface Position {
  name: string;
  elementId: string;
  /** The rule a bad value in this position breaks: the expression grammar, or the form key's fixed shape. */
  rule: Rule;
  parts(payload: string): Omit<ProcessParts, 'key'>;
}

const timerStep = (kind: string) => (p: string) => ({
  step: step('intermediateCatchEvent', '', { after: `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${p}</bpmn:${kind}></bpmn:timerEventDefinition>` }),
});
const mapping = (kind: 'input' | 'output') => (p: string) => ({
  step: step('task', '', { inner: ext(`<operaton:inputOutput><operaton:${kind}Parameter name="leak">${p}</operaton:${kind}Parameter></operaton:inputOutput>`) }),
});
const userTask = (attr: string) => (p: string) => ({ step: step('userTask', `${USER_TASK_FORM} operaton:${attr}="${p}"`) });

const POSITIONS: Position[] = [
  { name: 'condition', elementId: 'hostile-flow', rule: 'expression-grammar', parts: (p) => gatewayWith(`<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${p}</bpmn:conditionExpression>`) },
  { name: 'input-parameter', elementId: 'hostile-step', rule: 'expression-grammar', parts: mapping('input') },
  { name: 'output-parameter', elementId: 'hostile-step', rule: 'expression-grammar', parts: mapping('output') },
  { name: 'candidate-groups', elementId: 'hostile-step', rule: 'expression-grammar', parts: userTask('candidateGroups') },
  { name: 'assignee', elementId: 'hostile-step', rule: 'expression-grammar', parts: userTask('assignee') },
  { name: 'due-date', elementId: 'hostile-step', rule: 'expression-grammar', parts: userTask('dueDate') },
  { name: 'time-date', elementId: 'hostile-step', rule: 'expression-grammar', parts: timerStep('timeDate') },
  { name: 'time-duration', elementId: 'hostile-step', rule: 'expression-grammar', parts: timerStep('timeDuration') },
  {
    name: 'loop-cardinality',
    elementId: 'hostile-step',
    rule: 'expression-grammar',
    parts: (p) => ({ step: step('task', '', { after: `<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${p}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>` }) }),
  },
  {
    name: 'completion-condition',
    elementId: 'hostile-step',
    rule: 'expression-grammar',
    parts: (p) => ({
      step: step('task', '', {
        after: `<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">2</bpmn:loopCardinality><bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${p}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>`,
      }),
    }),
  },
  {
    name: 'message-name',
    elementId: 'hostile-message',
    rule: 'expression-grammar',
    parts: (p) => ({
      roots: `<bpmn:message id="hostile-message" name="${p}" />`,
      step: step('intermediateCatchEvent', '', { after: '<bpmn:messageEventDefinition messageRef="hostile-message" />' }),
    }),
  },
  // A form key is not an expression at all: exactly operaton-forms:deployment:NAME.form (spec-17.md, kind formKey).
  { name: 'form-key', elementId: 'hostile-step', rule: 'not-allowed', parts: (p) => ({ step: step('userTask', `operaton:formKey="${p}"`) }) },
];

// Two more positions the policy declares as expressions, each with the method call that writes `leak`.
const MORE_POSITIONS: Position[] = [
  { name: 'job-priority', elementId: 'hostile-step', rule: 'expression-grammar', parts: (p) => ({ step: step('task', `operaton:asyncBefore="true" operaton:jobPriority="${p}"`) }) },
  {
    name: 'collection',
    elementId: 'hostile-step',
    rule: 'expression-grammar',
    parts: (p) => ({ step: step('task', '', { after: `<bpmn:multiInstanceLoopCharacteristics operaton:collection="${p}" operaton:elementVariable="leak" />` }) }),
  },
];

const expressionCases: HostileCase[] = [
  ...POSITIONS.flatMap((position, i) =>
    Object.entries(PAYLOADS).map(([kind, variants]) => {
      // Each position takes one variant of each kind, in turn, so that every variant appears in several positions.
      const payload = variants[i % variants.length]!;
      return bpmnCase(`${position.name}-${kind}`, `${position.name}: ${payload}`, position.rule, position.elementId, position.parts(payload));
    }),
  ),
  ...MORE_POSITIONS.map((position) => bpmnCase(`${position.name}-method-call`, `${position.name}: ${LEAK}`, position.rule, position.elementId, position.parts(LEAK))),
];

// ---------------------------------------------------------------------------------------------------------------
// Decisions.

function dmnCase(name: string, what: string, rule: Rule, elementId: string, parts: Omit<DecisionParts, 'key'>): HostileCase {
  const key = HOSTILE_PREFIX + name;
  return {
    name,
    what,
    file: `${key}.dmn`,
    content: () => decisionXml({ key, ...parts }),
    rule,
    elementId: elementId.replace('{key}', key),
    processKeys: [],
    decisionKeys: [key],
    api: 'findings',
    engine: 'parse',
  };
}

const literal = (text: string) => `<variable id="hostile-variable" name="result" typeRef="number" />
    <literalExpression id="hostile-literal"><text>${text}</text></literalExpression>`;

const decisions: HostileCase[] = [
  dmnCase('dmn-juel-on-definitions', 'expressionLanguage="juel" for the whole file', 'feel-grammar', '{key}-definitions', {
    definitionsAttrs: 'expressionLanguage="juel"',
    inputExpression: "${environment.getProperty('spring.datasource.url')}",
  }),
  dmnCase('dmn-javascript-on-definitions', 'expressionLanguage="javascript" for the whole file', 'feel-grammar', '{key}-definitions', {
    definitionsAttrs: 'expressionLanguage="javascript"',
    inputExpression: "java.lang.System.getenv('PGPASSWORD')",
  }),
  dmnCase('dmn-juel-on-input-expression', 'expressionLanguage="juel" on an input expression', 'feel-grammar', 'hostile-input-expression', {
    inputExpressionAttrs: 'expressionLanguage="juel"',
    inputExpression: "${environment.getProperty('spring.datasource.url')}",
  }),
  dmnCase('dmn-javascript-on-input-expression', 'expressionLanguage="javascript" on an input expression', 'feel-grammar', 'hostile-input-expression', {
    inputExpressionAttrs: 'expressionLanguage="javascript"',
    inputExpression: "java.lang.System.getenv('PGPASSWORD')",
  }),
  dmnCase('dmn-groovy-on-output-entry', 'expressionLanguage="groovy" on an output entry', 'feel-grammar', 'hostile-output-entry', {
    outputEntryAttrs: 'expressionLanguage="groovy"',
    outputEntry: "System.getenv('PGPASSWORD')",
  }),
  dmnCase('dmn-literal-loop', 'a literal expression counting to 100 million', 'feel-grammar', 'hostile-literal', { logic: literal('count(for i in 1..100000000 return i)') }),
  dmnCase('dmn-quantifier', 'some x in [1] satisfies true in an input entry', 'feel-grammar', 'hostile-input-entry', { inputEntry: 'some x in [1] satisfies true' }),
  dmnCase('dmn-every-quantifier', 'every x in 1..100000000 satisfies x > 0 as a literal', 'feel-grammar', 'hostile-literal', { logic: literal('every x in 1..100000000 satisfies x &gt; 0') }),
  dmnCase('dmn-function-definition', 'a functionDefinition as the decision logic', 'feel-grammar', 'hostile-function', {
    logic: `<variable id="hostile-variable" name="result" />
    <functionDefinition id="hostile-function"><formalParameter id="hostile-parameter" name="x" typeRef="number" /><literalExpression id="hostile-function-body"><text>x</text></literalExpression></functionDefinition>`,
  }),
  dmnCase('dmn-feel-function', 'a FEEL function literal, called at once', 'feel-grammar', 'hostile-literal', { logic: literal('(function(x) x + 1)(1)') }),
  dmnCase('dmn-feel-external-function', 'a FEEL external Java function reading the environment', 'feel-grammar', 'hostile-literal', {
    logic: literal('(function(name) external {java: {class: "java.lang.System", method signature: "getenv(java.lang.String)"}})("PGPASSWORD")'),
  }),
  dmnCase('dmn-business-knowledge-model', 'a business knowledge model (an invocable function)', 'feel-grammar', 'hostile-bkm', {
    more: `<businessKnowledgeModel id="hostile-bkm" name="函数"><encapsulatedLogic id="hostile-bkm-logic"><literalExpression id="hostile-bkm-body"><text>1</text></literalExpression></encapsulatedLogic></businessKnowledgeModel>`,
  }),
  dmnCase('dmn-context', 'a boxed context as the decision logic', 'feel-grammar', 'hostile-context', {
    logic: `<variable id="hostile-variable" name="result" />
    <context id="hostile-context"><contextEntry id="hostile-context-entry"><variable id="hostile-context-variable" name="a" /><literalExpression id="hostile-context-value"><text>1</text></literalExpression></contextEntry></context>`,
  }),
  dmnCase('dmn-reason-not-a-code', 'a reason output echoing per-person facts (string(monthlyWage)+"|"+string(certGrade))', 'feel-grammar', 'hostile-output-entry', {
    outputName: 'reason',
    outputEntry: 'string(monthlyWage)+"|"+string(certGrade)',
  }),
  dmnCase('dmn-path-call', 'a method call on a value (certGrade.toString())', 'feel-grammar', 'hostile-input-expression', { inputExpression: 'certGrade.toString()' }),
  dmnCase('dmn-dollar-brace', '${execution} in an input entry', 'feel-grammar', 'hostile-input-entry', { inputEntry: '${execution}' }),
  dmnCase('dmn-hash-brace', '#{x} in an output entry', 'feel-grammar', 'hostile-output-entry', { outputEntry: '#{x}' }),
  dmnCase('dmn-doctype', 'a DOCTYPE with an external entity in a decision', 'xml-doctype', '', {
    prolog: '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE definitions [ <!ENTITY passwd SYSTEM "file:///etc/passwd"> ]>',
    outputName: 'reason',
    outputEntry: '"&passwd;"',
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Forms: the hostile component is the first, at /components/0.

function formCase(name: string, what: string, rule: Rule, component: Record<string, unknown>): HostileCase {
  const key = HOSTILE_PREFIX + name;
  return {
    name,
    what,
    file: `${key}.form`,
    content: () => formJson(key, component),
    rule,
    elementId: '/components/0',
    processKeys: [],
    decisionKeys: [],
    api: 'findings',
    engine: 'parse',
  };
}

const field = { id: 'hostile-field', key: 'hostileField', type: 'textfield' };

const forms: HostileCase[] = [
  formCase('form-feel-method-call', 'a FEEL label calling execution.getVariable', 'feel-grammar', { ...field, label: '=execution.getVariable("x")' }),
  formCase('form-feel-loop', 'a {{ }} template looping to 100 million', 'feel-grammar', { id: 'hostile-text', type: 'text', text: '{{ for x in 1..100000000 return x }}' }),
  formCase('form-feel-quantifier', 'a FEEL condition with a quantifier', 'feel-grammar', { ...field, label: '字段', conditional: { hide: '=some x in [1] satisfies true' } }),
  formCase('form-feel-path-call', 'a template calling a method of a bean', 'feel-grammar', { id: 'hostile-text', type: 'text', text: '{{ environment.getProperty("spring.datasource.url") }}' }),
  formCase('form-feel-function-definition', 'a FEEL default value defining a function', 'feel-grammar', { ...field, label: '字段', defaultValue: '=(function(x) x)(1)' }),
  formCase('form-html', 'an html component with a script', 'form-content', { id: 'hostile-html', type: 'html', content: '<script>fetch("/engine-rest/user").then((r) => r.text()).then(alert)</script>' }),
  formCase('form-iframe', "an iframe of the engine's REST", 'form-content', { id: 'hostile-iframe', type: 'iframe', label: '框架', url: 'http://127.0.0.1:8080/engine-rest/user', height: 300 }),
  formCase('form-image', 'an image fetched from an address of the form’s choosing', 'form-content', { id: 'hostile-image', type: 'image', source: 'http://127.0.0.1:8080/engine-rest/user', alt: '图片' }),
  formCase('form-label-dollar-brace', '${} inside a label', 'form-content', { ...field, label: "${execution.getVariable('x')}" }),
  formCase('form-description-hash-brace', '#{} inside a description', 'form-content', { ...field, label: '字段', description: '#{x}' }),
  formCase('form-pattern-catastrophic', 'a validation pattern with a nested quantifier (^(a+)+$)', 'form-content', { ...field, label: '字段', validate: { pattern: '^(a+)+$' } }),
  formCase('form-pattern-too-long', 'a validation pattern over maxPatternLength', 'form-content', { ...field, label: '字段', validate: { pattern: `^${'a?'.repeat(100)}a$` } }),
  formCase('form-button-action', 'a button whose action is neither submit nor reset', 'form-content', { id: 'hostile-button', type: 'button', label: '按钮', action: 'javascript:alert(1)' }),
];

const EXHAUSTING = new Set(['dmn-literal-loop', 'dmn-every-quantifier', 'form-feel-loop']);

/** Every hostile deployment, in the order the suite tries them. */
export function hostileCases(): HostileCase[] {
  const all = [...constructs, ...expressionCases, ...decisions, ...forms, ...sizeAndNames];
  for (const c of all) if (EXHAUSTING.has(c.name)) c.exhausting = true;
  const names = all.map((c) => c.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) throw new Error(`hostile cases named twice: ${twice.join(', ')}`);
  // A key is its file's only id of that name (an element of the base named like a case would clash).
  for (const c of all) {
    const key = HOSTILE_PREFIX + c.name;
    const ids = c.api === 'too-large' ? [] : [...c.content().matchAll(/\bid="([^"]+)"/g)].map(([, id]) => id);
    if (ids.filter((id) => id === key).length > 1) throw new Error(`${c.file}: the id ${key} twice`);
  }
  return all;
}
