// The declaration's schema as the API publishes it: filings/declaration/filing.schema.json (the one the filing checks
// use), its $defs written in place so that each part stands alone inside the OpenAPI document.
import filingSchema from '../filings/declaration/filing.schema.json' with { type: 'json' };
import { filingTemplates } from '../filings/declaration/messages.ts';
import type { JsonSchema } from './route-contract.ts';

function inlineDefs(node: unknown, defs: Readonly<Record<string, unknown>>): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineDefs(item, defs));
  if (node === null || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) return inlineDefs(defs[ref.slice('#/$defs/'.length)], defs);
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== '$defs' && key !== '$id' && key !== '$schema')
      .map(([key, value]) => [key, inlineDefs(value, defs)]),
  );
}

/** The whole declaration (POST /api/filings, PUT …/declaration): every field with the schema's own rules. */
export const declarationSchema: { readonly [keyword: string]: unknown } = {
  ...(inlineDefs(filingSchema, filingSchema.$defs) as Record<string, unknown>),
  description: '年审申报表（附件1）；校验位、行政区划、日期等另行检查，问题逐条列在 400 的 errors 中 / the annual declaration; check digits, region codes and dates are checked beyond the schema, every problem listed in the 400 errors',
};

const parts = declarationSchema.properties as unknown as Record<'employer' | 'employees' | 'commitment', JsonSchema>;

/** The declaration's parts as answers show them: personal numbers (ID, phone) masked unless revealed to staff who may see them. */
export const declaredEmployerSchema: JsonSchema = parts.employer;
export const declaredEmployeesSchema: JsonSchema = parts.employees;
export const declaredCommitmentSchema: JsonSchema = parts.commitment;
/** One employee row, as the employee-list import gives it. */
export const declaredEmployeeSchema: JsonSchema = (parts.employees as { items: JsonSchema }).items;

/** The codes a declaration's 400 may carry: the schema's and the filing checks' own. */
export const DECLARATION_CODES: readonly string[] = ['REQUIRED', 'FORMAT', 'ITEM_COUNT', ...Object.keys(filingTemplates)];
