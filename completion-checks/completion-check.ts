// What a completion check is: run by the tasks API after a task's form has been checked, on the form's values.
import type { Db } from '../platform/db.ts';
import type { MessageCatalogue } from '../platform/field-messages.ts';
import type { FieldIssue } from '../platform/schema.ts';
import type { FormValue } from '../tasks/form-values.ts';

export type CompletionValues = Readonly<Record<string, FormValue>>;

export interface CompletionCheck {
  /** Every problem at once; the values are the form's checked values (every field present, blanks as null). */
  check(db: Db, filingId: string, values: CompletionValues): Promise<FieldIssue[]>;
  /** The sentences of the codes it reports beyond the form check's. */
  templates: NonNullable<MessageCatalogue['templates']>;
}
