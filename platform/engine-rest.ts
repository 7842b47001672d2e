// The one way this project talks to the Operaton engine's REST API (/engine-rest): HTTP Basic as the service
// account, JSON in and out, and two kinds of failure a caller can tell apart — the engine could not be reached,
// or it answered with an error of its own.

export interface EngineConnection {
  /** The engine's base URL, e.g. http://127.0.0.1:8080 (REST is at `${baseUrl}/engine-rest`). */
  baseUrl: string;
  user: string;
  password: string;
}

/** The engine did not answer (down, starting, network): worth retrying later. */
/**
 * A 500 of the engine whose cause is its own database away (restarting, connections ended): unavailability, tried
 * again later — not an answer. The engine words it as a persistence-layer failure, or, when even the rollback failed,
 * the servlet container answers for it without the engine's `type`.
 */
const ENGINE_DATABASE_AWAY = /persistence layer|JDBC Connection|Connection is not available|terminating connection|connection has been closed|not currently accepting connections|I\/O error/i;
function engineDatabaseAway(status: number, type: string | undefined, message: string, text: string): boolean {
  if (status !== 500) return false;
  return type === 'ProcessEnginePersistenceException' || ENGINE_DATABASE_AWAY.test(message) || (type === undefined && /"error"\s*:\s*"Internal Server Error"/.test(text));
}

export class EngineUnavailable extends Error {
  override name = 'EngineUnavailable';
}

/** The engine answered with an error status; `type` is Operaton's exception type (e.g. "RestException"). */
/** Where the engine's parser found each problem of a refused deployment: per resource, with element ids. */
export type ParseDetails = Record<string, { errors?: { message: string; mainElementId?: string | null; elementIds?: string[] }[] }>;

export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly status: number,
    readonly type: string | undefined,
    message: string,
    /** A ParseException's `details`, when the engine gave them. */
    readonly details?: ParseDetails,
  ) {
    super(message);
  }
}

export interface EngineRest {
  readonly restUrl: string;
  get<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  delete(path: string): Promise<void>;
  /** A multipart request (deployments). */
  postForm<T>(path: string, form: FormData): Promise<T>;
  /** A body that is not JSON (a deployed resource's bytes, as text). */
  getText(path: string): Promise<string>;
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

export function createEngineRest(connection: EngineConnection, timeoutMs = 30_000): EngineRest {
  const restUrl = `${connection.baseUrl.replace(/\/+$/, '')}/engine-rest`;
  const authorization = basicAuthorization(connection.user, connection.password);

  async function send<T>(method: string, path: string, body?: BodyInit, contentType?: string): Promise<T> {
    const text = await sendForText(method, path, body, contentType);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function sendForText(method: string, path: string, body?: BodyInit, contentType?: string): Promise<string> {
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    if (contentType) headers['content-type'] = contentType;
    let response: Response;
    try {
      response = await fetch(restUrl + path, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new EngineUnavailable(`engine at ${connection.baseUrl} did not answer ${method} ${path} (${cause})`);
    }
    const text = await response.text();
    if (!response.ok) {
      let type: string | undefined;
      let message = text.slice(0, 500);
      let details: ParseDetails | undefined;
      try {
        const parsed = JSON.parse(text) as { type?: string; message?: string; details?: unknown };
        type = parsed.type;
        message = parsed.message ?? message;
        if (parsed.details !== null && typeof parsed.details === 'object') details = parsed.details as ParseDetails;
      } catch {
        // not JSON (a proxy's page, say): keep the text
      }
      // 503 from a starting engine or a proxy in front of it is unavailability, not an answer.
      if (response.status === 502 || response.status === 503 || response.status === 504 || engineDatabaseAway(response.status, type, message, text)) {
        throw new EngineUnavailable(`engine at ${connection.baseUrl} answered ${response.status} to ${method} ${path}`);
      }
      throw new EngineError(response.status, type, `engine: ${method} ${path} → ${response.status} ${message}`, details);
    }
    return text;
  }

  function withQuery(path: string, query?: Record<string, string | number | boolean | undefined>): string {
    if (!query) return path;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  }

  return {
    restUrl,
    get: (path, query) => send('GET', withQuery(path, query)),
    post: (path, body) => send('POST', path, body === undefined ? undefined : JSON.stringify(body), 'application/json'),
    put: (path, body) => send('PUT', path, body === undefined ? undefined : JSON.stringify(body), 'application/json'),
    delete: async (path) => {
      await send('DELETE', path);
    },
    postForm: (path, form) => send('POST', path, form),
    getText: (path) => sendForText('GET', path),
  };
}

/** Operaton's typed variable value, for the primitive variables this project uses (docs/engine.md: no JSON type). */
export type EngineVariable = { value: string | number | boolean | null; type: 'String' | 'Integer' | 'Long' | 'Double' | 'Boolean' | 'Null' };

export type PrimitiveValue = string | number | boolean | null;

export function toEngineVariable(value: PrimitiveValue): EngineVariable {
  if (value === null) return { value: null, type: 'Null' };
  if (typeof value === 'string') return { value, type: 'String' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (Number.isInteger(value)) return { value, type: Math.abs(value) <= 2 ** 31 - 1 ? 'Integer' : 'Long' };
  return { value, type: 'Double' };
}

export function toEngineVariables(values: Record<string, PrimitiveValue>): Record<string, EngineVariable> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toEngineVariable(value)]));
}
