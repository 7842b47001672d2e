// The notification API's contract (notifications/notification-routes.ts): a person's notifications — those of their
// candidate groups — and marking one read.
import type { FromSchema } from 'json-schema-to-ts';
import type { RouteContract } from './route-contract.ts';
import { ANY_ROLE, invalidRequest, unauthenticated } from './common-problems.ts';
import { filingSummarySchema } from './tasks.ts';

export const NOTIFICATION_KINDS = ['reminder', 'escalation', 'season-reminder', 'notice'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { enum: NOTIFICATION_KINDS },
    unread: { enum: ['true', 'false'], description: 'true：仅未读 / unread ones only' },
    limit: { type: 'string', pattern: '^([1-9]\\d?|100)$', description: '1–100，默认 20 / 1 to 100, default 20' },
    offset: { type: 'string', pattern: '^\\d{1,6}$' },
  },
} as const;
export type NotificationListQuery = FromSchema<typeof notificationListQuerySchema>;

const instantOrNull = { type: ['string', 'null'], format: 'date-time' } as const;


const notificationSchema = {
  type: 'object',
  required: ['id', 'kind', 'title', 'body', 'filingId', 'filing', 'dueAt', 'createdAt', 'readAt', 'readBy'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    kind: { enum: NOTIFICATION_KINDS },
    title: { type: 'string' },
    body: { type: 'string' },
    filingId: { type: ['string', 'null'] },
    filing: {
      oneOf: [filingSummarySchema, { type: 'null' }],
      description: '所涉申报的概要，仅当读者可查看该申报 / the filing’s summary, only where the reader may read the filing',
    },
    dueAt: instantOrNull,
    createdAt: { type: 'string', format: 'date-time' },
    readAt: instantOrNull,
    readBy: { type: ['string', 'null'] },
  },
} as const;
export type NotificationItem = FromSchema<typeof notificationSchema>;

export const notificationListSchema = {
  type: 'object',
  required: ['total', 'unread', 'items'],
  additionalProperties: false,
  properties: {
    total: { type: 'integer', minimum: 0, description: '符合条件的条数 / how many match' },
    unread: { type: 'integer', minimum: 0, description: '全部未读条数 / how many of all are unread' },
    items: { type: 'array', items: notificationSchema, description: '最新的在前 / newest first' },
  },
} as const;
export type NotificationList = FromSchema<typeof notificationListSchema>;

export const notificationReadSchema = {
  type: 'object',
  required: ['id', 'readAt', 'readBy'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    readAt: { type: 'string', format: 'date-time', description: '首次已读的时间 / when it was first read' },
    readBy: { type: 'string', description: '首位读者 / its first reader' },
  },
} as const;

export const notificationIdParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: '通知编号 / the notification’s id' } },
} as const;

export const notificationContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/notifications',
    operationId: 'listNotifications',
    tag: 'notifications',
    summary: { zh: '我的通知', en: 'My notifications' },
    description: {
      zh: '发给本人所属候选组的提醒、督办和通知，最新的在前。',
      en: 'The reminders, escalations and notices of the caller’s candidate groups, newest first.',
    },
    callers: ANY_ROLE,
    request: { query: notificationListQuerySchema },
    responses: { 200: { description: { zh: '通知列表', en: 'the notifications' }, schema: notificationListSchema } },
    problems: [invalidRequest(['FORMAT', 'UNKNOWN_FIELD']), unauthenticated],
  },
  {
    method: 'post',
    path: '/api/notifications/{id}/read',
    operationId: 'markNotificationRead',
    tag: 'notifications',
    summary: { zh: '标记通知已读', en: 'Mark a notification read' },
    description: { zh: '保留首位读者和时间；重复标记不改变。', en: 'The first reader and time are kept; marking again changes nothing.' },
    callers: ANY_ROLE,
    request: { params: notificationIdParamsSchema },
    responses: { 200: { description: { zh: '已读', en: 'read' }, schema: notificationReadSchema } },
    problems: [unauthenticated, { status: 404, description: { zh: '未找到该通知（或不是发给本人的）', en: 'no such notification for the caller' } }],
  },
];
