// How people sign in on this installation: development sign-in (POST /api/dev/login) wherever it is safe, and
// never in production (docs/contracts.md §4). Decided once, before anything starts.
import { ConfigError, type Config } from '../platform/config.ts';

export type SignIn = 'development';

/** The sign-in this installation offers; refuses a production installation that has no way to sign in. */
export function signInOf(config: Pick<Config, 'nodeEnv' | 'identityProviderUrl'>): SignIn {
  if (config.nodeEnv !== 'production') return 'development';
  if (!config.identityProviderUrl) {
    throw new ConfigError(
      'NODE_ENV=production needs an identity provider (IDENTITY_PROVIDER_URL), and none is configured: development sign-in is never offered in production',
    );
  }
  throw new ConfigError(
    `NODE_ENV=production: signing in through the identity provider at IDENTITY_PROVIDER_URL is not built yet, and development sign-in is never offered in production`,
  );
}
