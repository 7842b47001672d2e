// The engine's accounts: the service account our code calls the REST API with, and the web apps' administrator.
// From the environment when set; for a local engine without them, generated once into .data/ (owner-only) and
// reused, so Cockpit's password survives restarts.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  /** Where generated values are kept, when any were generated. */
  file: string | undefined;
}

type Stored = { user: string; password: string; adminPassword: string };

const secret = () => randomBytes(18).toString('base64url');

export function engineCredentials(config: Config, file = credentialsFile): EngineCredentials {
  if (config.engineUrl) {
    if (!config.engineUser || !config.enginePassword) {
      throw new EngineStartError('ENGINE_URL is set: set ENGINE_USER and ENGINE_PASSWORD to the service account of that engine too');
    }
    return { user: config.engineUser, password: config.enginePassword, adminUser: ADMIN_USER, adminPassword: config.engineAdminPassword || undefined, file: undefined };
  }
  if (config.engineUser && config.enginePassword && config.engineAdminPassword) {
    return { user: config.engineUser, password: config.enginePassword, adminUser: ADMIN_USER, adminPassword: config.engineAdminPassword, file: undefined };
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
    stored = { user: 'dpfservice', password: secret(), adminPassword: secret() };
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return {
    user: config.engineUser || stored.user,
    password: config.enginePassword || stored.password,
    adminUser: ADMIN_USER,
    adminPassword: config.engineAdminPassword || stored.adminPassword,
    file,
  };
}
