// The form editor of the modeler: form-js-editor 1.8.7 (palette, canvas, properties panel), whose forms stay
// renderable by the form-js-viewer 1.8.8 of Operaton's Tasklist and our pages. Findings of the live checks are listed
// above it and outlined on their fields; 预览 shows the form as the viewer renders it. Read-only shows the viewer only.
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { Alert, Segmented } from 'antd';
import { useImperativeHandle, useMemo, useState, type Ref } from 'react';
import type { EditorHandle, EditorProps } from '../editor-contract.ts';
import './form-editor.css';
import { FindingOutlines, FormFindingsList, type ListedFinding } from './FormFindings.tsx';
import { FormPreview } from './FormPreview.tsx';
import { componentOf, nameOf, parse, type FormSchema } from './form-schema.ts';
import { useFormJsEditor } from './use-form-js-editor.ts';

export function FormEditor({ fileName, initial, findings, onChange, readOnly, ref }: EditorProps & { ref?: Ref<EditorHandle> }) {
  const { schema, error: parseError } = useMemo(() => parse(initial), [initial]);
  const [mode, setMode] = useState<'design' | 'preview'>('design');
  const [previewSchema, setPreviewSchema] = useState<FormSchema>();
  const form = useFormJsEditor(schema, initial, readOnly, onChange);
  const { edited, current } = form;

  const reveal = (elementId: string) => {
    const target = edited && componentOf(edited, elementId);
    if (!form.hasEditor() || !target?.id) return;
    setMode('design');
    form.select(target.id);
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

  const listed: ListedFinding[] = edited
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
      <FindingOutlines listed={listed} form={edited} />
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
      {form.importError && <Alert type="error" showIcon message="表单无法载入编辑器" description={form.importError} />}
      <FormFindingsList listed={listed} onReveal={reveal} />
      {readOnly ? (
        <FormPreview schema={schema} readOnly />
      ) : (
        <>
          <div className="form-editor-canvas" ref={form.canvasRef} hidden={mode !== 'design'} />
          {mode === 'preview' && previewSchema && <FormPreview schema={previewSchema} readOnly={false} />}
        </>
      )}
    </div>
  );
}
