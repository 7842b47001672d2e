// A task's Camunda Form rendered by form-js (the viewer Operaton's Tasklist uses), with the task's values; on submit
// only the answers go to POST /api/tasks/{id}/complete. The server checks them again against the same form: its
// refusals are listed above the form by field label and put on the fields themselves.
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { Alert, Button, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, type FieldError } from '../lib/api.ts';
import './task-form.css';

interface FormComponent {
  id?: string;
  key?: string;
  label?: string;
  readonly?: boolean | string;
  disabled?: boolean | string;
  components?: FormComponent[];
}

export interface TaskFormSchema {
  id: string;
  components: unknown[];
}

function keyedComponents(components: unknown[]): FormComponent[] {
  return (components as FormComponent[]).flatMap((c) => [...(c.key ? [c] : []), ...keyedComponents(c.components ?? [])]);
}

/** The answers to send: form-js's submit data without read-only fields, which show process values and are not ours to set. */
function answersOf(data: Record<string, unknown>, schema: TaskFormSchema): Record<string, unknown> {
  const fixed = new Set(keyedComponents(schema.components).filter((c) => c.readonly === true || c.disabled === true).map((c) => c.key));
  return Object.fromEntries(Object.entries(data).filter(([key, value]) => !fixed.has(key) && value !== undefined));
}

// form-js 1.8 keeps its field errors in its state, keyed by component id, and clears a field's on change. It has no
// public call for errors found elsewhere; `_setState` is internal, so it is used only when present.
type FormInternals = { _getState?: () => { errors: Record<string, unknown> }; _setState?: (s: { errors: Record<string, string[]> }) => void };

function showOnFields(form: Form, container: HTMLElement, errors: { component: FormComponent; message: string }[]): void {
  const internals = form as unknown as FormInternals;
  if (internals._setState) {
    internals._setState({ errors: Object.fromEntries(errors.filter((e) => e.component.id).map((e) => [e.component.id!, [e.message]])) });
    return;
  }
  for (const { component } of errors) {
    container.querySelector(`[id$="-${component.id}"]`)?.closest('.fjs-form-field')?.classList.add('task-form-server-error');
  }
}

export interface TaskFormProps {
  taskId: string;
  schema: TaskFormSchema;
  values: Record<string, unknown>;
  /** After the server took the answers and the task is done. */
  onCompleted: () => void;
  submitLabel?: string;
}

export function TaskForm({ taskId, schema, values, onCompleted, submitLabel = '提交' }: TaskFormProps) {
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<Form>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<string>();

  // Compared as text, so reloading the same task (after a claim, say) keeps what has been typed.
  const schemaText = JSON.stringify(schema);
  const valuesText = JSON.stringify(values);
  useEffect(() => {
    if (!container.current) return;
    const viewer = new Form({ container: container.current });
    form.current = viewer;
    viewer.importSchema(JSON.parse(schemaText), JSON.parse(valuesText)).catch(() => setFailure('表单无法显示，请联系运维人员'));
    return () => {
      viewer.destroy();
      form.current = null;
    };
  }, [schemaText, valuesText]);

  async function submit() {
    const viewer = form.current;
    if (!viewer) return;
    setProblems([]);
    setFailure(undefined);
    const { data, errors } = viewer.submit();
    // form-js marks its own findings on the fields.
    if (Object.keys(errors).length > 0) {
      setFailure('请按提示补全或更正表单中标红的内容');
      return;
    }
    setBusy(true);
    try {
      await api('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, answersOf(data as Record<string, unknown>, schema));
      onCompleted();
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setFailure('提交失败，请检查网络后重试');
        return;
      }
      const byKey = new Map(keyedComponents(schema.components).map((c) => [c.key!, c]));
      const onField = e.errors
        .map((f: FieldError) => ({ component: byKey.get(f.path.replace(/^\//, '')), message: f.message }))
        .filter((x): x is { component: FormComponent; message: string } => x.component !== undefined);
      if (container.current) showOnFields(viewer, container.current, onField);
      setProblems(e.errors.map((f) => {
        const label = byKey.get(f.path.replace(/^\//, ''))?.label;
        return label && !f.message.includes(label) ? `${label}：${f.message}` : f.message;
      }));
      setFailure(e.errors.length > 0 ? '提交未通过，请更正以下内容' : e.title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} className="task-form">
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure}
          data-testid="task-form-errors"
          description={
            problems.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <div ref={container} data-testid="task-form" />
      <Button type="primary" onClick={submit} loading={busy} data-testid="task-submit">
        {submitLabel}
      </Button>
    </Space>
  );
}
