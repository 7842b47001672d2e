// The engine's accounts: the service account our code calls the REST API with, the web apps' administrator, and
// the password of the engine's own PostgreSQL role (scripts/engine/engine-database-role.ts). The accounts come from
// the environment when set; for a local engine without them, they are generated once into .data/ (owner-only) and
// reused, so Cockpit's password survives restarts. The database role's password is kept there too; when the
// accounts come from the environment (the tests), it is generated for this process only — the role's password is
// set again on every start, so nothing needs to remember it.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, type Config } from '../../platform/config.ts';
import { EngineStartError } from './engine-start-error.ts';

export const credentialsFile = path.join(projectRoot, '.data', 'engine-credentials.json');
export const ADMIN_USER = 'admin';

export interface EngineCredentials {
  user: string;
  password: string;
  adminUser: string;
  /** Unknown for an engine we did not start (ENGINE_URL). */
  adminPassword: string | undefined;
  /**
   * The password the engine's database role is given when we create that role; undefined for an engine we did not
   * start (ENGINE_URL).
   */
  databasePassword: string | undefined;
  /** Where generated values are kept, when any were generated. */
  file: string | undefined;
}

type Stored = { user: string; password: string; adminPassword: string; databasePassword?: string };

const secret = () => randomBytes(18).toString('base64url');

export function engineCredentials(config: Config, file = credentialsFile): EngineCredentials {
  if (config.engineUrl) {
    if (!config.engineUser || !config.enginePassword) {
      throw new EngineStartError('ENGINE_URL is set: set ENGINE_USER and ENGINE_PASSWORD to the service account of that engine too');
    }
    return {
      user: config.engineUser,
      password: config.enginePassword,
      adminUser: ADMIN_USER,
      adminPassword: config.engineAdminPassword || undefined,
      databasePassword: undefined,
      file: undefined,
    };
  }
  if (config.engineUser && config.enginePassword && config.engineAdminPassword) {
    return {
      user: config.engineUser,
      password: config.enginePassword,
      adminUser: ADMIN_USER,
      adminPassword: config.engineAdminPassword,
      databasePassword: secret(),
      file: undefined,
    };
  }
  let stored: Stored | undefined;
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    } catch {
      throw new EngineStartError(`${file} is not valid JSON: remove it to have new engine credentials generated`);
    }
  }
  if (!stored?.user || !stored.password || !stored.adminPassword) {
    stored = { user: 'dpfservice', password: secret(), adminPassword: secret(), databasePassword: secret() };
    write(file, stored);
  } else if (!stored.databasePassword) {
    // A file from before the engine had a database role of its own: the accounts stay, the role's password is added.
    stored = { ...stored, databasePassword: secret() };
    write(file, stored);
  }
  return {
    user: config.engineUser || stored.user,
    password: config.enginePassword || stored.password,
    adminUser: ADMIN_USER,
    adminPassword: config.engineAdminPassword || stored.adminPassword,
    databasePassword: stored.databasePassword,
    file,
  };
}

function write(file: string, stored: Stored): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync's mode applies only to a new file: an existing one is made owner-only too.
  chmodSync(file, 0o600);
}
