// The deployment API's contract (deployment/deployment-routes.ts, deployment/definition-routes.ts): deploying
// diagrams, decisions and forms with a change note, checking them without deploying, and what is deployed at which
// versions. The web modeler's pages take their types from here.
import type { FromSchema } from 'json-schema-to-ts';
import type { Role } from '../platform/http/identity.ts';
import { MODELER_USERS } from './element-templates.ts';
import type { ProblemResponse, RouteContract } from './route-contract.ts';
import { engineUnavailable, invalidRequest, bodyLimits, unauthenticated, forbidden, SCHEMA_CODES } from './common-problems.ts';

/** A form's source as deployed: a Camunda Form (form-js schema), checked at deployment. */
const formSourceSchema = {
  type: 'object',
  required: ['id', 'type', 'components'],
  properties: { id: { type: 'string' }, type: { const: 'default' }, components: { type: 'array' } },
} as const;

/** Who deploys: policy staff, through the web modeler. */
export const DEPLOYERS: readonly Role[] = ['policy'];
/** Who may see what is deployed and check a copy: policy staff who change it, the province who oversees it, operators who run it. */
export const DEFINITION_READERS = MODELER_USERS;

export const DEFINITION_KINDS = ['process', 'decision', 'form'] as const;
export type DefinitionKind = (typeof DEFINITION_KINDS)[number];

/** Files one deployment or check takes at most. */
export const MAX_DEPLOYMENT_RESOURCES = 50;

/** The JSON Schema of the files a request hands in to deploy or to try: plain names with one of these endings. */
export function resourcesSchema<const Ending extends 'bpmn' | 'dmn' | 'form'>(maxItems: number, endings: readonly Ending[]) {
  return {
    type: 'array',
    minItems: 1,
    maxItems,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'content'],
      properties: {
        name: { type: 'string', pattern: `^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.(${endings.join('|')})$`, description: '文件名，如 annual-review.bpmn / the file name' },
        content: { type: 'string', minLength: 1, description: '文件内容（XML 或表单 JSON） / the file’s text' },
      },
    },
  } as const;
}

const modelResources = resourcesSchema(MAX_DEPLOYMENT_RESOURCES, ['bpmn', 'dmn', 'form']);
/** One file as a request hands it in. */
export type ModelFile = FromSchema<typeof modelResources.items>;

export const deploySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['note', 'resources'],
  properties: {
    note: { type: 'string', minLength: 1, maxLength: 500, description: '变更说明 / the change note' },
    resources: modelResources,
  },
} as const;
export type DeployRequest = FromSchema<typeof deploySchema>;

export const checkResourcesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['resources'],
  properties: { resources: modelResources },
} as const;
export type CheckResourcesRequest = FromSchema<typeof checkResourcesSchema>;

const findingSchema = {
  type: 'object',
  required: ['file', 'index', 'elementId', 'rule', 'category', 'message'],
  additionalProperties: false,
  properties: {
    file: { type: 'string' },
    index: { type: 'integer', minimum: -1, description: '文件在请求中的位置；-1 为不属于某个文件 / the file’s position in the request; -1 for none' },
    elementId: { type: 'string', description: '元素标识；空为整个文件 / the element; empty for the file as a whole' },
    rule: { type: 'string' },
    category: { enum: ['error', 'warn'] },
    message: { type: 'string' },
  },
} as const;
/** One thing the checks found, on an element (or the file as a whole when elementId is empty). */
export type Finding = FromSchema<typeof findingSchema>;

export const checkFindingsSchema = {
  type: 'object',
  required: ['findings'],
  additionalProperties: false,
  properties: { findings: { type: 'array', items: findingSchema } },
} as const;
export type CheckFindings = FromSchema<typeof checkFindingsSchema>;

export const deploymentResultSchema = {
  type: 'object',
  required: ['deploymentId', 'created', 'definitions', 'resources'],
  additionalProperties: false,
  properties: {
    deploymentId: { type: 'string' },
    created: { type: 'boolean', description: '没有变化时为 false：未新建部署 / false when nothing had changed' },
    definitions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'key', 'version', 'id', 'resource'],
        additionalProperties: false,
        properties: {
          kind: { enum: ['process', 'decision', 'decision-requirements'] },
          key: { type: 'string' },
          version: { type: 'integer', minimum: 1 },
          id: { type: 'string' },
          resource: { type: 'string' },
        },
      },
    },
    resources: { type: 'array', items: { type: 'string' }, description: '该部署包含的文件 / the files the deployment holds' },
  },
} as const;
export type DeploymentResult = FromSchema<typeof deploymentResultSchema>;

const kind = { type: 'string', enum: DEFINITION_KINDS } as const;
const key = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,99}$' } as const;

export const definitionListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: { kind },
} as const;
export type DefinitionListQuery = FromSchema<typeof definitionListQuerySchema>;

export const definitionKeyParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'key'],
  properties: { kind, key },
} as const;
export type DefinitionKeyParams = FromSchema<typeof definitionKeyParamsSchema>;

export const definitionVersionParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'key', 'version'],
  properties: { kind, key, version: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' } },
} as const;
export type DefinitionVersionParams = FromSchema<typeof definitionVersionParamsSchema>;

const definitionSummarySchema = {
  type: 'object',
  required: ['kind', 'key', 'name', 'resource', 'latestVersion', 'definitionId', 'deploymentId'],
  additionalProperties: false,
  properties: {
    kind,
    key: { type: 'string' },
    name: { type: ['string', 'null'] },
    resource: { type: 'string', description: '所在文件；一个决策文件可含多个决策 / the file it is deployed in; one decision file holds several decisions' },
    latestVersion: { type: 'integer', minimum: 1 },
    definitionId: { type: ['string', 'null'], description: '表单为 null / null for a form' },
    deploymentId: { type: 'string' },
  },
} as const;
export type DefinitionSummary = FromSchema<typeof definitionSummarySchema>;

export const definitionListSchema = { type: 'array', items: definitionSummarySchema } as const;

const definitionVersionSchema = {
  type: 'object',
  required: ['version', 'definitionId', 'resource', 'deploymentId', 'deployedAt', 'deployedBy', 'deployedByName', 'note', 'source'],
  additionalProperties: false,
  properties: {
    version: { type: 'integer', minimum: 1 },
    definitionId: { type: ['string', 'null'] },
    resource: { type: 'string', description: '部署时的文件名：变更以同名部署 / the file name a change is deployed under' },
    deploymentId: { type: 'string' },
    deployedAt: { type: 'string', format: 'date-time' },
    deployedBy: { type: ['string', 'null'], description: '部署人的登录标识；npm start 部署的为 null / who deployed it; null for npm start' },
    deployedByName: { type: ['string', 'null'] },
    note: { type: ['string', 'null'] },
    source: { type: 'string', description: 'web-modeler、project-files 或引擎记录的来源 / web-modeler, project-files or the engine’s source' },
  },
} as const;
export type DefinitionVersion = FromSchema<typeof definitionVersionSchema>;

export const definitionVersionsSchema = { type: 'array', items: definitionVersionSchema } as const;

const CHECK_LIMITS: ProblemResponse = {
  status: 422,
  description: { zh: '检查超过时间或内存上限：文件过大或过于复杂', en: 'the checks passed their time or memory limit: the files are too large or complex' },
  codes: ['CHECK_TIMEOUT', 'CHECK_MEMORY_EXCEEDED'],
};

/** What reading one key's versions may answer: a malformed kind, key or version, or none deployed. */
const VERSION_READ_PROBLEMS: readonly ProblemResponse[] = [
  invalidRequest(['FORMAT']),
  unauthenticated,
  forbidden,
  { status: 404, description: { zh: '未找到该流程、决策表或表单的版本', en: 'no such process, decision or form version' } },
  engineUnavailable,
];

export const deploymentContracts: readonly RouteContract[] = [
  {
    method: 'post',
    path: '/api/deployments',
    operationId: 'deploy',
    tag: 'deployment',
    summary: { zh: '部署流程、决策表和表单', en: 'Deploy diagrams, decisions and forms' },
    description: {
      zh: '每个文件先经部署检查；有任何错误则答 400 并列出全部问题（findings），不部署。与当前部署相同的文件不产生新版本（200，created=false）。变更说明与部署人一并保存。',
      en: 'Each file is checked first; any error answers 400 with every finding and nothing is deployed. Files equal to what is deployed make no new version (200, created false). The change note is kept with who deployed.',
    },
    callers: DEPLOYERS,
    request: { body: deploySchema },
    responses: {
      201: { description: { zh: '已部署', en: 'deployed' }, schema: deploymentResultSchema },
      200: { description: { zh: '文件均未变化，未新建部署', en: 'nothing changed; no new deployment' }, schema: deploymentResultSchema },
    },
    problems: [
      invalidRequest([...SCHEMA_CODES, 'DUPLICATE', 'LINT', 'FORM_INVALID', 'ENGINE_REFUSED'], {
        zh: '请求有误，或文件未通过检查、被流程引擎拒绝：errors 列出每个问题，检查的问题另见 findings',
        en: 'invalid request, or files the checks or the engine refused: errors lists each, findings the checks’ findings',
      }),
      unauthenticated,
      forbidden,
      ...bodyLimits,
      CHECK_LIMITS,
      engineUnavailable,
    ],
  },
  {
    method: 'post',
    path: '/api/deployments/checks',
    operationId: 'checkDeployment',
    tag: 'deployment',
    summary: { zh: '检查文件而不部署', en: 'Check files without deploying' },
    description: {
      zh: '与部署相同的检查，包括警告；建模器在编辑时调用。每人每分钟次数有限（DEPLOYMENT_CHECKS_PER_MINUTE）。',
      en: 'The checks a deployment runs, warnings included; the modeler calls this as one edits. Calls per person and minute are limited (DEPLOYMENT_CHECKS_PER_MINUTE).',
    },
    callers: DEFINITION_READERS,
    request: { body: checkResourcesSchema },
    responses: { 200: { description: { zh: '全部检查结果', en: 'every finding' }, schema: checkFindingsSchema } },
    problems: [
      invalidRequest(SCHEMA_CODES),
      unauthenticated,
      forbidden,
      ...bodyLimits,
      CHECK_LIMITS,
      { status: 429, description: { zh: '检查过于频繁（见 Retry-After）', en: 'too many checks; see Retry-After' }, codes: ['TOO_MANY_CHECKS'] },
      engineUnavailable,
    ],
  },
  {
    method: 'get',
    path: '/api/definitions',
    operationId: 'listDefinitions',
    tag: 'deployment',
    summary: { zh: '已部署的流程、决策表或表单', en: 'The deployed processes, decisions or forms' },
    description: { zh: '某一类的全部标识，各带最新版本。', en: 'Every key of one kind, each with its latest version.' },
    callers: DEFINITION_READERS,
    request: { query: definitionListQuerySchema },
    responses: { 200: { description: { zh: '按标识排序', en: 'sorted by key' }, schema: definitionListSchema } },
    problems: [invalidRequest(['REQUIRED', 'FORMAT', 'UNKNOWN_FIELD']), unauthenticated, forbidden, engineUnavailable],
  },
  {
    method: 'get',
    path: '/api/definitions/{kind}/{key}/versions',
    operationId: 'listDefinitionVersions',
    tag: 'deployment',
    summary: { zh: '一个流程、决策表或表单的全部版本', en: 'Every version of one process, decision or form' },
    description: { zh: '最新的在前，含部署人、时间和变更说明。', en: 'Newest first, with who deployed each, when and why.' },
    callers: DEFINITION_READERS,
    request: { params: definitionKeyParamsSchema },
    responses: { 200: { description: { zh: '版本列表', en: 'the versions' }, schema: definitionVersionsSchema } },
    problems: VERSION_READ_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/definitions/{kind}/{key}/versions/{version}/source',
    operationId: 'getDefinitionSource',
    tag: 'deployment',
    summary: { zh: '某一版本的部署内容', en: 'The deployed source of one version' },
    description: {
      zh: '流程和决策表为 application/xml（BPMN、DMN），表单为 application/json（表单 JSON）。',
      en: 'Processes and decisions as application/xml (BPMN, DMN); forms as application/json (the form’s JSON).',
    },
    callers: DEFINITION_READERS,
    request: { params: definitionVersionParamsSchema },
    responses: {
      200: {
        description: { zh: 'BPMN 或 DMN 的 XML；表单为 JSON', en: 'the BPMN or DMN XML; a form’s JSON' },
        contentType: 'application/xml',
        alternatives: [{ contentType: 'application/json', schema: formSourceSchema }],
      },
    },
    problems: VERSION_READ_PROBLEMS,
  },
];
