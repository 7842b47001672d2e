// The national platform's (跨省通办) delivery of a filing, as an API contract (national-platform/inbound-routes.ts):
// a filing an office of another province received for a unit registered in Zhejiang.
import type { FromSchema } from 'json-schema-to-ts';
import { PLATFORM_ID_PATTERN } from '../connectors/national-platform/schema.ts';
import filingSchema from '../filings/declaration/filing.schema.json' with { type: 'json' };
import { filingTemplates } from '../filings/declaration/messages.ts';
import type { RouteContract } from './route-contract.ts';
import { invalidRequest, bodyLimits, SCHEMA_CODES } from './common-problems.ts';

// Our own endpoint is strict: a field we do not know is a contract change to hear about, not to drop. The
// declaration is checked afterwards by the filing API's own rules, its problems placed under /filing.
export const inboundTransferSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['transferId', 'receivingRegionCode', 'receivedAt', 'filing'],
  properties: {
    transferId: { type: 'string', pattern: PLATFORM_ID_PATTERN, description: '平台的转办编号，重复投递时相同 / the platform’s transfer id, the same on redelivery' },
    receivingRegionCode: { type: 'string', pattern: '^[0-9]{6}$', description: '外省受理地的县级行政区划代码 / the other province’s receiving county' },
    receivedAt: { type: 'string', format: 'date-time', maxLength: 40 },
    filing: { type: 'object' },
  },
} as const;
export type InboundTransfer = FromSchema<typeof inboundTransferSchema>;

/** The body as published: the envelope, its `filing` the declaration (filings/declaration/filing.schema.json). */
const inboundTransferBodySchema = {
  ...inboundTransferSchema,
  properties: { ...inboundTransferSchema.properties, filing: filingSchema },
} as const;

export const storedFilingSchema = {
  type: 'object',
  required: ['id', 'status', 'notices'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    status: { type: 'string' },
    notices: {
      type: 'array',
      description: '不影响受理、供审核人员核实的字段提示 / field remarks for the reviewer that do not refuse the filing',
      items: {
        type: 'object',
        required: ['path', 'code', 'message'],
        additionalProperties: false,
        properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

const DECLARATION_CODES = [...SCHEMA_CODES, 'REGION_UNKNOWN', ...Object.keys(filingTemplates).filter((code) => code !== 'UNKNOWN_FIELD')];

export const nationalPlatformContracts: readonly RouteContract[] = [
  {
    method: 'post',
    path: '/api/national-platform/filings',
    operationId: 'deliverTransferredFiling',
    tag: 'national-platform',
    summary: { zh: '跨省通办平台转来的申报', en: 'A filing delivered by the national platform' },
    description: {
      zh: '外省受理、单位登记在浙江的申报（收受分离）：按窗口申报存储，由单位所在县办理，按与其他申报相同的规则检查。同一转办编号重复投递答 200 和当初存储的申报。凭 NATIONAL_PLATFORM_TOKEN 调用。',
      en: 'A filing received in another province for a unit registered in Zhejiang: stored like a window filing, handled by the unit’s county, checked by the same rules as any filing. A redelivery of the same transfer id answers 200 with the filing it made. Called with NATIONAL_PLATFORM_TOKEN.',
    },
    callers: 'national-platform',
    request: { body: inboundTransferBodySchema },
    responses: {
      201: { description: { zh: '已存储（Location 指向该申报），流程随即启动', en: 'stored (Location names it); its process starts' }, schema: storedFilingSchema },
      200: { description: { zh: '重复投递：当初存储的申报', en: 'a redelivery: the filing it made' }, schema: storedFilingSchema },
    },
    problems: [
      invalidRequest(DECLARATION_CODES, {
        zh: '转办内容或申报有误：errors 列出每个问题，申报的问题在 /filing 下',
        en: 'the envelope or the declaration is invalid: errors lists each, the declaration’s under /filing',
      }),
      { status: 401, description: { zh: '跨省通办平台凭据无效', en: 'missing or invalid national platform token' } },
      { status: 409, description: { zh: '该单位本年度已有在办的申报（filingId 指明）', en: 'the unit has a filing for that year under way (filingId names it)' }, codes: ['FILING_EXISTS'] },
      ...bodyLimits,
      {
        status: 422,
        description: { zh: '不能经跨省通办在浙江办理，或转办编号已用于另一份申报', en: 'not for Zhejiang through the platform, or the transfer id was used for another filing' },
        codes: ['EMPLOYER_NOT_IN_ZHEJIANG', 'RECEIVED_IN_ZHEJIANG', 'RECEIVING_REGION_MISMATCH', 'TRANSFER_ID_REUSED'],
      },
    ],
  },
];
