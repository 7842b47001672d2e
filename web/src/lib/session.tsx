// Who is signed in: the server-side session behind the HttpOnly cookie (GET /api/session) — role, scope and the CSRF
// token. The server decides every right; the pages only choose what to offer.
import { Spin } from 'antd';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
// The same identity the server keeps in a session (type only: the pages never run the server's code).
import type { Identity, Role } from '../../../platform/http/identity.ts';
import type { SessionAnswer } from '../../../api/sign-in.ts';
import { api, ApiError, lastRequestAt, leavingToSignOut, setCsrfToken } from './api.ts';

export type { Identity, Role };

export { ROLE_NAMES } from '../../../platform/http/role-names.ts';
export { homeOf } from '../../../platform/http/home-pages.ts';

interface Session {
  who: Identity | null;
  /** Development sign-in (POST /api/dev/login): answered on this machine only, never in production. */
  signIn(body: { role: Role; uscc?: string; regionCode?: string }): Promise<Identity>;
  /** Leaves the page for GET /auth/logout. */
  signOut(): void;
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
  useSessionEndWatch(current ?? null);
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
      signOut() {
        // One way out for every session (GET /auth/logout): ours ends, and a provider's session ends at the provider
        // too (RP-initiated logout), which sends the browser back to /login?signedOut=1. Calls still under way then
        // answer 401: with the token forgotten, they do not send the page to sign in again instead.
        leavingToSignOut();
        window.location.assign('/auth/logout');
      },
    }),
    [current],
  );
  // Until the server has said who this is, no page can decide what to show.
  if (current === undefined) return <Spin style={{ display: 'block', margin: '96px auto' }} />;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/**
 * A session that ends while the page sits unused (idle timeout, its absolute limit) sends the person to sign in
 * again, rather than leaving a page that fails at its next click. Asked only once the server can no longer hold it
 * (GET /api/session refreshes the idle clock, so asking sooner would keep the session alive).
 */
function useSessionEndWatch(current: SessionAnswer | null): void {
  useEffect(() => {
    if (!current) return undefined;
    const idleMs = current.idleSeconds * 1000;
    const expiresAt = new Date(current.expiresAt).getTime();
    let asking = false;
    const timer = window.setInterval(() => {
      if (asking || (Date.now() - lastRequestAt() < idleMs + 1000 && Date.now() < expiresAt)) return;
      asking = true;
      void currentSession()
        .then((still) => {
          if (still) return;
          window.clearInterval(timer);
          window.location.assign(`/login?expired=1&next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
        })
        .catch(() => undefined)
        .finally(() => {
          asking = false;
        });
    }, 5000);
    return () => window.clearInterval(timer);
  }, [current]);
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
