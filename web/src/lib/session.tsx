// Who is signed in: the server-side session behind the HttpOnly cookie (GET /api/session) — role, scope and the CSRF
// token. The server decides every right; the pages only choose what to offer.
import { Spin } from 'antd';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
// The same identity the server keeps in a session (type only: the pages never run the server's code).
import type { Identity, Role } from '../../../platform/http/identity.ts';
import type { SessionAnswer } from '../../../api/sign-in.ts';
import { api, ApiError, setCsrfToken } from './api.ts';

export type { Identity, Role };

export { ROLE_NAMES } from '../../../platform/http/role-names.ts';
export { homeOf } from '../../../platform/http/home-pages.ts';

interface Session {
  who: Identity | null;
  /** Development sign-in (POST /api/dev/login): answered on this machine only, never in production. */
  signIn(body: { role: Role; uscc?: string; regionCode?: string }): Promise<Identity>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The session the cookie stands for; null when there is none (signed out, expired). */
async function currentSession(): Promise<SessionAnswer | null> {
  try {
    return await api<SessionAnswer>('GET', '/api/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<SessionAnswer | null | undefined>(undefined);
  useEffect(() => {
    void currentSession().then(setCurrent, () => setCurrent(null));
  }, []);
  setCsrfToken(current?.csrfToken ?? null);
  const session = useMemo<Session>(
    () => ({
      who: current?.identity ?? null,
      async signIn(body) {
        await api('POST', '/api/dev/login', body);
        const started = await currentSession();
        setCurrent(started);
        if (!started) throw new Error('sign-in did not start a session');
        return started.identity;
      },
      async signOut() {
        // A provider's session ends at the provider too (RP-initiated logout): the server sends the browser there.
        if (current?.kind === 'oidc') {
          window.location.assign('/auth/logout');
          return;
        }
        await api('POST', '/api/session/logout').catch(() => undefined);
        setCurrent(null);
      },
    }),
    [current],
  );
  // Until the server has said who this is, no page can decide what to show.
  if (current === undefined) return <Spin style={{ display: 'block', margin: '96px auto' }} />;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
