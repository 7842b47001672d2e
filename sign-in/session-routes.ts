// The signed-in person's own session (docs/contracts.md §4): who the pages are speaking for, the CSRF token they send
// back, and signing out.
import { Router } from 'express';
import type { Db } from '../platform/db.ts';
import { audit } from '../platform/http/audit.ts';
import { identityOf } from '../platform/http/http.ts';
import { Problem } from '../platform/problem.ts';
import type { SessionAnswer } from '../api/sign-in.ts';
import { authenticate } from './authenticate.ts';
import { clearSessionCookie, presentedSession } from './session-cookie.ts';
import type { Sessions } from './sessions.ts';

export function sessionRouter({ db, sessions }: { db: Db; sessions: Sessions }): Router {
  const router = Router();
  const auth = authenticate(sessions);

  router.get('/api/session', auth, (req, res) => {
    const session = req.session;
    if (!session) throw new Problem(401, '请先登录');
    const answer: SessionAnswer = {
      identity: identityOf(req),
      kind: session.kind,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
      idleSeconds: sessions.options.idleSeconds,
    };
    res.set('cache-control', 'no-store').json(answer);
  });

  router.post('/api/session/logout', auth, async (req, res) => {
    const presented = presentedSession(req);
    const ended = presented ? await sessions.end(presented.token, 'logout') : undefined;
    if (ended) await audit(db, ended.identity, 'session.end', { type: 'session', id: ended.id }, { reason: 'logout', kind: ended.kind });
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  return router;
}
