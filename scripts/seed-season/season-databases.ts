// Where a seeded season lives: `dpf_season` on DATABASE_URL's server unless a URL is named, and its engine's database
// beside it (`<name>_engine`). The developer's own database is used only when it is named explicitly.
import { loadConfig } from '../../platform/config.ts';
import { databaseUrlNamed } from '../../platform/db.ts';

export const DEFAULT_SEASON_DATABASE = 'dpf_season';

export function seasonDatabases(named: string | undefined): { databaseUrl: string; engineDatabaseUrl: string; isDevelopersOwn: boolean } {
  const config = loadConfig();
  const databaseUrl = named ?? databaseUrlNamed(config.databaseUrl, DEFAULT_SEASON_DATABASE);
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const own = new URL(config.databaseUrl);
  const target = new URL(databaseUrl);
  return {
    databaseUrl,
    engineDatabaseUrl: databaseUrlNamed(config.engineDatabaseUrl, `${name}_engine`),
    isDevelopersOwn: own.host === target.host && own.pathname === target.pathname,
  };
}
