// The employee list from Excel or CSV (employee-import/import-routes.ts): its templates, and the import that turns a
// file into a declaration's employees with a message for every cell it could not take.
import type { FromSchema } from 'json-schema-to-ts';
import type { Employee } from '../filings/declaration/filing.ts';
import { invalidRequest, signedIn } from './common-problems.ts';
import { DECLARATION_CODES, declaredEmployeeSchema } from './declaration.ts';
import type { RouteContract } from './route-contract.ts';

export const importQuerySchema = {
  type: 'object',
  required: ['year'],
  additionalProperties: false,
  properties: { year: { type: 'string', pattern: '^\\d{4}$', description: '申报年度：单元格中的日期按该年度检查 / the review year the dates are checked against' } },
} as const;
export type ImportQuery = FromSchema<typeof importQuerySchema>;

const importErrorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['row', 'column', 'path', 'code', 'message'],
  properties: {
    row: { type: 'integer', description: 'Excel 中的行号（表头为第 1 行） / the row number Excel shows; the header is row 1' },
    column: { type: 'string', description: '模板中的列名 / the column header' },
    path: { type: 'string', description: '/employees/{n}/{field}' },
    code: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

/** The answer's rows hold whole ID numbers, as sent: they are the caller's own. */
export const importResultSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['employees', 'errors'],
  properties: {
    employees: { type: 'array', items: { description: '没有问题的行，可直接用于申报 / the rows without a problem, ready for a declaration' } },
    errors: { type: 'array', items: importErrorSchema },
  },
} as const;
export type ImportResult = Omit<FromSchema<typeof importResultSchema>, 'employees'> & { employees: Employee[] };

const importResultPublished = {
  ...importResultSchema,
  properties: { ...importResultSchema.properties, employees: { type: 'array', items: declaredEmployeeSchema } },
};

const templateResponse = (contentType: string) => ({ 200: { description: { zh: '空白模板（含示例行）', en: 'The blank template, with an example row' }, contentType } });

export const employeeImportContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/templates/employees.xlsx',
    operationId: 'downloadEmployeeTemplateXlsx',
    tag: 'employee-import',
    summary: { zh: '残疾职工名单模板（Excel）', en: 'The employee-list template (Excel)' },
    callers: [],
    responses: templateResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    problems: [...signedIn],
  },
  {
    method: 'get',
    path: '/api/templates/employees.csv',
    operationId: 'downloadEmployeeTemplateCsv',
    tag: 'employee-import',
    summary: { zh: '残疾职工名单模板（CSV）', en: 'The employee-list template (CSV)' },
    callers: [],
    responses: templateResponse('text/csv'),
    problems: [...signedIn],
  },
  {
    method: 'post',
    path: '/api/employee-imports',
    operationId: 'importEmployees',
    tag: 'employee-import',
    summary: { zh: '导入残疾职工名单', en: 'Import the employee list' },
    description: {
      zh: '上传一个 Excel 或 CSV 文件（字段 file）；逐行检查，能用的行与每个单元格的问题一并返回。文件本身不可用时返回 400。',
      en: 'One Excel or CSV file (field file); every row checked, the usable rows and each cell\'s problem answered together. A file that is unusable as a whole is a 400.',
    },
    callers: ['employer', 'clerk'],
    request: {
      query: importQuerySchema,
      body: { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } } },
      contentType: 'multipart/form-data',
    },
    responses: { 200: { description: { zh: '导入结果', en: 'The rows and their problems' }, schema: importResultPublished } },
    problems: [
      invalidRequest([...DECLARATION_CODES, 'FILE_TYPE', 'TOO_MANY_FILES', 'NO_HEADER', 'MISSING_COLUMN', 'DUPLICATE_COLUMN', 'UNKNOWN_COLUMN', 'TOO_MANY_ROWS', 'FILE_TOO_COMPLEX', 'CSV_QUOTE', 'ROW_LIMIT', 'COLUMN_LIMIT', 'CELL_LIMIT', 'XML_DEPTH', 'IMPORT_TIMEOUT', 'IMPORT_MEMORY']),
      ...signedIn,
      { status: 413, description: { zh: '文件过大', en: 'The file is too large' } },
      { status: 415, description: { zh: '须以 multipart/form-data 上传', en: 'Send the file as multipart/form-data' } },
      { status: 429, description: { zh: '导入过于频繁（见 Retry-After）', en: 'too many imports; see Retry-After' }, codes: ['TOO_MANY_IMPORTS'] },
      { status: 503, description: { zh: '正在读取的名单过多（见 Retry-After）', en: 'too many lists being read; see Retry-After' }, codes: ['IMPORT_BUSY'] },
    ],
  },
];
