// The diagram diff of the web modeler: changes inside extension elements (an input parameter's value) come out
// as a changed task with readable old → new values, named as the properties panel names them; added and removed
// elements are reported as such; an element counts as moved only when its drawn position or size changed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffBpmn } from '../../web-modeler/diff/bpmn-diff.ts';
import { propertyName } from '../../web-modeler/diff/bpmn-labels.ts';
import { ELEMENT_TEMPLATES } from '../../workers/registry.ts';

const annualReview = readFileSync(path.resolve(import.meta.dirname, '../../processes/annual-review.bpmn'), 'utf8');

const smallDiagram = (flowElements: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="d" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:process id="p" isExecutable="true" operaton:historyTimeToLive="P30D">
    ${flowElements}
  </bpmn:process>
</bpmn:definitions>`;

const start = '<bpmn:startEvent id="start" />';
const review = '<bpmn:userTask id="review" name="审核" operaton:candidateGroups="reviewer" />';
const end = '<bpmn:endEvent id="end" />';
const toReview = '<bpmn:sequenceFlow id="to-review" sourceRef="start" targetRef="review" />';
const toEnd = '<bpmn:sequenceFlow id="to-end" sourceRef="review" targetRef="end" />';

describe('the diagram diff', () => {
  it('shows a changed workingDays input parameter as a change of its task, old → new', async () => {
    const changed = annualReview.replace(
      '<operaton:inputParameter name="workingDays">${10}</operaton:inputParameter>',
      '<operaton:inputParameter name="workingDays">${12}</operaton:inputParameter>',
    );
    expect(changed).not.toBe(annualReview);
    const changes = await diffBpmn(annualReview, changed);
    expect(changes).toEqual([
      {
        id: 'compute-review-due',
        kind: 'changed',
        type: 'bpmn:ServiceTask',
        name: '计算人工审核期限',
        topic: 'compute-due-date',
        layoutChanged: false,
        properties: [{ key: 'operaton:inputParameter[workingDays]', oldValue: '${10}', newValue: '${12}' }],
      },
    ]);
  });

  it('reports an added task', async () => {
    const changes = await diffBpmn(
      smallDiagram([start, review, end, toReview, toEnd].join('')),
      smallDiagram([start, review, '<bpmn:serviceTask id="notify" name="通知" operaton:type="external" operaton:topic="notify" />', end, toReview, toEnd].join('')),
    );
    expect(changes).toEqual([expect.objectContaining({ id: 'notify', kind: 'added', type: 'bpmn:ServiceTask', name: '通知' })]);
  });

  it('reports a removed flow', async () => {
    const changes = await diffBpmn(smallDiagram([start, review, end, toReview, toEnd].join('')), smallDiagram([start, review, end, toReview].join('')));
    expect(changes).toContainEqual(expect.objectContaining({ id: 'to-end', kind: 'removed', type: 'bpmn:SequenceFlow' }));
    expect(changes.filter((change) => change.kind === 'added')).toEqual([]);
  });

  it('shows a changed timer and a changed topic with their values', async () => {
    const changed = annualReview
      .replace('${reviewDueAt}</bpmn:timeDate>', '${reviewDueAt2}</bpmn:timeDate>')
      .replace('operaton:topic="compute-due-date">', 'operaton:topic="compute-deadline">');
    const changes = await diffBpmn(annualReview, changed);
    expect(changes.find((change) => change.id === 'manual-review-overdue')?.properties).toEqual([
      { key: 'timerEventDefinition.timeDate', oldValue: '${reviewDueAt}', newValue: '${reviewDueAt2}' },
    ]);
    expect(changes.find((change) => change.id === 'compute-acceptance-due')?.properties).toEqual([
      { key: 'operaton:topic', oldValue: 'compute-due-date', newValue: 'compute-deadline' },
    ]);
  });

  it('finds nothing between a diagram and itself', async () => {
    expect(await diffBpmn(annualReview, annualReview)).toEqual([]);
  });

  // bpmn-js gives a task it renames an empty DI label (for label styles); nothing moved.
  const computeShape = '<bpmndi:BPMNShape id="compute-review-due_di" bpmnElement="compute-review-due"><dc:Bounds x="3770" y="540" width="100" height="80" /></bpmndi:BPMNShape>';
  const renamed = annualReview
    .replace('name="计算人工审核期限"', 'name="计算人工审核期限（十二个工作日）"')
    .replace(computeShape, computeShape.replace('</bpmndi:BPMNShape>', '<bpmndi:BPMNLabel /></bpmndi:BPMNShape>'));

  it('does not call a renamed task moved when bpmn-js only added an empty label to its DI', async () => {
    expect(annualReview).toContain(computeShape);
    const changes = await diffBpmn(annualReview, renamed);
    expect(changes).toEqual([expect.objectContaining({ id: 'compute-review-due', kind: 'changed', layoutChanged: false })]);
  });

  it('calls a task moved when its bounds change, and a flow when its waypoints do', async () => {
    const moved = renamed
      .replace('<dc:Bounds x="3770" y="540" width="100" height="80" />', '<dc:Bounds x="3770" y="560" width="100" height="80" />')
      .replace('<di:waypoint x="3730" y="580" /><di:waypoint x="3770" y="580" />', '<di:waypoint x="3730" y="600" /><di:waypoint x="3770" y="600" />');
    const changes = await diffBpmn(annualReview, moved);
    expect(changes.find((c) => c.id === 'compute-review-due')).toMatchObject({ kind: 'changed', layoutChanged: true });
    expect(changes.find((c) => c.id === 'to-compute-review-due')).toMatchObject({ kind: 'layout', properties: [] });
    // Half a pixel is rounding, not a move.
    const rounded = annualReview.replace('<dc:Bounds x="3770" y="540" width="100" height="80" />', '<dc:Bounds x="3770.4" y="540" width="100" height="80" />');
    expect(await diffBpmn(annualReview, rounded)).toEqual([]);
  });

  it('calls an event moved when its label moves, not when the label is re-measured around its place for a new name', async () => {
    const label = '<bpmndi:BPMNLabel><dc:Bounds x="4060" y="602" width="40" height="14" /></bpmndi:BPMNLabel>';
    expect(annualReview).toContain(label);
    const remeasured = annualReview.replace(label, '<bpmndi:BPMNLabel><dc:Bounds x="4050" y="602" width="60" height="27" /></bpmndi:BPMNLabel>');
    expect(await diffBpmn(annualReview, remeasured)).toEqual([]);
    const dragged = annualReview.replace(label, '<bpmndi:BPMNLabel><dc:Bounds x="4060" y="640" width="40" height="14" /></bpmndi:BPMNLabel>');
    expect(await diffBpmn(annualReview, dragged)).toEqual([expect.objectContaining({ id: 'review-employee-start', kind: 'layout' })]);
  });

  it('names changed properties as the properties panel does: a template field by its label, others in the panel’s words', async () => {
    const [change] = await diffBpmn(annualReview, annualReview.replace(
      '<operaton:inputParameter name="workingDays">${10}</operaton:inputParameter>',
      '<operaton:inputParameter name="workingDays">${12}</operaton:inputParameter>',
    ));
    // The templates as GET /api/element-templates serves them to the page.
    expect(propertyName(change!.properties[0]!, change!.topic, ELEMENT_TEMPLATES)).toBe('工作日天数');
    // An output parameter is known by the expression the template fixes (the variable is the process's choice).
    expect(propertyName({ key: 'operaton:outputParameter[reviewDueAt]', oldValue: '${dueAt}', newValue: null }, 'compute-due-date', ELEMENT_TEMPLATES)).toBe('期限写入的流程变量');
    // Without a template that knows it: the panel's group and the parameter's name.
    expect(propertyName({ key: 'operaton:inputParameter[extra]', oldValue: null, newValue: '${1}' }, 'compute-due-date', ELEMENT_TEMPLATES)).toBe('输入参数 extra');
    expect(propertyName({ key: 'documentation', oldValue: null, newValue: '依据省残联通知' })).toBe('说明');
    expect(propertyName({ key: 'name', oldValue: 'a', newValue: 'b' })).toBe('名称');
    expect(propertyName({ key: 'operaton:candidateGroups', oldValue: 'a', newValue: 'b' })).toBe('候选用户组');
    expect(propertyName({ key: 'timerEventDefinition.timeDate', oldValue: 'a', newValue: 'b' })).toBe('定时器：日期时间');
  });
});
