// The embedded development identity provider (docs/sign-in.md §5): a certified OpenID Connect provider library
// (oidc-provider 8) in this process, on its own loopback port, so that development, the tests and production all sign
// in through the same OIDC code flow. Its accounts are development-accounts.ts; its sign-in page is its own, in Chinese;
// consent is skipped for our one client; RP-initiated sign-out ends its session. Never in production.
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import Provider, { errors, type Grant, type KoaContextWithOIDC } from 'oidc-provider';
import { RateLimit } from '../platform/rate-limit.ts';
import { partLog, type Log } from '../platform/log.ts';
import { developmentAccount, DEVELOPMENT_PASSWORD } from './development-accounts.ts';
import { inMemoryAdapter } from './in-memory-adapter.ts';
import { errorPage, pageSecurityPolicy, signedOutPage, signInPage, signOutPage } from './provider-pages.ts';

export const DEVELOPMENT_CLIENT_ID = 'dpf-review';
const CLIENT_NAME = '残疾人按比例就业情况联网认证';
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface DevelopmentIdentityProvider {
  issuer: string;
  /** `{issuer}/.well-known/openid-configuration`. */
  discoveryUrl: string;
  clientId: string;
  /** Drawn for this process: the system, in the same process, is its only holder. */
  clientSecret: string;
  /**
   * Starts answering, once the system knows the addresses it takes the provider's answers at (its redirect URIs and
   * where sign-out returns): until then every request gets 503.
   */
  serve(client: { redirectUris: readonly string[]; postLogoutRedirectUris: readonly string[] }): void;
  close(): Promise<void>;
}

export class DevelopmentProviderError extends Error {
  override name = 'DevelopmentProviderError';
}

/** The RS256 signing key of this run, as a private JWK. */
function signingKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: randomBytes(8).toString('hex') };
}

function samePassword(given: unknown): boolean {
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(DEVELOPMENT_PASSWORD);
  return a.length === b.length && timingSafeEqual(a, b);
}

function html(res: Response, status: number, body: string, nonce?: string): void {
  res.status(status).set('content-security-policy', pageSecurityPolicy(nonce)).set('cache-control', 'no-store').type('html').send(body);
}

function configure(issuer: string, client: Record<string, unknown>): Provider {
  let provider: Provider;
  const cookie = { signed: true, sameSite: 'lax' };
  provider = new Provider(issuer, {
    adapter: inMemoryAdapter(),
    clients: [client],
    async findAccount(_ctx, sub) {
      const account = developmentAccount(sub);
      if (!account) return undefined;
      // Who signed in, nothing more: role and region are the system's own register's to say.
      return { accountId: account.login, claims: () => ({ sub: account.login, name: account.name, ...(account.uscc ? { uscc: account.uscc } : {}) }) };
    },
    claims: { openid: ['sub'], profile: ['name', 'uscc'] },
    // The claims in the ID token itself, as Keycloak and most providers put them (the system asks userinfo otherwise).
    conformIdTokenClaims: false,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Our system is this provider's only, first-party client: no consent screen (oidc-provider's skip_consent recipe).
    async loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
      const clientId = ctx.oidc.client?.clientId;
      const grantId = ctx.oidc.result?.consent?.grantId ?? (clientId ? ctx.oidc.session.grantIdFor(clientId) : undefined);
      if (grantId) return provider.Grant.find(grantId);
      const accountId = ctx.oidc.session.accountId;
      if (!clientId || !accountId) return undefined;
      const grant = new provider.Grant({ clientId, accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    cookies: { keys: [randomBytes(32).toString('base64url')], long: cookie, short: cookie },
    jwks: { keys: [signingKey()] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          const nonce = randomBytes(16).toString('base64');
          ctx.type = 'html';
          ctx.body = signOutPage(form, nonce);
          (ctx as unknown as { set(name: string, value: string): void }).set('content-security-policy', pageSecurityPolicy(nonce));
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.type = 'html';
          ctx.body = signedOutPage();
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(`${out.error ?? 'error'}：${out.error_description ?? ''}`);
    },
    ttl: { Session: 8 * 3600, Grant: 8 * 3600, Interaction: 10 * 60, AccessToken: 10 * 60, IdToken: 3600, AuthorizationCode: 60 },
  });
  return provider;
}

/** The interactions oidc-provider leaves to us: the sign-in page, its form, and cancelling. */
function interactionRoutes(provider: Provider): express.Router {
  const router = express.Router();
  const failuresPerAccount = new RateLimit(5, FAILURE_WINDOW_MS);
  const failuresPerAddress = new RateLimit(20, FAILURE_WINDOW_MS);
  const pageFor = (uid: string, extra: { login?: string; error?: string } = {}) =>
    signInPage({ action: `/interaction/${uid}/login`, abort: `/interaction/${uid}/abort`, clientName: CLIENT_NAME, ...extra });

  router.get('/interaction/:uid', async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      html(res, 200, pageFor(details.uid));
      return;
    }
    // Consent for our own client (should loadExistingGrant not have answered it): granted at once.
    const accountId = details.session?.accountId;
    const clientId = String(details.params.client_id ?? '');
    if (details.prompt.name !== 'consent' || !accountId || clientId !== DEVELOPMENT_CLIENT_ID) throw new DevelopmentProviderError(`unexpected prompt ${details.prompt.name}`);
    const grant = new provider.Grant({ accountId, clientId });
    grant.addOIDCScope('openid profile');
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  });

  router.post('/interaction/:uid/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name !== 'login') throw new DevelopmentProviderError(`unexpected prompt ${details.prompt.name}`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const login = typeof body.login === 'string' ? body.login.trim().slice(0, 64) : '';
    const address = req.socket.remoteAddress ?? 'unknown';
    const held = [failuresPerAccount.check(login), failuresPerAddress.check(address)].find((a) => !a.admitted);
    if (held && !held.admitted) {
      html(res, 429, pageFor(details.uid, { login, error: `登录失败次数过多，请 ${Math.ceil(held.retryAfterSeconds / 60)} 分钟后再试` }));
      return;
    }
    const account = developmentAccount(login);
    if (!account || !samePassword(body.password)) {
      failuresPerAccount.take(login);
      failuresPerAddress.take(address);
      html(res, 401, pageFor(details.uid, { login, error: '账号或密码不正确' }));
      return;
    }
    // remember: false — the provider's session ends with the browser, as a shared office computer wants.
    await provider.interactionFinished(req, res, { login: { accountId: account.login, remember: false } }, { mergeWithLastSubmission: false });
  });

  router.get('/interaction/:uid/abort', async (req, res) => {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: '用户取消了登录' }, { mergeWithLastSubmission: false });
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof errors.SessionNotFound) {
      html(res, 400, errorPage('登录页面已过期，请回到系统重新登录'));
      return;
    }
    next(error);
  });
  return router;
}

/**
 * Listens on 127.0.0.1:`port` (0: any free port) so that the issuer is known before the system that uses it starts;
 * answers once `serve` is called. Refuses to run in production.
 */
export async function listenDevelopmentIdentityProvider(options: { port: number; nodeEnv: string; log?: Log }): Promise<DevelopmentIdentityProvider> {
  if (options.nodeEnv === 'production') throw new DevelopmentProviderError('the development identity provider never runs in production');
  const log = options.log ?? partLog('api');
  let handler: http.RequestListener = (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('统一身份认证（开发环境）正在启动');
  };
  const server = http.createServer((req, res) => handler(req, res));
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new DevelopmentProviderError(`development identity provider: port ${options.port} on 127.0.0.1 is already in use (set DEV_IDENTITY_PROVIDER_PORT to another port, or 0 for any)`)
          : error,
      ),
    );
    server.listen(options.port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  const issuer = `http://127.0.0.1:${port}`;
  const clientSecret = randomBytes(32).toString('base64url');
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    clientId: DEVELOPMENT_CLIENT_ID,
    clientSecret,
    serve({ redirectUris, postLogoutRedirectUris }) {
      const provider = configure(issuer, {
        client_id: DEVELOPMENT_CLIENT_ID,
        client_secret: clientSecret,
        client_name: CLIENT_NAME,
        redirect_uris: [...redirectUris],
        post_logout_redirect_uris: [...postLogoutRedirectUris],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      });
      provider.on('server_error', (_ctx, error) => log(`development identity provider: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, { level: 'error' }));
      const app = express();
      app.disable('x-powered-by');
      app.use(interactionRoutes(provider));
      app.use(provider.callback());
      handler = app;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
