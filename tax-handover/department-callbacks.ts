// Where departments that answer later (the tax bureau) send their answers to this system, and the bearer token
// they must send with them: a push hands both to the department. One per running system, shared by the workers
// (which hand it out) and the API (which checks it); the API's own address is known only once it listens.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../platform/config.ts';

/** The paths of this API that take departments' answers. */
export const CALLBACK_PATHS = {
  taxAnswers: '/api/departments/tax/answers',
} as const;

const digest = (text: string) => createHash('sha256').update(text).digest();

export class DepartmentCallbacks {
  readonly token: string;
  private baseUrl: string | undefined;
  private readonly tokenDigest: Buffer;

  constructor(config: Pick<Config, 'callbackBaseUrl' | 'publicBaseUrl' | 'deptCallbackToken'>) {
    this.token = config.deptCallbackToken || randomBytes(32).toString('base64url');
    this.tokenDigest = digest(this.token);
    // A department may reach us on another network than the public: its own setting first, then the public address.
    this.baseUrl = config.callbackBaseUrl || config.publicBaseUrl || undefined;
  }

  /** server/system.ts tells it where the API listens; CALLBACK_BASE_URL or PUBLIC_BASE_URL, when set, wins. */
  listening(host: string, port: number): void {
    // An API listening on every interface is reached on this machine (where the simulators run) by loopback.
    const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    this.baseUrl ??= `http://${reachable}:${port}`;
  }

  /** The full URL of one of CALLBACK_PATHS; undefined while no base URL is configured and the API's address is unknown. */
  urlOf(path: string): string | undefined {
    return this.baseUrl === undefined ? undefined : `${this.baseUrl}${path}`;
  }

  /** Whether `token` is the one departments were given; compared in constant time. */
  accepts(token: string | undefined): boolean {
    return token !== undefined && timingSafeEqual(digest(token), this.tokenDigest);
  }
}
