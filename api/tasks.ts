// The task inbox (tasks/task-routes.ts): the open user tasks a person may act on, one with its Camunda Form and
// values, claim, unclaim, complete with the form's values.
import type { FromSchema } from 'json-schema-to-ts';
import { engineUnavailable, jsonBodyProblems, signedIn, signedInGoodStanding } from './common-problems.ts';
import type { ProblemResponse, RouteContract } from './route-contract.ts';

const nullableText = { type: ['string', 'null'] } as const;

/** What a task list shows of the filing a task is about: no personal numbers. */
export const filingSummarySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'year', 'channel', 'status', 'employerUscc', 'employerName', 'handlingRegionCode', 'receivingRegionCode', 'employeeCount', 'createdAt'],
  properties: {
    id: { type: 'string' },
    year: { type: 'integer' },
    channel: { type: 'string' },
    status: { type: 'string' },
    employerUscc: { type: 'string' },
    employerName: { type: 'string' },
    handlingRegionCode: { type: 'string' },
    receivingRegionCode: { type: 'string' },
    employeeCount: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;
export type FilingSummary = FromSchema<typeof filingSummarySchema>;

/** 人工审核职工 tasks: whom the task is about (ID number always masked), the unit's reason and its evidence. */
export const reviewedEmployeeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['number', 'name', 'idNumber', 'disputeReason', 'disputedAt', 'evidence'],
  properties: {
    number: { type: 'integer', minimum: 1, description: '在申报中的序号（从 1 起） / the position in the declaration, from 1' },
    name: { type: 'string' },
    idNumber: { type: 'string', description: '身份证号，始终打码 / ID number, always masked' },
    disputeReason: nullableText,
    disputedAt: nullableText,
    evidence: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'originalName', 'uploadedAt'],
        properties: { id: { type: 'string' }, originalName: { type: 'string' }, uploadedAt: { type: 'string' } },
      },
    },
  },
} as const;
export type ReviewedEmployee = FromSchema<typeof reviewedEmployeeSchema>;

const taskProperties = {
  id: { type: 'string' },
  name: nullableText,
  taskDefinitionKey: { type: 'string' },
  assignee: nullableText,
  created: { type: 'string' },
  due: nullableText,
  followUp: nullableText,
  workingDaysLeft: { type: ['integer', 'null'], description: '距期限的剩余工作日（逾期为负） / working days left until due, negative when overdue' },
  overdue: { type: 'boolean' },
  dueProvisional: { type: 'boolean', description: '暂定：期限跨越尚未公布节假日的年度 / the due date crosses a year whose holidays are not yet published' },
  processInstanceId: { type: 'string' },
  formRef: nullableText,
  filing: { anyOf: [filingSummarySchema, { type: 'null' }] },
  reviewedEmployee: { anyOf: [reviewedEmployeeSchema, { type: 'null' }] },
} as const;
const taskRequired = [
  'id', 'name', 'taskDefinitionKey', 'assignee', 'created', 'due', 'followUp', 'workingDaysLeft', 'overdue', 'dueProvisional',
  'processInstanceId', 'formRef', 'filing', 'reviewedEmployee',
] as const;

export const taskItemSchema = { type: 'object', additionalProperties: false, required: taskRequired, properties: taskProperties } as const;
export type TaskItem = FromSchema<typeof taskItemSchema>;

export const taskListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['total', 'items'],
  properties: { total: { type: 'integer' }, items: { type: 'array', items: taskItemSchema } },
} as const;

export const taskDetailSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...taskRequired, 'form', 'values'],
  properties: {
    ...taskProperties,
    form: {
      description: '任务的 Camunda 表单（form-js 1.8），无表单时为 null / the task\'s Camunda Form, null without one',
      anyOf: [{ type: 'object', required: ['id', 'components'], properties: { id: { type: 'string' }, components: { type: 'array' } } }, { type: 'null' }],
    },
    values: { type: 'object', description: '表单字段的当前值 / the current values of the form\'s fields' },
  },
} as const;
export type TaskDetail = FromSchema<typeof taskDetailSchema>;

export const taskIdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9A-Za-z-]{1,64}$' } } } as const;

export const taskClaimedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'assignee'],
  properties: { id: { type: 'string' }, assignee: nullableText },
} as const;

export const taskCompletedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'completed'],
  properties: { id: { type: 'string' }, completed: { const: true } },
} as const;

/** The form's values by field key, checked against the form's own fields. */
export const taskValuesSchema = { type: 'object', description: '表单字段的值，按字段键 / the form\'s values by field key' } as const;

const taskNotFound: ProblemResponse = {
  status: 404,
  description: { zh: '任务不存在（或不在本人可办范围内）', en: 'No such task within your reach' },
};
const notHere: ProblemResponse = {
  status: 409,
  description: { zh: '任务没有表单或不属于任何申报，无法在此办理', en: 'The task has no form or belongs to no filing: it cannot be done here' },
};

export const taskContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/tasks',
    operationId: 'listTasks',
    tag: 'tasks',
    summary: { zh: '待办任务', en: 'The task inbox' },
    description: {
      zh: '本人角色和辖区可办的、未被他人认领的任务，以及本人认领的任务；附申报摘要与剩余工作日。',
      en: "Open tasks offered to the caller's groups and not claimed by others, and their own; with the filing and working days left.",
    },
    callers: [],
    responses: { 200: { description: { zh: '任务列表', en: 'The tasks' }, schema: taskListSchema } },
    problems: [...signedIn, engineUnavailable],
  },
  {
    method: 'get',
    path: '/api/tasks/{id}',
    operationId: 'getTask',
    tag: 'tasks',
    summary: { zh: '查看任务及其表单', en: 'One task with its form and values' },
    callers: [],
    request: { params: taskIdParams },
    responses: { 200: { description: { zh: '任务', en: 'The task' }, schema: taskDetailSchema } },
    problems: [...signedIn, taskNotFound, notHere, engineUnavailable],
  },
  {
    method: 'post',
    path: '/api/tasks/{id}/claim',
    operationId: 'claimTask',
    tag: 'tasks',
    summary: { zh: '认领任务', en: 'Claim a task' },
    callers: [],
    request: { params: taskIdParams },
    responses: { 200: { description: { zh: '已认领', en: 'Claimed' }, schema: taskClaimedSchema } },
    problems: [...signedInGoodStanding, taskNotFound, engineUnavailable],
  },
  {
    method: 'post',
    path: '/api/tasks/{id}/unclaim',
    operationId: 'unclaimTask',
    tag: 'tasks',
    summary: { zh: '退回认领', en: 'Unclaim a task' },
    callers: [],
    request: { params: taskIdParams },
    responses: { 200: { description: { zh: '已退回', en: 'Unclaimed' }, schema: taskClaimedSchema } },
    problems: [...signedInGoodStanding, taskNotFound, engineUnavailable],
  },
  {
    method: 'post',
    path: '/api/tasks/{id}/complete',
    operationId: 'completeTask',
    tag: 'tasks',
    summary: { zh: '办理任务（提交表单）', en: "Complete a task with its form's values" },
    description: {
      zh: '值按任务表单自身的字段检查；有异议证据、人工审核月份等还需通过申报相关的检查。',
      en: "The values are checked against the form's own fields; some forms also against the filing (dispute evidence, manual-review months).",
    },
    callers: [],
    request: { params: taskIdParams, body: taskValuesSchema },
    responses: { 200: { description: { zh: '已办理', en: 'Completed' }, schema: taskCompletedSchema } },
    problems: [
      ...jsonBodyProblems(['READONLY_FIELD', 'HIDDEN_FIELD', 'RANGE', 'EVIDENCE_MISSING', 'MONTH_RANGE', 'EMPLOYEE_NUMBER_RANGE', 'EMPLOYEE_NUMBER_REPEATED', 'EXCLUSION_LINE', 'EXCLUSION_REPEATED', 'EXCLUSION_NOT_CANDIDATE']),
      ...signedInGoodStanding,
      taskNotFound,
      notHere,
      engineUnavailable,
    ],
  },
];
