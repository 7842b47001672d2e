// A form schema rendered by form-js-viewer, the renderer Operaton's Tasklist and our task pages use: the read-only
// view of a form and the editor's preview (预览) of the form as it will be shown.
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';

export function FormPreview({ schema, readOnly }: { schema: unknown; readOnly: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!container.current) return;
    let disposed = false;
    const form = new Form({ container: container.current });
    setError(undefined);
    form
      .importSchema(schema as Parameters<Form['importSchema']>[0], {})
      .then(() => form.setProperty('readOnly', readOnly))
      .catch((e: Error) => !disposed && setError(e.message));
    return () => {
      disposed = true;
      form.destroy();
    };
  }, [schema, readOnly]);

  return (
    <div className="form-preview">
      {error && <Alert type="error" showIcon message="表单无法显示" description={error} />}
      <div ref={container} />
    </div>
  );
}
