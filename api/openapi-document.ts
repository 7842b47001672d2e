// Publishes the route contracts as one OpenAPI 3.1 document (GET /api/openapi.json): every route with its callers,
// parameters, bodies, success answers and problem answers, in Chinese and English.
import packageJson from '../package.json' with { type: 'json' };
import { ROLES } from '../platform/http/identity.ts';
import { ACCESS_POLICY, accessKey, accessText } from './access-policy.ts';
import { CONTRACTS } from './contracts.ts';
import { problemSchema } from './problem-schema.ts';
import type { Caller, JsonSchema, RouteContract, Text } from './route-contract.ts';

export const OPENAPI_VERSION = '3.1.0';

/** Each tag's description (the document test requires one for every contract's tag). */
const TAG_DESCRIPTIONS: Readonly<Record<string, Text>> = {
  filings: { zh: '年审申报：提交、查询、修改、反馈', en: 'Filings: submit, read, modify, feedback' },
  tasks: { zh: '待办任务：认领、办理', en: 'The task inbox: claim and complete' },
  documents: { zh: '上传的材料（扫描件、证据）', en: 'Uploaded documents (scans, evidence)' },
  certificates: { zh: '年审认证确认书与公开核验', en: 'Certification confirmations and their public verification' },
  ratings: { zh: '用人单位对服务的评价', en: "The employer's rating of the service" },
  employers: { zh: '用人单位基础信息与登记信息', en: 'Unit master data and registration lookups' },
  'employee-import': { zh: '残疾职工名单导入与模板', en: 'Employee-list import and its templates' },
  'review-history': { zh: '历史年审数据（2020–2021 年度）导入与模板', en: 'The review history before the system (2020–2021): its template and import' },
  'sign-in': { zh: '登录（仅开发环境）', en: 'Sign-in (development only)' },
  staff: { zh: '工作人员名册：持证上岗与保密协议', en: 'The staff register: post certificates and confidentiality agreements' },
  system: { zh: '系统状态与接口文档', en: 'System readiness and this API description' },
  calendar: { zh: '工作日日历：节假日安排的发布与期限计算', en: 'The working-day calendar: publishing a year’s holidays, computing due dates' },
  season: { zh: '认证期（申报时间）设置', en: 'The filing season (certification period) settings' },
  deadlines: { zh: '已部署流程图中的办理期限（工作日）', en: 'The working-day deadlines written in the deployed diagrams' },
  deployment: { zh: '流程、决策表和表单的检查、部署与版本', en: 'Checking, deploying and versions of diagrams, decisions and forms' },
  'impact-preview': { zh: '规则修改影响预览', en: 'The policy impact preview of a changed decision table' },
  notifications: { zh: '提醒与督办', en: 'Reminders and escalations' },
  operations: { zh: '故障处理：流程故障及其重试', en: 'Operations: incidents and their retry' },
  'annual-reports': { zh: '各市年度总结报告：状态与报告文件', en: "The cities' annual summary reports: their state and files" },
  supervision: { zh: '监管统计：进度、安排就业、退出与导出', en: 'Supervision: progress, employment, exits and exports' },
  rewards: { zh: '超比例奖励：候选单位、确认、审批与发放表', en: 'Over-quota rewards: candidates, confirmation, approval and the payment sheet' },
  units: { zh: '单位名录：三个登记机关的单位、状态变更与历年结果', en: 'The register of units: the three registrars\' units, their changes and years' },
  'national-platform': { zh: '跨省通办：全国平台转来的申报', en: 'Cross-province filings delivered by the national platform' },
  'tax-handover': { zh: '税务部门的比对反馈', en: 'The tax bureau’s answers to the pushed results' },
};

/** Chinese first, English after: one description field carries both. */
export function bilingual(text: Text): string {
  return `${text.zh}\n\n${text.en}`;
}

function callerText(callers: Caller): string {
  if (callers === 'public') return '公开，无需登录 / public, no sign-in';
  if (callers === 'national-platform') return '全国平台（NATIONAL_PLATFORM_TOKEN） / the national platform (NATIONAL_PLATFORM_TOKEN)';
  if (callers === 'department') return '部门回调令牌 / a department with its callback token';
  return callers.length ? `角色 / roles: ${callers.join(', ')}` : '任何已登录角色 / any signed-in role';
}

/** `/api/filings/{id}/documents/{documentId}` → ['id', 'documentId']. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

interface ObjectSchema {
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
}

function propertiesOf(schema: JsonSchema | undefined): [string, JsonSchema, boolean][] {
  if (!schema || typeof schema === 'boolean') return [];
  const { properties = {}, required = [] } = schema as ObjectSchema;
  return Object.entries(properties).map(([name, property]) => [name, property, required.includes(name)]);
}

function descriptionOf(schema: JsonSchema): string | undefined {
  return typeof schema === 'object' && typeof schema.description === 'string' ? schema.description : undefined;
}

function parameters(contract: RouteContract): object[] {
  const params = new Map(propertiesOf(contract.request?.params).map(([name, schema]) => [name, schema]));
  const path = pathParameterNames(contract.path).map((name) => {
    const schema = params.get(name) ?? { type: 'string' };
    const description = descriptionOf(schema);
    return { name, in: 'path', required: true, schema, ...(description ? { description } : {}) };
  });
  const query = propertiesOf(contract.request?.query).map(([name, schema, required]) => {
    const description = descriptionOf(schema);
    return { name, in: 'query', required, schema, ...(description ? { description } : {}) };
  });
  const headers = Object.entries(contract.request?.headers ?? {}).map(([name, header]) => ({
    name,
    in: 'header',
    required: header.required ?? false,
    description: bilingual(header.description),
    schema: { type: 'string' },
  }));
  return [...path, ...query, ...headers];
}

function requestBody(contract: RouteContract): object | undefined {
  const body = contract.request?.body;
  if (body === undefined) return undefined;
  return { required: true, content: { [contract.request?.contentType ?? 'application/json']: { schema: body } } };
}

function responses(contract: RouteContract): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [status, response] of Object.entries(contract.responses)) {
    const contentType = response.contentType ?? (response.schema !== undefined ? 'application/json' : undefined);
    const media = [...(contentType ? [{ contentType, schema: response.schema }] : []), ...(response.alternatives ?? [])];
    out[status] = {
      description: bilingual(response.description),
      ...(media.length > 0 ? { content: Object.fromEntries(media.map((m) => [m.contentType, m.schema !== undefined ? { schema: m.schema } : {}])) } : {}),
    };
  }
  for (const problem of contract.problems) {
    const codes = problem.codes?.length ? `\n\n问题代码 / codes: ${problem.codes.join(', ')}` : '';
    out[String(problem.status)] = {
      description: bilingual(problem.description) + codes,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      ...(problem.codes?.length ? { 'x-problem-codes': problem.codes } : {}),
    };
  }
  return out;
}

function operation(contract: RouteContract): object {
  const body = requestBody(contract);
  const params = parameters(contract);
  // People's routes only: the public and other systems' routes reach no party's resource by role.
  const access = Array.isArray(contract.callers) ? ACCESS_POLICY[accessKey(contract)] : undefined;
  const scope = access ? accessText(access) : undefined;
  const description = [
    contract.description ? bilingual(contract.description) : undefined,
    `调用者 / callers: ${callerText(contract.callers)}`,
    scope ? `访问范围 / scope: ${scope.zh} / ${scope.en}` : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    operationId: contract.operationId,
    tags: [contract.tag],
    summary: `${contract.summary.zh} / ${contract.summary.en}`,
    description,
    // No roles named: any signed-in role (what it may see is then decided by its scope).
    'x-roles': Array.isArray(contract.callers) ? (contract.callers.length ? contract.callers : ROLES) : [contract.callers],
    // How far each role reaches among the route's resources (api/access-policy.ts).
    ...(access ? { 'x-access': access } : {}),
    // Routes for people take the sign-in's bearer token; the national platform and departments present their own.
    security: contract.callers === 'public' ? [] : [{ bearer: [] }],
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: responses(contract),
  };
}

export function buildOpenApiDocument(contracts: readonly RouteContract[] = CONTRACTS): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {};
  for (const contract of contracts) (paths[contract.path] ??= {})[contract.method] = operation(contract);
  const tags = [...new Set(contracts.map((c) => c.tag))].map((name) => {
    const text = TAG_DESCRIPTIONS[name];
    if (!text) throw new Error(`the API tag "${name}" has no description in api/openapi-document.ts`);
    return { name, description: bilingual(text) };
  });
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: '残疾人按比例就业情况联网认证 接口 / Proportional employment of persons with disabilities: annual review API',
      version: packageJson.version,
      description: bilingual({
        zh: '浙江省用人单位安排残疾人就业情况年审的接口。出错时返回 application/problem+json（RFC 9457），字段问题在 errors 中逐条列出。',
        en: "Zhejiang's annual review of employers' employment of persons with disabilities. Errors answer application/problem+json (RFC 9457), listing every field problem in errors.",
      }),
    },
    servers: [{ url: '/' }],
    tags,
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: bilingual({ zh: '登录后得到的令牌', en: 'The token sign-in gives' }) },
      },
    },
  };
}
