// The working-day calendar as the engine uses it: a diagram's `compute-due-date` step turns "N working days from
// an instant" into the date a timer waits for, across the Spring Festival and its make-up Saturdays; a deadline in
// a year nobody has published yet is computed provisionally and flagged, and holds nothing up (a December
// certification, when next year's holidays are not yet published).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';

let system: TestSystem;

// A deadline and the timer that waits for it, as the annual review's diagram uses them.
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="deadline-probe-definitions" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:process id="deadline-probe" name="期限测试" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"><bpmn:outgoing>to-compute</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="compute" name="计算期限" operaton:type="external" operaton:topic="compute-due-date">
      <bpmn:extensionElements><operaton:inputOutput>
        <operaton:inputParameter name="workingDays">\${days}</operaton:inputParameter>
        <operaton:inputParameter name="from">\${start}</operaton:inputParameter>
        <operaton:inputParameter name="remindBefore">\${2}</operaton:inputParameter>
        <operaton:outputParameter name="probeDueAt">\${dueAt}</operaton:outputParameter>
        <operaton:outputParameter name="probeRemindAt">\${remindAt}</operaton:outputParameter>
        <operaton:outputParameter name="probeDueAtProvisional">\${dueAtProvisional}</operaton:outputParameter>
      </operaton:inputOutput></bpmn:extensionElements>
      <bpmn:incoming>to-compute</bpmn:incoming><bpmn:outgoing>to-wait</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:intermediateCatchEvent id="wait" name="到期">
      <bpmn:incoming>to-wait</bpmn:incoming><bpmn:outgoing>to-end</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">\${probeDueAt}</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>to-end</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to-compute" sourceRef="start" targetRef="compute" />
    <bpmn:sequenceFlow id="to-wait" sourceRef="compute" targetRef="wait" />
    <bpmn:sequenceFlow id="to-end" sourceRef="wait" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const instant = (text: string) => new Date(text).getTime();

async function start(days: number, from: string): Promise<string> {
  const instance = await system.rest.post<{ id: string }>('/process-definition/key/deadline-probe/start', {
    variables: { days: { value: days, type: 'Integer' }, start: { value: from, type: 'String' } },
  });
  return instance.id;
}

/** When the timer was set for: these dates are past, so the job executor fires it at once; its log keeps the date. */
async function timerOf(processInstanceId: string): Promise<string> {
  return eventually('the timer', async () => {
    const logs = await system.rest.get<{ jobDueDate: string | null; jobDefinitionType: string; creationLog: boolean }[]>('/history/job-log', {
      processInstanceId,
      creationLog: true,
    });
    return logs.find((l) => l.jobDefinitionType === 'timer-intermediate-transition')?.jobDueDate ?? undefined;
  });
}

beforeAll(async () => {
  system = await startTestSystem();
  await deployDiagram(system.rest, 'deadline-probe', DIAGRAM, 'deadline-probe');
});

afterAll(async () => {
  await system?.stop();
});

describe('working-day deadlines on the engine', () => {
  it('waits across the Spring Festival: 10 working days from Tue 2026-02-10 end on Mon 2026-03-02', async () => {
    const id = await start(10, '2026-02-10T09:30:00+08:00');
    expect(instant(await timerOf(id))).toBe(instant('2026-03-02T23:59:59+08:00'));
    const [remind] = await system.rest.get<{ value: string }[]>('/history/variable-instance', { processInstanceId: id, variableName: 'probeRemindAt' });
    // Two working days before: the make-up Saturday 28 February, in the morning.
    expect(remind?.value).toBe('2026-02-28T09:00:00+08:00');
  });

  it('counts the make-up Saturday: 3 working days from Fri 2026-02-13 end on Wed 2026-02-25', async () => {
    const id = await start(3, '2026-02-13T16:00:00+08:00');
    expect(instant(await timerOf(id))).toBe(instant('2026-02-25T23:59:59+08:00'));
  });

  it('goes on with a provisional deadline in a year nobody has published, flagged as such', async () => {
    // Other suites of the run may have published a year: the first one nobody has.
    const token = await system.login({ role: 'operator' });
    const years = await system.request('GET', '/api/calendar/years', { token });
    const year = Number(years.body.knownThrough) + 1;
    const id = await start(10, `${year - 1}-12-20T09:00:00+08:00`);
    // The timer is set, at the provisional deadline: the calendar's own provisional count, never an incident.
    const expected = (await system.request('GET', `/api/calendar/due-date?from=${encodeURIComponent(`${year - 1}-12-20T09:00:00+08:00`)}&workingDays=10&provisional=true`, { token })).body;
    expect(expected.provisional).toBe(true);
    expect(instant(await timerOf(id))).toBe(instant(expected.dueAt));
    const [flag] = await system.rest.get<{ value: unknown }[]>('/history/variable-instance', { processInstanceId: id, variableName: 'probeDueAtProvisional' });
    expect(flag?.value).toBe(true);
    expect(await system.rest.get<unknown[]>('/incident', { processInstanceId: id })).toEqual([]);
  });

  it('moves a provisional deadline, its timer and its variables once the year is published, and makes it final', async () => {
    const operator = await system.login({ role: 'operator' });
    const years = await system.request('GET', '/api/calendar/years', { token: operator });
    // A year two past the last known one: nobody has published it, and its June is in the future.
    const year = Number(years.body.knownThrough) + 2;
    const from = `${year}-06-01T09:00:00+08:00`;
    const id = await start(10, from);
    const provisional = (await system.request('GET', `/api/calendar/due-date?from=${encodeURIComponent(from)}&workingDays=10&provisional=true`, { token: operator })).body;
    expect(provisional.provisionalYears).toEqual([year]);
    const timer = await eventually('the timer, waiting', async () => {
      const [job] = await system.rest.get<{ id: string; dueDate: string }[]>('/job', { processInstanceId: id, timers: true });
      return job;
    });
    expect(instant(timer.dueDate)).toBe(instant(provisional.dueAt));

    // The year is published with a day off on the provisional deadline: it moves to the next working day.
    const holiday = provisional.dueAt.slice(0, 10);
    const policy = await system.login({ role: 'policy' });
    const published = await system.request('PUT', `/api/calendar/years/${year}`, { token: policy, body: { source: '测试通知', days: [{ day: holiday, kind: 'holiday', name: '测试假日' }] } });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.provisionalDeadlines, JSON.stringify({ published: published.body, provisional })).toMatchObject({ moved: 1, failed: [] });
    const final = (await system.request('GET', `/api/calendar/due-date?from=${encodeURIComponent(from)}&workingDays=10`, { token: operator })).body;
    expect(final.dueAt).not.toBe(provisional.dueAt);
    const [moved] = await system.rest.get<{ dueDate: string }[]>('/job', { processInstanceId: id, timers: true });
    expect(instant(moved!.dueDate)).toBe(instant(final.dueAt));
    const variables = await system.rest.get<Record<string, { value: unknown }>>(`/process-instance/${id}/variables`);
    expect(variables.probeDueAt?.value).toBe(final.dueAt);
    expect(variables.probeDueAtProvisional?.value).toBe(false);
  });
});
