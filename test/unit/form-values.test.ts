// Values submitted to complete a user task are checked against the task's own form: the real forms of forms/ and
// small inline forms for the component types those do not use.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFormValues, formMessages, type FormSchema } from '../../tasks/form-values.ts';

const readForm = (name: string) => JSON.parse(readFileSync(new URL(`../../forms/${name}`, import.meta.url), 'utf8')) as FormSchema;
const acceptance = readForm('acceptance.form');
const processError = readForm('process-error.form');

const form = (...components: FormSchema['components']): FormSchema => ({ id: 'inline', components });

/** The issues of a check that must fail. */
function issuesOf(schema: FormSchema, values: unknown) {
  const result = checkFormValues(schema, values);
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.value)}`);
  return result.issues;
}

/** The value of a check that must pass. */
function valueOf(schema: FormSchema, values: unknown) {
  const result = checkFormValues(schema, values);
  if (!result.ok) throw new Error(`expected no problems, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

/** The Chinese (or English) sentences for every problem of a failing check. */
function sentences(schema: FormSchema, values: unknown, locale: 'zh' | 'en' = 'zh') {
  const messages = formMessages(schema);
  return issuesOf(schema, values).map((issue) => messages.messageFor(issue, locale));
}

describe('acceptance form (forms/acceptance.form)', () => {
  it('accepts a decision and fills the optional note with null', () => {
    expect(valueOf(acceptance, { acceptanceDecision: 'accept' })).toEqual({ acceptanceDecision: 'accept', acceptanceNote: null });
  });

  it('trims strings, and treats a blank note as absent', () => {
    expect(valueOf(acceptance, { acceptanceDecision: 'return', acceptanceNote: '  缺少残疾证复印件 \n' })).toEqual({
      acceptanceDecision: 'return',
      acceptanceNote: '缺少残疾证复印件',
    });
    expect(valueOf(acceptance, { acceptanceDecision: ' accept ', acceptanceNote: '   ' })).toEqual({
      acceptanceDecision: 'accept',
      acceptanceNote: null,
    });
  });

  it.each([
    ['absent', {}],
    ['null', { acceptanceDecision: null }],
    ['empty', { acceptanceDecision: '' }],
    ['whitespace only', { acceptanceDecision: '  \t ' }],
    ['an empty list', { acceptanceDecision: [] }],
  ])('requires the decision when it is %s', (_what, values) => {
    expect(issuesOf(acceptance, values)).toEqual([{ path: '/acceptanceDecision', code: 'REQUIRED' }]);
    expect(sentences(acceptance, values)).toEqual(['请填写受理决定']);
    expect(sentences(acceptance, values, 'en')).toEqual(['受理决定 is required']);
  });

  it('accepts only the decision options, and names them by their labels', () => {
    for (const decision of ['maybe', 'Accept', 1, true, ['accept']]) {
      expect(issuesOf(acceptance, { acceptanceDecision: decision })).toEqual([
        { path: '/acceptanceDecision', code: 'FORMAT', params: { keyword: 'enum', allowedValues: ['受理', '退回（材料不齐全）'] } },
      ]);
    }
    expect(sentences(acceptance, { acceptanceDecision: 'maybe' })).toEqual(['受理决定只能是：受理、退回（材料不齐全）']);
  });

  it('allows a note of 500 characters and refuses 501', () => {
    expect(valueOf(acceptance, { acceptanceDecision: 'return', acceptanceNote: '缺'.repeat(500) }).acceptanceNote).toHaveLength(500);
    const values = { acceptanceDecision: 'return', acceptanceNote: '缺'.repeat(501) };
    expect(issuesOf(acceptance, values)).toEqual([
      { path: '/acceptanceNote', code: 'FORMAT', params: { keyword: 'maxLength', limit: 500 } },
    ]);
    expect(sentences(acceptance, values)).toEqual(['说明最多 500 个字']);
    expect(sentences(acceptance, values, 'en')).toEqual(['说明: at most 500 characters']);
  });

  it('counts length after trimming, as form-js does', () => {
    expect(valueOf(acceptance, { acceptanceDecision: 'return', acceptanceNote: ` ${'缺'.repeat(500)} ` }).acceptanceNote).toBe('缺'.repeat(500));
  });

  it('refuses a note that is not text', () => {
    expect(issuesOf(acceptance, { acceptanceDecision: 'return', acceptanceNote: 42 })).toEqual([
      { path: '/acceptanceNote', code: 'FORMAT', params: { keyword: 'type', type: 'text' } },
    ]);
    expect(sentences(acceptance, { acceptanceDecision: 'return', acceptanceNote: 42 })).toEqual(['说明应为文字']);
  });

  it('reports every problem at once: field problems in form order, then keys the form does not have', () => {
    const values = { extra: 1, acceptanceNote: 'x'.repeat(501), acceptanceDecision: '', 'a/b': true };
    expect(issuesOf(acceptance, values)).toEqual([
      { path: '/acceptanceDecision', code: 'REQUIRED' },
      { path: '/acceptanceNote', code: 'FORMAT', params: { keyword: 'maxLength', limit: 500 } },
      { path: '/extra', code: 'UNKNOWN_FIELD' },
      { path: '/a~1b', code: 'UNKNOWN_FIELD' },
    ]);
    expect(sentences(acceptance, values)).toEqual(['请填写受理决定', '说明最多 500 个字', '“extra”不是可以提交的字段', '“a/b”不是可以提交的字段']);
  });

  it.each([
    ['null', null],
    ['an array', [{ acceptanceDecision: 'accept' }]],
    ['a string', 'accept'],
    ['a number', 1],
    ['nothing', undefined],
  ])('refuses a body that is %s with one FORMAT issue at the root', (_what, body) => {
    expect(issuesOf(acceptance, body)).toEqual([{ path: '/', code: 'FORMAT' }]);
    expect(sentences(acceptance, body)).toEqual(['任务表单格式不正确']);
    expect(sentences(acceptance, body, 'en')).toEqual(['task form has a wrong format']);
  });

  it('does not take inherited properties for submitted values', () => {
    const values = Object.create({ acceptanceDecision: 'accept' }) as object;
    expect(issuesOf(acceptance, values)).toEqual([{ path: '/', code: 'FORMAT' }]);
    expect(issuesOf(acceptance, { toString: 'accept' })).toEqual([
      { path: '/acceptanceDecision', code: 'REQUIRED' },
      { path: '/toString', code: 'UNKNOWN_FIELD' },
    ]);
  });

  it('names its fields by the form labels', () => {
    const messages = formMessages(acceptance);
    expect(messages.fieldLabel('/acceptanceDecision', 'zh')).toBe('受理决定');
    expect(messages.fieldLabel('/acceptanceNote', 'en')).toBe('说明');
    expect(messages.fieldLabel('/', 'zh')).toBe('任务表单');
    expect(messages.fieldLabel('/', 'en')).toBe('task form');
  });
});

describe('process error form (forms/process-error.form)', () => {
  it('returns only the editable field; read-only fields stay what the process set', () => {
    expect(valueOf(processError, { errorResolution: '  已在 Cockpit 中重试  ' })).toEqual({ errorResolution: '已在 Cockpit 中重试' });
  });

  it('refuses values for read-only fields with READONLY_FIELD', () => {
    const values = { errorResolution: '已处理', errorCode: 'E1', errorMessage: null };
    expect(issuesOf(processError, values)).toEqual([
      { path: '/errorCode', code: 'READONLY_FIELD' },
      { path: '/errorMessage', code: 'READONLY_FIELD' },
    ]);
    expect(sentences(processError, values)).toEqual(['错误代码是只读的，不能提交', '错误信息是只读的，不能提交']);
    expect(sentences(processError, values, 'en')).toEqual(['错误代码 is read-only', '错误信息 is read-only']);
  });

  it('requires the resolution and limits it to 1000 characters', () => {
    expect(sentences(processError, {})).toEqual(['请填写处理说明']);
    expect(issuesOf(processError, { errorResolution: '字'.repeat(1001) })).toEqual([
      { path: '/errorResolution', code: 'FORMAT', params: { keyword: 'maxLength', limit: 1000 } },
    ]);
    expect(sentences(processError, { errorResolution: '字'.repeat(1001) })).toEqual(['处理说明最多 1000 个字']);
  });
});

describe('text fields', () => {
  const schema = form(
    { type: 'textfield', key: 'code', label: '编号', validate: { minLength: 3, maxLength: 5, pattern: '^[A-Z]+$' } },
    { type: 'textfield', key: 'email', label: '电子邮箱', validate: { validationType: 'email' } },
    { type: 'textfield', key: 'phone', label: '联系电话', validate: { validationType: 'phone' } },
    { type: 'textfield', key: 'loose', label: '备注', validate: { pattern: '\\d' } },
  );

  it('accepts values that meet every rule', () => {
    expect(valueOf(schema, { code: 'ABCD', email: 'a.b@example.cn', phone: '+8657185781153', loose: 'room 12' })).toEqual({
      code: 'ABCD',
      email: 'a.b@example.cn',
      phone: '+8657185781153',
      loose: 'room 12',
    });
    expect(valueOf(schema, { phone: ' 008613812345678 ' }).phone).toBe('008613812345678');
  });

  it('reports each broken rule of one field, with its keyword', () => {
    expect(issuesOf(schema, { code: 'ab' })).toEqual([
      { path: '/code', code: 'FORMAT', params: { keyword: 'minLength', limit: 3 } },
      { path: '/code', code: 'FORMAT', params: { keyword: 'pattern' } },
    ]);
    expect(issuesOf(schema, { code: 'ABCDEF' })).toEqual([{ path: '/code', code: 'FORMAT', params: { keyword: 'maxLength', limit: 5 } }]);
    expect(sentences(schema, { code: 'ab' })).toEqual(['编号至少 3 个字', '编号的格式不符合要求']);
    expect(sentences(schema, { code: 'ab' }, 'en')).toEqual(['编号: at least 3 characters', '编号 does not have the required format']);
    expect(sentences(schema, { code: 'ABCDEF' })).toEqual(['编号最多 5 个字']);
  });

  it('tests a pattern unanchored, as form-js does', () => {
    expect(issuesOf(schema, { loose: 'no digits' })).toEqual([{ path: '/loose', code: 'FORMAT', params: { keyword: 'pattern' } }]);
  });

  it('checks e-mail addresses and international phone numbers', () => {
    const values = { email: 'not an address', phone: '13812345678' };
    expect(issuesOf(schema, values)).toEqual([
      { path: '/email', code: 'FORMAT', params: { keyword: 'email' } },
      { path: '/phone', code: 'FORMAT', params: { keyword: 'phone' } },
    ]);
    expect(sentences(schema, values)).toEqual(['电子邮箱应为有效的电子邮箱地址', '联系电话应为带国家代码的国际电话号码（如 +8657185781153）']);
  });
});

describe('numbers', () => {
  const schema = form(
    { type: 'number', key: 'months', label: '缴费月数', validate: { min: 1, max: 12, required: true }, decimalDigits: 0 },
    { type: 'number', key: 'rate', label: '比例', decimalDigits: 2, validate: { min: '0' } },
  );

  it('accepts JSON numbers within the limits and fills the optional one with null', () => {
    expect(valueOf(schema, { months: 12 })).toEqual({ months: 12, rate: null });
    expect(valueOf(schema, { months: 1, rate: 0.15 })).toEqual({ months: 1, rate: 0.15 });
    expect(valueOf(schema, { months: 3, rate: 0 })).toEqual({ months: 3, rate: 0 });
  });

  it('refuses numeric strings and non-finite numbers', () => {
    for (const months of ['12', Number.NaN, Number.POSITIVE_INFINITY, true]) {
      expect(issuesOf(schema, { months })).toEqual([{ path: '/months', code: 'FORMAT', params: { keyword: 'type', type: 'number' } }]);
    }
    expect(sentences(schema, { months: '12' })).toEqual(['缴费月数应为数字']);
  });

  it('reports min and max as RANGE with the limit', () => {
    expect(issuesOf(schema, { months: 0, rate: -0.5 })).toEqual([
      { path: '/months', code: 'RANGE', params: { keyword: 'min', limit: 1 } },
      { path: '/rate', code: 'RANGE', params: { keyword: 'min', limit: 0 } },
    ]);
    expect(issuesOf(schema, { months: 13 })).toEqual([{ path: '/months', code: 'RANGE', params: { keyword: 'max', limit: 12 } }]);
    expect(sentences(schema, { months: 0 })).toEqual(['缴费月数不能小于 1']);
    expect(sentences(schema, { months: 13 })).toEqual(['缴费月数不能大于 12']);
    expect(sentences(schema, { months: 13 }, 'en')).toEqual(['缴费月数 must be at most 12']);
  });

  it('checks decimal digits', () => {
    expect(issuesOf(schema, { months: 2.5, rate: 0.125 })).toEqual([
      { path: '/months', code: 'FORMAT', params: { keyword: 'decimalDigits', limit: 0 } },
      { path: '/rate', code: 'FORMAT', params: { keyword: 'decimalDigits', limit: 2 } },
    ]);
    expect(issuesOf(schema, { months: 3, rate: 1e-7 })).toEqual([
      { path: '/rate', code: 'FORMAT', params: { keyword: 'decimalDigits', limit: 2 } },
    ]);
    expect(sentences(schema, { months: 2.5, rate: 0.125 })).toEqual(['缴费月数应为整数', '比例最多保留 2 位小数']);
  });
});

describe('checkboxes', () => {
  const schema = form(
    { type: 'checkbox', key: 'confirmed', label: '已核对原件', validate: { required: true } },
    { type: 'checkbox', key: 'urgent', label: '加急' },
  );

  it('accepts booleans, fills an absent optional box with null', () => {
    expect(valueOf(schema, { confirmed: true })).toEqual({ confirmed: true, urgent: null });
    expect(valueOf(schema, { confirmed: true, urgent: false })).toEqual({ confirmed: true, urgent: false });
  });

  it('requires a required box to be ticked, as form-js does', () => {
    expect(issuesOf(schema, { confirmed: false })).toEqual([{ path: '/confirmed', code: 'REQUIRED' }]);
    expect(sentences(schema, {})).toEqual(['请填写已核对原件']);
  });

  it('refuses anything but a boolean', () => {
    expect(issuesOf(schema, { confirmed: 'true', urgent: 1 })).toEqual([
      { path: '/confirmed', code: 'FORMAT', params: { keyword: 'type', type: 'boolean' } },
      { path: '/urgent', code: 'FORMAT', params: { keyword: 'type', type: 'boolean' } },
    ]);
    expect(sentences(schema, { confirmed: true, urgent: 1 })).toEqual(['加急只能是 true 或 false']);
  });
});

describe('options', () => {
  const options = [
    { label: '养老保险', value: 'pension' },
    { label: '医疗保险', value: 'medical' },
  ];
  const schema = form(
    { type: 'select', key: 'kind', label: '险种', values: options },
    { type: 'checklist', key: 'kinds', label: '已核险种', values: options, validate: { required: true } },
    { type: 'taglist', key: 'tags', label: '标签', values: options },
    { type: 'select', key: 'office', label: '经办机构', valuesKey: 'offices' },
    { type: 'checklist', key: 'offices', label: '协办机构', valuesExpression: '=allOffices' },
  );

  it('accepts option values and lists of them', () => {
    expect(valueOf(schema, { kind: 'medical', kinds: ['pension', ' medical '], tags: ['pension'] })).toEqual({
      kind: 'medical',
      kinds: ['pension', 'medical'],
      tags: ['pension'],
      office: null,
      offices: null,
    });
  });

  it('refuses values outside the options, naming the options by label', () => {
    const values = { kind: 'life', kinds: ['pension', 'life'], tags: 'pension' };
    expect(issuesOf(schema, values)).toEqual([
      { path: '/kind', code: 'FORMAT', params: { keyword: 'enum', allowedValues: ['养老保险', '医疗保险'] } },
      { path: '/kinds', code: 'FORMAT', params: { keyword: 'enum', allowedValues: ['养老保险', '医疗保险'] } },
      { path: '/tags', code: 'FORMAT', params: { keyword: 'type', type: 'list' } },
    ]);
    expect(sentences(schema, values)).toEqual(['险种只能是：养老保险、医疗保险', '已核险种只能是：养老保险、医疗保险', '标签应为选项的列表']);
    expect(sentences(schema, values, 'en')[0]).toBe('险种 must be one of 养老保险, 医疗保险');
  });

  it('requires at least one item of a required list', () => {
    expect(issuesOf(schema, { kinds: [] })).toEqual([{ path: '/kinds', code: 'REQUIRED' }]);
  });

  it('checks only the type of options that come from data', () => {
    expect(valueOf(schema, { kinds: ['pension'], office: 'hz-01', offices: ['a', 'b'] })).toMatchObject({ office: 'hz-01', offices: ['a', 'b'] });
    expect(issuesOf(schema, { kinds: ['pension'], office: 7, offices: ['a', 3] })).toEqual([
      { path: '/office', code: 'FORMAT', params: { keyword: 'type', type: 'option' } },
      { path: '/offices', code: 'FORMAT', params: { keyword: 'type', type: 'list' } },
    ]);
    expect(sentences(schema, { kinds: ['pension'], office: 7 })).toEqual(['经办机构应为一个选项']);
  });
});

describe('dates and times', () => {
  const schema = form(
    { type: 'datetime', subtype: 'date', key: 'visitDate', dateLabel: '走访日期' },
    { type: 'datetime', subtype: 'time', key: 'visitTime', timeLabel: '走访时间' },
    { type: 'datetime', subtype: 'datetime', key: 'visitAt', label: '走访时刻', timeSerializingFormat: 'utc_offset' },
    { type: 'datetime', subtype: 'time', key: 'callAt', label: '回访时间', timeSerializingFormat: 'utc_normalized' },
    { type: 'datetime', key: 'plainDate', label: '默认日期' },
  );

  it('accepts the shapes form-js writes', () => {
    expect(
      valueOf(schema, { visitDate: '2024-02-29', visitTime: '23:59', visitAt: '2024-03-01T09:30+08:00', callAt: '01:30Z', plainDate: '2024-12-31' }),
    ).toEqual({ visitDate: '2024-02-29', visitTime: '23:59', visitAt: '2024-03-01T09:30+08:00', callAt: '01:30Z', plainDate: '2024-12-31' });
    expect(valueOf(schema, { visitAt: '2024-03-01T09:30:15-05:00' }).visitAt).toBe('2024-03-01T09:30:15-05:00');
  });

  it.each([
    ['visitDate', '2023-02-29', 'date', 'YYYY-MM-DD'],
    ['visitDate', '2024-13-01', 'date', 'YYYY-MM-DD'],
    ['visitDate', '2024-1-5', 'date', 'YYYY-MM-DD'],
    ['visitDate', '2024-03-01T00:00', 'date', 'YYYY-MM-DD'],
    ['visitDate', 20240301, 'date', 'YYYY-MM-DD'],
    ['plainDate', '31/12/2024', 'date', 'YYYY-MM-DD'],
    ['visitTime', '24:00', 'time', 'HH:MM'],
    ['visitTime', '9:30', 'time', 'HH:MM'],
    ['visitTime', '09:30+08:00', 'time', 'HH:MM'],
    ['callAt', '01:30', 'time', 'HH:MMZ'],
    ['visitAt', '2024-03-01T09:30', 'datetime', 'YYYY-MM-DDTHH:MM+08:00'],
    ['visitAt', '2024-02-30T09:30+08:00', 'datetime', 'YYYY-MM-DDTHH:MM+08:00'],
  ])('refuses %s = %j', (key, value, format, shape) => {
    expect(issuesOf(schema, { [key]: value })).toEqual([{ path: `/${key}`, code: 'FORMAT', params: { keyword: 'format', format, shape } }]);
  });

  it('says which shape is expected, naming the field by its part label when it has no label', () => {
    const values = { visitDate: '2023-02-29', visitTime: '25:00', visitAt: 'tomorrow' };
    expect(sentences(schema, values)).toEqual([
      '走访日期应为 YYYY-MM-DD 格式的有效日期',
      '走访时间应为 HH:MM 格式的有效时间',
      '走访时刻应为 YYYY-MM-DDTHH:MM+08:00 格式的有效日期时间',
    ]);
    expect(sentences(schema, values, 'en')[0]).toBe('走访日期 must be a valid date as YYYY-MM-DD');
  });
});

describe('groups, display components and locked inputs', () => {
  const schema = form(
    { type: 'text', text: '#### 说明' },
    { type: 'image' },
    { type: 'spacer' },
    { type: 'separator' },
    { type: 'text', key: 'shownNote', label: '提示', text: '...' },
    {
      type: 'group',
      label: '复核',
      components: [
        { type: 'textfield', key: 'reviewer', label: '复核人', validate: { required: true } },
        { type: 'textfield', key: 'office', label: '所属机构', disabled: true },
      ],
    },
    { type: 'group', label: '已锁定', readonly: true, components: [{ type: 'textfield', key: 'lockedChild', label: '锁定项' }] },
  );

  it('takes group children as top-level keys and leaves display components out', () => {
    expect(valueOf(schema, { reviewer: '王芳' })).toEqual({ reviewer: '王芳' });
  });

  it('refuses values for disabled inputs, children of a read-only group and display components', () => {
    const values = { reviewer: '王芳', office: '杭州', lockedChild: 'x', shownNote: 'y' };
    expect(issuesOf(schema, values)).toEqual([
      { path: '/office', code: 'READONLY_FIELD' },
      { path: '/lockedChild', code: 'READONLY_FIELD' },
      { path: '/shownNote', code: 'READONLY_FIELD' },
    ]);
    expect(sentences(schema, values)).toEqual(['所属机构是只读的，不能提交', '锁定项是只读的，不能提交', '提示是只读的，不能提交']);
  });

  it('checks group children like any field', () => {
    expect(sentences(schema, {})).toEqual(['请填写复核人']);
  });
});

describe('inputs shown only for some answers (conditional.hide)', () => {
  // As form-js: the condition is FEEL after "=", true hides; a hidden input is neither required nor sent.
  const conditional = form(
    { type: 'radio', key: 'decision', label: '决定', values: [{ label: '同意', value: 'yes' }, { label: '退回', value: 'no' }], validate: { required: true } },
    { type: 'textarea', key: 'why', label: '退回原因', validate: { required: true, maxLength: 5 }, conditional: { hide: '=decision != "no"' } },
    { type: 'textfield', key: 'note', label: '备注' },
  );

  it('checks a shown input like any other', () => {
    expect(valueOf(conditional, { decision: 'no', why: ' 缺材料 ' })).toEqual({ decision: 'no', why: '缺材料', note: null });
    expect(issuesOf(conditional, { decision: 'no' })).toEqual([{ path: '/why', code: 'REQUIRED' }]);
    expect(issuesOf(conditional, { decision: 'no', why: '太长的退回原因' })).toEqual([{ path: '/why', code: 'FORMAT', params: { keyword: 'maxLength', limit: 5 } }]);
  });

  it('neither requires nor accepts a hidden input, and stores it as null', () => {
    expect(valueOf(conditional, { decision: 'yes' })).toEqual({ decision: 'yes', why: null, note: null });
    expect(valueOf(conditional, { decision: 'yes', why: '  ' })).toEqual({ decision: 'yes', why: null, note: null });
    expect(issuesOf(conditional, { decision: 'yes', why: '缺材料' })).toEqual([{ path: '/why', code: 'HIDDEN_FIELD' }]);
    expect(sentences(conditional, { decision: 'yes', why: '缺材料' })).toEqual(['按当前的选择不填写退回原因，请不要提交该项']);
    expect(sentences(conditional, { decision: 'yes', why: '缺材料' }, 'en')).toEqual(['退回原因 does not apply to the current choice and must not be sent']);
  });

  it('reports problems in the form’s order, whichever field decided first', () => {
    const reordered = form(conditional.components[1]!, conditional.components[0]!);
    expect(issuesOf(reordered, { decision: 'maybe', why: 'x' }).map((i) => [i.path, i.code])).toEqual([
      ['/why', 'HIDDEN_FIELD'],
      ['/decision', 'FORMAT'],
    ]);
    expect(Object.keys(valueOf(reordered, { decision: 'no', why: 'x' }))).toEqual(['why', 'decision']);
  });

  it.each([
    ['a condition on a process variable', { hide: '=locked' }, /"why" .* hidden by a FEEL condition reading locked, which is not an unconditional input/],
    ['a condition on another conditional input', { hide: '=why = null' }, /"why" .* reading why/],
    ['a condition that is not FEEL', { hide: 'decision = "no"' }, /"why" .* has hide condition "decision = \\"no\\""; form-js evaluates only FEEL starting with "="/],
    ['a condition that does not parse', { hide: '=decision = (' }, /"why" .* which is not valid FEEL/],
  ])('refuses %s', (_what, condition, message) => {
    const schema = form(conditional.components[0]!, { ...conditional.components[1]!, conditional: condition });
    expect(() => checkFormValues(schema, {})).toThrow(message);
  });

  it('refuses a group with a condition', () => {
    const schema = form(conditional.components[0]!, { type: 'group', id: 'g', components: [], conditional: { hide: '=decision = "no"' } });
    expect(() => checkFormValues(schema, {})).toThrow(/"g" \(type "group"\) is a group hidden by a FEEL condition/);
  });
});

describe('forms that cannot be checked are refused', () => {
  it.each([
    ['an unknown component type', form({ type: 'filepicker', key: 'upload', label: '附件' }), /component "upload" \(type "filepicker"\)/],
    ['a dynamic list', form({ type: 'dynamiclist', key: 'rows', components: [] }), /"rows" \(type "dynamiclist"\) is a dynamic list/],
    ['an expression field', form({ type: 'expression', key: 'total' }), /"total" \(type "expression"\) computes its value with FEEL/],
    ['a group with a path', form({ type: 'group', id: 'g1', path: 'review', components: [] }), /"g1" \(type "group"\) has path "review"/],
    ['a hide condition', form({ type: 'textfield', key: 'a', conditional: { hide: '=x' } }), /"a" .* hidden by a FEEL condition/],
    ['a dotted key', form({ type: 'textfield', key: 'employer.name' }), /key "employer.name"; only plain names/],
    ['an input without key', form({ type: 'textfield', id: 'nokey' }), /"nokey" \(type "textfield"\) has no key/],
    ['a duplicate key', form({ type: 'textfield', key: 'a' }, { type: 'number', key: 'a' }), /uses key "a" a second time/],
    ['a FEEL read-only flag', form({ type: 'textfield', key: 'a', readonly: '=locked' }), /has readonly "=locked"/],
    ['a FEEL limit', form({ type: 'number', key: 'n', validate: { max: '=limit' } }), /has max "=limit"; only fixed numbers/],
    ['a bad pattern', form({ type: 'textfield', key: 'a', validate: { pattern: '(' } }), /pattern "\(", which is not a valid regular expression/],
    ['an unknown datetime subtype', form({ type: 'datetime', key: 'd', subtype: 'week' }), /unknown subtype "week"/],
    ['an increment', form({ type: 'number', key: 'n', increment: 5 }), /has an increment/],
    ['numbers sent as strings', form({ type: 'number', key: 'n', serializeToString: true }), /serializeToString/],
  ])('%s', (_what, schema, message) => {
    expect(() => checkFormValues(schema, {})).toThrow(message);
    expect(() => formMessages(schema)).toThrow(message);
  });

  it('but a display component with a hide condition is harmless', () => {
    const schema = form({ type: 'text', text: '退回时显示', conditional: { hide: '=decision != "return"' } }, { type: 'textfield', key: 'a' });
    expect(valueOf(schema, {})).toEqual({ a: null });
  });

  it('names the form in the error', () => {
    expect(() => checkFormValues({ id: 'review-form', components: [{ type: 'filepicker', key: 'f' }] }, {})).toThrow(
      'Form "review-form" cannot be checked: component "f" (type "filepicker") is not a component type task forms can check',
    );
  });
});
