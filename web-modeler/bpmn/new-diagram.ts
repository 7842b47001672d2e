// The text a new process starts from. bpmn-js's own empty diagram would declare Operaton's namespace under the
// `camunda` prefix (the modeler's moddle key); starting from this one, everything added is written `operaton:`.
import { OPERATON_NAMESPACE } from './operaton-moddle.ts';

/** `annual-review.bpmn` → `annual-review`: the process id a new diagram gets from its file name. */
export const processIdOf = (fileName: string) => fileName.replace(/\.bpmn$/, '') || 'process';

export function newDiagramXml(processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:operaton="${OPERATON_NAMESPACE}" id="${processId}-definitions" targetNamespace="http://dpf.zj.cn/bpmn/${processId}">
  <bpmn:process id="${processId}" isExecutable="true" operaton:historyTimeToLive="P1825D">
    <bpmn:startEvent id="start" name="开始" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="${processId}-diagram">
    <bpmndi:BPMNPlane id="${processId}-plane" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start">
        <dc:Bounds x="180" y="160" width="36" height="36" />
        <bpmndi:BPMNLabel><dc:Bounds x="186" y="203" width="24" height="14" /></bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
