// What one HTTP route promises outside programs: its method and path, who may call it, the shapes it takes and
// answers (JSON Schema, the same objects the routes check requests with), and the problems it answers with.
// Each capability's contract file (api/<capability>.ts) lists its routes; api/openapi-document.ts publishes them all
// as OpenAPI 3.1 at GET /api/openapi.json.
import type { Role } from '../platform/http/identity.ts';

/** A JSON Schema (draft 2020-12, as OpenAPI 3.1 takes it), written `as const` so types can be derived from it. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

export interface Text {
  zh: string;
  en: string;
}

/**
 * Who may call a route: people in these roles (a bearer token from sign-in), anyone (`public`), or another system
 * with its own credential (`national-platform`: NATIONAL_PLATFORM_TOKEN; `department`: the callback token a
 * department is given with a push). An empty list: any signed-in role (`authenticate(signer)` without roles).
 */
export type Caller = readonly Role[] | 'public' | 'national-platform' | 'department';

export interface ContractResponse {
  description: Text;
  /** The body's schema; absent for a body that is not JSON (a PDF, a file) or an empty one. */
  schema?: JsonSchema;
  /** Defaults to application/json when there is a schema. */
  contentType?: string;
  /** The same answer in other media types, by what is asked for (a diagram's XML, a form's JSON). */
  alternatives?: readonly { contentType: string; schema?: JsonSchema }[];
}

export interface ProblemResponse {
  status: number;
  description: Text;
  /** The `code`s a problem of this status may carry (in `errors[].code`, or the problem's own `code`). */
  codes?: readonly string[];
}

export interface RouteContract {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style: `/api/filings/{id}`. */
  path: string;
  operationId: string;
  /** The capability the route belongs to: the OpenAPI tag. */
  tag: string;
  summary: Text;
  description?: Text;
  callers: Caller;
  request?: {
    params?: JsonSchema;
    query?: JsonSchema;
    body?: JsonSchema;
    /** Defaults to application/json when there is a body. */
    contentType?: string;
    headers?: Readonly<Record<string, { description: Text; required?: boolean }>>;
  };
  /** Success responses by status. */
  responses: Readonly<Record<number, ContractResponse>>;
  problems: readonly ProblemResponse[];
}
