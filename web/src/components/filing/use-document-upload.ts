// Sending chosen files (and, for evidence, whose they are) in one request: all are kept, or none. A refusal's
// /employeeIndex goes beside its field, /file/{n} is told with the file's name, the rest above the button.
import type { FormInstance, UploadFile } from 'antd';
import { useState } from 'react';
import { ApiError, upload } from '../../lib/api.ts';
import type { StoredDocument } from '../../lib/filing-types.ts';

/** The kinds a page offers to upload (the API's `other` is not offered). */
export type UploadKind = 'scan' | 'evidence' | 'dispatch_agreement';

export interface UploadValues {
  employeeIndex?: number;
}

export interface DocumentUploadOptions {
  filingId: string;
  kind: UploadKind;
  /** The employee the uploads belong to, when the page already knows. */
  employeeIndex: number | undefined;
  /** True when the form asks whose evidence it is. */
  askEmployee: boolean;
  form: FormInstance<UploadValues>;
  onUploaded: (items: StoredDocument[]) => void;
}

export function useDocumentUpload({ filingId, kind, employeeIndex, askEmployee, form, onUploaded }: DocumentUploadOptions) {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  async function send(values: UploadValues) {
    if (files.length === 0) {
      setErrors(['请先选择要上传的文件']);
      return;
    }
    setBusy(true);
    setErrors([]);
    const body = new FormData();
    body.append('kind', kind);
    const index = employeeIndex ?? values.employeeIndex;
    if (index !== undefined) body.append('employeeIndex', String(index));
    for (const f of files) if (f.originFileObj) body.append('file', f.originFileObj, f.name);
    try {
      const { items } = await upload<{ items: StoredDocument[] }>(`/api/filings/${filingId}/documents`, body);
      setFiles([]);
      form.resetFields();
      onUploaded(items);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setErrors(['上传失败，请检查网络后重试']);
        return;
      }
      form.setFields(e.errors.filter((f) => f.path === '/employeeIndex').map((f) => ({ name: 'employeeIndex', errors: [f.message] })));
      const rest = e.errors
        .filter((f) => !(askEmployee && f.path === '/employeeIndex'))
        .map((f) => {
          const n = /^\/file\/(\d+)$/.exec(f.path)?.[1];
          const name = n !== undefined ? files[Number(n)]?.name : undefined;
          return name && !f.message.includes(name) ? `${name}：${f.message}` : f.message;
        });
      setErrors(rest.length > 0 ? rest : e.errors.length === 0 ? [e.title] : []);
    } finally {
      setBusy(false);
    }
  }

  return { files, setFiles, busy, errors, send };
}
