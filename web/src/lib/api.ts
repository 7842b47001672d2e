// The one way the pages talk to the API: the session's HttpOnly cookie goes by itself, the CSRF token this module
// keeps goes on every state-changing call, JSON in and out, and every refusal becomes an ApiError whose field errors
// (JSON pointers → Chinese messages) a form shows next to its fields.

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly errors: FieldError[],
    readonly body: Record<string, unknown>,
  ) {
    super(title);
    this.name = 'ApiError';
  }

  /** The message for one field (its JSON pointer), if the server named it. */
  fieldMessage(path: string): string | undefined {
    return this.errors.find((e) => e.path === path)?.message;
  }
}

// The session's CSRF token (GET /api/session): in memory only, so no other page or script can read it back.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// Set once the page is leaving to sign out: calls still under way then answer 401, and must not send the page to
// sign in again instead of letting the sign-out finish.
let signingOut = false;

export function leavingToSignOut(): void {
  signingOut = true;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// When the server last heard from this page: the session's idle clock restarts at every request.
let lastRequest = Date.now();

export function lastRequestAt(): number {
  return lastRequest;
}

async function send(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  lastRequest = Date.now();
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { ...(csrfToken && !SAFE_METHODS.has(method) ? { 'x-csrf-token': csrfToken } : {}), 'accept-language': 'zh-CN', ...headers },
    ...(body === undefined ? {} : { body }),
  });
  if (res.ok) return res;
  // A session that has ended (idle, expired, signed out elsewhere, revoked): sign in again, then come back.
  if (res.status === 401 && csrfToken && !signingOut && !path.startsWith('/api/dev/login') && path !== '/api/session') {
    csrfToken = null;
    window.location.assign(`/login?expired=1&next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  let problem: Record<string, unknown> = {};
  try {
    problem = (await res.json()) as Record<string, unknown>;
  } catch {
    // A body that is not a problem: the status says enough.
  }
  const title = typeof problem.title === 'string' ? problem.title : res.status === 401 ? '登录已过期，请重新登录' : `请求失败（${res.status}）`;
  throw new ApiError(res.status, title, Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [], problem);
}

/** A JSON call; `headers` adds to the usual ones (an `Idempotency-Key`, say). */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const json: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  const res = await send(method, path, body === undefined ? undefined : JSON.stringify(body), { ...json, ...headers });
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A multipart upload (documents, employee lists). */
export async function upload<T>(path: string, form: FormData): Promise<T> {
  const res = await send('POST', path, form);
  return (await res.json()) as T;
}

/** A file the API serves (the confirmation PDF, a scan), as a local object URL. */
export async function download(path: string): Promise<{ url: string; type: string }> {
  const res = await send('GET', path);
  const blob = await res.blob();
  return { url: URL.createObjectURL(blob), type: blob.type };
}
