// The system's own routes: readiness (server/health.ts) and this API's description (server/api-docs-routes.ts).
import type { FromSchema } from 'json-schema-to-ts';
import type { RouteContract } from './route-contract.ts';

/** Ready or not, shared with the operators' health (api/operations.ts). */
export const healthStatusSchema = { enum: ['ready', 'not_ready'] } as const;

export const healthSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'checks'],
  properties: {
    status: healthStatusSchema,
    checks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'state'],
        properties: {
          name: { type: 'string', description: 'database, engine, deployment, workers; api while the service stops' },
          state: { enum: ['up', 'down', 'unavailable'] },
        },
      },
    },
  },
} as const;
export type Health = FromSchema<typeof healthSchema>;

/** The document's outline only: its full shape is OpenAPI 3.1's own schema, which the contract test checks it against. */
const openApiDocumentSchema = {
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: { openapi: { const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' } },
} as const;

export const systemContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    tag: 'system',
    summary: { zh: '系统是否就绪', en: 'Whether the system is ready' },
    description: {
      zh: '数据库、流程引擎、流程部署和外部任务处理程序都就绪时返回 200，否则（或服务正在停止时）返回 503；逐项只给出状态，不含原因。结果由后台定期检查（HEALTH_REFRESH_MS），每次请求不调用引擎。原因与细节见 GET /api/operations/health（运维人员）。',
      en: 'Answers 200 only when the database, the engine, the deployment and the workers are ready; 503 otherwise (and while the service stops); each part with its state only, no reason. Answered from a check refreshed in the background (HEALTH_REFRESH_MS): no engine call per request. Reasons and details: GET /api/operations/health (operators).',
    },
    callers: 'public',
    responses: {
      200: { description: { zh: '全部就绪', en: 'Every check is up' }, schema: healthSchema },
      503: { description: { zh: '尚未就绪，逐项列出', en: 'Not ready, each check listed' }, schema: healthSchema },
    },
    problems: [],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'system',
    summary: { zh: '本接口的 OpenAPI 3.1 描述', en: "This API's OpenAPI 3.1 description" },
    callers: 'public',
    responses: { 200: { description: { zh: 'OpenAPI 3.1 文档', en: 'The OpenAPI 3.1 document' }, schema: openApiDocumentSchema } },
    problems: [],
  },
  {
    method: 'get',
    path: '/api/docs',
    operationId: 'getApiReferencePage',
    tag: 'system',
    summary: { zh: '接口文档页面', en: 'The API reference page' },
    description: { zh: '以 Swagger UI 展示 /api/openapi.json，页面文件均由本服务提供。', en: 'Swagger UI showing /api/openapi.json, every file served by this server.' },
    callers: 'public',
    responses: { 200: { description: { zh: 'HTML 页面', en: 'The HTML page' }, contentType: 'text/html' } },
    problems: [],
  },
];
