// Checks a received upload as one form: the fields (kind; the employee index of this filing, optional except for a
// dispatch agreement, which names a dispatched worker), the number of files, and each file's type by content. Every
// problem is reported at once; any problem rejects all files.
import type { Employee } from '../filings/declaration/filing.ts';
import type { ReceivedUpload } from '../platform/multipart-upload.ts';
import { compileSchema, type Checked, type FieldIssue } from '../platform/schema.ts';
import { uploadFieldsSchema, type UploadFields } from '../api/documents.ts';
import type { NewDocument, StagedFile } from './document-store.ts';
import { checkDocumentType } from './document-types.ts';

const MAX_NAME_LENGTH = 200;

const checkFields = compileSchema<UploadFields>(uploadFieldsSchema);

/** The name as shown and offered on download: no path, no control characters, bounded; a stand-in when empty. */
export function cleanFileName(name: string, extension: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const bounded = Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join('');
  return bounded || `document.${extension}`;
}

/**
 * The upload as one form, against the filing's declared employees: an employee index must name one of them, and a
 * dispatch agreement (劳务派遣协议) must name a dispatched worker — the agreement is with that worker's agency.
 */
export function checkUpload(received: ReceivedUpload<StagedFile>, employees: readonly Pick<Employee, 'employmentType'>[]): Checked<NewDocument[]> {
  const employeeCount = employees.length;
  const issues: FieldIssue[] = [...received.issues];
  // An empty form control arrives as "": the same as not sending it.
  const fields = Object.fromEntries(Object.entries(received.fields).filter(([, value]) => value !== ''));
  const checked = checkFields(fields);
  if (!checked.ok) issues.push(...checked.issues);
  let employeeIndex: number | null = null;
  if (checked.ok && checked.value.employeeIndex !== undefined) {
    employeeIndex = Number(checked.value.employeeIndex);
    if (employeeIndex >= employeeCount) issues.push({ path: '/employeeIndex', code: 'EMPLOYEE_INDEX', params: { count: employeeCount } });
    else if (checked.value.kind === 'dispatch_agreement' && employees[employeeIndex]?.employmentType !== 'dispatch') {
      issues.push({ path: '/employeeIndex', code: 'NOT_DISPATCHED', params: { index: employeeIndex } });
    }
  } else if (checked.ok && checked.value.kind === 'dispatch_agreement') {
    issues.push({ path: '/employeeIndex', code: 'REQUIRED' });
  }

  if (received.files.length === 0 && !issues.some((i) => i.code === 'TOO_MANY_FILES')) issues.push({ path: '/file', code: 'REQUIRED' });
  const documents: NewDocument[] = [];
  received.files.forEach((staged, index) => {
    const type = checkDocumentType(staged.head, `/file/${index}`, { name: staged.originalName });
    if (!type.ok) {
      issues.push(...type.issues);
      return;
    }
    if (!checked.ok) return;
    documents.push({
      staged,
      kind: checked.value.kind,
      employeeIndex,
      mediaType: type.value.mediaType,
      originalName: cleanFileName(staged.originalName, type.value.extension),
    });
  });
  return issues.length ? { ok: false, issues } : { ok: true, value: documents };
}
