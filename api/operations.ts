// The operators' incident API contract (operations/incident-routes.ts): what the engine holds up, and retrying it.
import type { FromSchema } from 'json-schema-to-ts';
import type { Role } from '../platform/http/identity.ts';
import type { RouteContract } from './route-contract.ts';
import { healthSchema, healthStatusSchema } from './system.ts';
import { engineUnavailable, invalidRequest, bodyLimits, unauthenticated, forbidden, SCHEMA_CODES } from './common-problems.ts';

/** The province reads the incidents; operators read them and retry. */
export const INCIDENT_READERS: readonly Role[] = ['operator', 'province'];
export const INCIDENT_RETRIERS: readonly Role[] = ['operator'];
/** Only operators read the system's health in detail (which department, the outbox, the pool). */
export const OPERATIONS_HEALTH_READERS: readonly Role[] = ['operator'];

/** One cause's incidents in one request; an outage larger than this is retried in several. */
export const MAX_RETRY_BATCH = 500;

export const retryIncidentsSchema = {
  type: 'object',
  required: ['incidentIds'],
  additionalProperties: false,
  properties: {
    incidentIds: { type: 'array', minItems: 1, maxItems: MAX_RETRY_BATCH, items: { type: 'string', pattern: '^[0-9a-zA-Z-]{1,64}$' } },
  },
} as const;
export type RetryIncidentsRequest = FromSchema<typeof retryIncidentsSchema>;

export const incidentListSchema = {
  type: 'object',
  required: ['incidents'],
  additionalProperties: false,
  properties: {
    incidents: {
      type: 'array',
      description: '未解决的故障，最早的在前（至多 1000 个） / the open incidents, oldest first (at most 1000)',
      items: {
        type: 'object',
        required: ['id', 'at', 'kind', 'step', 'department', 'message', 'filing', 'retryable'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          at: { type: 'string', description: '发生时间（引擎的时间格式） / when, as the engine writes it' },
          kind: { type: 'string', description: 'failedExternalTask、failedJob 等 / the engine’s incident type' },
          step: {
            type: 'object',
            required: ['id', 'name'],
            additionalProperties: false,
            properties: { id: { type: ['string', 'null'] }, name: { type: 'string', description: '流程图中的步骤名称 / the step’s name in the diagram' } },
          },
          department: { type: ['string', 'null'], description: '该步骤调用的部门 / the department the step asks' },
          message: { type: 'string' },
          filing: {
            oneOf: [
              {
                type: 'object',
                required: ['id', 'year', 'unitName', 'handlingRegionCode'],
                additionalProperties: false,
                properties: { id: { type: 'string' }, year: { type: 'integer' }, unitName: { type: 'string' }, handlingRegionCode: { type: 'string' } },
              },
              { type: 'null' },
            ],
          },
          retryable: { type: 'boolean', description: '可在此重试（其余只能在 Cockpit 处理） / retry is possible here (the rest only in Cockpit)' },
        },
      },
    },
  },
} as const;
export type IncidentList = FromSchema<typeof incidentListSchema>;
export type Incident = IncidentList['incidents'][number];

const incidentIds = { type: 'array', items: { type: 'string' } } as const;

export const retryOutcomeSchema = {
  type: 'object',
  required: ['retried', 'gone', 'notRetryable'],
  additionalProperties: false,
  properties: {
    retried: { ...incidentIds, description: '已重试的故障 / set going again' },
    gone: { ...incidentIds, description: '已不存在（已被处理） / no longer open' },
    notRetryable: { ...incidentIds, description: '不能在此重试 / open, but not retryable here' },
  },
} as const;
export type RetryOutcome = FromSchema<typeof retryOutcomeSchema>;

const nullable = <T extends object>(schema: T) => ({ oneOf: [schema, { type: 'null' }] }) as const;

export const operationsHealthSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'checkedAt', 'checks', 'departments', 'outbox', 'incidents', 'workers', 'databasePool'],
  properties: {
    status: healthStatusSchema,
    checkedAt: { type: 'string', description: '最近一次后台检查的时间 / when the background check last ran' },
    // The public health's checks, each with its reason besides.
    checks: {
      type: 'array',
      items: {
        ...healthSchema.properties.checks.items,
        properties: { ...healthSchema.properties.checks.items.properties, detail: { type: 'string', description: '原因或所见 / why down, or what was found' } },
      },
    },
    departments: nullable({
      type: 'array',
      description: '每个部门的地址能否连通（只建立连接，不发请求） / whether each department address accepts a connection',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['variable', 'url', 'reachable'],
        properties: { variable: { type: 'string' }, url: { type: 'string' }, reachable: { type: 'boolean' }, reason: { type: 'string' } },
      },
    }),
    outbox: nullable({
      type: 'object',
      description: '待发往引擎的命令 / engine commands waiting to be sent',
      additionalProperties: false,
      required: ['pending', 'failing', 'oldestPendingAt', 'givenUp'],
      properties: {
        pending: { type: 'integer' },
        failing: { type: 'integer' },
        oldestPendingAt: { type: ['string', 'null'] },
        givenUp: { type: 'integer', description: '已放弃、需人工处理的消息 / messages given up, needing a person' },
      },
    }),
    incidents: nullable({ type: 'object', additionalProperties: false, required: ['open'], properties: { open: { type: 'integer' } } }),
    workers: nullable({
      type: 'object',
      additionalProperties: false,
      required: ['external', 'topics', 'lastPollError', 'counts'],
      properties: {
        external: { type: 'boolean' },
        topics: { type: 'array', items: { type: 'string' } },
        lastPollError: { type: ['string', 'null'] },
        counts: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    }),
    databasePool: {
      type: 'object',
      additionalProperties: false,
      required: ['total', 'idle', 'waiting'],
      properties: { total: { type: 'integer' }, idle: { type: 'integer' }, waiting: { type: 'integer' } },
    },
  },
} as const;

export const operationsContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/operations/health',
    operationId: 'getOperationsHealth',
    tag: 'operations',
    summary: { zh: '系统健康详情', en: "The system's health in detail" },
    description: {
      zh: '各组成部分的状态及原因、各部门能否连通、发往引擎的命令积压、引擎未解决的故障数、外部任务处理程序的计数和最近的拉取错误、数据库连接池。来自后台定期检查（HEALTH_REFRESH_MS），连接池为当下的值。',
      en: "Each part's state and why, which departments can be reached, the outbox backlog, the engine's open incidents, the workers' counts and last fetch error, the database pool. From the background check (HEALTH_REFRESH_MS); the pool as it is now.",
    },
    callers: OPERATIONS_HEALTH_READERS,
    responses: { 200: { description: { zh: '健康详情', en: 'the health in detail' }, schema: operationsHealthSchema } },
    problems: [unauthenticated, forbidden],
  },
  {
    method: 'get',
    path: '/api/operations/incidents',
    operationId: 'listIncidents',
    tag: 'operations',
    summary: { zh: '流程故障列表', en: 'The open incidents' },
    description: {
      zh: '卡住的步骤、所调用的部门、受影响的申报和单位。',
      en: 'What stopped, in which step and department, holding up which filing and unit.',
    },
    callers: INCIDENT_READERS,
    responses: { 200: { description: { zh: '未解决的故障', en: 'the open incidents' }, schema: incidentListSchema } },
    problems: [unauthenticated, forbidden, engineUnavailable],
  },
  {
    method: 'post',
    path: '/api/operations/incidents/retry',
    operationId: 'retryIncidents',
    tag: 'operations',
    summary: { zh: '重试故障', en: 'Retry incidents' },
    description: {
      zh: '给每个故障的作业或外部任务再一次机会，每次重试记入审计日志。',
      en: 'Gives each incident’s job or external task one more try; each retry is audited.',
    },
    callers: INCIDENT_RETRIERS,
    request: { body: retryIncidentsSchema },
    responses: { 200: { description: { zh: '各故障的结果', en: 'what became of each incident' }, schema: retryOutcomeSchema } },
    problems: [invalidRequest(SCHEMA_CODES), unauthenticated, forbidden, ...bodyLimits, engineUnavailable],
  },
];
