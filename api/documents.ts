// Uploaded documents of a filing (documents/document-routes.ts): scans and evidence, stored by SHA-256, read with
// access checks and an audit row.
import type { FromSchema } from 'json-schema-to-ts';
import { invalidRequest, signedIn, signedInGoodStanding } from './common-problems.ts';
import { filingIdParams, filingNotFound } from './filings.ts';
import type { RouteContract } from './route-contract.ts';

export const DOCUMENT_KINDS = ['scan', 'evidence', 'other', 'dispatch_agreement'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The upload's text fields besides its files: what the document is, and the employee (0-based) it is about. */
export const uploadFieldsSchema = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: {
      enum: DOCUMENT_KINDS,
      description:
        'scan 纸质申报扫描件, evidence 证据, other 其他, dispatch_agreement 劳务派遣协议（须指明该派遣单位的一名劳务派遣职工） / a scan of the paper form, evidence, other, a dispatch agreement (naming one dispatched worker of that agency)',
    },
    employeeIndex: {
      type: 'string',
      pattern: '^(0|[1-9][0-9]{0,5})$',
      description: '所涉职工在申报中的位置（从 0 起）；派遣协议覆盖与该职工同一派遣单位的全部劳务派遣职工 / the employee it is about, from 0; a dispatch agreement covers every worker of that employee\'s agency',
    },
  },
} as const;
export type UploadFields = FromSchema<typeof uploadFieldsSchema>;

/** The multipart form as published: the fields and one or more `file` parts (PDF, JPEG, PNG). */
const uploadFormSchema = {
  ...uploadFieldsSchema,
  properties: {
    ...uploadFieldsSchema.properties,
    file: { type: 'array', maxItems: 10, items: { type: 'string', contentMediaType: 'application/octet-stream' }, description: '文件，每次最多 10 个 / the files, at most 10 at once' },
  },
  required: ['kind', 'file'],
} as const;

export const storedDocumentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'employeeIndex', 'originalName', 'mediaType', 'sizeBytes', 'sha256', 'uploadedBy', 'uploadedAt', 'href'],
  properties: {
    id: { type: 'string' },
    kind: { enum: DOCUMENT_KINDS },
    employeeIndex: { type: ['integer', 'null'] },
    originalName: { type: 'string' },
    mediaType: { type: 'string' },
    sizeBytes: { type: 'integer' },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    uploadedBy: { type: 'string' },
    uploadedAt: { type: 'string', format: 'date-time' },
    href: { type: 'string', description: '下载地址 / where to download it' },
  },
} as const;
export type StoredDocument = FromSchema<typeof storedDocumentSchema>;

export const documentListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: { items: { type: 'array', items: storedDocumentSchema } },
} as const;

const documentParams = {
  type: 'object',
  required: ['id', 'documentId'],
  properties: { ...filingIdParams.properties, documentId: { type: 'string', description: '材料编号（UUID） / the document id (a UUID)' } },
} as const;

export const documentContracts: readonly RouteContract[] = [
  {
    method: 'post',
    path: '/api/filings/{id}/documents',
    operationId: 'uploadDocuments',
    tag: 'documents',
    summary: { zh: '上传材料', en: 'Upload documents' },
    description: {
      zh: '按内容识别文件类型（PDF、JPEG、PNG），任何一个有问题则全部不保存。',
      en: 'Each file is typed by its content (PDF, JPEG, PNG); any problem rejects them all.',
    },
    callers: [],
    request: { params: filingIdParams, body: uploadFormSchema, contentType: 'multipart/form-data' },
    responses: { 201: { description: { zh: '已保存的材料', en: 'The stored documents' }, schema: documentListSchema } },
    problems: [
      { ...invalidRequest(['FILE_TYPE', 'TOO_MANY_FILES', 'EMPLOYEE_INDEX', 'NOT_DISPATCHED']), description: { zh: '表单有误，或上传中断', en: 'Invalid form, or the upload was interrupted' } },
      ...signedIn,
      filingNotFound,
      { status: 413, description: { zh: '文件过大', en: 'A file is too large' } },
      { status: 415, description: { zh: '须以 multipart/form-data 上传', en: 'Send the files as multipart/form-data' } },
      { status: 429, description: { zh: '上传过于频繁（见 Retry-After）', en: 'too many uploads; see Retry-After' }, codes: ['TOO_MANY_UPLOADS'] },
    ],
  },
  {
    method: 'get',
    path: '/api/filings/{id}/documents',
    operationId: 'listDocuments',
    tag: 'documents',
    summary: { zh: '申报的材料', en: "A filing's documents" },
    callers: [],
    request: { params: filingIdParams },
    responses: { 200: { description: { zh: '材料列表', en: 'The documents' }, schema: documentListSchema } },
    problems: [...signedIn, filingNotFound],
  },
  {
    method: 'get',
    path: '/api/filings/{id}/documents/{documentId}',
    operationId: 'downloadDocument',
    tag: 'documents',
    summary: { zh: '下载材料', en: 'Download a document' },
    description: { zh: '读取留痕。', en: 'The read is audited.' },
    callers: [],
    request: { params: documentParams },
    responses: { 200: { description: { zh: '文件本身（上传时识别的类型）', en: 'The file, of the type found at upload' }, contentType: 'application/octet-stream' } },
    problems: [...signedInGoodStanding, { status: 404, description: { zh: '未找到该申报或材料', en: 'No such filing or document' } }],
  },
];
