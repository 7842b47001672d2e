// The environment each part of `npm start` is started with. Parts in separate processes must agree on what one
// process used to draw for itself: the token the national platform presents and the one departments send their
// later answers with (drawn once here when unset, the same for every restart), the departments' addresses (the
// simulators run apart, so the API is given the addresses they follow from SIM_PORT, and SIM_PORT=0 so as not to
// start its own), and where departments send their answers (the API's address, once it is known).
import { randomBytes } from 'node:crypto';
import { DEPARTMENT_URL_KEYS } from '../../connectors/department-reachability.ts';
import { variables, type Config } from '../../platform/config.ts';
import type { EngineConnection } from '../../platform/engine-rest.ts';
import { DepartmentCallbacks } from '../../tax-handover/department-callbacks.ts';

export interface PartEnvironments {
  simulators(): NodeJS.ProcessEnv;
  api(): NodeJS.ProcessEnv;
  workers(): NodeJS.ProcessEnv;
  /** Once the API listens: restarts keep its ports (PORT=0 would draw new ones), and the workers learn its address. */
  apiListening(apiUrl: string, issuer: string | undefined): void;
}

const drawn = () => randomBytes(32).toString('base64url');

export function partEnvironments(config: Config, engine: EngineConnection, env: NodeJS.ProcessEnv = process.env): PartEnvironments {
  const shared: NodeJS.ProcessEnv = {
    ...env,
    NATIONAL_PLATFORM_TOKEN: env.NATIONAL_PLATFORM_TOKEN || drawn(),
    DEPT_CALLBACK_TOKEN: env.DEPT_CALLBACK_TOKEN || drawn(),
  };
  const departments = Object.fromEntries(DEPARTMENT_URL_KEYS.map((key) => [variables[key].name, config[key]]));
  const engineAccount = { ENGINE_URL: engine.baseUrl, ENGINE_USER: engine.user, ENGINE_PASSWORD: engine.password };
  const api: NodeJS.ProcessEnv = { ...shared, ...departments, ...engineAccount, SIM_PORT: '0', WORKERS: 'off' };
  const workers: NodeJS.ProcessEnv = { ...shared, ...departments, ...engineAccount };
  return {
    simulators: () => shared,
    api: () => api,
    workers: () => workers,
    apiListening(apiUrl, issuer) {
      const { hostname, port } = new URL(apiUrl);
      api.PORT = port;
      if (issuer && config.devIdentityProviderPort === 0) api.DEV_IDENTITY_PROVIDER_PORT = new URL(issuer).port;
      const callbacks = new DepartmentCallbacks(config);
      callbacks.listening(hostname.replace(/^\[|\]$/g, ''), Number(port));
      workers.CALLBACK_BASE_URL = callbacks.urlOf('');
    },
  };
}
