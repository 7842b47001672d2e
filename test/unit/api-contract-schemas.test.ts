// Every schema the API's contracts publish is a schema ajv (draft 2020-12, as OpenAPI 3.1 takes it) compiles: the
// request schemas the routes check with and the response schemas the answers are held to.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CONTRACTS } from '../../api/contracts.ts';
import { problemSchema } from '../../api/problem-schema.ts';
import type { JsonSchema } from '../../api/route-contract.ts';

// ajv-formats ships CommonJS with a default export; under NodeNext the callable sits on `.default`.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/** Each schema of each contract, named by its route and place. */
function publishedSchemas(): [name: string, schema: JsonSchema][] {
  const named: [string, JsonSchema][] = [['problem+json', problemSchema]];
  for (const contract of CONTRACTS) {
    const route = `${contract.method.toUpperCase()} ${contract.path}`;
    const { params, query, body } = contract.request ?? {};
    for (const [place, schema] of Object.entries({ params, query, body })) if (schema !== undefined) named.push([`${route} ${place}`, schema]);
    for (const [status, response] of Object.entries(contract.responses)) if (response.schema !== undefined) named.push([`${route} ${status}`, response.schema]);
  }
  return named;
}

describe('the published schemas', () => {
  it('name each route once, by a unique operationId', () => {
    const routes = CONTRACTS.map((c) => `${c.method} ${c.path}`);
    const ids = CONTRACTS.map((c) => c.operationId);
    expect(routes.filter((r, i) => routes.indexOf(r) !== i)).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(publishedSchemas())('%s compiles as JSON Schema 2020-12', (_name, schema) => {
    // Strict: a misspelt keyword or a `required` field no property describes is an error, not an ignored word.
    const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
    expect(() => ajv.compile(schema)).not.toThrow();
  });
});
