// How people sign in on this installation, decided once before anything starts (docs/sign-in.md): always through
// OpenID Connect — the provider at OIDC_ISSUER, or outside production the embedded development provider — and,
// never in production, development sign-in (POST /api/dev/login) besides.
import { ConfigError, type Config } from '../platform/config.ts';

export type SignIn =
  | { development: boolean; provider: 'configured'; issuer: string; clientId: string; clientSecret: string }
  /** No OIDC_ISSUER outside production: the embedded development provider (dev-identity-provider/) is started. */
  | { development: true; provider: 'embedded' };

/** The sign-in this installation offers; refuses a production installation that has no provider, and a half-configured one. */
export function signInOf(config: Pick<Config, 'nodeEnv' | 'oidcIssuer' | 'oidcClientId' | 'oidcClientSecret'>): SignIn {
  const production = config.nodeEnv === 'production';
  if (!config.oidcIssuer) {
    if (config.oidcClientId || config.oidcClientSecret) {
      throw new ConfigError('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set but OIDC_ISSUER is not: set the provider they belong to');
    }
    if (production) {
      throw new ConfigError(
        'NODE_ENV=production needs an OpenID Connect provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET), and none is configured: development sign-in and the embedded development provider are never offered in production',
      );
    }
    return { development: true, provider: 'embedded' };
  }
  const missing = [!config.oidcClientId && 'OIDC_CLIENT_ID', !config.oidcClientSecret && 'OIDC_CLIENT_SECRET'].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(`OIDC_ISSUER=${config.oidcIssuer} needs ${missing.join(' and ')} too: this system's client at that provider`);
  }
  return { development: !production, provider: 'configured', issuer: config.oidcIssuer, clientId: config.oidcClientId, clientSecret: config.oidcClientSecret };
}
