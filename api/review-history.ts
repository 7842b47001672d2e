// The review history before the system (review-history/, docs/review-history.md): the workbook template, the upload
// that checks it (a dry run) or imports it, and the import's state, progress and problems.
import type { FromSchema } from 'json-schema-to-ts';
import type { Role } from '../platform/http/identity.ts';
import { invalidRequest, signedIn } from './common-problems.ts';
import type { RouteContract } from './route-contract.ts';

/** The province imports any unit of Zhejiang, a city the units of its counties. */
export const HISTORY_IMPORTERS: readonly Role[] = ['city', 'province'];

export const historyImportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dryRun: { enum: ['true', 'false'], description: 'true：只检查，不写入任何数据（默认 false） / true: check only, write nothing (default false)' },
  },
} as const;
export type HistoryImportQuery = FromSchema<typeof historyImportQuerySchema>;

export const historyImportParamsSchema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: '导入编号（UUID） / the import id' } },
} as const;
export type HistoryImportParams = FromSchema<typeof historyImportParamsSchema>;

const historyErrorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sheet', 'row', 'column', 'code', 'message'],
  properties: {
    sheet: { type: 'string', description: '工作表（单位年度 / 残疾职工；文件本身的问题为空） / the sheet; empty for the file as a whole' },
    row: { type: 'integer', description: 'Excel 中的行号，0 为整个文件 / the row Excel shows; 0 for the file' },
    column: { type: 'string', description: '列名（或列字母） / the column header (or letter)' },
    code: { type: 'string' },
    message: { type: 'string', description: '中文说明 / the problem in Chinese' },
  },
} as const;

export const historyImportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'dryRun', 'state', 'fileName', 'rowsTotal', 'rowsDone', 'employeesTotal', 'replaced', 'errorCount', 'errors', 'createdAt', 'finishedAt'],
  properties: {
    id: { type: 'string' },
    dryRun: { type: 'boolean' },
    state: {
      enum: ['reading', 'checking', 'writing', 'done', 'refused', 'failed'],
      description: '读取中 / 检查中 / 写入中 / 完成（检查：无问题；导入：已写入） / 有问题未写入 / 系统错误未写入',
    },
    fileName: { type: 'string' },
    rowsTotal: { type: 'integer', description: '单位年度行数 / unit-year rows' },
    rowsDone: { type: 'integer', description: '已检查或已写入的单位年度行数 / unit-year rows checked or written' },
    employeesTotal: { type: 'integer' },
    replaced: { type: 'integer', description: '替换了已导入数据的单位年度数 / unit-years that replaced stored ones' },
    errorCount: { type: 'integer', description: '问题总数（errors 至多列出 5000 条） / problems in all (errors lists at most 5000)' },
    errors: { type: 'array', items: historyErrorSchema },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;
export type HistoryImportView = FromSchema<typeof historyImportSchema>;

export const reviewHistoryContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/templates/review-history.xlsx',
    operationId: 'downloadReviewHistoryTemplate',
    tag: 'review-history',
    summary: { zh: '历史年审数据导入模板（Excel）', en: 'The review-history workbook template' },
    callers: HISTORY_IMPORTERS,
    responses: { 200: { description: { zh: '模板：单位年度、残疾职工、填写说明（含示例行）', en: 'The template with example rows' }, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
    problems: [...signedIn],
  },
  {
    method: 'post',
    path: '/api/review-history/imports',
    operationId: 'importReviewHistory',
    tag: 'review-history',
    summary: { zh: '检查或导入历史年审数据', en: 'Check or import the review history' },
    description: {
      zh: '上传填好的模板（字段 file）。dryRun=true 只检查；否则检查无误后按单位年度替换写入（一个事务）。返回 202 与导入记录，GET 其地址查看进度和全部问题。',
      en: 'Upload the filled template (field file). dryRun=true only checks; otherwise, with no problem found, each unit-year is replaced in one transaction. Answers 202 with the import; GET it for progress and every problem.',
    },
    callers: HISTORY_IMPORTERS,
    request: {
      query: historyImportQuerySchema,
      body: { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } } },
      contentType: 'multipart/form-data',
    },
    responses: { 202: { description: { zh: '已开始检查或导入', en: 'The check or import has started' }, schema: historyImportSchema } },
    problems: [
      invalidRequest(['FILE_TYPE', 'TOO_MANY_FILES']),
      ...signedIn,
      { status: 413, description: { zh: '文件过大', en: 'The file is too large' } },
      { status: 415, description: { zh: '须以 multipart/form-data 上传', en: 'Send the file as multipart/form-data' } },
      { status: 429, description: { zh: '导入过于频繁（见 Retry-After）', en: 'too many imports; see Retry-After' }, codes: ['TOO_MANY_IMPORTS'] },
    ],
  },
  {
    method: 'get',
    path: '/api/review-history/imports/{id}',
    operationId: 'getReviewHistoryImport',
    tag: 'review-history',
    summary: { zh: '历史数据导入的状态、进度和问题', en: 'A history import: state, progress and problems' },
    callers: HISTORY_IMPORTERS,
    request: { params: historyImportParamsSchema },
    responses: { 200: { description: { zh: '导入记录', en: 'The import' }, schema: historyImportSchema } },
    problems: [invalidRequest(), ...signedIn, { status: 404, description: { zh: '没有该导入记录（或不是本人发起的）', en: 'No such import (or not yours)' } }],
  },
];
