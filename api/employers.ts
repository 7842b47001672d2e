// Unit master data (employers/employer-routes.ts) and the registrars' records for prefilling a declaration
// (employers/registration-routes.ts).
import type { FromSchema } from 'json-schema-to-ts';
import { UNIT_NATURES } from '../domain/identifiers/uscc.ts';
import { invalidRequest, jsonBodyProblems, signedIn } from './common-problems.ts';
import type { ProblemResponse, RouteContract } from './route-contract.ts';

/** PATCH /api/employers/{uscc}: at least one change, and always its reason. */
export const employerChangeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['note'],
  minProperties: 2,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    unitNature: { enum: UNIT_NATURES },
    regionCode: { type: 'string', pattern: '^\\d{6}$' },
    note: { type: 'string', minLength: 1, maxLength: 500, description: '变更依据：文件或决定 / why: the document or decision behind it' },
  },
} as const;

export const employerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uscc', 'name', 'unitNature', 'regionCode', 'registeredName', 'registrationStatus', 'registrar', 'registrationCheckedAt', 'updatedAt'],
  properties: {
    uscc: { type: 'string' },
    name: { type: 'string' },
    unitNature: { type: 'string' },
    regionCode: { type: 'string' },
    registeredName: { type: ['string', 'null'], description: '登记机关的名称 / the name on the registrar\'s record' },
    registrationStatus: { type: ['string', 'null'] },
    registrar: { type: ['string', 'null'] },
    registrationCheckedAt: { type: ['string', 'null'] },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;
export type Employer = FromSchema<typeof employerSchema>;

export const myEmployerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uscc', 'name'],
  properties: { uscc: { type: 'string' }, name: { type: ['string', 'null'], description: '首次申报前为 null / null before the unit first filed' } },
} as const;
export type MyEmployer = FromSchema<typeof myEmployerSchema>;

export const registrationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uscc', 'name', 'registrar', 'registrarName', 'status', 'changedAt'],
  properties: {
    uscc: { type: 'string' },
    name: { type: 'string' },
    registrar: { enum: ['samr', 'civil', 'org'] },
    registrarName: { type: 'string', description: '登记机关 / the registrar, in Chinese' },
    status: { enum: ['active', 'deregistered', 'abnormal'] },
    changedAt: { type: 'string' },
  },
} as const;
export type Registration = FromSchema<typeof registrationSchema>;

const usccParams = { type: 'object', required: ['uscc'], properties: { uscc: { type: 'string', description: '统一社会信用代码 / unified social credit code' } } } as const;
const employerNotFound: ProblemResponse = { status: 404, description: { zh: '未找到该单位（或不在本辖区）', en: 'No such unit in your region' } };

export const employerContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/employers/mine',
    operationId: 'getMyEmployer',
    tag: 'employers',
    summary: { zh: '本单位名称', en: "The signed-in unit's name" },
    callers: ['employer'],
    responses: { 200: { description: { zh: '本单位', en: 'The unit' }, schema: myEmployerSchema } },
    problems: [...signedIn],
  },
  {
    method: 'get',
    path: '/api/employers/{uscc}',
    operationId: 'getEmployer',
    tag: 'employers',
    summary: { zh: '单位基础信息', en: 'Unit master data' },
    callers: ['clerk', 'reviewer', 'city', 'province'],
    request: { params: usccParams },
    responses: { 200: { description: { zh: '单位', en: 'The unit' }, schema: employerSchema } },
    problems: [...signedIn, employerNotFound],
  },
  {
    method: 'patch',
    path: '/api/employers/{uscc}',
    operationId: 'changeEmployer',
    tag: 'employers',
    summary: { zh: '变更单位基础信息', en: 'Change unit master data' },
    description: { zh: '须写明依据，变更留痕；市只能调整到本市的县。', en: 'With a reason, audited; a city moves units among its own counties only.' },
    callers: ['city', 'province'],
    request: { params: usccParams, body: employerChangeSchema },
    responses: { 200: { description: { zh: '变更后的单位', en: 'The unit as changed' }, schema: employerSchema } },
    problems: [...jsonBodyProblems(['REGION_UNKNOWN']), ...signedIn, employerNotFound],
  },
  {
    method: 'get',
    path: '/api/registrations/{uscc}',
    operationId: 'lookUpRegistration',
    tag: 'employers',
    summary: { zh: '查询登记信息（预填申报）', en: "Look up the registrar's record (to prefill a declaration)" },
    description: {
      zh: '按统一社会信用代码向市场监管、民政或机构编制部门查询。单位只能查本单位。',
      en: 'Asks the market regulator, civil affairs or the establishment office by the code. An employer may look up only itself.',
    },
    callers: ['employer', 'clerk'],
    request: { params: usccParams },
    responses: { 200: { description: { zh: '登记信息', en: 'The record' }, schema: registrationSchema } },
    problems: [
      invalidRequest(['USCC_CHECKSUM']),
      ...signedIn,
      { status: 404, description: { zh: '没有该单位的登记记录', en: 'The registrar has no such unit' } },
      { status: 503, description: { zh: '登记机关暂时查询不到', en: 'The registrar does not answer now' } },
    ],
  },
];
