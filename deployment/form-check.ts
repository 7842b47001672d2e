// Checks a form (forms/*.form) before it is deployed: what Operaton needs to find it, what the Tasklist's form-js
// (1.8.8 in Operaton 1.0.3) can show, and whether every input lands in its own process variable. The form is
// imported and rendered by form-js itself, in a jsdom document, so that the check is form-js's own judgement.
import { createRequire } from 'node:module';
import type { Form as FormJsForm } from '@bpmn-io/form-js-viewer';
import { installFormDom } from './form-dom.ts';

export interface FormProblem {
  /** JSON pointer into the form file (`/components/2/key`); empty for the file as a whole. */
  path: string;
  message: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

// Keyed components a person never sees: they need no label.
const UNLABELLED_KEYED_TYPES = new Set(['expression']);

// form-js is loaded as CommonJS: its ES module build imports a named export from lodash that Node cannot see in
// lodash's CommonJS. preact is taken from where form-js finds it, so that its options are the ones form-js's
// rendering reads. Both load only after the DOM globals exist (DOMPurify looks for a window once, when loaded).
const require = createRequire(import.meta.url);

function loadFormJs() {
  installFormDom();
  const formJsPath = require.resolve('@bpmn-io/form-js-viewer');
  const formJs = require(formJsPath) as typeof import('@bpmn-io/form-js-viewer');
  const preact = createRequire(formJsPath)('preact') as typeof import('preact');
  return { Form: formJs.Form, supportedSchemaVersion: formJs.schemaVersion, preactOptions: preact.options };
}

/** The checks on the file's top level; false when the rest of the file cannot be checked meaningfully. */
function checkTopLevel(form: Json, supportedSchemaVersion: number, problems: FormProblem[]): boolean {
  if (typeof form.id !== 'string' || form.id.trim() === '') {
    problems.push({ path: '/id', message: '表单缺少 id（字符串），流程中的 formRef 靠它找到表单' });
  }
  if (form.type !== 'default') {
    problems.push({ path: '/type', message: `表单的 type 应为 "default"，实际为 ${JSON.stringify(form.type)}` });
  }
  const version = form.schemaVersion;
  if (version !== undefined && !Number.isInteger(version)) {
    problems.push({ path: '/schemaVersion', message: `表单的 schemaVersion 应为整数，实际为 ${JSON.stringify(version)}` });
  } else if (typeof version === 'number' && version > supportedSchemaVersion) {
    problems.push({
      path: '/schemaVersion',
      message: `表单的 schemaVersion ${version} 高于任务列表（form-js 1.8.8）支持的 ${supportedSchemaVersion}，请用兼容的建模器版本保存`,
    });
  }
  if (form.components !== undefined && !Array.isArray(form.components)) {
    problems.push({ path: '/components', message: '表单的 components 应为数组' });
    return false;
  }
  return true;
}

/**
 * Every component, depth first, with its JSON pointer and the variable path its value is bound under: groups and
 * dynamic lists with a `path` nest their children's keys under it, as form-js binds them.
 */
function* walkComponents(components: unknown, pointer: string, scope: string[]): Generator<{ component: Json; pointer: string; scope: string[] }> {
  if (!Array.isArray(components)) return;
  for (const [index, component] of components.entries()) {
    if (!isObject(component)) continue;
    const here = `${pointer}/${index}`;
    yield { component, pointer: here, scope };
    const nested = typeof component.path === 'string' && component.path !== '' ? [...scope, ...component.path.split('.')] : scope;
    yield* walkComponents(component.components, `${here}/components`, nested);
  }
}

/** Types form-js cannot show, keys that are missing a label or bound twice. */
function checkComponents(form: Json, knownType: (type: string) => boolean, problems: FormProblem[]): void {
  const boundAt = new Map<string, string>();
  for (const { component, pointer, scope } of walkComponents(form.components, '/components', [])) {
    const { type, key, label } = component;
    if (typeof type !== 'string' || !knownType(type)) {
      problems.push({ path: `${pointer}/type`, message: `组件类型 ${JSON.stringify(type)} 不是任务列表（form-js 1.8.8）支持的类型` });
    }
    if (key === undefined) continue;
    if (typeof key !== 'string' || key.trim() === '') {
      problems.push({ path: `${pointer}/key`, message: '输入组件的 key（流程变量名）应为非空字符串' });
      continue;
    }
    const binding = [...scope, key].join('.');
    const first = boundAt.get(binding);
    if (first !== undefined) {
      problems.push({ path: `${pointer}/key`, message: `输入组件的 key ${binding} 与 ${first} 重复，两者会写入同一个流程变量` });
    } else {
      boundAt.set(binding, pointer);
    }
    const typeName = typeof type === 'string' ? type : '';
    if (!UNLABELLED_KEYED_TYPES.has(typeName) && (typeof label !== 'string' || label.trim() === '')) {
      problems.push({ path: `${pointer}/label`, message: `输入组件 ${key} 缺少标签（label），办理人不知道要填什么` });
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

type FormJs = ReturnType<typeof loadFormJs>;
type ImportOutcome = { warnings: unknown[] } | { error: unknown; warnings: unknown[] };

/**
 * Runs `work` with preact's renders and effects queued instead of deferred, then runs the queue to the end, now.
 * Left to itself preact renders (and runs effects) a moment later, where a failure could be neither reported nor
 * caught. Nothing else runs in between, so no other form's rendering is caught up in this one's.
 */
function renderingNow(preactOptions: FormJs['preactOptions'], work: () => void): void {
  const pending: Array<() => void> = [];
  const previous = { debounceRendering: preactOptions.debounceRendering, requestAnimationFrame: preactOptions.requestAnimationFrame };
  preactOptions.debounceRendering = (render) => void pending.push(render);
  preactOptions.requestAnimationFrame = (effects) => void pending.push(effects);
  try {
    work();
    for (let next = pending.shift(); next; next = pending.shift()) next();
  } finally {
    preactOptions.debounceRendering = previous.debounceRendering;
    preactOptions.requestAnimationFrame = previous.requestAnimationFrame;
  }
}

/**
 * Imports the schema into a form-js Form attached to the jsdom document and renders it; reports component types
 * form-js does not know, and every import error, warning and rendering failure.
 */
async function importAndRender(schema: Json, formJs: FormJs, problems: FormProblem[]): Promise<void> {
  const host = document.createElement('div');
  document.body.appendChild(host);
  let form: FormJsForm | undefined;
  let outcome: Promise<ImportOutcome> = Promise.resolve({ warnings: [] });
  let rendered = true;
  try {
    renderingNow(formJs.preactOptions, () => {
      form = new formJs.Form({ container: host });
      // The form's own registry of component types: what this form-js can show.
      const registry = form.get<{ get(type: string): unknown }>('formFields');
      checkComponents(schema, (type) => registry.get(type) !== undefined, problems);
      // importSchema does its work at once and settles its promise; the rendering is what it queues.
      outcome = form.importSchema(schema).then(
        (result: { warnings?: unknown[] }) => ({ warnings: result.warnings ?? [] }),
        (error: { warnings?: unknown[] }) => ({ error, warnings: error?.warnings ?? [] }),
      );
    });
  } catch (error) {
    rendered = false;
    problems.push({ path: '', message: `任务列表（form-js）渲染表单时出错：${messageOf(error)}` });
  }

  const result = await outcome;
  if ('error' in result) problems.push({ path: '', message: `任务列表（form-js）无法导入表单：${messageOf(result.error)}` });
  for (const warning of result.warnings) problems.push({ path: '', message: `任务列表（form-js）导入表单时警告：${messageOf(warning)}` });
  if (!('error' in result) && rendered && !host.querySelector('.fjs-form')) {
    // The queued render never ran here: preact's options above belong to another copy of preact than form-js's.
    problems.push({ path: '', message: '任务列表（form-js）没有渲染出表单' });
  }
  form?.destroy();
  host.remove();
}

/** Checks a form file's text; an empty list means the form may be deployed. */
export async function checkForm(json: string): Promise<FormProblem[]> {
  let form: unknown;
  try {
    form = JSON.parse(json);
  } catch (error) {
    return [{ path: '', message: `表单文件不是有效的 JSON：${messageOf(error)}` }];
  }
  if (!isObject(form)) return [{ path: '', message: '表单文件的内容应为 JSON 对象' }];

  const formJs = loadFormJs();
  const problems: FormProblem[] = [];
  if (!checkTopLevel(form, formJs.supportedSchemaVersion, problems)) return problems;
  await importAndRender(form, formJs, problems);
  return problems;
}
