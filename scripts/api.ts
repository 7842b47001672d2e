// The API as a process of its own — what `npm start` supervises, and what a production installation runs as a
// service (deploy/dpf-api.service): the application's database (migrated here: this process owns the migrations),
// deployment, the outbox, the pages and the API, on the engine at ENGINE_URL (ENGINE_USER/ENGINE_PASSWORD).
// Workers run here only with WORKERS=on; department simulators only with SIM_PORT set (`npm start` runs both apart).
import { ConfigError, loadConfig } from '../platform/config.ts';
import { DatabaseUnreachable } from '../platform/db.ts';
import { EngineUnavailable } from '../platform/engine-rest.ts';
import { startSystem, StartError } from '../server/system.ts';
import type { ApiFacts } from './supervisor/api-part.ts';
import { runPart } from './supervisor/part-entry.ts';

runPart<ApiFacts>({
  label: 'api',
  part: 'api',
  known: [ConfigError, DatabaseUnreachable, StartError, EngineUnavailable],
  async start() {
    const config = loadConfig();
    if (!config.engineUrl || !config.engineUser || !config.enginePassword) {
      throw new ConfigError('the API needs ENGINE_URL, ENGINE_USER and ENGINE_PASSWORD (the engine and its service account)');
    }
    const system = await startSystem({ config, engine: { baseUrl: config.engineUrl, user: config.engineUser, password: config.enginePassword } });
    const { deployment, signIn, workers } = system;
    return {
      facts: {
        apiUrl: system.apiUrl,
        deployment: { created: deployment.created, definitions: deployment.definitions.map((d) => `${d.key} v${d.version}`), resources: deployment.resources },
        signIn,
        workerTopics: workers ? workers.topics.length : 0,
      },
      stop: () => system.stop(),
    };
  },
  describe: (facts) => `api: ${facts.apiUrl}/api   (readiness: /api/health)`,
});
