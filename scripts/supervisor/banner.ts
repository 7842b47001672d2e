// What `npm start` prints once everything is up: where each part is.
import type { RunningEngine } from '../engine/bring-up-engine.ts';
import type { ApiFacts } from './api-part.ts';
import type { SimulatorsFacts } from './simulators-part.ts';
import type { WorkersFacts } from './workers-part.ts';

export interface BannerFacts {
  seconds: string;
  engine: RunningEngine;
  api: ApiFacts;
  simulators: SimulatorsFacts | undefined;
  workers: WorkersFacts | undefined;
}

export function banner({ seconds, engine, api, simulators, workers }: BannerFacts): string {
  const { deployment, signIn, apiUrl } = api;
  const credentials = engine.credentials;
  return [
    `浙江省残疾人按比例就业情况联网认证 — running (ready in ${seconds} s)`,
    `  Pages        ${apiUrl}/   (employer portal /portal, caseworker workbench /workbench, web modeler /modeler)`,
    `  API          ${apiUrl}/api   (readiness: /api/health)`,
    `  Engine       ${engine.connection.baseUrl}/engine-rest   (${engine.process ? `started here, log: ${engine.process.logFile}` : 'ENGINE_URL'})`,
    `  Cockpit      ${engine.connection.baseUrl}/operaton/app/cockpit/   Tasklist: /operaton/app/tasklist/   Admin: /operaton/app/admin/`,
    `               sign in as ${credentials.adminUser}${credentials.file ? `; passwords in ${credentials.file}` : credentials.adminPassword ? ' with ENGINE_ADMIN_PASSWORD' : ''}`,
    `  Deployment   ${deployment.created ? `new: ${deployment.definitions.join(', ') || deployment.resources.join(', ')}` : 'unchanged'}`,
    `  Workers      ${workers ? `${workers.topics.length} topics, in a process of their own` : 'off here (WORKERS=off): run `npm run workers`'}`,
    simulators ? `  Simulators   ${simulators.url}   (data: ${simulators.dataDir})` : '  Simulators   off (SIM_PORT=0)',
    `  Sign-in      ${signIn.issuer}   (${signIn.embedded ? 'the embedded DEVELOPMENT identity provider: its accounts and password are on its sign-in page' : 'OIDC_ISSUER'}; discovery: ${signIn.discoveryUrl})`,
    signIn.development ? `               development sign-in is on too: POST ${apiUrl}/api/dev/login (this machine only, never in production)` : '',
    `  Supervision  each part is a process of its own, started again when it dies (docs/operations.md)`,
    'Ctrl-C stops everything.',
  ]
    .filter(Boolean)
    .join('\n');
}
