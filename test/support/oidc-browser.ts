// A very small browser for the sign-in flow over real HTTP: a cookie jar (by host and path, as browsers keep them —
// the port does not separate cookies), redirects followed one by one and remembered, and the provider's sign-in and
// sign-out forms posted as a person would.

interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  httpOnly: boolean;
  sameSite: string | undefined;
  secure: boolean;
}

export interface Visit {
  url: string;
  status: number;
  location?: string;
  body: string;
}

function parseSetCookie(header: string, url: URL): StoredCookie & { remove: boolean } {
  const [pair = '', ...attributes] = header.split(';').map((p) => p.trim());
  const eq = pair.indexOf('=');
  const attribute = (name: string) => attributes.find((a) => a.toLowerCase().startsWith(name))?.split('=')[1];
  const maxAge = attribute('max-age');
  const expires = attribute('expires');
  const remove = (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && new Date(expires).getTime() <= Date.now());
  const defaultPath = url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/';
  return {
    name: pair.slice(0, eq),
    value: pair.slice(eq + 1),
    host: url.hostname,
    path: attribute('path') ?? defaultPath,
    httpOnly: attributes.some((a) => a.toLowerCase() === 'httponly'),
    sameSite: attribute('samesite'),
    secure: attributes.some((a) => a.toLowerCase() === 'secure'),
    remove,
  };
}

export class OidcBrowser {
  private readonly cookies: StoredCookie[] = [];
  /** Every request made, in order, with its answer. */
  readonly history: Visit[] = [];
  /** Every Set-Cookie header received, as sent. */
  readonly setCookies: string[] = [];

  cookie(name: string, host = '127.0.0.1'): StoredCookie | undefined {
    return this.cookies.find((c) => c.name === name && c.host === host);
  }

  private cookieHeader(url: URL): string {
    return this.cookies
      .filter((c) => c.host === url.hostname && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private keep(res: Response, url: URL): void {
    for (const header of res.headers.getSetCookie()) {
      this.setCookies.push(header);
      const cookie = parseSetCookie(header, url);
      const at = this.cookies.findIndex((c) => c.name === cookie.name && c.host === cookie.host && c.path === cookie.path);
      if (at >= 0) this.cookies.splice(at, 1);
      const { remove, ...kept } = cookie;
      if (!remove) this.cookies.push(kept);
    }
  }

  /** One request, no redirect followed. */
  async request(method: string, address: string, form?: Record<string, string>, extraHeaders: Record<string, string> = {}): Promise<Visit> {
    const url = new URL(address);
    const headers: Record<string, string> = { accept: 'text/html,application/json', ...extraHeaders };
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.keep(res, url);
    const location = res.headers.get('location');
    const visit: Visit = { url: url.href, status: res.status, body: await res.text(), ...(location ? { location: new URL(location, url).href } : {}) };
    this.history.push(visit);
    return visit;
  }

  /** A request and every redirect after it (a 303 turns into a GET); the last answer. */
  async go(method: string, address: string, form?: Record<string, string>): Promise<Visit> {
    let visit = await this.request(method, address, form);
    for (let hops = 0; visit.location && [301, 302, 303, 307, 308].includes(visit.status); hops++) {
      if (hops > 20) throw new Error(`too many redirects from ${address}`);
      visit = await this.request('GET', visit.location);
    }
    return visit;
  }

  /** Submits the first form of a page: its action (relative to the page) and hidden inputs, plus the values given. */
  async submit(page: Visit, values: Record<string, string> = {}): Promise<Visit> {
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
    if (!form) throw new Error(`no form on ${page.url}:\n${page.body.slice(0, 500)}`);
    const hidden: Record<string, string> = {};
    for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
      const name = /name="([^"]+)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
      if (name) hidden[name] = value;
    }
    const action = form[1]!.replaceAll('&amp;', '&');
    return this.go('POST', new URL(action, page.url).href, { ...hidden, ...values });
  }

  /** JSON from the API, with this browser's cookies. */
  async json(address: string): Promise<{ status: number; body: any }> {
    const visit = await this.request('GET', address);
    return { status: visit.status, body: visit.body ? JSON.parse(visit.body) : undefined };
  }
}
