// The one way the pages talk to the API: the signed-in person's token, JSON in and out, and every refusal turned
// into an ApiError whose field errors (JSON pointers → Chinese messages) a form shows next to its fields.

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

const TOKEN_KEY = 'dpf.token';

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function send(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  const token = storedToken();
  const res = await fetch(path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': 'zh-CN', ...headers },
    ...(body === undefined ? {} : { body }),
  });
  if (res.ok) return res;
  // A token the server no longer takes (expired, or signed before a restart): sign in again.
  if (res.status === 401 && token && path !== '/api/dev/login') {
    storeToken(null);
    window.location.assign(`/login`);
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
