// The diagram diff of the web modeler: changes inside extension elements (an input parameter's value) come out
// as a changed task with readable old → new values; added and removed elements are reported as such.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffBpmn } from '../../web-modeler/diff/bpmn-diff.ts';

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
});
