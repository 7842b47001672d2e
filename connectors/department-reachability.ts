// Whether every department the system is configured to call can be reached at all, checked once at start: a wrong
// address (a port left at its default, a misspelt host) would otherwise show only as every filing stopping at its
// first department check. Only "cannot be reached" counts — a connection refused, a host unknown, no answer in
// time; a department that answers, even with an error or a 503 of an outage, is reachable.
import net from 'node:net';
import { variables, type Config } from '../platform/config.ts';

/** The configuration keys of the departments' addresses. */
export const DEPARTMENT_URL_KEYS = [
  'registrationUrl',
  'registrarChangesUrl',
  'dpfUrl',
  'veteransUrl',
  'pensionUrl',
  'nationalPensionUrl',
  'medicalUrl',
  'wagesUrl',
  'taxUrl',
  'nationalPlatformUrl',
  'marketShareUrl',
] as const satisfies readonly (keyof Config)[];

export interface UnreachableDepartment {
  /** The environment variable that sets the address, e.g. DEPT_REGISTRATION_URL. */
  variable: string;
  url: string;
  reason: string;
}

function connects(url: URL, timeoutMs: number): Promise<string | null> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (reason: string | null) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => done(null));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

/** The departments whose address cannot be reached, each named by its variable; empty when all can. */
export async function unreachableDepartments(config: Config, timeoutMs = 3000): Promise<UnreachableDepartment[]> {
  const checks = DEPARTMENT_URL_KEYS.map(async (key): Promise<UnreachableDepartment | null> => {
    const url = config[key];
    const variable = variables[key].name;
    if (!URL.canParse(url)) return { variable, url, reason: 'not a URL' };
    const reason = await connects(new URL(url), timeoutMs);
    return reason === null ? null : { variable, url, reason };
  });
  return (await Promise.all(checks)).filter((d): d is UnreachableDepartment => d !== null);
}
