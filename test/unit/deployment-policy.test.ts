// The deployment policy's pieces (deployment/policy/): what a diagram, decision or form may contain. Each refusal
// here is a way to run code, read the server's files or keep it busy; each acceptance is something the shipped
// procedure needs. The hostile suite (test/integration/hostile-deployments.test.ts) deploys whole files.
import { describe, expect, it } from 'vitest';
import { bpmnAllowListFindings } from '../../deployment/policy/bpmn-allow-list.ts';
import { expressionProblem } from '../../deployment/policy/expression-grammar.ts';
import { feelProblem } from '../../deployment/policy/feel-rule.ts';
import { formPolicyFindings } from '../../deployment/policy/form-content.ts';
import { resourceFindings } from '../../deployment/policy/resource-rules.ts';
import { timerCycleProblem } from '../../deployment/policy/timer-cycle.ts';
import { readXmlTree } from '../../platform/xml-tree.ts';

describe('the expression grammar', () => {
  it.each([
    '${x}',
    'clerk-${handlingRegionCode}',
    '${taxPushRound == null ? 2 : taxPushRound + 1}',
    '${now()}',
    "${channel == 'window' && materialsComplete}",
    '${!handledInZhejiang || empty note}',
    '${-1 + 2 * 3 div 4 mod 5 >= 0 and not done}',
    '${employerName} 的 ${year} 年度年审申报',
    'no expression at all',
    '${"}" == x}',
  ])('accepts %s', (text) => {
    expect(expressionProblem(text)).toBeNull();
  });

  it.each([
    ["${execution.getVariable('x')}", '“.”'],
    ['${x.toString()}', '“.”'],
    ["${''.getClass().forName('java.lang.Runtime')}", '“.”'],
    ['${environment}', 'environment'],
    ['${dataSource}', 'dataSource'],
    ['${execution}', 'execution'],
    ['${task}', 'task'],
    ['${System}', 'System'],
    ['#{x}', '#{'],
    ["${'${x}'}", '嵌套'],
    ['\\u0024{x}', '反斜杠'],
    ['${\\u0065xecution}', '反斜杠'],
    ['${x[0]}', '[]'],
    ['${foo()}', 'foo'],
    ['${now(1)}', '")"'],
    ['${fn:x()}', '":"'],
    ['${a b}', '"b"'],
    ['${}', '空'],
    ['${x', '没有结束'],
    ['${x = 1}', '"="'],
    ['${x; y}', '";"'],
    ['${empty}', '不完整'],
  ])('refuses %s', (text, said) => {
    expect(expressionProblem(text)).toContain(said);
  });
});

describe('the FEEL rule', () => {
  it.each([
    'min(756, 720 + floor(((birthYear - 1965) * 12 + birthMonth - 1) / 4) + 1)',
    'not("establishment")',
    '[2020..2027]',
    'if a then (1) else (2)',
    'a and (b or c) in [1, 2]',
    'confirmationDecision != "dispute"',
    '"a string with for( and function( inside"',
  ])('accepts %s', (text) => {
    expect(feelProblem(text)).toBeNull();
  });

  it.each([
    ['count(for i in 1..100000000 return i)', 'for'],
    ['some x in [1] satisfies true', 'some'],
    ['every x in [1] satisfies true', 'every'],
    ['function(x) x', 'function'],
    ['{f: function() external {java: {class: "java.lang.System", method signature: "exit(int)"}}}', 'function'],
    ['string(monthlyWage) + "|" + string(certGrade)', 'string'],
    ['execution.getVariable("x")', '.getVariable'],
    ['x.min(1)', '.min'],
    ['`odd name`(1)', '`odd name`'],
    ['${x}', '${'],
  ])('refuses %s', (text, said) => {
    expect(feelProblem(text)).toContain(said);
  });
});

describe('timer cycles', () => {
  it.each(['0 0 9 * * ?', '0 30 8 ? * MON-FRI', 'R/PT1H', 'R3/PT2H', 'R/P1D', 'R/2026-01-01T00:00:00Z/PT3600S', 'R5/P1W'])('accepts %s', (cycle) => {
    expect(timerCycleProblem(cycle)).toBeNull();
  });
  it.each(['R2/PT5S', 'R/PT59M', 'R/PT0S', '* * * * * ?', '0 */5 * * * ?', '0 0,30 * * * ?', '0 0-5 * * * ?', '${cycle}', 'every hour', 'R/P'])('refuses %s', (cycle) => {
    expect(timerCycleProblem(cycle)).not.toBeNull();
  });
});

describe('resources', () => {
  it('refuses other kinds of file, files over the limit and XML declaring a DOCTYPE', () => {
    expect(resourceFindings('x.bpmn', '<definitions/>')).toEqual([]);
    expect(resourceFindings('x.cmmn', '<definitions/>').map((f) => f.rule)).toEqual(['not-allowed']);
    expect(resourceFindings('x.groovy', 'println 1').map((f) => f.rule)).toEqual(['not-allowed']);
    expect(resourceFindings('x.bpmn', 'x'.repeat(3 * 1024 * 1024)).map((f) => f.rule)).toEqual(['file-size']);
    expect(resourceFindings('x.dmn', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>').map((f) => f.rule)).toEqual(['xml-doctype']);
    expect(resourceFindings('x.bpmn', '<!doctype d><d/>').map((f) => f.rule)).toEqual(['xml-doctype']);
  });
});

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const diagram = (inner: string, extraNamespaces = '') =>
  `<bpmn:definitions xmlns:bpmn="${BPMN}" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ${extraNamespaces} id="d"><bpmn:process id="p" isExecutable="true" operaton:historyTimeToLive="P1D">${inner}</bpmn:process></bpmn:definitions>`;
const rules = (xml: string, callable: string[] = []) => bpmnAllowListFindings(readXmlTree(xml), { callableProcesses: new Set(callable) }).map((f) => [f.rule, f.elementId]);

describe('the BPMN allow-list', () => {
  it('accepts external tasks, user tasks, gateways, timers, mappings and call activities of known processes', () => {
    const xml = diagram(`
      <bpmn:startEvent id="s"><bpmn:timerEventDefinition id="t"><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">0 0 9 * * ?</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:serviceTask id="a" name="甲" operaton:type="external" operaton:topic="notify" operaton:asyncBefore="true"><bpmn:extensionElements><operaton:inputOutput><operaton:inputParameter name="n">\${x + 1}</operaton:inputParameter></operaton:inputOutput><operaton:properties><operaton:property name="status" value="\${not evaluated}" /></operaton:properties></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:userTask id="u" operaton:formRef="acceptance" operaton:candidateGroups="clerk-\${region}" operaton:dueDate="\${dueAt}" />
      <bpmn:exclusiveGateway id="g" default="f2" />
      <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="a"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${x == 'y'}</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:callActivity id="c" calledElement="season-reminders" />`);
    expect(rules(xml, ['season-reminders'])).toEqual([]);
    expect(rules(xml)).toEqual([['called-element', 'c']]);
  });

  it('names the rule and the element of each refused construct', () => {
    expect(rules(diagram('<bpmn:scriptTask id="s" scriptFormat="groovy"><bpmn:script>1</bpmn:script></bpmn:scriptTask>'))).toEqual([['no-script', 's']]);
    expect(rules(diagram('<bpmn:serviceTask id="c" operaton:class="x.Y" />'))).toEqual([['no-code', 'c'], ['not-allowed', 'c']]);
    expect(rules(diagram('<bpmn:task id="l"><bpmn:extensionElements><operaton:executionListener event="start" expression="${x}" /></bpmn:extensionElements></bpmn:task>'))).toEqual([['no-listener', 'l']]);
    expect(rules(diagram('<bpmn:serviceTask id="k"><bpmn:extensionElements><operaton:connector /></bpmn:extensionElements></bpmn:serviceTask>'))).toEqual([['not-allowed', 'k'], ['no-connector', 'k']]);
    expect(rules(diagram('<bpmn:task id="r"><bpmn:extensionElements><operaton:inputOutput><operaton:inputParameter name="x"><operaton:script scriptFormat="js" operaton:resource="deployment://x.js" /></operaton:inputParameter></operaton:inputOutput></bpmn:extensionElements></bpmn:task>'))).toEqual([['no-script', 'r']]);
    expect(rules(diagram('<bpmn:task id="f" camunda:asyncBefore="true" />', 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"'))).toEqual([['foreign-extension', 'f']]);
    expect(rules(diagram('<bpmn:task id="e"><bpmn:extensionElements><x:anything xmlns:x="urn:x" /></bpmn:extensionElements></bpmn:task>'))).toEqual([['foreign-extension', 'e']]);
    expect(rules(diagram('<bpmn:sequenceFlow id="j" sourceRef="a" targetRef="b"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">true</bpmn:conditionExpression></bpmn:sequenceFlow>'))).toEqual([['no-script', 'j']]);
    expect(rules(diagram('<bpmn:userTask id="k" operaton:formKey="embedded:app:forms/x.html" />'))).toEqual([['not-allowed', 'k']]);
    expect(rules(diagram('<bpmn:startEvent id="t"><bpmn:timerEventDefinition id="td"><bpmn:timeCycle>R2/PT5S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>'))).toEqual([['timer-frequency', 't']]);
    expect(rules(diagram('<bpmn:userTask id="x" operaton:assignee="${execution.getVariable(\'a\')}" />'))).toEqual([['expression-grammar', 'x']]);
  });

  it('reads namespaces by URI, whatever the prefix, and character references as the engine does', () => {
    const renamed = `<b:definitions xmlns:b="${BPMN}" xmlns:op="http://operaton.org/schema/1.0/bpmn" id="d"><b:process id="p"><b:serviceTask id="s" op:expression="\${1}" /></b:process></b:definitions>`;
    expect(rules(renamed)).toEqual([['no-code', 's'], ['not-allowed', 's']]);
    // A foreign URI behind the usual prefix is foreign.
    const spoofed = `<bpmn:definitions xmlns:bpmn="${BPMN}" xmlns:operaton="urn:not-operaton" id="d"><bpmn:process id="p"><bpmn:task id="s" operaton:asyncBefore="true" /></bpmn:process></bpmn:definitions>`;
    expect(rules(spoofed)).toEqual([['foreign-extension', 's']]);
    const referenced = diagram('<bpmn:task id="c"><bpmn:extensionElements><operaton:inputOutput><operaton:inputParameter name="x">&#36;{execution.getVariable(&#39;x&#39;)}</operaton:inputParameter></operaton:inputOutput></bpmn:extensionElements></bpmn:task>');
    expect(rules(referenced)).toEqual([['expression-grammar', 'c']]);
    const hidden = diagram('<bpmn:task id="h"><bpmn:extensionElements><operaton:inputOutput><operaton:inputParameter name="x"><![CDATA[${execution}]]></operaton:inputParameter></operaton:inputOutput></bpmn:extensionElements></bpmn:task>');
    expect(rules(hidden)).toEqual([['expression-grammar', 'h']]);
  });
});

describe('forms', () => {
  it('accepts what the shipped forms use and refuses foreign content, code and catastrophic patterns', () => {
    const ok = { components: [{ type: 'text', text: '第 {{employeeNumber}} 名' }, { type: 'radio', key: 'd', label: 'x', conditional: { hide: '=d != "dispute"' }, validate: { pattern: '^\\d{1,4}(,\\d{1,4})*$' } }] };
    expect(formPolicyFindings(ok)).toEqual([]);
    const bad = {
      components: [
        { type: 'html', content: '<img src=x>' },
        { type: 'textfield', key: 'a', label: 'x ${a}' },
        { type: 'text', text: '{{ for x in 1..100000000 return x }}' },
        { type: 'textfield', key: 'b', label: 'b', conditional: { hide: '=execution.getVariable("x")' } },
        { type: 'textfield', key: 'c', label: 'c', validate: { pattern: '^(a+)+$' } },
        { type: 'group', components: [{ type: 'iframe', url: 'https://example.org' }] },
      ],
    };
    expect(formPolicyFindings(bad).map((f) => f.elementId).sort()).toEqual(
      ['/components/0/type', '/components/1/label', '/components/2/text', '/components/3/conditional/hide', '/components/4/validate/pattern', '/components/5/components/0/type'].sort(),
    );
  });
});
