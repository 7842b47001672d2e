// The form editor of the modeler: form-js-editor 1.8.7 (palette, canvas, properties panel), whose forms stay
// renderable by the form-js-viewer 1.8.8 of Operaton's Tasklist and our pages. Findings of the live checks are listed
// above it and outlined on their fields; 预览 shows the form as the viewer renders it. Read-only shows the viewer only.
import { FormEditor as FormJsEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { Alert, Segmented } from 'antd';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { EditorHandle, EditorProps } from '../editor-contract.ts';
import type { Finding } from '../modeler-api.ts';
import { FormPreview } from './FormPreview.tsx';
import './form-editor.css';
import { translateFormEditor } from './translations-zh.ts';

interface FormComponent {
  id?: string;
  type?: string;
  key?: string;
  label?: string;
  text?: string;
  components?: FormComponent[];
}

interface FormSchema extends FormComponent {
  id: string;
}

/**
 * The component a finding names: its id, or a JSON pointer into the schema (/components/3/key → that component).
 * The deepest component on the pointer's way is the one meant; the form itself when the pointer names no component.
 */
export function componentOf(schema: FormSchema, elementId: string): FormComponent | undefined {
  if (!elementId.startsWith('/')) return findById(schema, elementId);
  let node: unknown = schema;
  let component: FormComponent = schema;
  for (const raw of elementId.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[segment];
    if (node && typeof node === 'object' && !Array.isArray(node) && typeof (node as FormComponent).type === 'string') {
      component = node as FormComponent;
    }
  }
  return component;
}

function findById(component: FormComponent, id: string): FormComponent | undefined {
  if (component.id === id) return component;
  for (const child of component.components ?? []) {
    const found = findById(child, id);
    if (found) return found;
  }
  return undefined;
}

/** How a component is named to the user: its label, else its text's first line, else its key or id. */
function nameOf(component: FormComponent | undefined, schema: FormSchema): string {
  if (!component || component === schema) return '表单';
  const text = component.label || component.text?.split('\n')[0]?.replace(/^#+\s*/, '') || component.key || component.id || '';
  return `字段「${text.length > 24 ? `${text.slice(0, 24)}…` : text}」`;
}

/** Outlines on the fields findings name (form-js-editor marks each field's element with data-id). */
function findingsCss(marks: { id: string; category: Finding['category'] }[]): string {
  return marks
    .map(({ id, category }) => `.form-editor-canvas .fjs-element[data-id="${CSS.escape(id)}"] { outline: 2px solid var(--form-finding-${category}); outline-offset: 2px; }`)
    .join('\n');
}

/**
 * form-js-editor saves keys in its own order (components first); the file keeps the order it had, so that a
 * version's diff shows what was edited, not a shuffle. Components are matched to their originals by id.
 */
function inOriginalOrder<T extends object>(saved: T, original: object | undefined, originals: Map<string, FormComponent>): T {
  const ordered: Record<string, unknown> = {};
  const keys = [...Object.keys(original ?? {}).filter((k) => k in saved), ...Object.keys(saved)];
  for (const key of keys) {
    if (key in ordered) continue;
    const value = (saved as Record<string, unknown>)[key];
    ordered[key] =
      key === 'components' && Array.isArray(value)
        ? value.map((c: FormComponent) => inOriginalOrder(c, c.id ? originals.get(c.id) : undefined, originals))
        : value;
  }
  return ordered as T;
}

function byId(component: FormComponent, into = new Map<string, FormComponent>()): Map<string, FormComponent> {
  if (component.id) into.set(component.id, component);
  for (const child of component.components ?? []) byId(child, into);
  return into;
}

function parse(initial: string): { schema?: FormSchema; error?: string } {
  try {
    return { schema: JSON.parse(initial) as FormSchema };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function FormEditor({ fileName, initial, findings, onChange, readOnly, ref }: EditorProps & { ref?: Ref<EditorHandle> }) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<FormJsEditor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const { schema, error: parseError } = useMemo(() => parse(initial), [initial]);
  const [mode, setMode] = useState<'design' | 'preview'>('design');
  const [previewSchema, setPreviewSchema] = useState<FormSchema>();
  const [importError, setImportError] = useState<string>();
  // Findings are resolved against the schema as edited: a pointer's index means the current list.
  const [edited, setEdited] = useState<FormSchema | undefined>(schema);

  useEffect(() => {
    const container = canvasRef.current;
    if (readOnly || !schema || !container) return;
    let disposed = false;
    const editor = new FormJsEditor({ container });
    editorRef.current = editor;
    const stopTranslating = translateFormEditor(container);
    setImportError(undefined);
    setEdited(schema);
    editor
      .importSchema(structuredClone(schema))
      .then(() => {
        if (disposed) return;
        editor.on('commandStack.changed', (event: { trigger?: string }) => {
          if (disposed || event.trigger === 'clear') return;
          setEdited(editor.saveSchema() as FormSchema);
          onChangeRef.current();
        });
      })
      .catch((e: Error) => !disposed && setImportError(e.message));
    return () => {
      disposed = true;
      stopTranslating();
      editorRef.current = null;
      editor.destroy();
    };
  }, [schema, readOnly]);

  const current = (): string => {
    const editor = editorRef.current;
    if (readOnly || !editor || !schema) return initial;
    // The form's id is the key process diagrams reference (formRef): an edit of it in the panel is not taken.
    const saved = { ...(editor.saveSchema() as FormSchema), id: schema.id };
    return JSON.stringify(inOriginalOrder(saved, schema, byId(schema)), null, 2);
  };

  const reveal = (elementId: string) => {
    const editor = editorRef.current;
    const target = edited && componentOf(edited, elementId);
    if (!editor || !target?.id) return;
    setMode('design');
    const field = editor.get<{ get(id: string): unknown }>('formFieldRegistry').get(target.id);
    if (field) editor.get<{ set(field: unknown): void }>('selection').set(field);
  };

  useImperativeHandle(
    ref,
    () => ({
      async current() {
        return { name: fileName, content: current() };
      },
      reveal,
    }),
  );

  const listed = edited
    ? findings.map((f) => {
        const component = f.elementId ? componentOf(edited, f.elementId) : undefined;
        return { finding: f, component, where: nameOf(component, edited) };
      })
    : [];

  const showPreview = () => {
    setPreviewSchema(JSON.parse(current()) as FormSchema);
    setMode('preview');
  };

  if (parseError || !schema) {
    return <Alert type="error" showIcon message="表单文件无法打开" description={parseError} />;
  }

  return (
    <div className="form-editor">
      <style>
        {findingsCss(
          listed.filter((l) => l.component?.id && l.component !== edited).map((l) => ({ id: l.component!.id!, category: l.finding.category })),
        )}
      </style>
      {!readOnly && (
        <div className="form-editor-toolbar">
          <Segmented
            size="small"
            value={mode}
            onChange={(value) => (value === 'preview' ? showPreview() : setMode('design'))}
            options={[
              { value: 'design', label: '设计' },
              { value: 'preview', label: '预览' },
            ]}
          />
          {mode === 'preview' && <span className="form-editor-hint">按任务页面和 Operaton 任务列表的显示效果预览，不会提交任何数据。</span>}
        </div>
      )}
      {importError && <Alert type="error" showIcon message="表单无法载入编辑器" description={importError} />}
      {listed.length > 0 && (
        <ul className="form-editor-findings">
          {listed.map(({ finding, component, where }, i) => (
            <li key={i} className={`form-editor-finding-${finding.category}`}>
              <a onClick={() => component?.id && reveal(component.id)} title={finding.elementId}>
                {finding.category === 'error' ? '错误' : '提醒'}（{where}）：{finding.message}
              </a>
            </li>
          ))}
        </ul>
      )}
      {readOnly ? (
        <FormPreview schema={schema} readOnly />
      ) : (
        <>
          <div className="form-editor-canvas" ref={canvasRef} hidden={mode !== 'design'} />
          {mode === 'preview' && previewSchema && <FormPreview schema={previewSchema} readOnly={false} />}
        </>
      )}
    </div>
  );
}
