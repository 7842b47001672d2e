// The tax bureau's answers, as an API contract (tax-handover/tax-answer-routes.ts): the bureau's later answer to a
// push of a certified result, sent to the callback the push named (connectors/tax/README.md).
import type { FromSchema } from 'json-schema-to-ts';
import { taxAnswerSchema } from '../connectors/tax/schema.ts';
import { UUID_PATTERN } from '../platform/ids.ts';
import type { RouteContract } from './route-contract.ts';
import { invalidRequest, bodyLimits } from './common-problems.ts';

// The bureau's answer as connectors/tax/schema.ts has it, but our pushes carry filing ids that are uuids; the
// bureau's schema is looser, as its adapter may serve others too. Extra fields are allowed (docs/contracts.md §3).
export const taxAnswerBodySchema = {
  ...taxAnswerSchema,
  properties: { ...taxAnswerSchema.properties, filingId: { type: 'string', pattern: UUID_PATTERN } },
} as const;
export type TaxAnswerBody = FromSchema<typeof taxAnswerBodySchema>;

export const taxAnswerReceiptSchema = {
  type: 'object',
  required: ['receiptId', 'result'],
  additionalProperties: false,
  properties: {
    receiptId: { type: 'string' },
    result: { enum: ['recorded', 'already_recorded'], description: 'already_recorded：同一反馈重复发送 / the same answer sent again' },
  },
} as const;

export const taxHandoverContracts: readonly RouteContract[] = [
  {
    method: 'post',
    path: '/api/departments/tax/answers',
    operationId: 'answerTaxPush',
    tag: 'tax-handover',
    summary: { zh: '税务部门对推送的认证结果的反馈', en: 'The tax bureau’s answer to a pushed result' },
    description: {
      zh: '与推送记录一并保存，并在同一事务中通知等待的流程；重复发送只记一次。凭推送时给出的回调令牌调用。',
      en: 'Stored with its push and the waiting process told in one transaction, once however often it is sent. Called with the callback token the push handed out.',
    },
    callers: 'department',
    request: { body: taxAnswerBodySchema },
    responses: { 200: { description: { zh: '已登记', en: 'recorded' }, schema: taxAnswerReceiptSchema } },
    problems: [
      invalidRequest(['REQUIRED', 'FORMAT']),
      { status: 401, description: { zh: '回调凭证无效', en: 'missing or wrong callback bearer token' } },
      { status: 404, description: { zh: '未找到该回执对应的推送', en: 'no push has this receipt' } },
      {
        status: 409,
        description: {
          zh: '反馈与推送不一致（errors 中为 MISMATCH），或该回执已有不同的反馈',
          en: 'the answer differs from its push (MISMATCH in errors), or another answer was recorded for the receipt',
        },
        codes: ['MISMATCH'],
      },
      ...bodyLimits,
      { status: 503, description: { zh: '推送的回执尚在登记，请稍后重试（见 Retry-After）', en: 'the push is still being recorded; retry shortly (Retry-After)' } },
    ],
  },
];
