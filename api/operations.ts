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

/** Who reads the operators' dashboard (/operations): operators, and the province watching (it retries nothing). */
export const OPERATIONS_DASHBOARD_READERS: readonly Role[] = ['operator', 'province'];

/**
 * The statuses of a filing whose procedure is under way. The partial index filings_running_by_progress
 * (db/migrations/025_operations.sql) names the same list: change both together.
 */
export const RUNNING_STATUSES = ['submitted', 'accepted', 'reviewing', 'awaiting_confirmation', 'disputed', 'manual_review', 'feedback', 'returned'] as const;
export type RunningStatus = (typeof RUNNING_STATUSES)[number];

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
        required: ['id', 'at', 'kind', 'step', 'department', 'message', 'cause', 'filing', 'retryable'],
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
          cause: { type: 'string', description: '原因（中文说明） / the cause in plain Chinese' },
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

const outboxSchema = {
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
} as const;

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
    outbox: nullable(outboxSchema),
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

const instantOrNull = { type: ['string', 'null'], description: 'ISO 8601' } as const;
const statusOf = { enum: RUNNING_STATUSES, description: '申报状态（所在环节） / the filing status (its step)' } as const;

export const runningFilingsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: statusOf,
    page: { type: 'string', pattern: '^([1-9]\\d?|[1-4]\\d\\d|500)$', description: '第几页（至多 500），默认 1 / page (at most 500), 1 by default' },
    pageSize: { type: 'string', pattern: '^([1-9]\\d?|100)$', description: '每页条数，默认 20 / page size, 20 by default' },
    stuckAfter: {
      type: 'string',
      pattern: '^([1-9]|[1-5]\\d|60)$',
      description: '多少个工作日没有进展算作停滞，默认 OPERATIONS_STUCK_WORKING_DAYS / working days without progress that make a filing stuck',
    },
  },
} as const;
export type RunningFilingsQuery = FromSchema<typeof runningFilingsQuerySchema>;

export const runningFilingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['stuckAfterWorkingDays', 'stuckSince', 'total', 'stuck', 'byStep', 'items', 'itemsTotal'],
  properties: {
    stuckAfterWorkingDays: { type: 'integer' },
    stuckSince: { type: 'string', description: '此时刻之前就没有进展的为停滞 / filings still since before this are stuck' },
    total: { type: 'integer', description: '办理中的申报 / filings under way' },
    stuck: { type: 'integer' },
    byStep: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['status', 'count', 'stuck'],
        properties: { status: statusOf, count: { type: 'integer' }, stuck: { type: 'integer' } },
      },
    },
    items: {
      type: 'array',
      description: '停滞最久的在前 / the longest without progress first',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'year', 'unitName', 'handlingRegionCode', 'status', 'channel', 'currentTask', 'since', 'workingDaysStill', 'stuck'],
        properties: {
          id: { type: 'string' },
          year: { type: 'integer' },
          unitName: { type: ['string', 'null'], description: '单位名称；运维人员不读申报内容，为 null / the unit; null for operators, who do not read filings' },
          handlingRegionCode: { type: 'string' },
          status: statusOf,
          channel: { type: 'string' },
          currentTask: { type: ['string', 'null'], description: '流程中待办的人工任务 / the open user task in the process' },
          since: { type: 'string', description: '最近一次进展 / when it last moved' },
          workingDaysStill: { type: ['integer', 'null'], description: '此后经过的工作日 / working days since' },
          stuck: { type: 'boolean' },
        },
      },
    },
    itemsTotal: { type: 'integer', description: '列表的总条数（分页用） / how many the list holds in all' },
  },
} as const;

export const departmentHealthQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    minutes: { type: 'string', pattern: '^([1-9]\\d{0,2}|1[0-3]\\d\\d|14[0-3]\\d|1440)$', description: '统计最近多少分钟，默认 15 / the window in minutes, 15 by default' },
  },
} as const;
export type DepartmentHealthQuery = FromSchema<typeof departmentHealthQuerySchema>;

export const departmentHealthSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['windowMinutes', 'departments'],
  properties: {
    windowMinutes: { type: 'integer' },
    departments: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['department', 'topics', 'calls', 'failures', 'p50Ms', 'p95Ms', 'lastError', 'lastErrorAt', 'lastOkAt', 'state'],
        properties: {
          department: { type: 'string' },
          topics: { type: 'array', items: { type: 'string' } },
          calls: { type: 'integer', description: '调用该部门的任务数 / tasks that asked it' },
          failures: { type: 'integer' },
          p50Ms: { type: ['integer', 'null'] },
          p95Ms: { type: ['integer', 'null'] },
          lastError: { type: ['string', 'null'], description: '最近一次失败（证件号码已遮盖） / the last failure, numbers masked' },
          lastErrorAt: instantOrNull,
          lastOkAt: instantOrNull,
          state: {
            enum: ['ok', 'degraded', 'failing', 'idle'],
            description: '正常、部分失败、故障（最近一次失败且失败过半）、无调用 / ok, some failed, failing, no calls (no circuit breaker: read from outcomes)',
          },
        },
      },
    },
  },
} as const;

export const workersAndOutboxSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['outbox', 'workers'],
  properties: {
    outbox: outboxSchema,
    workers: {
      type: 'array',
      description: '最近一天出现过的外部任务处理进程，在运行的在前 / worker processes seen within a day, the living first',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['workerId', 'host', 'pid', 'topics', 'startedAt', 'lastSeenAt', 'stoppedAt', 'alive'],
        properties: {
          workerId: { type: 'string' },
          host: { type: 'string' },
          pid: { type: 'integer' },
          topics: { type: 'array', items: { type: 'string' } },
          startedAt: { type: 'string' },
          lastSeenAt: { type: 'string' },
          stoppedAt: instantOrNull,
          alive: { type: 'boolean' },
        },
      },
    },
  },
} as const;

const deadlineCount = { dueToday: { type: 'integer' }, overdue: { type: 'integer' } } as const;

export const taskDeadlinesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['today', 'dueToday', 'overdue', 'byCounty', 'byKind', 'complete'],
  properties: {
    today: { type: 'string', description: '今天（北京时间） / today, China date' },
    ...deadlineCount,
    byCounty: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['regionCode', 'dueToday', 'overdue'],
        properties: { regionCode: { type: ['string', 'null'], description: '办理地县区；null：不属于某份申报 / the handling county; null: no filing' }, ...deadlineCount },
      },
    },
    byKind: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['taskKey', 'name', 'dueToday', 'overdue'],
        properties: { taskKey: { type: 'string' }, name: { type: 'string' }, ...deadlineCount },
      },
    },
    complete: { type: 'boolean', description: '分组是否覆盖全部任务（否：只含逾期最久的 1000 个） / whether the breakdown covers every task' },
  },
} as const;

// The yearly share-back to market regulation (docs/share-back.md): where each year stands.
export const shareBackStateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['years'],
  properties: {
    years: {
      type: 'array',
      description: '各年审年度，新的在前 / each review year, newest first',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['year', 'accepted', 'rejected', 'awaitingAnswer'],
        properties: {
          year: { type: 'integer' },
          accepted: { type: 'integer', description: '市场监管部门已接收的单位 / units accepted' },
          rejected: { type: 'integer', description: '被拒收的单位（故障待处理） / units rejected (an incident to settle)' },
          awaitingAnswer: { type: 'integer', description: '已报送尚无答复的单位 / units sent without a stored answer' },
        },
      },
    },
  },
} as const;

const dashboardProblems = [unauthenticated, forbidden];

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
  {
    method: 'get',
    path: '/api/operations/running-filings',
    operationId: 'listRunningFilings',
    tag: 'operations',
    summary: { zh: '办理中的申报（按环节、停滞最久的在前）', en: 'Running filings by step, the stuck first' },
    description: {
      zh: '各环节的申报数及其中停滞（若干工作日没有进展）的数目，以及一页申报：停滞最久的在前，附流程中待办的任务。',
      en: 'How many filings stand at each step and how many of them are stuck (no progress for N working days), and a page of them, the longest standing still first, with the open task in the process.',
    },
    callers: OPERATIONS_DASHBOARD_READERS,
    request: { query: runningFilingsQuerySchema },
    responses: { 200: { description: { zh: '办理中的申报', en: 'the running filings' }, schema: runningFilingsSchema } },
    problems: [invalidRequest(SCHEMA_CODES), ...dashboardProblems],
  },
  {
    method: 'get',
    path: '/api/operations/departments',
    operationId: 'getDepartmentHealth',
    tag: 'operations',
    summary: { zh: '各部门接口的运行情况', en: "Each department's health" },
    description: {
      zh: '来自外部任务处理进程自己的统计：最近若干分钟内调用数、失败数、耗时的中位数和 95 分位、最近一次失败及其时间、状态。',
      en: "From the workers' own figures: over the last minutes, calls, failures, latency p50 and p95, the last failure and when, and a state.",
    },
    callers: OPERATIONS_DASHBOARD_READERS,
    request: { query: departmentHealthQuerySchema },
    responses: { 200: { description: { zh: '各部门的情况', en: 'each department' }, schema: departmentHealthSchema } },
    problems: [invalidRequest(SCHEMA_CODES), ...dashboardProblems],
  },
  {
    method: 'get',
    path: '/api/operations/workers',
    operationId: 'getWorkersAndOutbox',
    tag: 'operations',
    summary: { zh: '消息积压与处理进程', en: 'The outbox and the worker processes' },
    description: {
      zh: '发往引擎的命令积压、已放弃的消息，以及各外部任务处理进程（主机、进程号、所处理的主题、最近心跳、是否在运行）。',
      en: 'The outbox backlog and the messages given up, and each worker process (host, pid, topics, last heartbeat, alive or not).',
    },
    callers: OPERATIONS_DASHBOARD_READERS,
    responses: { 200: { description: { zh: '积压与进程', en: 'the backlog and the processes' }, schema: workersAndOutboxSchema } },
    problems: dashboardProblems,
  },
  {
    method: 'get',
    path: '/api/operations/deadlines',
    operationId: 'getTaskDeadlines',
    tag: 'operations',
    summary: { zh: '今天到期和已逾期的任务', en: 'Tasks due today and overdue' },
    description: {
      zh: '人工任务中今天到期和已逾期的数目（引擎精确计数），按办理地县区和任务类别分组。',
      en: "People's tasks due today and overdue (counted by the engine), by handling county and kind of task.",
    },
    callers: OPERATIONS_DASHBOARD_READERS,
    responses: { 200: { description: { zh: '期限情况', en: 'the deadlines' }, schema: taskDeadlinesSchema } },
    problems: [...dashboardProblems, engineUnavailable],
  },
  {
    method: 'get',
    path: '/api/operations/share-back',
    operationId: 'getShareBackState',
    tag: 'operations',
    summary: { zh: '就业情况共享市场监管部门的进展', en: 'The share-back to market regulation, by year' },
    description: {
      zh: '每个年审年度已被市场监管部门接收、被拒收和已报送尚无答复的单位数（docs/share-back.md）。',
      en: 'Per review year, the units market regulation accepted, rejected, and those sent without a stored answer (docs/share-back.md).',
    },
    callers: OPERATIONS_DASHBOARD_READERS,
    responses: { 200: { description: { zh: '各年度的进展', en: 'each year' }, schema: shareBackStateSchema } },
    problems: dashboardProblems,
  },
];

export type RunningFilingsAnswer = FromSchema<typeof runningFilingsSchema>;
export type DepartmentHealthAnswer = FromSchema<typeof departmentHealthSchema>;
export type WorkersAndOutboxAnswer = FromSchema<typeof workersAndOutboxSchema>;
export type ShareBackStateAnswer = FromSchema<typeof shareBackStateSchema>;
export type TaskDeadlinesAnswer = FromSchema<typeof taskDeadlinesSchema>;
