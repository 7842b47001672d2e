// The register of units' contract (units/unit-routes.ts, docs/units.md): the units any of the three registrars in
// Zhejiang knows, searched within the caller's region, and one unit with its status history, its years of filings
// and results (filed here or imported from before the system), the levy collected and its discrepancies.
import type { FromSchema } from 'json-schema-to-ts';
import type { Role } from '../platform/http/identity.ts';
import { invalidRequest, signedIn } from './common-problems.ts';
import type { ProblemResponse, RouteContract } from './route-contract.ts';

/** County staff their county, a city its counties, the province all of Zhejiang. */
export const UNIT_REGISTER_READERS: readonly Role[] = ['clerk', 'reviewer', 'lead', 'city', 'province'];

/** A unit's status in the register: 存续 / 注销 / 列入经营异常名录 / 非正常户 (units/register-labels.ts). */
export const REGISTER_STATUSES = ['active', 'deregistered', 'abnormal', 'irregular'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

/** Who registers the unit: 市场监管 / 民政 / 机构编制 (the USCC's first character, docs/domain.md §6). */
export const REGISTRARS = ['samr', 'civil', 'org'] as const;
export type RegisterRegistrar = (typeof REGISTRARS)[number];

/** What a change of the register was (unit_register_changes.change_type). */
export const REGISTER_CHANGE_TYPES = [
  'registered', 'deregistered', 'abnormal-listed', 'abnormal-removed', 'irregular-listed', 'irregular-removed', 'details-changed',
] as const;
export type RegisterChangeType = (typeof REGISTER_CHANGE_TYPES)[number];

/** The characters of a USCC (GB 32100: digits and capitals but I, O, S, V, Z). */
export const USCC_PREFIX_PATTERN = '^[0-9A-HJ-NPQRTUWXY]{1,18}$';

export const unitSearchQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    uscc: { type: 'string', pattern: USCC_PREFIX_PATTERN, description: '统一社会信用代码或其开头 / the code, or its start' },
    name: { type: 'string', minLength: 1, maxLength: 100, description: '单位名称的开头 / the start of the registered name' },
    regionCode: {
      type: 'string',
      pattern: '^\\d{6}$',
      description: '行政区：县（区）、市（xxxx00）或全省（330000），默认本人所辖 / a county, a city or the province; your own region by default',
    },
    status: { enum: REGISTER_STATUSES, description: '登记状态 / the register status' },
    registrar: { enum: REGISTRARS, description: '登记机关 / the registrar' },
    page: { type: 'string', pattern: '^[1-9]\\d{0,5}$', description: '页码，从 1 起 / the page, from 1' },
    pageSize: { type: 'string', pattern: '^([1-9]\\d?|100)$', description: '每页条数，默认 20，至多 100 / page size, 20 by default' },
  },
} as const;
export type UnitSearchQuery = FromSchema<typeof unitSearchQuerySchema>;

const text = { type: 'string' } as const;
const num = { type: 'number' } as const;
const numOrNull = { type: ['number', 'null'] } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const dateOrNull = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const row = <const P extends Record<string, unknown>>(properties: P) =>
  ({ type: 'object', additionalProperties: false, required: Object.keys(properties) as (keyof P & string)[], properties }) as const;
const orNull = <const S extends Record<string, unknown>>(schema: S) => ({ oneOf: [{ type: 'null' }, schema] }) as const;

const unitProperties = {
  uscc: text,
  name: { type: 'string', description: '登记名称 / the registered name' },
  registrar: { enum: REGISTRARS },
  registrarLabel: { type: 'string', description: '市场监管 / 民政 / 机构编制' },
  status: { enum: REGISTER_STATUSES },
  statusLabel: { type: 'string', description: '存续 / 注销 / 列入经营异常名录 / 非正常户' },
  statusSince: { ...date, description: '当前状态自何日起 / since when the status holds' },
  regionCode: { type: 'string', description: '所属县（市、区） / the county' },
  regionName: text,
  industryCode: { type: ['string', 'null'], description: '国民经济行业代码（GB/T 4754），登记机关未提供时为 null / the GB/T 4754 code, null when the registrar gives none' },
  industryLabel: { type: ['string', 'null'], description: '行业门类 / the industry section' },
  unitNature: { type: 'string', description: '单位性质 / the unit nature' },
} as const;

export const unitListSchema = row({
  total: { type: 'integer', description: '符合条件的单位数，至多计到 10000 / the units found, counted up to 10 000' },
  totalCapped: { type: 'boolean', description: '多于 10000 个时为 true（total 为 10000），请缩小查询范围 / true when more than 10 000 were found' },
  items: { type: 'array', items: row(unitProperties) },
});
export type UnitList = FromSchema<typeof unitListSchema>;

export const unitDetailSchema = row({
  ...unitProperties,
  registeredOn: { ...dateOrNull, description: '成立（登记）日期 / when registered' },
  updatedAt: { type: 'string', description: '名录最后更新时间（ISO） / when the register row last changed' },
  changes: {
    type: 'array',
    description: '状态变更记录，新的在前 / the status history, newest first',
    items: row({
      id: { type: 'integer', description: '变更记录编号 / the change record' },
      changeType: { enum: REGISTER_CHANGE_TYPES },
      changeTypeLabel: text,
      statusBefore: { enum: [...REGISTER_STATUSES, null] },
      statusAfter: { enum: REGISTER_STATUSES },
      statusAfterLabel: text,
      effectiveOn: { ...date, description: '生效日期 / the day it took effect' },
      registrar: text,
      sequence: { type: ['integer', 'null'], description: '推送序号；非推送的变更为 null / the feed sequence number' },
      source: text,
      sourceLabel: { type: 'string', description: '来源 / where the change came from' },
      changedFields: {
        type: 'array',
        description: '登记事项变更的字段及新值 / the fields changed and their new values',
        items: row({ field: text, label: text, value: text }),
      },
      recordedAt: text,
    }),
  },
  years: {
    type: 'array',
    description: '历年申报与认证结果，新的在前 / the years, newest first',
    items: row({
      year: { type: 'integer' },
      filing: orNull(
        row({
          filingId: text,
          status: { type: 'string', description: '申报状态 / the filing status' },
          channel: { enum: ['online', 'window'] },
          certified: { type: 'boolean' },
          certifiedCount: { ...numOrNull, description: '认证的安排人数（未认证时为 null） / certified count, null until certified' },
          requiredCount: { ...numOrNull, description: '应安排人数 / required count' },
          levyEstimate: { ...numOrNull, description: '保障金测算（元） / estimated levy (yuan)' },
        }),
      ),
      history: orNull(
        row({
          unitName: text,
          staffCount: { type: 'integer' },
          averageWage: num,
          certifiedCount: num,
          requiredCount: num,
          levyPaid: { type: 'number', description: '已缴保障金（元） / levy paid (yuan)' },
          importedAt: text,
        }),
      ),
      levyCollected: orNull(row({ amount: { type: 'number', description: '税务部门征收的保障金（元） / levy the tax bureau collected' }, collectedOn: dateOrNull })),
    }),
  },
  discrepancies: {
    type: 'array',
    description: '最近一次申报与名录不一致之处（名录不因申报而改变） / where the latest filing differs from the register, which no filing changes',
    items: row({
      field: { enum: ['name', 'unitNature', 'regionCode', 'industryCode'] },
      label: text,
      register: text,
      declared: text,
      filingId: text,
      year: { type: 'integer' },
    }),
  },
});
export type UnitDetail = FromSchema<typeof unitDetailSchema>;

const usccParams = { type: 'object', required: ['uscc'], properties: { uscc: { type: 'string', description: '统一社会信用代码 / unified social credit code' } } } as const;
const notFound: ProblemResponse = { status: 404, description: { zh: '名录中没有该单位（或不在本辖区）', en: 'No such unit in the register within your region' } };

export const unitContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/units',
    operationId: 'searchUnits',
    tag: 'units',
    summary: { zh: '单位名录查询', en: 'Search the register of units' },
    description: {
      zh: '市场监管、民政、机构编制部门登记的单位，按统一社会信用代码或名称开头、行政区、登记状态和登记机关查询，按县（区）、状态、代码排列，分页；总数至多计到 10000。',
      en: 'The units the three registrars keep, by code or name prefix, region, status and registrar; by county, status and code, paged; the total counted up to 10 000.',
    },
    callers: UNIT_REGISTER_READERS,
    request: { query: unitSearchQuerySchema },
    responses: { 200: { description: { zh: '一页单位', en: 'One page of units' }, schema: unitListSchema } },
    problems: [
      invalidRequest(['REGION_UNKNOWN'], {
        zh: '查询参数有误（errors 逐条说明；REGION_UNKNOWN：不是浙江省内的行政区划代码）',
        en: 'Invalid query (errors lists each; REGION_UNKNOWN: not a Zhejiang region code)',
      }),
      ...signedIn,
    ],
  },
  {
    method: 'get',
    path: '/api/units/{uscc}',
    operationId: 'getUnit',
    tag: 'units',
    summary: { zh: '单位名录详情', en: 'One unit of the register' },
    description: {
      zh: '登记信息、状态变更记录（日期和来源）、历年申报与认证结果（本系统申报或导入的历史数据）及税务部门征收的保障金，以及最近一次申报与名录的不一致之处。',
      en: 'The register row, its status history with dates and source, each year filed here or imported, the levy collected, and where the latest filing differs from the register.',
    },
    callers: UNIT_REGISTER_READERS,
    request: { params: usccParams },
    responses: { 200: { description: { zh: '单位', en: 'The unit' }, schema: unitDetailSchema } },
    problems: [invalidRequest(['USCC_CHECKSUM']), ...signedIn, notFound],
  },
];
