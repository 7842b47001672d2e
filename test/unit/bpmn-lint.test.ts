import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintBpmn, type LintFinding } from '../../deployment/bpmn-lint.ts';
import { parseBpmn } from '../../deployment/bpmn-moddle.ts';
import { WORKER_TOPICS } from '../../workers/registry.ts';

const root = path.resolve(import.meta.dirname, '../..');
const filesIn = (folder: string, extension: string) =>
  readdirSync(path.join(root, folder))
    .filter((name) => name.endsWith(extension))
    .map((name) => path.join(folder, name));

const diagrams = filesIn('processes', '.bpmn');
const formIds = filesIn('forms', '.form').map((file) => (JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { id: string }).id);
const projectOptions = { knownTopics: WORKER_TOPICS, knownForms: formIds };

describe('the project’s diagrams', () => {
  it('exist', () => {
    expect(diagrams.length).toBeGreaterThan(0);
  });

  it.each(diagrams)('%s has no findings', async (file) => {
    expect(await lintBpmn(readFileSync(path.join(root, file), 'utf8'), projectOptions)).toEqual([]);
  });
});

interface Step {
  /** The element as written, without its flows: `<bpmn:serviceTask id="x" … />`-style open tag and body. */
  tag: string;
  id: string;
  attributes: string;
  body?: string;
}

/**
 * A drawn diagram start → steps… → end, so that bpmnlint's recommended rules have nothing to say about it and a
 * test sees only what its one broken detail causes.
 */
function linearDiagram(steps: Step[], options: { processAttributes?: string; dialect?: 'operaton' | 'camunda' } = {}): string {
  const dialect = options.dialect ?? 'operaton';
  const namespace = dialect === 'operaton' ? 'http://operaton.org/schema/1.0/bpmn' : 'http://camunda.org/schema/1.0/bpmn';
  const processAttributes = options.processAttributes ?? `isExecutable="true" ${dialect}:historyTimeToLive="P30D"`;
  const nodes = [{ tag: 'bpmn:startEvent', id: 'start', attributes: 'name="开始"' }, ...steps, { tag: 'bpmn:endEvent', id: 'end', attributes: 'name="结束"' }];
  const flowId = (index: number) => `flow-${index}`;
  const elements = nodes.map((node, index) => {
    const incoming = index > 0 ? `<bpmn:incoming>${flowId(index - 1)}</bpmn:incoming>` : '';
    const outgoing = index < nodes.length - 1 ? `<bpmn:outgoing>${flowId(index)}</bpmn:outgoing>` : '';
    const body = 'body' in node && node.body ? node.body : '';
    return `<${node.tag} id="${node.id}" ${node.attributes}>${body}${incoming}${outgoing}</${node.tag}>`;
  });
  const flows = nodes.slice(1).map((node, index) => `<bpmn:sequenceFlow id="${flowId(index)}" sourceRef="${nodes[index]!.id}" targetRef="${node.id}" />`);
  const x = (index: number) => 100 + index * 150;
  const shapes = nodes.map((node, index) => {
    const isEvent = node.tag.endsWith('Event');
    const [width, height] = isEvent ? [36, 36] : [100, 80];
    return `<bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"><dc:Bounds x="${x(index)}" y="${isEvent ? 122 : 100}" width="${width}" height="${height}" /></bpmndi:BPMNShape>`;
  });
  const edges = nodes.slice(1).map(
    (_, index) =>
      `<bpmndi:BPMNEdge id="${flowId(index)}_di" bpmnElement="${flowId(index)}"><di:waypoint x="${x(index) + 100}" y="140" /><di:waypoint x="${x(index + 1)}" y="140" /></bpmndi:BPMNEdge>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
    xmlns:${dialect}="${namespace}" id="test-definitions" targetNamespace="http://dpf.zj.cn/bpmn/test">
  <bpmn:process id="test-process" name="测试流程" ${processAttributes}>
    ${elements.join('\n    ')}
    ${flows.join('\n    ')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="test-diagram"><bpmndi:BPMNPlane id="test-plane" bpmnElement="test-process">
    ${[...shapes, ...edges].join('\n    ')}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

const options = { knownTopics: ['check-registration'], knownForms: ['acceptance'] };
const serviceTask = (id: string, attributes: string): Step => ({ tag: 'bpmn:serviceTask', id, attributes: `name="任务 ${id}" ${attributes}` });
const userTask = (id: string, attributes: string): Step => ({ tag: 'bpmn:userTask', id, attributes: `name="任务 ${id}" ${attributes}` });
const lint = (xml: string) => lintBpmn(xml, options);
const brief = (findings: LintFinding[]) => findings.map(({ rule, elementId, category }) => ({ rule, elementId, category }));

describe('the test diagram itself', () => {
  it('passes when nothing in it is broken', async () => {
    expect(await lint(linearDiagram([serviceTask('verify', 'operaton:type="external" operaton:topic="check-registration"')]))).toEqual([]);
  });
});

describe('topic-has-worker', () => {
  it('reports an external task whose topic no worker serves, by element and topic', async () => {
    const findings = await lint(linearDiagram([serviceTask('verify-foo-task', 'operaton:type="external" operaton:topic="verify-foo"')]));
    expect(findings).toEqual([
      { rule: 'topic-has-worker', elementId: 'verify-foo-task', category: 'error', message: '服务任务“任务 verify-foo-task”的主题 verify-foo 没有对应的工作进程' },
    ]);
  });

  it('leaves an external task without a topic, and tasks that are not external, to the allow-list: one finding each', async () => {
    const findings = await lint(
      linearDiagram([
        serviceTask('no-topic', 'operaton:type="external"'),
        serviceTask('bare-service', ''),
        { tag: 'bpmn:sendTask', id: 'bare-send', attributes: 'name="发送"' },
        { tag: 'bpmn:businessRuleTask', id: 'bare-rule', attributes: 'name="判定"' },
        serviceTask('typo', 'operaton:type="externl" operaton:topic="check-registration"'),
      ]),
    );
    expect(brief(findings)).toEqual(['no-topic', 'bare-service', 'bare-send', 'bare-rule', 'typo'].map((elementId) => ({ rule: 'not-allowed', elementId, category: 'error' })));
    expect(findings[0]!.message).toContain('operaton:topic');
    expect(findings[1]!.message).toContain('operaton:type、operaton:topic');
    expect(findings[4]!.message).toContain('externl');
  });

  it('refuses tasks implemented by a class, an expression or a decision table: code on the server', async () => {
    const findings = await lint(
      linearDiagram([
        serviceTask('by-class', 'operaton:class="cn.zj.dpf.Delegate"'),
        serviceTask('by-expression', 'operaton:expression="${true}"'),
        { tag: 'bpmn:businessRuleTask', id: 'by-decision', attributes: 'name="判定" operaton:decisionRef="quota"' },
      ]),
    );
    expect(brief(findings.filter((f) => f.rule === 'no-code'))).toEqual([
      { rule: 'no-code', elementId: 'by-class', category: 'error' },
      { rule: 'no-code', elementId: 'by-expression', category: 'error' },
      { rule: 'no-code', elementId: 'by-decision', category: 'error' },
    ]);
  });

  it('refuses the camunda: vocabulary of older diagrams: the engine would still act on it', async () => {
    const findings = await lint(linearDiagram([serviceTask('old-style', 'camunda:type="external" camunda:topic="verify-foo"')], { dialect: 'camunda' }));
    expect(findings.filter((f) => f.rule === 'foreign-extension').map((f) => f.elementId)).toEqual(['test-process', 'old-style', 'old-style']);
  });
});

describe('user-task-has-form', () => {
  it('reports a user task without a form', async () => {
    const findings = await lint(linearDiagram([userTask('no-form', 'operaton:candidateGroups="clerk"')]));
    expect(findings).toEqual([
      {
        rule: 'user-task-has-form',
        elementId: 'no-form',
        category: 'error',
        message: '用户任务“任务 no-form”没有表单（应设置 operaton:formRef 或 operaton:formKey）',
      },
    ]);
  });

  it('reports a form reference to a form the project does not have', async () => {
    const findings = await lint(linearDiagram([userTask('wrong-form', 'operaton:formRef="acceptence" operaton:formRefBinding="deployment"')]));
    expect(brief(findings)).toEqual([{ rule: 'user-task-has-form', elementId: 'wrong-form', category: 'error' }]);
    expect(findings[0]!.message).toContain('acceptence');
  });

  it('accepts a known formRef, a formKey, and a formRef chosen by expression', async () => {
    const findings = await lint(
      linearDiagram([
        userTask('known', 'operaton:formRef="acceptance" operaton:formRefBinding="deployment"'),
        userTask('keyed', 'operaton:formKey="operaton-forms:deployment:acceptance.form"'),
        userTask('chosen', 'operaton:formRef="${formId}"'),
      ]),
    );
    expect(findings).toEqual([]);
  });
});

describe('history-time-to-live', () => {
  it('reports an executable process without one', async () => {
    const findings = await lint(linearDiagram([], { processAttributes: 'isExecutable="true"' }));
    expect(findings).toEqual([
      {
        rule: 'history-time-to-live',
        elementId: 'test-process',
        category: 'error',
        message: '流程“测试流程”没有设置历史数据保留期限（operaton:historyTimeToLive）',
      },
    ]);
  });

  it('reports a value the engine cannot read as days', async () => {
    const findings = await lint(linearDiagram([], { processAttributes: 'isExecutable="true" operaton:historyTimeToLive="5 years"' }));
    expect(brief(findings)).toEqual([{ rule: 'history-time-to-live', elementId: 'test-process', category: 'error' }]);
  });

  it('accepts days as a number, and leaves processes that are not executable alone', async () => {
    expect(await lint(linearDiagram([], { processAttributes: 'isExecutable="true" operaton:historyTimeToLive="1825"' }))).toEqual([]);
    expect(await lint(linearDiagram([], { processAttributes: 'isExecutable="false"' }))).toEqual([]);
  });
});

describe('bpmnlint’s recommended rules', () => {
  it('are in force, in Chinese with bpmnlint’s own sentence after it', async () => {
    const unnamed: Step = { tag: 'bpmn:serviceTask', id: 'unnamed', attributes: 'operaton:type="external" operaton:topic="check-registration"' };
    const findings = await lint(linearDiagram([unnamed]));
    expect(findings).toEqual([{ rule: 'label-required', elementId: 'unnamed', category: 'error', message: '元素缺少名称（Element is missing label/name）' }]);
  });
});

describe('files that do not parse', () => {
  it.each([
    ['text that is not XML', 'not a diagram'],
    ['XML cut off in the middle', linearDiagram([]).slice(0, 600)],
    ['XML that is not BPMN', '<?xml version="1.0"?><form id="x"/>'],
  ])('%s is one parse error', async (_, xml) => {
    const findings = await lint(xml);
    expect(brief(findings)).toEqual([{ rule: 'parse', elementId: '', category: 'error' }]);
    expect(findings[0]!.message).toMatch(/^BPMN 文件无法解析：/);
  });

  it('a misspelt BPMN element is named on the element, as no element the allow-list knows', async () => {
    const findings = await lint(linearDiagram([{ tag: 'bpmn:serviceTsk', id: 'typo', attributes: 'name="x"' }]));
    expect(brief(findings)[0]).toEqual({ rule: 'not-allowed', elementId: 'typo', category: 'error' });
    expect(findings[0]!.message).toContain('bpmn:serviceTsk');
  });

  it('reports what the lax reader tolerated, naming the element', async () => {
    const broken = linearDiagram([serviceTask('verify', 'operaton:type="external" operaton:topic="check-registration"')]).replace(
      'targetRef="end"',
      'targetRef="the-end"',
    );
    const findings = await lint(broken);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'parse', elementId: 'flow-1', category: 'error' }));
    expect(findings.find((f) => f.rule === 'parse')!.message).toContain('the-end');
  });

  it('parseBpmn throws a Chinese error for them', async () => {
    await expect(parseBpmn('not a diagram')).rejects.toThrow(/^BPMN 文件无法解析：/);
  });
});
