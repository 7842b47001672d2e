// The 年审认证确认书 (certificates/certificate-routes.ts): the filing's current one, its PDF, and the public check of a
// verification code — as JSON and as the page the printed address opens.
import type { FromSchema } from 'json-schema-to-ts';
import { invalidRequest, signedIn } from './common-problems.ts';
import { filingIdParams } from './filings.ts';
import type { ProblemResponse, RouteContract } from './route-contract.ts';

const CODE_DESCRIPTION = '确认书上的验证码 XXXX-XXXX-XXXX-XXXX（大小写、空格、横线不计） / the code printed on the confirmation (case, spaces and dashes do not matter)';

export const certificateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'sequence', 'year', 'employerUscc', 'employerName', 'certifiedCount', 'requiredCount', 'issuedAt', 'verifyUrl', 'pdfHref'],
  properties: {
    code: { type: 'string' },
    sequence: { type: 'integer', description: '第几份（重新审核后递增） / which issue, counting re-reviews' },
    year: { type: 'integer' },
    employerUscc: { type: 'string' },
    employerName: { type: 'string' },
    certifiedCount: { type: 'number' },
    requiredCount: { type: 'number' },
    issuedAt: { type: 'string', format: 'date-time' },
    verifyUrl: { type: 'string' },
    pdfHref: { type: 'string' },
  },
} as const;
export type Certificate = FromSchema<typeof certificateSchema>;

export const certificateVerificationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'valid', 'status', 'employerName', 'employerUscc', 'year', 'certifiedCount', 'requiredCount', 'sequence', 'issuedAt', 'supersededAt'],
  properties: {
    code: { type: 'string' },
    valid: { type: 'boolean' },
    status: { enum: ['valid', 'superseded'], description: '有效，或已被重新审核后的确认书取代 / in force, or replaced after a re-review' },
    employerName: { type: 'string' },
    employerUscc: { type: 'string' },
    year: { type: 'integer' },
    certifiedCount: { type: 'number' },
    requiredCount: { type: 'number' },
    sequence: { type: 'integer' },
    issuedAt: { type: 'string', format: 'date-time' },
    supersededAt: { type: ['string', 'null'] },
  },
} as const;
export type CertificateVerification = FromSchema<typeof certificateVerificationSchema>;

const codeParams = { type: 'object', required: ['code'], properties: { code: { type: 'string', description: CODE_DESCRIPTION } } } as const;
const codeQuery = { type: 'object', properties: { code: { type: 'string', description: CODE_DESCRIPTION } } } as const;
const notCertified: ProblemResponse = { status: 404, description: { zh: '未找到该申报，或尚未年审认证', en: 'No such filing, or not certified yet' } };
/** The page tells a person what went wrong in its own words, with the status saying it too. */
const pageResponses = {
  200: { description: { zh: '核验页面（HTML）', en: 'The verification page (HTML)' }, contentType: 'text/html' },
  400: { description: { zh: '验证码格式或校验位有误（页面说明）', en: 'A malformed code (the page says so)' }, contentType: 'text/html' },
  404: { description: { zh: '没有该验证码的确认书（页面说明）', en: 'No confirmation has this code (the page says so)' }, contentType: 'text/html' },
};

export const certificateContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/filings/{id}/certificate',
    operationId: 'getCertificate',
    tag: 'certificates',
    summary: { zh: '申报现行的年审认证确认书', en: "The filing's current certification confirmation" },
    callers: [],
    request: { params: filingIdParams },
    responses: { 200: { description: { zh: '确认书', en: 'The confirmation' }, schema: certificateSchema } },
    problems: [...signedIn, notCertified],
  },
  {
    method: 'get',
    path: '/api/filings/{id}/certificate.pdf',
    operationId: 'downloadCertificatePdf',
    tag: 'certificates',
    summary: { zh: '下载确认书 PDF', en: 'Download the confirmation as PDF' },
    description: { zh: '下载留痕。', en: 'The download is audited.' },
    callers: [],
    request: { params: filingIdParams },
    responses: { 200: { description: { zh: 'PDF 文件', en: 'The PDF' }, contentType: 'application/pdf' } },
    problems: [
      ...signedIn,
      notCertified,
      { status: 503, description: { zh: '服务器缺少中文字体，或正在生成的确认书过多（见 Retry-After），暂时无法生成', en: 'The server lacks a Chinese font to print it, or is printing too many at once (see Retry-After)' } },
    ],
  },
  {
    method: 'get',
    path: '/api/certificates/{code}',
    operationId: 'verifyCertificate',
    tag: 'certificates',
    summary: { zh: '核验确认书（公开）', en: 'Verify a confirmation (public)' },
    description: { zh: '持纸质确认书者可查其内容及是否仍然有效。', en: 'Whoever holds the paper may learn what it shows and whether it is still in force.' },
    callers: 'public',
    request: { params: codeParams },
    responses: { 200: { description: { zh: '确认书及其状态', en: 'The confirmation and its state' }, schema: certificateVerificationSchema } },
    problems: [invalidRequest(['CODE_CHECKSUM']), { status: 404, description: { zh: '没有该验证码的确认书', en: 'No confirmation has this code' } }],
  },
  {
    method: 'get',
    path: '/verify',
    operationId: 'verificationPageForm',
    tag: 'certificates',
    summary: { zh: '核验页面：输入验证码', en: 'Verification page: type the code' },
    description: { zh: '无 code 时显示输入框；有 code 时同 /verify/{code}。', en: 'Without code, the form to type it; with code, as /verify/{code}.' },
    callers: 'public',
    request: { query: codeQuery },
    responses: pageResponses,
    problems: [],
  },
  {
    method: 'get',
    path: '/verify/{code}',
    operationId: 'verificationPage',
    tag: 'certificates',
    summary: { zh: '核验页面：确认书上印的地址', en: 'Verification page: the address printed on the confirmation' },
    callers: 'public',
    request: { params: codeParams },
    responses: pageResponses,
    problems: [],
  },
];
