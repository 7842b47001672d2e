// Where a seeded season lives: `dpf_season` on DATABASE_URL's server unless a URL is named, and its engine's database
// beside it (`<name>_engine`). The developer's own database is used only when it is named explicitly.
import { loadConfig } from '../../platform/config.ts';
import { databaseUrlNamed } from '../../platform/db.ts';

export const DEFAULT_SEASON_DATABASE = 'dpf_season';

export function seasonDatabases(named: string | undefined): { databaseUrl: string; engineDatabaseUrl: string } {
  const config = loadConfig();
  const databaseUrl = named ?? databaseUrlNamed(config.databaseUrl, DEFAULT_SEASON_DATABASE);
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  return { databaseUrl, engineDatabaseUrl: databaseUrlNamed(config.engineDatabaseUrl, `${name}_engine`) };
}
