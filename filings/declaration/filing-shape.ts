// The declaration's shape (filing.schema.json) as checkers. The server compiles them here; the pages' build replaces
// this module with the same validators compiled ahead of time (web/precompiled-filing-shape.ts), since the pages'
// Content-Security-Policy forbids compiling code in the browser.
import { compileSchema } from '../../platform/schema.ts';
import type { Employee, Filing } from './filing.ts';
import filingSchema from './filing.schema.json' with { type: 'json' };

export const checkFilingShape = compileSchema<Filing>(filingSchema);
// The schema's own employee definition, by reference, so a list assembled elsewhere meets exactly the same shape.
export const checkEmployeeShape = compileSchema<Employee>({ $ref: `${filingSchema.$id}#/$defs/employee` });
