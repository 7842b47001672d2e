// Signing in and out through the OpenID Connect provider (docs/sign-in.md, contract in api/sign-in.ts): GET
// /auth/login sends the browser to the provider, GET /auth/callback takes its answer and starts our session, GET|POST
// /auth/logout ends ours and the provider's. Each answers with a redirect; a refused sign-in lands on
// /login?error=<code>, audited with why. Failures are limited per address (and per account at the development
// provider's own password check).
import { Router, type Request, type Response } from 'express';
import type { Db } from '../platform/db.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { audit, type Anonymous } from '../platform/http/audit.ts';
import { homeOf } from '../platform/http/home-pages.ts';
import { checked } from '../platform/http/http.ts';
import { RateLimit } from '../platform/rate-limit.ts';
import type { Log } from '../platform/log.ts';
import { compileSchema } from '../platform/schema.ts';
import { callbackQuerySchema, loginQuerySchema, type CallbackQuery, type LoginQuery, type SignInOptions } from '../api/sign-in.ts';
import { clientOf } from './client-of.ts';
import { identityFromClaims, type RegisteredStaff } from './identity-from-claims.ts';
import { CALLBACK_PATH, clearPendingLoginCookie, pendingLoginCookieOf, PendingLogins, setPendingLoginCookie } from './oidc-pending-login.ts';
import { SignInFailure, type OidcRelyingParty } from './oidc-relying-party.ts';
import { clearSessionCookie, presentedSession, setSessionCookie } from './session-cookie.ts';
import type { Sessions } from './sessions.ts';
import type { SignIn } from './sign-in.ts';
import type { SignInRefusal } from './sign-in-refusals.ts';

/** Where sign-out comes back to, at the provider's end-session endpoint too (registered there as a post-logout redirect URI). */
export const SIGNED_OUT_PATH = '/login?signedOut=1';

/** The addresses a provider must have registered for this system at `baseUrl` (docs/sign-in.md §1). */
export function relyingPartyAddresses(baseUrl: string): { redirectUri: string; postLogoutRedirectUri: string } {
  return { redirectUri: `${baseUrl}${CALLBACK_PATH}`, postLogoutRedirectUri: `${baseUrl}${SIGNED_OUT_PATH}` };
}

const ANONYMOUS: Anonymous = { sub: 'anonymous', role: 'anonymous' };
/** Refused sign-ins from one address in any 15 minutes before it must wait (the refusal's sentence says 15 minutes). */
const FAILURES_PER_ADDRESS = 10;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

const checkLoginQuery = compileSchema<LoginQuery>(loginQuerySchema);
const checkCallbackQuery = compileSchema<CallbackQuery>(callbackQuerySchema);
const loginMessages = createFieldMessages({
  root: ['登录请求', 'the sign-in request'],
  labels: { next: ['登录后前往的地址', 'where to go after signing in'] },
  formatHints: { next: ['应为本站以 / 开头的路径', 'must be a path on this site, starting with /'] },
});

export interface OidcRoutesOptions {
  db: Db;
  sessions: Sessions;
  signIn: SignIn;
  /** Undefined where no provider is configured (an application assembled without one): sign-in answers PROVIDER_UNAVAILABLE. */
  relyingParty: OidcRelyingParty | undefined;
  /** The key the pending sign-in's cookie is sealed with (SESSION_SECRET). */
  secret: string;
  usccClaim: string;
  findStaff(sub: string): Promise<RegisteredStaff | undefined>;
  /** PUBLIC_BASE_URL: the address the provider sends people back to; empty = the address the request came to. */
  publicBaseUrl: string;
  log: Log;
}

/** A path on this site to go to after signing in, or undefined: never another site, never back into signing in. */
function safeNext(next: string | undefined): string | undefined {
  if (!next) return undefined;
  const base = 'http://this.site';
  const url = new URL(next, base);
  if (url.origin !== base || url.pathname.startsWith('/auth/') || url.pathname === '/login') return undefined;
  return url.pathname + url.search + url.hash;
}

export function oidcRouter(options: OidcRoutesOptions): Router {
  const { db, sessions, relyingParty, log } = options;
  const router = Router();
  const pendingLogins = new PendingLogins(options.secret);
  const failuresPerAddress = new RateLimit(FAILURES_PER_ADDRESS, FAILURE_WINDOW_MS);
  const baseUrlOf = (req: Request) => options.publicBaseUrl || `${req.protocol}://${req.get('host') ?? req.hostname}`;
  const addressOf = (req: Request) => req.socket.remoteAddress ?? 'unknown';

  /** Refuses the sign-in: counted against the address (a cancelled one excepted), audited, and the person sent to read why. */
  async function refuse(req: Request, res: Response, refusal: SignInRefusal, detail: string, sub?: string): Promise<void> {
    if (refusal !== 'ACCESS_DENIED' && refusal !== 'TOO_MANY_FAILURES') failuresPerAddress.take(addressOf(req));
    await audit(db, ANONYMOUS, 'session.refused', { type: 'sign-in', id: sub ?? 'unknown' }, { refusal, detail, address: addressOf(req), ...(sub ? { sub } : {}) });
    res.redirect(302, `/login?error=${refusal}`);
  }

  const held = (req: Request) => !failuresPerAddress.check(addressOf(req)).admitted;

  router.get('/api/sign-in/options', (_req, res) => {
    const answer: SignInOptions = { development: options.signIn.development, provider: options.signIn.provider };
    res.json(answer);
  });

  router.get('/auth/login', async (req, res) => {
    const query = checked(req, checkLoginQuery, { ...req.query }, loginMessages);
    if (held(req)) return refuse(req, res, 'TOO_MANY_FAILURES', 'too many refused sign-ins from this address');
    if (!relyingParty) return refuse(req, res, 'PROVIDER_UNAVAILABLE', 'no OpenID Connect provider is configured');
    try {
      const { redirectUri } = relyingPartyAddresses(baseUrlOf(req));
      const { url, pending } = await relyingParty.begin(redirectUri, safeNext(query.next));
      setPendingLoginCookie(req, res, pendingLogins.seal(pending));
      res.set('cache-control', 'no-store').redirect(302, url.href);
    } catch (error) {
      if (!(error instanceof SignInFailure)) throw error;
      log(`sign-in: ${error.detail}`, { level: 'warn' });
      await refuse(req, res, error.refusal, error.detail);
    }
  });

  router.get('/auth/callback', async (req, res) => {
    const sealed = pendingLoginCookieOf(req);
    // Used once, whatever comes of it: a second try with the same answer finds nothing.
    clearPendingLoginCookie(req, res);
    res.set('cache-control', 'no-store');
    if (held(req)) return refuse(req, res, 'TOO_MANY_FAILURES', 'too many refused sign-ins from this address');
    if (!relyingParty) return refuse(req, res, 'PROVIDER_UNAVAILABLE', 'no OpenID Connect provider is configured');
    const query = checkCallbackQuery({ ...req.query });
    if (!query.ok) return refuse(req, res, 'PROVIDER_ERROR', 'the callback query is malformed');
    const pending = sealed ? pendingLogins.open(sealed) : undefined;
    if (!pending) return refuse(req, res, 'LOGIN_EXPIRED', `no sign-in under way in this browser (${sealed ? 'expired or altered' : 'no pending cookie'})`);
    // Before anything is sent to the provider: an answer meant for another sign-in (or with its state changed) stops here.
    if (query.value.state !== pending.state) return refuse(req, res, 'LOGIN_EXPIRED', 'the state differs from the one this browser was sent with');
    try {
      const answer = await relyingParty.complete(new URL(req.originalUrl, 'http://callback').searchParams, pending);
      const outcome = await identityFromClaims(answer.claims, { usccClaim: options.usccClaim, findStaff: options.findStaff, moreClaims: answer.moreClaims });
      if (!outcome.ok) return refuse(req, res, outcome.refusal, outcome.detail, answer.claims.sub);
      const { identity } = outcome;
      const { token, session } = await sessions.start(identity, { kind: 'oidc', idToken: answer.idToken, ...clientOf(req) });
      await audit(db, identity, 'session.start', { type: 'session', id: session.id }, { kind: 'oidc', issuer: relyingParty.issuer, address: addressOf(req) });
      setSessionCookie(req, res, token, session.expiresAt);
      res.redirect(302, pending.next ?? homeOf(identity));
    } catch (error) {
      if (!(error instanceof SignInFailure)) throw error;
      log(`sign-in: ${error.detail}`, { level: 'warn' });
      await refuse(req, res, error.refusal, error.detail);
    }
  });

  const logout = async (req: Request, res: Response) => {
    const presented = presentedSession(req);
    const ended = presented ? await sessions.end(presented.token, 'logout') : undefined;
    if (ended) await audit(db, ended.identity, 'session.end', { type: 'session', id: ended.id }, { reason: 'logout', kind: ended.kind });
    clearSessionCookie(req, res);
    res.set('cache-control', 'no-store');
    // A session from the provider ends there too (RP-initiated logout), and the provider sends the person back to us.
    if (ended?.kind === 'oidc' && ended.idToken && relyingParty) {
      try {
        const url = await relyingParty.endSessionUrl(ended.idToken, relyingPartyAddresses(baseUrlOf(req)).postLogoutRedirectUri);
        if (url) return res.redirect(302, url.href);
      } catch (error) {
        log(`sign-out: the provider's session could not be ended: ${error instanceof Error ? error.message : String(error)}`, { level: 'warn' });
      }
    }
    res.redirect(302, SIGNED_OUT_PATH);
  };
  router.get('/auth/logout', logout);
  router.post('/auth/logout', logout);

  return router;
}
