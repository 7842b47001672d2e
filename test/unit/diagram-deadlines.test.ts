// Reading a diagram's working-day deadlines (deadlines/diagram-deadlines.ts): each compute-due-date task's count,
// named after the variable its due date goes into; what pages, messages and forms state comes from here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramDeadlines, fixedWorkingDays } from '../../deadlines/diagram-deadlines.ts';
import { XmlReadError } from '../../platform/xml-tree.ts';
import { projectRoot } from '../../platform/config.ts';

const shipped = () => readFile(path.join(projectRoot, 'processes', 'annual-review.bpmn'), 'utf8');

/** A diagram of one compute task with these input and output parameters. */
function oneTask(parameters: string, topic = 'compute-due-date'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:op="http://operaton.org/schema/1.0/bpmn" id="d">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:serviceTask id="t" op:type="external" op:topic="${topic}">
      <bpmn:extensionElements><op:inputOutput>${parameters}</op:inputOutput></bpmn:extensionElements>
    </bpmn:serviceTask>
  </bpmn:process>
</bpmn:definitions>`;
}

describe('the deadlines a diagram sets', () => {
  it('reads the shipped annual review: every deadline, its count and reminder lead', async () => {
    expect(diagramDeadlines(await shipped())).toEqual({
      acceptance: { workingDays: 3, remindBefore: 1 },
      review: { workingDays: 10, remindBefore: 2 },
      tax: { workingDays: 20, remindBefore: 3 },
      feedback: { workingDays: 7, remindBefore: null },
      taxAnswer: { workingDays: 5, remindBefore: null },
      // The county's check of a registrar's change reported during the filing (event sub-process 单位登记状态变化).
      unitStatus: { workingDays: 5, remindBefore: null },
    });
  });

  it('follows a changed count, whatever prefix the document gives the namespace', () => {
    const xml = oneTask('<op:inputParameter name="workingDays">${ 12 }</op:inputParameter><op:outputParameter name="reviewDueAt">${dueAt}</op:outputParameter>');
    expect(diagramDeadlines(xml)).toEqual({ review: { workingDays: 12, remindBefore: null } });
  });

  it('gives no count for one the diagram computes from variables, and skips tasks that are not deadlines', () => {
    const computed = oneTask('<op:inputParameter name="workingDays">${acceptanceDays}</op:inputParameter><op:outputParameter name="acceptanceDueAt">${dueAt}</op:outputParameter>');
    expect(diagramDeadlines(computed)).toEqual({ acceptance: { workingDays: null, remindBefore: null } });
    const otherTopic = oneTask('<op:inputParameter name="workingDays">${3}</op:inputParameter><op:outputParameter name="acceptanceDueAt">${dueAt}</op:outputParameter>', 'notify');
    expect(diagramDeadlines(otherTopic)).toEqual({});
    const unnamed = oneTask('<op:inputParameter name="workingDays">${3}</op:inputParameter><op:outputParameter name="due">${dueAt}</op:outputParameter>');
    expect(diagramDeadlines(unnamed)).toEqual({});
  });

  it('takes as a count only a whole number of working days the worker accepts', () => {
    expect(fixedWorkingDays('${5}')).toBe(5);
    expect(fixedWorkingDays('5')).toBe(5);
    expect(fixedWorkingDays('${0}')).toBeNull();
    expect(fixedWorkingDays('${366}')).toBeNull();
    expect(fixedWorkingDays('${2.5}')).toBeNull();
    expect(fixedWorkingDays('${3 + 2}')).toBeNull();
    expect(fixedWorkingDays(undefined)).toBeNull();
  });

  it('refuses text that is not XML rather than reading part of it', () => {
    expect(() => diagramDeadlines('<bpmn:definitions')).toThrow(XmlReadError);
  });
});
