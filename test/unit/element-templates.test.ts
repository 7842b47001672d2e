// The element templates a bpmn-js modeler offers for the project's external-task topics: each file passes the
// Camunda 7 element-template validator, names a topic a worker serves (and each topic has one template), follows
// the project's conventions (Operaton attributes, Simplified Chinese for everything a person reads), and what the
// modeler would write from it reads back in the Operaton vocabulary.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validate, validateAll } from '@bpmn-io/element-templates-validator';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBpmn, type ModdleElement } from '../../deployment/bpmn-moddle.ts';
import { FILING_STATUSES } from '../../filings/filing-store.ts';
import {
  describeTemplateError,
  ELEMENT_TEMPLATE_SCHEMA,
  elementTemplateFiles,
  ElementTemplateError,
  loadElementTemplates,
  type ElementTemplate,
  type ElementTemplateProperty,
} from '../../workers/element-templates/load-element-templates.ts';
import { ELEMENT_TEMPLATES, WORKER_TOPICS } from '../../workers/registry.ts';
import { forModeler } from '../../web-modeler/bpmn/template-bindings.ts';

const root = path.resolve(import.meta.dirname, '../..');
const files = elementTemplateFiles();
const readTemplate = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as ElementTemplate;
const templates = files.map((file) => ({ file, template: readTemplate(file) }));

/** The one fixed value a template writes to a property binding (`operaton:topic`, `operaton:type`). */
const fixedValue = (template: ElementTemplate, name: string) =>
  template.properties.filter((p) => p.binding.type === 'property' && p.binding.name === name).map((p) => p.value);
const topicOf = (template: ElementTemplate) => fixedValue(template, 'operaton:topic')[0];

const CONNECTOR_TOPICS: Record<string, string> = {
  'connectors/registration/element-template.json': 'check-registration',
  'connectors/dpf/element-template.json': 'verify-disability-certificates',
  'connectors/veterans/element-template.json': 'verify-veteran-certificates',
  'connectors/hrss/element-template.json': 'verify-pension',
  'connectors/medical/element-template.json': 'verify-medical',
  'connectors/wages/element-template.json': 'verify-wages',
  'connectors/tax/element-template.json': 'push-to-tax',
  'connectors/national-platform/element-template.json': 'transfer-to-national-platform',
  'connectors/registrar-changes/element-template.json': 'pull-registrar-changes',
  'connectors/market-share/element-template.json': 'share-employment-with-market-regulation',
};
const CAPABILITY_TOPICS = ['record-filing-status', 'record-dispute', 'record-manual-decision', 'issue-certificate', 'compute-due-date', 'count-employees', 'notify', 'remind-unfiled-units', 'remind-expiring-certificates', 'report-to-national-platform', 'select-disputed-employee',
  // The cities' annual summary reports.
  'start-annual-reports', 'prepare-annual-report', 'compute-reminder-date', 'render-annual-report', 'record-annual-report-review',
  // Over-quota rewards.
  'start-over-quota-rewards', 'evaluate-over-quota-rewards', 'select-reward-county', 'record-reward-confirmation', 'record-reward-approval',
  // The yearly share-back: the levy collected (the tax connector's template is push-to-tax's).
  'fetch-levy-collections'];

const clone = <T>(value: T): T => structuredClone(value);

describe('the element template files', () => {
  it('are found: one per connector folder and one per capability', () => {
    expect(files).toEqual(
      [...Object.keys(CONNECTOR_TOPICS), ...CAPABILITY_TOPICS.map((topic) => `workers/element-templates/${topic}.json`)].sort(),
    );
  });

  it.each(files)('%s passes the element-template validator with no errors or warnings', (file) => {
    const result = validate(readFileSync(path.join(root, file), 'utf8'));
    expect((result.errors ?? []).map(describeTemplateError)).toEqual([]);
    expect(result.warnings).toBeNull();
    expect(result.valid).toBe(true);
  });

  it('pass all together (validateAll)', () => {
    const result = validateAll(templates.map((t) => t.template));
    expect(result.results.filter((r) => !r.valid)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each(files)('%s is plain JSON laid out as JSON.stringify(…, null, 2) writes it', (file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it('are what loadElementTemplates serves, in the same order', () => {
    expect(loadElementTemplates()).toEqual(templates.map((t) => t.template));
  });
});

describe('topics', () => {
  it('every template names a topic a worker serves (WORKER_TOPICS, workers/registry.ts)', () => {
    const unserved = templates.filter(({ template }) => !(WORKER_TOPICS as readonly string[]).includes(topicOf(template) as string));
    expect(unserved.map(({ file, template }) => `${file}: ${String(topicOf(template))}`)).toEqual([]);
  });

  it('every topic a worker serves has exactly one template', () => {
    const count = (topic: string) => templates.filter(({ template }) => topicOf(template) === topic).length;
    expect(Object.fromEntries(WORKER_TOPICS.map((topic) => [topic, count(topic)]))).toEqual(
      Object.fromEntries(WORKER_TOPICS.map((topic) => [topic, 1])),
    );
  });

  it('each connector folder’s template is for that connector’s topic', () => {
    for (const [file, topic] of Object.entries(CONNECTOR_TOPICS)) expect(topicOf(readTemplate(file)), file).toBe(topic);
  });

  it('each capability template is named after its topic', () => {
    for (const topic of CAPABILITY_TOPICS) expect(topicOf(readTemplate(`workers/element-templates/${topic}.json`))).toBe(topic);
  });
});

describe('conventions every template follows', () => {
  it('ids are unique', () => {
    const ids = templates.map(({ template }) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(templates)('$file: schema, id, version, element type, hidden external topic', ({ template }) => {
    const topic = topicOf(template);
    expect(template.$schema).toBe(ELEMENT_TEMPLATE_SCHEMA);
    expect(template.id).toBe(`dpf.${String(topic)}`);
    expect(Number.isInteger(template.version) && (template.version as number) >= 1).toBe(true);
    expect(template.appliesTo).toEqual(['bpmn:ServiceTask']);
    expect(fixedValue(template, 'operaton:type')).toEqual(['external']);
    expect(fixedValue(template, 'operaton:topic')).toHaveLength(1);
    for (const property of template.properties.filter((p) => p.binding.type === 'property')) {
      expect(property.type, property.binding.name).toBe('Hidden');
      expect(property.binding.name).toMatch(/^operaton:(type|topic)$/);
    }
    // Settings as extension properties, values from the process as inputs and outputs: no fields or listeners.
    for (const property of template.properties.filter((p) => p.binding.type !== 'property')) {
      expect(['camunda:property', 'camunda:inputParameter', 'camunda:outputParameter']).toContain(property.binding.type);
    }
    const groups = new Set((template.groups ?? []).map((g) => g.id));
    for (const property of template.properties) if (property.group !== undefined) expect(groups).toContain(property.group);
  });

  it.each(templates)('$file: default values satisfy their own constraints', ({ template }) => {
    for (const property of template.properties.filter((p) => p.value !== undefined)) {
      const value = String(property.value);
      const { constraints } = property;
      if (constraints?.notEmpty) expect(value).not.toBe('');
      if (constraints?.maxLength !== undefined) expect(value.length).toBeLessThanOrEqual(constraints.maxLength);
      const pattern = typeof constraints?.pattern === 'string' ? constraints.pattern : constraints?.pattern?.value;
      if (pattern !== undefined) expect(value).toMatch(new RegExp(pattern));
      if (property.type === 'Dropdown') expect(property.choices?.map((c) => c.value)).toContain(value);
    }
  });

  // Characters that exist only in Traditional Chinese, among those this domain's texts would use.
  const TRADITIONAL = /[證記錄計險資稅務審變數時請應會個為與從單條標將寫規則報關員醫療聯殘軍業發認證養費額號類級區縣務輸檢驗]/;
  const HAN = /\p{Script=Han}/u;
  /** Outside `${…}` expressions, Latin text may only be identifiers (filingId, acceptance), never English phrases. */
  const englishPhrase = (text: string) => /[A-Za-z]+[ ,.]+[A-Za-z]+/.test(text.replace(/\$\{[^}]*\}/g, ''));

  function readableTexts(template: ElementTemplate): { where: string; text: string; label: boolean }[] {
    const texts = [
      { where: 'name', text: template.name, label: true },
      { where: 'description', text: template.description, label: false },
      ...(template.groups ?? []).map((g) => ({ where: `group ${g.id}`, text: g.label, label: true })),
    ];
    template.properties.forEach((p: ElementTemplateProperty, i) => {
      if (p.label !== undefined) texts.push({ where: `properties/${i}/label`, text: p.label, label: true });
      if (p.description !== undefined) texts.push({ where: `properties/${i}/description`, text: p.description, label: false });
      for (const choice of p.choices ?? []) texts.push({ where: `properties/${i}/choice ${choice.value}`, text: choice.name, label: true });
      const pattern = p.constraints?.pattern;
      if (typeof pattern === 'object' && pattern.message !== undefined) {
        texts.push({ where: `properties/${i}/pattern message`, text: pattern.message, label: false });
      }
    });
    return texts;
  }

  it.each(templates)('$file: everything a person reads is Simplified Chinese', ({ template }) => {
    for (const { where, text, label } of readableTexts(template)) {
      expect(text, where).toMatch(HAN);
      expect(text, where).not.toMatch(TRADITIONAL);
      if (label) expect(text, where).not.toMatch(/[A-Za-z]/);
      else expect(englishPhrase(text), `${where}: ${text}`).toBe(false);
    }
    // Every visible field has a label; hidden ones need none.
    for (const property of template.properties.filter((p) => p.type !== 'Hidden')) expect(property.label).toBeTruthy();
  });
});

describe('the capability templates', () => {
  const byTopic = (topic: string) => readTemplate(`workers/element-templates/${topic}.json`);
  const inputs = (template: ElementTemplate): Record<string, ElementTemplateProperty | undefined> =>
    Object.fromEntries(template.properties.filter((p) => p.binding.type === 'camunda:inputParameter').map((p) => [p.binding.name ?? '', p]));
  // Fixed settings travel as extension properties: the worker reads them without any process variable.
  const settings = (template: ElementTemplate): Record<string, ElementTemplateProperty | undefined> =>
    Object.fromEntries(template.properties.filter((p) => p.binding.type === 'camunda:property').map((p) => [p.binding.name ?? '', p]));

  it('record-filing-status offers exactly the filing statuses, each with a Chinese label', () => {
    const { status, step } = settings(byTopic('record-filing-status'));
    const { note, actor } = inputs(byTopic('record-filing-status'));
    expect(status?.type).toBe('Dropdown');
    expect(status?.choices?.map((c) => c.value)).toEqual([...FILING_STATUSES]);
    expect(step?.constraints?.notEmpty).toBe(true);
    // Optional: an empty input parameter reaches the worker as null, which it accepts.
    expect(note?.constraints?.notEmpty).toBeUndefined();
    expect(actor?.constraints?.notEmpty).toBeUndefined();
  });

  it('compute-due-date takes workingDays and from, and maps dueAt (and, optionally, remindAt) to variables the user names', () => {
    const template = byTopic('compute-due-date');
    const { workingDays, from } = inputs(template);
    expect(workingDays?.label).toBe('工作日天数');
    expect('${3}').toMatch(new RegExp((workingDays?.constraints?.pattern as { value: string }).value));
    expect('3').not.toMatch(new RegExp((workingDays?.constraints?.pattern as { value: string }).value));
    expect(from?.value).toBe('${now()}');
    const outputs = template.properties.filter((p) => p.binding.type === 'camunda:outputParameter');
    expect(outputs.map((p) => p.binding.source)).toEqual(['${dueAt}', '${remindAt}']);
    expect(outputs.map((p) => p.value)).toEqual([undefined, undefined]);
    // The reminder is optional: a template user who wants none leaves both its fields empty.
    expect([inputs(template).remindBefore?.optional, outputs[1]?.optional]).toEqual([true, true]);
  });

  it('count-employees names the three decision tables, with their keys as defaults', () => {
    const { countingDecision, weightDecision, levyDecision } = settings(byTopic('count-employees'));
    expect(countingDecision?.label).toBe('认定规则（决策表键）');
    expect([countingDecision?.value, weightDecision?.value, levyDecision?.value]).toEqual(['employee-month', 'certificate-weight', 'levy-policy']);
  });

  it('connector templates ask for nothing: the process variable filingId is all they take', () => {
    // The registrars' feed and the share-back are no filing's: their tasks are set to a registrar, a year or a batch
    // size instead (tested below).
    for (const file of Object.keys(CONNECTOR_TOPICS).filter((f) => !f.includes('/registrar-changes/') && !f.includes('/market-share/'))) {
      expect(readTemplate(file).properties.filter((p) => p.type !== 'Hidden'), file).toEqual([]);
    }
  });

  it('the share-back to market regulation asks only for its batch size, 200 by default', () => {
    const { batchSize } = settings(readTemplate('connectors/market-share/element-template.json'));
    expect(batchSize?.label).toBe('每批单位数');
    expect(batchSize?.value).toBe('200');
    const pattern = new RegExp((batchSize?.constraints?.pattern as { value: string }).value);
    expect(['1', '200', '500'].every((v) => pattern.test(v))).toBe(true);
    expect(['0', '', '1000'].some((v) => pattern.test(v))).toBe(false);
  });
});

describe('what a modeler writes from a template', () => {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  // What a user types where a template has no default.
  const SAMPLE: Record<string, string> = { step: 'acceptance', workingDays: '${3}', note: '', actor: '', output: 'acceptanceDueAt' };

  /**
   * The service task as the modeler writes it once the template is applied: property bindings as attributes of the
   * task, input and output parameters in an operaton:inputOutput (the Operaton namespace the modeler is set up for).
   */
  function applied(template: ElementTemplate): string {
    const value = (p: ElementTemplateProperty, key: string) => (p.value !== undefined ? String(p.value) : (SAMPLE[key] ?? ''));
    const attributes = template.properties
      .filter((p) => p.binding.type === 'property')
      .map((p) => `${p.binding.name}="${escape(value(p, p.binding.name!))}"`);
    const parameters = template.properties.flatMap((p) => {
      if (p.binding.type === 'camunda:inputParameter') {
        return [`<operaton:inputParameter name="${p.binding.name}">${escape(value(p, p.binding.name!))}</operaton:inputParameter>`];
      }
      if (p.binding.type === 'camunda:outputParameter') {
        return [`<operaton:outputParameter name="${escape(value(p, 'output'))}">${escape(p.binding.source!)}</operaton:outputParameter>`];
      }
      return [];
    });
    const properties = template.properties
      .filter((p) => p.binding.type === 'camunda:property')
      .map((p) => `<operaton:property name="${p.binding.name}" value="${escape(value(p, p.binding.name!))}" />`);
    const extensions = [
      properties.length ? `<operaton:properties>${properties.join('')}</operaton:properties>` : '',
      parameters.length ? `<operaton:inputOutput>${parameters.join('')}</operaton:inputOutput>` : '',
    ].join('');
    const body = extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : '';
    return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn"
    id="d" targetNamespace="http://dpf.zj.cn/bpmn/test">
  <bpmn:process id="p" isExecutable="true" operaton:historyTimeToLive="P30D">
    <bpmn:serviceTask id="task" name="${escape(template.name)}" ${attributes.join(' ')}>${body}</bpmn:serviceTask>
  </bpmn:process>
</bpmn:definitions>`;
  }

  it.each(templates)('$file: reads back as an Operaton external task with its parameters', async ({ template }) => {
    const { rootElement, warnings } = await parseBpmn(applied(template));
    expect(warnings.map((w) => w.message)).toEqual([]);
    const process = (rootElement.get('rootElements') as ModdleElement[])[0]!;
    const task = (process.get('flowElements') as ModdleElement[])[0]!;
    expect(task.get('operaton:type')).toBe('external');
    expect(task.get('operaton:topic')).toBe(topicOf(template));

    const extensions = ((task.get('extensionElements') as ModdleElement | undefined)?.get('values') as ModdleElement[] | undefined) ?? [];
    const io = extensions.find((e) => e.$type === 'operaton:InputOutput');
    const props = extensions.find((e) => e.$type === 'operaton:Properties');
    expect(((props?.get('values') as ModdleElement[] | undefined) ?? []).map((p) => p.get('name'))).toEqual(
      template.properties.filter((p) => p.binding.type === 'camunda:property').map((p) => p.binding.name),
    );
    const names = (kind: string) => ((io?.get(kind) as ModdleElement[] | undefined) ?? []).map((p) => p.get('name') as string);
    expect(names('inputParameters')).toEqual(
      template.properties.filter((p) => p.binding.type === 'camunda:inputParameter').map((p) => p.binding.name),
    );
    expect(names('outputParameters')).toHaveLength(template.properties.filter((p) => p.binding.type === 'camunda:outputParameter').length);
    if (io) expect(io.$type).toBe('operaton:InputOutput');
  });
});

describe('a broken template is reported', () => {
  const original = readTemplate('workers/element-templates/record-filing-status.json');
  const invalid = (template: unknown) => {
    const result = validate(template as object);
    return { valid: result.valid, errors: (result.errors ?? []).length };
  };

  it('the untouched copy is valid, so the corruptions below are what the validator catches', () => {
    expect(invalid(clone(original))).toEqual({ valid: true, errors: 0 });
  });

  const corruptions: [string, (t: Record<string, unknown> & ElementTemplate) => void][] = [
    ['no name', (t) => void delete (t as Partial<ElementTemplate>).name],
    ['no properties', (t) => void delete (t as Partial<ElementTemplate>).properties],
    ['appliesTo without a namespace', (t) => void (t.appliesTo = ['ServiceTask'])],
    ['a version that is not an integer', (t) => void ((t as { version: unknown }).version = '1')],
    ['an operaton: binding type the schema does not know', (t) => void (t.properties[2]!.binding.type = 'operaton:inputParameter')],
    ['an input parameter without a name', (t) => void delete t.properties[3]!.binding.name],
    ['a dropdown without choices', (t) => void delete t.properties[2]!.choices],
    ['a property without a binding', (t) => void delete (t.properties[0] as Partial<ElementTemplateProperty>).binding],
    ['a Number field on an input parameter', (t) => void (t.properties[3]!.type = 'Number')],
  ];

  it.each(corruptions)('%s', (_, corrupt) => {
    const copy = clone(original) as Record<string, unknown> & ElementTemplate;
    corrupt(copy);
    const result = invalid(copy);
    expect(result.valid).toBe(false);
    expect(result.errors).toBeGreaterThan(0);
  });

  it('text that is not JSON', () => {
    const text = readFileSync(path.join(root, 'workers/element-templates/record-filing-status.json'), 'utf8');
    expect(validate(`${text.slice(0, -3)}\n// 注释\n`).valid).toBe(false);
  });

  describe('by the loader, naming the file', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'element-templates-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    let n = 0;
    /** A project root holding the given template files. */
    function rootWith(contents: Record<string, string>): string {
      const dir = path.join(scratch, String(n++));
      for (const [file, text] of Object.entries(contents)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      }
      return dir;
    }
    const good = JSON.stringify(original, null, 2);

    it('loads a good one', () => {
      expect(loadElementTemplates(rootWith({ 'connectors/x/element-template.json': good }))).toEqual([original]);
    });

    it('refuses one that breaks the schema', () => {
      const broken = clone(original) as Record<string, unknown> & ElementTemplate;
      broken.properties[2]!.binding.type = 'operaton:inputParameter';
      const dir = rootWith({ 'connectors/x/element-template.json': JSON.stringify(broken, null, 2) });
      expect(() => loadElementTemplates(dir)).toThrow(ElementTemplateError);
      expect(() => loadElementTemplates(dir)).toThrow(/connectors\/x\/element-template\.json .*binding/);
    });

    it('refuses one that is not JSON', () => {
      const dir = rootWith({ 'workers/element-templates/x.json': `${good.slice(0, -1)},` });
      expect(() => loadElementTemplates(dir)).toThrow(/workers\/element-templates\/x\.json is not a valid element template/);
    });

    it('refuses two with the same id', () => {
      const dir = rootWith({ 'connectors/x/element-template.json': good, 'workers/element-templates/y.json': good });
      expect(() => loadElementTemplates(dir)).toThrow(/repeats the template id dpf\.record-filing-status/);
    });
  });
});

describe('the templates the web modeler offers (GET /api/element-templates, from the topic modules)', () => {
  it('are every template file, each once', () => {
    expect(ELEMENT_TEMPLATES.map((t) => t.id).sort()).toEqual(templates.map(({ template }) => template.id).sort());
  });

  it.each(templates)('$file: is served with camunda: attribute names (the prefix the modeler registers Operaton’s namespace under), and still validates', ({ template }) => {
    const served = forModeler(template);
    const names = (t: ElementTemplate) => t.properties.filter((p) => p.binding.type === 'property').map((p) => p.binding.name);
    expect(names(served)).toEqual(names(template).map((name) => name?.replace(/^operaton:/, 'camunda:')));
    expect(fixedValue(served, 'camunda:topic')).toEqual([topicOf(template)]);
    expect(fixedValue(served, 'camunda:type')).toEqual(['external']);
    // Everything else (inputs, outputs, extension properties, labels) is passed on as it is.
    expect(served.properties.filter((p) => p.binding.type !== 'property')).toEqual(template.properties.filter((p) => p.binding.type !== 'property'));
    expect(validate(served).valid).toBe(true);
    expect(template.properties.some((p) => p.binding.name?.startsWith('camunda:'))).toBe(false);
  });
});
