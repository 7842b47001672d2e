// The notification API: a signed-in person's notifications (those of their candidate groups, newest first) and
// marking one read. Another group's notification answers 404, exactly like an unknown id, so ids cannot be probed.
import { Router } from 'express';
import type { Db } from '../platform/db.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { canReadFiling } from '../platform/http/access.ts';
import { checked, identityOf } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { filingSummaries, type FilingSummary } from '../tasks/filing-summary.ts';
import { candidateGroupsOf } from '../tasks/task-groups.ts';
import { listNotifications, markRead, type StoredNotification } from './notification-store.ts';
import { notificationListQuerySchema, type NotificationItem, type NotificationListQuery } from '../api/notifications.ts';

export interface NotificationRoutesOptions {
  db: Db;
  sessions: Sessions;
  now?: () => Date;
}

const checkListQuery = compileSchema<NotificationListQuery>(notificationListQuerySchema);

const listMessages = createFieldMessages({
  root: ['查询条件', 'the query'],
  labels: {
    kind: ['通知类型', 'kind'],
    unread: ['仅看未读', 'unread'],
    limit: ['每页条数', 'limit'],
    offset: ['起始位置', 'offset'],
  },
  formatHints: {
    limit: ['应为 1 至 100 的整数', 'must be a whole number from 1 to 100'],
    offset: ['应为不小于 0 的整数', 'must be a whole number, 0 or more'],
  },
});

function present(notification: StoredNotification, filing: FilingSummary | undefined): NotificationItem {
  return {
    id: notification.id,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    filingId: notification.filingId,
    filing: filing ?? null,
    dueAt: notification.dueAt,
    createdAt: notification.createdAt,
    readAt: notification.readAt,
    readBy: notification.readBy,
  };
}

export function notificationRouter({ db, sessions, now = () => new Date() }: NotificationRoutesOptions): Router {
  const router = Router();

  router.get('/api/notifications', authenticate(sessions), async (req, res) => {
    const who = identityOf(req);
    const q = checked(req, checkListQuery, { ...req.query }, listMessages);
    const { total, unread, items } = await listNotifications(db, candidateGroupsOf(who), {
      ...(q.kind ? { kind: q.kind } : {}),
      unreadOnly: q.unread === 'true',
      limit: q.limit ? Number(q.limit) : 20,
      offset: q.offset ? Number(q.offset) : 0,
    });
    const summaries = await filingSummaries(db, items.flatMap((n) => (n.filingId ? [n.filingId] : [])));
    // The summary only where the reader may see the filing anyway: a group's name is no licence to read filings.
    const readable = (id: string | null) => {
      const summary = id ? summaries.get(id) : undefined;
      return summary && canReadFiling(who, summary) ? summary : undefined;
    };
    res.json({ total, unread, items: items.map((n) => present(n, readable(n.filingId))) });
  });

  router.post('/api/notifications/:id/read', authenticate(sessions), async (req, res) => {
    const who = identityOf(req);
    const read = await markRead(db, String(req.params.id), candidateGroupsOf(who), who.sub, now());
    if (!read) throw new Problem(404, '未找到该通知', `no notification ${String(req.params.id)} for you`);
    res.json({ id: read.id, readAt: read.readAt, readBy: read.readBy });
  });

  return router;
}
