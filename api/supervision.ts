// The supervision API contract (supervision/supervision-routes.ts, docs/supervision.md): the figures a city or the
// province follows for a year and region, the filings behind each figure, the exits of disabled employees, and every
// table as an Excel file. The figures' shape is supervision/figures-types.ts (the annual report freezes the same).
import type { FromSchema } from 'json-schema-to-ts';
import type { Role } from '../platform/http/identity.ts';
import type { JsonSchema, RouteContract } from './route-contract.ts';
import { invalidRequest, signedIn } from './common-problems.ts';

/** A city its counties, the province all of Zhejiang, a county lead its county. */
export const SUPERVISION_READERS: readonly Role[] = ['city', 'province', 'lead'];

export const PROGRESS_MEASURES = ['expected', 'filed', 'online', 'window', 'accepted', 'awaitingConfirmation', 'disputed', 'certified', 'sentToTax'] as const;
/** What a drill list may list: a progress figure (but `expected`, which counts units, some without a filing) or an employment one. */
export const DRILL_MEASURES = ['filed', 'online', 'window', 'accepted', 'awaitingConfirmation', 'disputed', 'certified', 'sentToTax', 'belowQuota', 'aboveQuota', 'certifiedEmployees'] as const;
export type DrillMeasure = (typeof DRILL_MEASURES)[number];
export const RATIO_BUCKET_KEYS = ['none', 'under-half', 'below', 'at', 'double'] as const;
export const EXIT_REASON_KEYS = ['left', 'retired', 'certificate-ended', 'not-declared'] as const;
export const EXPORT_TABLES = ['progress', 'byCounty', 'byIndustry', 'ratio', 'exits', 'filings'] as const;

const yearField = { type: 'string', pattern: '^\\d{4}$', description: '申报年度，默认正在审核的年度（今年的上一年） / the filings\' year, by default the one under review (last year)' } as const;
const regionField = {
  type: 'string',
  pattern: '^\\d{6}$',
  description: '行政区：县（区）、市（xxxx00）或全省（330000），默认本人所辖 / a county, a city or the province; your own region by default',
} as const;
const pageFields = {
  page: { type: 'string', pattern: '^[1-9]\\d{0,5}$', description: '页码，从 1 起 / the page, from 1' },
  pageSize: { type: 'string', pattern: '^([1-9]\\d?|100)$', description: '每页条数，默认 20，至多 100 / page size, 20 by default' },
} as const;
const drillFields = {
  measure: { enum: DRILL_MEASURES, description: '所钻取的数字，默认 filed / the figure drilled into' },
  industryCode: { type: 'string', pattern: '^([A-T]|-)$', description: '行业门类（A–T；“-”为未填） / the industry section' },
  ratioBucket: { enum: RATIO_BUCKET_KEYS, description: '安排比例区间 / the ratio bucket' },
} as const;

export const supervisionFiguresQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { year: yearField, regionCode: regionField },
} as const;
export type SupervisionFiguresQuery = FromSchema<typeof supervisionFiguresQuerySchema>;

export const supervisionFilingsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { year: yearField, regionCode: regionField, ...drillFields, ...pageFields },
} as const;
export type SupervisionFilingsQuery = FromSchema<typeof supervisionFilingsQuerySchema>;

export const supervisionExitsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { year: yearField, regionCode: regionField, reason: { enum: EXIT_REASON_KEYS }, ...pageFields },
} as const;
export type SupervisionExitsQuery = FromSchema<typeof supervisionExitsQuerySchema>;

export const supervisionExportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['table'],
  properties: {
    table: { enum: EXPORT_TABLES, description: '导出哪张表 / which table' },
    year: yearField,
    regionCode: regionField,
    ...drillFields,
    reason: { enum: EXIT_REASON_KEYS },
  },
} as const;
export type SupervisionExportQuery = FromSchema<typeof supervisionExportQuerySchema>;

const int = { type: 'integer' } as const;
const num = { type: 'number' } as const;
const text = { type: 'string' } as const;
const row = <const P extends Record<string, unknown>>(properties: P) =>
  ({ type: 'object', additionalProperties: false, required: Object.keys(properties) as (keyof P & string)[], properties }) as const;

const collectedField = { type: 'number', description: '税务部门报告的已征收保障金（元） / levy the tax bureau reports collected, yuan' } as const;

export const supervisionFiguresSchema = row({
  year: int,
  regionCode: text,
  regionName: text,
  computedAt: { type: 'string', description: '计算时间（ISO） / when computed' },
  progress: row({
    expected: { type: 'integer', description: '应申报单位：上年度申报单位加本年度新申报单位 / last year’s filers plus units new this year' },
    filed: int, online: int, window: int, accepted: int, awaitingConfirmation: int, disputed: int, certified: int, sentToTax: int,
  }),
  byCounty: {
    type: 'array',
    items: row({
      regionCode: text, regionName: text, expected: int, filed: int, certified: int, sentToTax: int,
      overdueTasks: { type: 'integer', description: '超期未办的县级任务 / county tasks past their due date' },
      maxWorkingDaysOver: { type: 'integer', description: '最长超期工作日数 / the most working days any is over' },
      certifiedEmployees: int, belowQuotaUnits: int, shortfall: num, levyEstimate: num, levyCollected: collectedField, aboveQuotaUnits: int,
    }),
  },
  employment: row({
    certifiedEmployees: int,
    byCertificateKind: { type: 'array', items: row({ kind: text, label: text, count: int }) },
    byGrade: { type: 'array', items: row({ grade: text, label: text, count: int }) },
    byIndustry: {
      type: 'array',
      items: row({ industryCode: text, label: text, units: int, certifiedEmployees: int, belowQuotaUnits: int, shortfall: num, levyEstimate: num }),
    },
    ratioBuckets: { type: 'array', items: row({ key: text, label: text, units: int }) },
    belowQuota: row({ units: int, shortfall: num, levyEstimate: num }),
    aboveQuota: row({ units: int, surplus: num }),
    levyCollected: row({ units: int, amount: collectedField }),
  }),
  years: {
    type: 'array',
    items: row({ year: int, filed: int, certified: int, certifiedEmployees: int, belowQuotaUnits: int, levyEstimate: num, levyCollected: collectedField }),
  },
});

export const supervisionFilingListSchema = row({
  total: int,
  items: {
    type: 'array',
    items: row({
      id: text, uscc: text, unitName: text, regionCode: text, status: text, channel: { enum: ['online', 'window'] },
      certifiedEmployees: int, requiredEmployees: num, shortfall: num, levyEstimate: num,
      levyCollected: { type: ['number', 'null'], description: '税务部门报告的已征收保障金（元），未报告时为 null / the levy the tax bureau reports collected, null when not reported' },
      ratio: { type: ['number', 'null'], description: '实际安排比例（认证后） / the actual ratio, once certified' },
    }),
  },
});

export const supervisionExitListSchema = row({
  total: int,
  byCounty: { type: 'array', items: row({ regionCode: text, regionName: text, count: int }) },
  items: {
    type: 'array',
    items: row({
      filingId: text, uscc: text, unitName: text, regionCode: text, employeeName: text,
      idNumberMasked: { type: 'string', description: '身份证号（已遮蔽） / the ID number, masked' },
      reason: { enum: EXIT_REASON_KEYS },
      reasonLabel: text,
      lastMonth: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}$' },
    }),
  },
});

const regionProblems = [
  invalidRequest(['REGION_UNKNOWN'], {
    zh: '查询参数有误（errors 逐条说明；REGION_UNKNOWN：不是浙江省内的行政区划代码）',
    en: 'Invalid query (errors lists each; REGION_UNKNOWN: not a Zhejiang region code)',
  }),
  ...signedIn,
];

/** Every supervision route: a GET for the readers, its query checked, a 400 with field errors, 401 and 403. */
function supervisionRoute(route: Pick<RouteContract, 'path' | 'operationId' | 'summary' | 'description' | 'responses'> & { query: JsonSchema }): RouteContract {
  const { query, ...rest } = route;
  return { method: 'get', tag: 'supervision', callers: SUPERVISION_READERS, request: { query }, problems: regionProblems, ...rest };
}

export const supervisionContracts: readonly RouteContract[] = [
  supervisionRoute({
    path: '/api/supervision/figures',
    operationId: 'getSupervisionFigures',
    summary: { zh: '监管统计数字', en: 'Supervision figures' },
    description: {
      zh: '一个年度、一个行政区的申报进度、超期任务、安排就业情况与历年比较；由数据库随申报变化维护的汇总表得出。',
      en: 'A year and region’s filing progress, overdue tasks, employment picture and earlier years, from totals the database keeps as filings move.',
    },
    query: supervisionFiguresQuerySchema,
    responses: { 200: { description: { zh: '统计数字', en: 'The figures' }, schema: supervisionFiguresSchema } },
  }),
  supervisionRoute({
    path: '/api/supervision/filings',
    operationId: 'listSupervisionFilings',
    summary: { zh: '统计数字背后的申报', en: 'The filings behind a figure' },
    description: { zh: '按县（区）、单位排列，分页。', en: 'By county, then unit, paged.' },
    query: supervisionFilingsQuerySchema,
    responses: { 200: { description: { zh: '一页申报', en: 'One page of filings' }, schema: supervisionFilingListSchema } },
  }),
  supervisionRoute({
    path: '/api/supervision/exits',
    operationId: 'listSupervisionExits',
    summary: { zh: '残疾职工退出情况', en: 'Exits of disabled employees' },
    description: {
      zh: '上年度申报、本年度未申报的残疾职工，以及本年度中途停止计算的残疾职工，附数据所示原因；姓名和遮蔽的身份证号，读取留痕。',
      en: 'Disabled employees declared last year and not this year, or whose months stop during the year, with the reason the data gives; names and masked ID numbers, the read audited.',
    },
    query: supervisionExitsQuerySchema,
    responses: { 200: { description: { zh: '各县数量和一页名单', en: 'Counts by county and one page of the list' }, schema: supervisionExitListSchema } },
  }),
  supervisionRoute({
    path: '/api/supervision/export',
    operationId: 'exportSupervisionTable',
    summary: { zh: '导出统计表（Excel）', en: 'Export a table (Excel)' },
    description: {
      zh: '与页面相同的表，中文表头；申报和退出名单至多 100000 行，退出名单的读取留痕。',
      en: 'The page’s tables with Chinese headings; the filing and exit lists up to 100 000 rows, the exit list’s read audited.',
    },
    query: supervisionExportQuerySchema,
    responses: {
      200: { description: { zh: 'Excel 文件', en: 'The workbook' }, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    },
  }),
];
