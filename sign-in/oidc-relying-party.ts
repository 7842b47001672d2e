// This system as an OpenID Connect relying party (docs/sign-in.md), through openid-client 6: the provider found by
// discovery of OIDC_ISSUER, the authorization code flow with PKCE (S256), state and nonce, the ID token's signature
// checked against the provider's JWKS (fetched and re-fetched on an unknown key by openid-client: key rotation), its
// issuer, audience and lifetime with a minute of clock tolerance, the client authenticated with its secret
// (client_secret_basic), and RP-initiated sign-out.
import * as client from 'openid-client';
import { isLoopbackHost } from '../platform/config.ts';
import type { Claims } from './identity-from-claims.ts';
import type { SignInRefusal } from './sign-in-refusals.ts';

/** What one sign-in keeps between sending the browser to the provider and its coming back (oidc-pending-login.ts). */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The redirect URI the authorization request named: the token request must name the same. */
  redirectUri: string;
  /** Where to go after signing in: a path on this site. */
  next?: string;
  /** Milliseconds since the epoch. */
  startedAt: number;
}

export interface ProviderAnswer {
  idToken: string;
  claims: Claims;
  /** The userinfo endpoint's claims for the same subject, asked for only when needed. */
  moreClaims(): Promise<Readonly<Record<string, unknown>>>;
}

/** A sign-in the provider or its answer refused: the refusal the person reads and what the audit trail keeps. */
export class SignInFailure extends Error {
  override name = 'SignInFailure';
  constructor(
    readonly refusal: SignInRefusal,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export interface RelyingPartySettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

const CLOCK_TOLERANCE_SECONDS = 60;
const REQUEST_TIMEOUT_SECONDS = 10;
const SCOPE = 'openid profile';

/** A failure to reach the provider at all (network, timeout) rather than an answer from it. */
function unreachable(error: unknown): boolean {
  const e = error as { name?: string; cause?: unknown } | undefined;
  return error instanceof TypeError || e?.name === 'TimeoutError' || e?.name === 'AbortError' || (e?.cause !== undefined && e.cause !== error && unreachable(e.cause));
}

function describe(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) return `${error.error}: ${error.error_description ?? error.message}`;
  const e = error as { message?: string; code?: string; cause?: { message?: string } };
  return [e.code, e.message, e.cause?.message].filter(Boolean).join(': ') || String(error);
}

export class OidcRelyingParty {
  private discovered: Promise<client.Configuration> | undefined;
  readonly settings: RelyingPartySettings;

  constructor({ issuer, clientId, clientSecret }: RelyingPartySettings) {
    this.settings = { issuer, clientId, clientSecret };
  }

  get issuer(): string {
    return this.settings.issuer;
  }

  /** The provider's configuration, discovered once; a failed discovery is tried again at the next sign-in. */
  configuration(): Promise<client.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw new SignInFailure('PROVIDER_UNAVAILABLE', `discovery of ${this.settings.issuer} failed: ${describe(error)}`);
    });
    return this.discovered;
  }

  private discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    // Plain HTTP only to a provider on this machine (platform/config.ts refuses any other): the development provider.
    const insecure = new URL(issuer).protocol === 'http:' && isLoopbackHost(new URL(issuer).hostname);
    return client.discovery(
      new URL(issuer),
      clientId,
      { client_secret: clientSecret, [client.clockTolerance]: CLOCK_TOLERANCE_SECONDS },
      client.ClientSecretBasic(clientSecret),
      { execute: insecure ? [client.allowInsecureRequests] : [], timeout: REQUEST_TIMEOUT_SECONDS },
    );
  }

  /** Where to send the browser, and what to keep until it comes back. */
  async begin(redirectUri: string, next: string | undefined, now = Date.now()): Promise<{ url: URL; pending: PendingLogin }> {
    const config = await this.configuration();
    const pending: PendingLogin = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      redirectUri,
      ...(next ? { next } : {}),
      startedAt: now,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      response_type: 'code',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /**
   * Checks the provider's answer (the callback's query) against the pending sign-in and exchanges the code: the ID
   * token's signature, issuer, audience, lifetime and nonce, the state, the PKCE verifier. Throws SignInFailure.
   */
  async complete(query: URLSearchParams, pending: PendingLogin): Promise<ProviderAnswer> {
    const config = await this.configuration();
    // The answer as if it had arrived at the very redirect URI the request named, whatever proxy or host header it came through.
    const current = new URL(pending.redirectUri);
    current.search = query.toString();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) {
        throw new SignInFailure(error.error === 'access_denied' ? 'ACCESS_DENIED' : 'PROVIDER_ERROR', `the provider answered ${describe(error)}`);
      }
      if (unreachable(error)) throw new SignInFailure('PROVIDER_UNAVAILABLE', `the token request failed: ${describe(error)}`);
      throw new SignInFailure('PROVIDER_ERROR', `the provider's answer was refused: ${describe(error)}`);
    }
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new SignInFailure('PROVIDER_ERROR', 'the token answer has no ID token');
    const accessToken = tokens.access_token;
    return {
      idToken: tokens.id_token,
      claims: claims as Claims,
      moreClaims: async () => {
        if (!config.serverMetadata().userinfo_endpoint) return {};
        try {
          return await client.fetchUserInfo(config, accessToken, claims.sub);
        } catch (error) {
          throw new SignInFailure(unreachable(error) ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_ERROR', `the userinfo request failed: ${describe(error)}`);
        }
      },
    };
  }

  /** The provider's sign-out address ending its session too; undefined when it publishes none. */
  async endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<URL | undefined> {
    const config = await this.configuration();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri, client_id: this.settings.clientId });
  }
}
