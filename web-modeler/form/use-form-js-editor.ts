// form-js-editor in a container (not when read-only): the schema imported with the editor's labels in Chinese, every
// edit reported and kept as the schema now stands, the file as it would be saved, and selecting a field.
import { FormEditor as FormJsEditor } from '@bpmn-io/form-js-editor';
import { useEffect, useRef, useState } from 'react';
import { byId, inOriginalOrder, type FormSchema } from './form-schema.ts';
import { translateFormEditor } from './translations-zh.ts';

export function useFormJsEditor(schema: FormSchema | undefined, initial: string, readOnly: boolean, onChange: () => void) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<FormJsEditor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
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

  /** The file's text as it stands: the edited schema in the file's own key order; the opened text when read-only. */
  const current = (): string => {
    const editor = editorRef.current;
    if (readOnly || !editor || !schema) return initial;
    // The form's id is the key process diagrams reference (formRef): an edit of it in the panel is not taken.
    const saved = { ...(editor.saveSchema() as FormSchema), id: schema.id };
    return JSON.stringify(inOriginalOrder(saved, schema, byId(schema)), null, 2);
  };

  /** Selects a component on the canvas. */
  const select = (componentId: string) => {
    const editor = editorRef.current;
    const field = editor?.get<{ get(id: string): unknown }>('formFieldRegistry').get(componentId);
    if (editor && field) editor.get<{ set(field: unknown): void }>('selection').set(field);
  };

  return { canvasRef, importError, edited, current, select, hasEditor: () => editorRef.current !== null };
}
