// The working-day calendar's API contract (calendar/calendar-routes.ts): the years known, publishing a year's
// holidays and make-up working days, and a deadline counted in working days.
import type { FromSchema } from 'json-schema-to-ts';
import { INSTANT_PATTERN } from '../platform/china-date.ts';
import type { Role } from '../platform/http/identity.ts';
import type { RouteContract } from './route-contract.ts';
import { ANY_ROLE, invalidRequest, bodyLimits, unauthenticated, forbidden, SCHEMA_CODES } from './common-problems.ts';

/** Who may publish a year: policy staff, and the province that owns policy changes (docs/domain.md §8). */
export const CALENDAR_PUBLISHERS: readonly Role[] = ['policy', 'province'];

export const calendarYearParamsSchema = {
  type: 'object',
  required: ['year'],
  properties: { year: { type: 'string', pattern: '^\\d{4}$', description: '年份（2000–2100） / the year, 2000 to 2100' } },
} as const;

export const publishYearSchema = {
  type: 'object',
  required: ['source', 'days'],
  additionalProperties: false,
  properties: {
    source: { type: 'string', minLength: 1, maxLength: 500, description: '发布依据（国务院办公厅通知） / the notice it follows' },
    days: {
      type: 'array',
      maxItems: 366,
      description: '该年全部法定节假日和调休上班日 / every holiday and make-up working day of the year',
      items: {
        type: 'object',
        required: ['day', 'kind', 'name'],
        additionalProperties: false,
        properties: {
          day: { type: 'string', format: 'date' },
          kind: { enum: ['holiday', 'workday'] },
          name: { type: 'string', minLength: 1, maxLength: 100 },
        },
      },
    },
  },
} as const;
export type PublishYear = FromSchema<typeof publishYearSchema>;

export const dueDateQuerySchema = {
  type: 'object',
  required: ['from', 'workingDays'],
  additionalProperties: false,
  properties: {
    from: { type: 'string', pattern: INSTANT_PATTERN, description: '起算时间，带时区的 ISO 8601 / the start, ISO 8601 with offset' },
    // 1..365 spelled as a pattern: query values are text, and the schema stays the one check.
    workingDays: { type: 'string', pattern: '^(?:[1-9]|[1-9]\\d|[12]\\d\\d|3[0-5]\\d|36[0-5])$' },
    // true: what the compute-due-date step gives, a provisional deadline across an unpublished year; false: 422.
    provisional: { type: 'string', enum: ['true', 'false'] },
  },
} as const;
export type DueDateQuery = FromSchema<typeof dueDateQuerySchema>;

const publishedYearProperties = {
  year: { type: 'integer' },
  publishedAt: { type: 'string', format: 'date-time' },
  publishedBy: { type: 'string' },
  source: { type: 'string' },
  holidays: { type: 'integer', minimum: 0 },
  workdays: { type: 'integer', minimum: 0 },
} as const;
const publishedYearRequired = ['year', 'publishedAt', 'publishedBy', 'source', 'holidays', 'workdays'] as const;

export const calendarYearsSchema = {
  type: 'object',
  required: ['knownThrough', 'package', 'years'],
  additionalProperties: false,
  properties: {
    knownThrough: { type: 'integer', description: '从软件包首年起连续已知的最后一年 / the last year of the unbroken run of known years' },
    package: {
      type: 'object',
      required: ['firstYear', 'lastYear'],
      additionalProperties: false,
      properties: { firstYear: { type: 'integer' }, lastYear: { type: 'integer' } },
    },
    years: {
      type: 'array',
      items: {
        type: 'object',
        required: ['year', 'from', 'published'],
        additionalProperties: false,
        properties: {
          year: { type: 'integer' },
          from: { type: 'array', items: { enum: ['package', 'published'] } },
          published: {
            oneOf: [{ type: 'object', required: publishedYearRequired, additionalProperties: false, properties: publishedYearProperties }, { type: 'null' }],
          },
        },
      },
    },
  },
} as const;
export type CalendarYears = FromSchema<typeof calendarYearsSchema>;

export const publishedYearSchema = {
  type: 'object',
  required: [...publishedYearRequired, 'knownThrough'],
  additionalProperties: false,
  properties: {
    ...publishedYearProperties,
    knownThrough: { type: 'integer' },
    provisionalDeadlines: {
      type: 'object',
      description: '跨该年暂定计算的期限已重新计算 / the deadlines counted provisionally across the year, counted again',
      required: ['counted', 'moved', 'failed'],
      additionalProperties: false,
      properties: {
        counted: { type: 'integer', minimum: 0 },
        moved: { type: 'integer', minimum: 0 },
        failed: { type: 'array', items: { type: 'string' }, description: '暂时无法更新的流程实例 / process instances not updated now' },
      },
    },
  },
} as const;
export type PublishedYear = FromSchema<typeof publishedYearSchema>;

export const dueDateSchema = {
  type: 'object',
  required: ['from', 'startDate', 'workingDays', 'dueAt'],
  additionalProperties: false,
  properties: {
    from: { type: 'string' },
    startDate: { type: 'string', format: 'date', description: '起算时间在中国的日期 / the start’s date in China' },
    workingDays: { type: 'integer', minimum: 1, maximum: 365 },
    dueAt: { type: 'string', description: '第 N 个工作日的 23:59:59（北京时间） / the end of the N-th working day, China time' },
    provisional: { type: 'boolean', description: '仅 provisional=true 时 / only with provisional=true' },
    provisionalYears: { type: 'array', items: { type: 'integer' }, description: '暂按常规计算的未发布年份 / unpublished years counted provisionally' },
  },
} as const;
export type DueDate = FromSchema<typeof dueDateSchema>;

export const calendarContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/calendar/years',
    operationId: 'listCalendarYears',
    tag: 'calendar',
    summary: { zh: '工作日日历已知的年份', en: 'The years the working-day calendar knows' },
    description: {
      zh: '软件包自带的年份和政策管理人员发布的年份，及每个发布年份的发布人、依据和天数。',
      en: 'The years the package brings and those policy staff published, each published year with who, why and how many days.',
    },
    callers: ANY_ROLE,
    responses: { 200: { description: { zh: '已知年份', en: 'the known years' }, schema: calendarYearsSchema } },
    problems: [unauthenticated],
  },
  {
    method: 'put',
    path: '/api/calendar/years/{year}',
    operationId: 'publishCalendarYear',
    tag: 'calendar',
    summary: { zh: '发布一年的节假日安排', en: 'Publish a year’s holidays and make-up working days' },
    description: {
      zh: '该年的调整日整体替换为提交的内容；跨该年暂定计算的期限随即重新计算并在流程中更新。',
      en: 'The year’s days become exactly those sent; deadlines counted provisionally across it are counted again and moved in their processes.',
    },
    callers: CALENDAR_PUBLISHERS,
    request: { params: calendarYearParamsSchema, body: publishYearSchema },
    responses: { 200: { description: { zh: '发布后的年份', en: 'the year as published' }, schema: publishedYearSchema } },
    problems: [
      invalidRequest([...SCHEMA_CODES, 'YEAR_RANGE', 'DAY_OUTSIDE_YEAR', 'DUPLICATE_DAY', 'NO_HOLIDAYS']),
      unauthenticated,
      forbidden,
      ...bodyLimits,
    ],
  },
  {
    method: 'get',
    path: '/api/calendar/due-date',
    operationId: 'computeDueDate',
    tag: 'calendar',
    summary: { zh: '按工作日计算期限', en: 'A deadline in working days' },
    description: {
      zh: '起算日不计，第 N 个工作日结束时到期。provisional=true 时跨未发布年份的期限暂按常规计算并注明。',
      en: 'The start’s day does not count; due at the end of the N-th working day. With provisional=true a deadline across an unpublished year is counted provisionally and says so.',
    },
    callers: ANY_ROLE,
    request: { query: dueDateQuerySchema },
    responses: { 200: { description: { zh: '期限', en: 'the deadline' }, schema: dueDateSchema } },
    problems: [
      invalidRequest(['REQUIRED', 'FORMAT', 'UNKNOWN_FIELD']),
      unauthenticated,
      { status: 422, description: { zh: '期限跨过尚未发布节假日安排的年份', en: 'the deadline reaches a year whose holidays are not published' } },
    ],
  },
];
