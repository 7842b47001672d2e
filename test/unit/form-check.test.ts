import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkForm } from '../../deployment/form-check.ts';

const formsDir = path.resolve(import.meta.dirname, '../../forms');
const forms = readdirSync(formsDir).filter((name) => name.endsWith('.form'));

describe('the project’s forms', () => {
  it('exist', () => {
    expect(forms.length).toBeGreaterThan(0);
  });

  it.each(forms)('%s has no problems', async (name) => {
    expect(await checkForm(readFileSync(path.join(formsDir, name), 'utf8'))).toEqual([]);
  });
});

/** A small valid form; each test breaks one thing in it. */
function sampleForm(): { [key: string]: unknown; components: Array<Record<string, unknown>> } {
  return {
    id: 'sample',
    type: 'default',
    schemaVersion: 16,
    components: [
      { id: 'intro', type: 'text', text: '#### 说明\n请填写。' },
      { id: 'decision', type: 'radio', key: 'decision', label: '决定', values: [{ label: '同意', value: 'yes' }] },
      { id: 'note', type: 'textarea', key: 'note', label: '说明' },
    ],
  };
}

const check = (form: object) => checkForm(JSON.stringify(form));
const paths = (problems: Array<{ path: string }>) => problems.map((p) => p.path);

describe('checkForm', () => {
  it('passes the sample form as it is', async () => {
    expect(await check(sampleForm())).toEqual([]);
  });

  it('reports text that is not JSON, and nothing else', async () => {
    const problems = await checkForm('{ "id": "sample", ');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: '' });
    expect(problems[0]!.message).toMatch(/^表单文件不是有效的 JSON/);
  });

  it('reports a missing id and a type other than default', async () => {
    const form = { ...sampleForm(), id: undefined, type: 'custom' };
    const problems = await check(form);
    expect(paths(problems)).toEqual(expect.arrayContaining(['/id', '/type']));
    expect(problems.find((p) => p.path === '/type')!.message).toContain('"custom"');
  });

  it('reports a schemaVersion newer than the Tasklist’s form-js reads', async () => {
    const problems = await check({ ...sampleForm(), schemaVersion: 17 });
    expect(problems).toEqual([
      { path: '/schemaVersion', message: '表单的 schemaVersion 17 高于任务列表（form-js 1.8.8）支持的 16，请用兼容的建模器版本保存' },
    ]);
  });

  it('reports two inputs bound to the same variable, at the second one, and form-js refusing the form', async () => {
    const form = sampleForm();
    form.components[2]!.key = 'decision';
    const problems = await check(form);
    expect(problems[0]).toEqual({ path: '/components/2/key', message: '输入组件的 key decision 与 /components/1 重复，两者会写入同一个流程变量' });
    expect(problems.slice(1)).toEqual([{ path: '', message: "任务列表（form-js）无法导入表单：binding path 'decision' is already claimed" }]);
  });

  it('accepts the same key under different group paths', async () => {
    const form = sampleForm();
    form.components.push({ id: 'employer', type: 'group', label: '单位', path: 'employer', components: [{ id: 'employer-note', type: 'textfield', key: 'note', label: '说明' }] });
    expect(await check(form)).toEqual([]);
  });

  it('reports a component type form-js 1.8.8 does not know, by path and in form-js’s own words', async () => {
    const form = sampleForm();
    form.components.push({ id: 'stars', type: 'rating', key: 'stars', label: '评分' });
    const problems = await check(form);
    expect(problems).toContainEqual({ path: '/components/3/type', message: '组件类型 "rating" 不是任务列表（form-js 1.8.8）支持的类型' });
    expect(problems).toContainEqual({ path: '', message: '任务列表（form-js）无法导入表单：form field of type <rating> not supported' });
  });

  it('reports an input without a label, also inside a group', async () => {
    const form = sampleForm();
    delete form.components[1]!.label;
    form.components.push({ id: 'box', type: 'group', label: '其他', components: [{ id: 'other', type: 'textfield', key: 'other' }] });
    const problems = await check(form);
    expect(paths(problems)).toEqual(['/components/1/label', '/components/3/components/0/label']);
  });

  it('renders the form, and reports what form-js cannot render', async () => {
    const form = sampleForm();
    form.components[0]!.text = 42;
    const problems = await check(form);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^任务列表（form-js）渲染表单时出错：marked\(\)/);
  });

  it('leaves the DOM it needs in place and empty for the next check', async () => {
    await check(sampleForm());
    expect(document.body.children).toHaveLength(0);
    expect(await check(sampleForm())).toEqual([]);
  });
});
