// The deployed diagram's working-day deadlines, as an API contract (deadlines/deadline-routes.ts): the latest
// version's, and the version a filing runs on.
import type { FromSchema } from 'json-schema-to-ts';
import type { RouteContract } from './route-contract.ts';
import { ANY_ROLE, engineUnavailable, unauthenticated } from './common-problems.ts';
import { filingIdParams } from './filings.ts';

const workingDays = { type: ['integer', 'null'], minimum: 1, maximum: 365 } as const;

export const deployedDeadlinesSchema = {
  type: 'object',
  required: ['definitionId', 'version', 'deadlines'],
  additionalProperties: false,
  properties: {
    definitionId: { type: 'string', description: '流程定义在引擎中的编号 / the engine’s process definition id' },
    version: { type: 'integer', minimum: 1 },
    deadlines: {
      type: 'object',
      description: '按名称（acceptance、review、feedback、tax、taxAnswer…）列出的期限 / the deadlines by name',
      additionalProperties: {
        type: 'object',
        required: ['workingDays', 'remindBefore'],
        additionalProperties: false,
        properties: {
          workingDays: { ...workingDays, description: '工作日天数；由流程变量决定时为 null / working days; null when set by an expression' },
          remindBefore: { ...workingDays, description: '到期前几个工作日提醒；不提醒为 null / remind this many working days before; null for none' },
        },
      },
    },
  },
} as const;
export type DeployedDeadlines = FromSchema<typeof deployedDeadlinesSchema>;


const notDeployed = {
  ...engineUnavailable,
  description: { zh: '流程引擎不可用，或年审流程尚未部署', en: 'the engine is unavailable, or annual-review is not deployed' },
};

export const deadlineContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/deadlines',
    operationId: 'getLatestDeadlines',
    tag: 'deadlines',
    summary: { zh: '最新部署的年审流程中的工作日期限', en: 'The working-day deadlines of the latest deployed annual review' },
    description: {
      zh: '现在提交的申报将适用的期限，页面据此说明受理、审核等要多少个工作日。',
      en: 'What a filing made now is held to; pages state acceptance, review and other periods from it.',
    },
    callers: ANY_ROLE,
    responses: { 200: { description: { zh: '期限', en: 'the deadlines' }, schema: deployedDeadlinesSchema } },
    problems: [unauthenticated, notDeployed],
  },
  {
    method: 'get',
    path: '/api/filings/{id}/deadlines',
    operationId: 'getFilingDeadlines',
    tag: 'deadlines',
    summary: { zh: '一份申报所运行流程版本的工作日期限', en: 'The working-day deadlines of the version a filing runs on' },
    description: {
      zh: '之后部署的变更不改变已在办申报的期限；流程尚未启动的申报取最新版本。',
      en: 'A change deployed later does not move a filing’s deadlines; a filing whose process has not started gets the latest version’s.',
    },
    callers: ANY_ROLE,
    request: { params: filingIdParams },
    responses: { 200: { description: { zh: '期限', en: 'the deadlines' }, schema: deployedDeadlinesSchema } },
    problems: [unauthenticated, { status: 404, description: { zh: '未找到该申报（或无权查看）', en: 'no such filing in the caller’s scope' } }, notDeployed],
  },
];
