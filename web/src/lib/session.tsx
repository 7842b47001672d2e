// Who is signed in: the token (kept for the browser tab only) and what it says of the person — role and scope.
// The server decides every right; the pages only choose what to offer.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
// The same identity the server signs into a token (type only: the pages never run the server's token code).
import type { Identity, Role } from '../../../platform/http/identity.ts';
import { api, storedToken, storeToken } from './api.ts';

export type { Identity, Role };

export { ROLE_NAMES } from '../../../platform/http/role-names.ts';

/** The token's payload (`body.mac`, the body base64url JSON): read for display, verified only by the server. */
function identityOf(token: string | null): Identity | null {
  if (!token) return null;
  try {
    const body = token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)));
    const payload = JSON.parse(json) as Identity & { exp?: number };
    if (payload.exp && payload.exp * 1000 < Date.now()) return null;
    return payload;
  } catch {
    return null;
  }
}

interface Session {
  who: Identity | null;
  signIn(body: { role: Role; uscc?: string; regionCode?: string }): Promise<Identity>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState(storedToken);
  const session = useMemo<Session>(
    () => ({
      who: identityOf(token),
      async signIn(body) {
        const { token: issued } = await api<{ token: string }>('POST', '/api/dev/login', body);
        storeToken(issued);
        setToken(issued);
        return identityOf(issued)!;
      },
      signOut() {
        storeToken(null);
        setToken(null);
      },
    }),
    [token],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Where a person starts: employers in the portal, staff in the workbench. */
export function homeOf(who: Identity): string {
  return who.role === 'employer' ? '/portal' : who.role === 'policy' ? '/modeler' : '/workbench';
}
