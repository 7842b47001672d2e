// The API (with its outbox dispatcher, and no workers: WORKERS=off) as a process of its own for the fault suite,
// against the engine at ENGINE_URL: what `npm start` runs minus the engine and the page build, so the suite can
// kill it with -9 and start it again on the same port. Prints one line `ready <url>` once it answers.
import { loadConfig } from '../../platform/config.ts';
import { startSystem } from '../../server/system.ts';

const config = loadConfig();
const system = await startSystem({
  config,
  engine: { baseUrl: config.engineUrl, user: config.engineUser, password: config.enginePassword },
});
console.log(`ready ${system.apiUrl}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void system.stop().then(() => process.exit(0)));
}
