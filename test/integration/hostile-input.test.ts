// Hostile input against every endpoint of the running system (issue 9, item 9): hundreds of generated bad requests,
// each of which must be refused with a 4xx problem+json that names the field at fault by JSON pointer with a stable
// code, shows nothing of the server's inside, and writes nothing — no row in any table of the application's
// database (audit_log included: a refused request is not an access) and no file in the document folder.
// The cases are tables (test/support/hostile/*-cases.ts); this file signs the callers in, sends, and checks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import {
  BAD_BYTES_MARKER,
  badEncodings,
  calendarCases,
  deploymentCases,
  EMPLOYER_CHANGE,
  employerCases,
  filingPermissionCases,
  filingQueryCases,
  jsonEndpoints,
  loginCases,
  malformedBodies,
  publication,
  routeCases,
  scopeCases,
  SEASON,
  seasonCases,
  taskCases,
  type ApiCase,
  type JsonEndpoint,
  type Who,
} from '../support/hostile/api-cases.ts';
import { filingCaseGroups } from '../support/hostile/filing-cases.ts';
import { jsonRequest, rawRequest, type RawRequest, type RawResponse } from '../support/hostile/http.ts';
import {
  brotli,
  cutPdfMagic,
  exe,
  forgeries,
  gzip,
  gzipBomb,
  html,
  lyingZip,
  multipart,
  multipartType,
  ole,
  pdf,
  plainZip,
  png,
  svg,
  zipBomb,
  zipOfManyEntries,
  type Part,
} from '../support/hostile/payloads.ts';
import { expectRefused, type FieldExpectation, type Refusal } from '../support/hostile/refusal.ts';

const DOCUMENT_MAX_BYTES = 200_000; // small, so "one byte too many" is cheap; a 70 MB zip bomb still fits (≈70 KB)
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

let system: TestSystem;
let url: string;
let documentDir: string;
const tokens = {} as Record<Who, string>;
const identities = {} as Record<Who, Record<string, unknown>>;
const fixture = { A: '', B: '', docA: '', usccA: '' };
let template: Buffer;
/** Each case that needs a unit of its own takes the next seed, so one wrongly accepted filing cannot mask another. */
let nextSeed = 6_100_000;

const fill = (p: string) =>
  p
    .replaceAll('{A}', fixture.A)
    .replaceAll('{B}', fixture.B)
    .replaceAll('{docA}', fixture.docA)
    .replaceAll('{usccA}', fixture.usccA)
    .replaceAll('{uuid}', UNKNOWN_UUID);

async function signIn(who: Who, body: Record<string, unknown>): Promise<void> {
  const res = await jsonRequest(url, 'POST', '/api/dev/login', { body });
  if (res.status !== 200) throw new Error(`sign-in as ${who} failed: ${res.text}`);
  tokens[who] = res.body.token;
  identities[who] = res.body.identity;
}

async function post(path: string, token: string, body: unknown): Promise<RawResponse> {
  return jsonRequest(url, 'POST', path, { token, body });
}

/** A valid filing of a unit no other case uses, and its employer's token. */
async function freshFiling(edit: (f: any) => void = () => undefined): Promise<{ filing: any; token: string }> {
  const filing = syntheticFiling(nextSeed++) as any;
  const token = await system.login({ role: 'employer', uscc: filing.employer.uscc });
  edit(filing);
  return { filing, token };
}

function upload(token: string | undefined, path: string, parts: readonly Part[], extra: Partial<RawRequest> & { closed?: boolean } = {}): Promise<RawResponse> {
  const { closed, headers, ...rest } = extra;
  return rawRequest(url, {
    method: 'POST',
    path,
    headers: { 'content-type': multipartType(), ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers ?? {}) },
    body: multipart(parts, closed === false ? { closed: false } : {}),
    ...rest,
  });
}

/** Sends an ApiCase: its placeholders filled, its body as JSON, its caller's token. */
async function send(c: ApiCase): Promise<RawResponse> {
  let body = c.body;
  if (body === 'VALID_FILING') body = (await freshFiling()).filing;
  if (body === 'VALID_WINDOW_FILING_ELSEWHERE') body = (await freshFiling((f) => Object.assign(f, { channel: 'window', receivingRegionCode: '330102' }))).filing;
  return jsonRequest(url, c.method, fill(c.path), {
    ...(c.as ? { token: tokens[c.as] } : {}),
    ...(body !== undefined ? { body } : {}),
    ...(c.rawBody !== undefined ? { rawBody: c.rawBody } : {}),
    ...(c.headers ? { headers: c.headers } : {}),
  });
}

function refusal(status: Refusal['status'], errors?: readonly FieldExpectation[], tolerate?: readonly string[]): Refusal {
  return { ...(status !== undefined ? { status } : {}), ...(errors ? { errors } : {}), ...(tolerate ? { tolerate } : {}) };
}

/** Every case refused as its table says, with nothing written to the database or the document folder. */
function refusesAll(cases: readonly ApiCase[]): void {
  for (const c of cases) {
    it(c.name, async () => {
      await expectRefused(system.db, () => send(c), refusal(c.status, c.errors, c.tolerate), { documentDir });
    });
  }
}

beforeAll(async () => {
  documentDir = await mkdtemp(path.join(tmpdir(), 'hostile-documents-'));
  system = await startTestSystem({
    WORKERS: 'off',
    MAX_EMPLOYEES_PER_FILING: '50',
    DOCUMENT_MAX_BYTES: String(DOCUMENT_MAX_BYTES),
    DOCUMENT_DIR: documentDir,
    // Every bad upload is sent as one user: the per-user limits are not what this suite tests (hostile-uploads does).
    IMPORTS_PER_MINUTE: '10000',
    DOCUMENT_UPLOADS_PER_MINUTE: '10000',
  });
  url = system.apiUrl;

  // Two filings in two counties of Hangzhou, and one document on the first.
  const a = syntheticFiling(6_000_001);
  const b = syntheticFiling(6_000_002, { regionCode: '330102' });
  fixture.usccA = a.employer.uscc;
  await signIn('employerA', { role: 'employer', uscc: a.employer.uscc });
  await signIn('employerB', { role: 'employer', uscc: b.employer.uscc });
  await signIn('clerkA', { role: 'clerk', regionCode: '330106' });
  await signIn('clerkB', { role: 'clerk', regionCode: '330102' });
  await signIn('reviewerB', { role: 'reviewer', regionCode: '330102' });
  await signIn('cityHangzhou', { role: 'city', regionCode: '330100' });
  await signIn('cityNingbo', { role: 'city', regionCode: '330200' });
  await signIn('province', { role: 'province' });
  await signIn('policy', { role: 'policy' });
  await signIn('operator', { role: 'operator' });
  const createdA = await post('/api/filings', tokens.employerA, a);
  const createdB = await post('/api/filings', tokens.employerB, b);
  if (createdA.status !== 201 || createdB.status !== 201) throw new Error(`fixture filings: ${createdA.text} ${createdB.text}`);
  fixture.A = createdA.body.id;
  fixture.B = createdB.body.id;
  const doc = await upload(tokens.employerA, `/api/filings/${fixture.A}/documents`, [
    { field: 'kind', value: 'evidence' },
    { field: 'file', filename: '工资单.pdf', bytes: pdf('hostile-fixture'), type: 'application/pdf' },
  ]);
  if (doc.status !== 201) throw new Error(`fixture document: ${doc.text}`);
  fixture.docA = doc.body.items[0].id;
  const res = await fetch(`${url}/api/templates/employees.xlsx`, { headers: { authorization: `Bearer ${tokens.employerA}` } });
  template = Buffer.from(await res.arrayBuffer());
}, 180_000);

afterAll(async () => {
  try {
    await system?.stop();
  } finally {
    await rm(documentDir, { recursive: true, force: true });
  }
});

// -----------------------------------------------------------------------------------------------------------------

describe('POST /api/filings: bad declarations', () => {
  for (const [group, cases] of Object.entries(filingCaseGroups)) {
    describe(group, () => {
      for (const c of cases) it(c.name, async () => {
        const seed = nextSeed++;
        const filing = c.base ? c.base(seed) : (syntheticFiling(seed) as any);
        const token = await system.login({ role: 'employer', uscc: filing.employer.uscc });
        c.edit?.(filing);
        const text = JSON.stringify(filing);
        const body = c.raw ? c.raw(text) : text;
        await expectRefused(system.db, () => jsonRequest(url, 'POST', '/api/filings', { token, rawBody: body }), refusal(c.status ?? 400, c.errors), { documentDir });
      });
    });
  }

  describe('who may file', () => refusesAll(filingPermissionCases));

  describe('the body as a whole', () => {
    refusesAll([
      { name: 'an empty body', method: 'POST', path: '/api/filings', as: 'employerA', rawBody: '', status: 400, errors: [{ path: '/year', code: 'REQUIRED' }] },
      { name: 'an empty object', method: 'POST', path: '/api/filings', as: 'employerA', body: {}, status: 400, errors: [{ path: '/year', code: 'REQUIRED' }, { path: '/employer', code: 'REQUIRED' }] },
      { name: 'an array of the filing', method: 'POST', path: '/api/filings', as: 'employerA', body: [{ year: 2025 }], status: 400, errors: [{ path: '/', code: 'FORMAT' }] },
      { name: 'no body and no content type', method: 'POST', path: '/api/filings', as: 'employerA', status: 400 },
    ]);
  });
});

describe('malformed JSON on every endpoint that reads JSON', () => {
  for (const endpoint of jsonEndpoints) {
    for (const [name, body] of malformedBodies) {
      it(`${endpoint.name}: ${name}`, async () => {
        const send = () => jsonRequest(url, endpoint.method, fill(endpoint.path), { ...(endpoint.as ? { token: tokens[endpoint.as] } : {}), rawBody: body });
        await expectRefused(system.db, send, { status: 400, errors: [{ path: '/', code: 'FORMAT' }] }, { documentDir });
      });
    }
  }
});

// -----------------------------------------------------------------------------------------------------------------

/** A valid request for a JSON endpoint, its free text carrying the marker where bytes can be spoiled. */
async function validRequest(endpoint: JsonEndpoint): Promise<{ token?: string; body: string }> {
  const marked = (value: unknown) => JSON.stringify(value);
  switch (endpoint.valid) {
    case 'login':
      return { body: marked({ role: 'policy' }) };
    case 'filing': {
      const { filing, token } = await freshFiling((f) => (f.employer.name = `杭州${BAD_BYTES_MARKER}科技有限公司`));
      return { token, body: marked(filing) };
    }
    case 'employer':
      return { token: tokens.cityHangzhou, body: marked({ ...EMPLOYER_CHANGE, name: `杭州${BAD_BYTES_MARKER}某某科技有限公司` }) };
    case 'calendar':
      return { token: tokens.policy, body: marked({ ...publication, source: `国办发明电${BAD_BYTES_MARKER}〔2098〕99号` }) };
    case 'season':
      return { token: tokens.policy, body: marked({ ...SEASON, note: `浙残联发${BAD_BYTES_MARKER}〔2022〕3号` }) };
    case 'deployment':
      // Never deployable, so an encoding wrongly let through still deploys nothing: the status tells it apart.
      return { token: tokens.policy, body: marked({ note: '测试部署', resources: [{ name: 'hostile.form', content: '{' }] }) };
    case 'task':
      return { token: tokens.clerkA, body: marked({ acceptanceDecision: 'accept', acceptanceNote: `材料齐全` }) };
    case 'feedback':
      return { token: tokens.employerA, body: marked({ reason: `平均在职职工人数${BAD_BYTES_MARKER}填报有误` }) };
    case 'declaration': {
      const { filing } = await freshFiling((f) => (f.employer.name = `杭州${BAD_BYTES_MARKER}科技有限公司`));
      return { token: tokens.employerA, body: marked(filing) };
    }
    case 'rating':
      return { token: tokens.employerA, body: marked({ score: 4, comment: `窗口人员${BAD_BYTES_MARKER}很耐心` }) };
  }
}

const compressors = { gzip, brotli };

describe('content types, charsets and content encodings', () => {
  const withFreeText = new Set(['filing', 'employer', 'calendar', 'season', 'feedback', 'declaration', 'rating']);
  for (const endpoint of jsonEndpoints) {
    const sample = withFreeText.has(endpoint.valid) ? `{"x":"${BAD_BYTES_MARKER}"}` : '{}';
    for (const [encoding] of badEncodings(sample, compressors)) {
      it(`${endpoint.name}: ${encoding}`, async () => {
        const valid = await validRequest(endpoint);
        const found = badEncodings(valid.body, compressors).find(([name]) => name === encoding);
        if (!found) throw new Error(`no encoding case ${encoding}`);
        const [, headers, body, expected] = found;
        // An unknown task is unknown whatever its body: 404 before the body is looked at is as good.
        const status = endpoint.valid === 'task' ? [...[expected].flat(), 404] : expected;
        const send = () =>
          rawRequest(url, {
            method: endpoint.method,
            path: fill(endpoint.path),
            headers: { ...headers, ...(valid.token ? { authorization: `Bearer ${valid.token}` } : {}) },
            body,
          });
        await expectRefused(system.db, send, { status }, { documentDir });
      });
    }
  }
});

describe('oversized and deeply nested bodies', () => {
  const limit = () => system.config.bodyLimitBytes;
  /** A valid filing carrying an extra field of `size` bytes of text, so only its size can be the reason to refuse it. */
  const padded = async (size: number) => {
    const { filing, token } = await freshFiling();
    const text = JSON.stringify(filing);
    const frame = Buffer.byteLength(text) + ',"padding":""'.length;
    return { token, body: `${text.slice(0, -1)},"padding":"${'x'.repeat(Math.max(0, size - frame))}"}` };
  };
  const nested = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);

  it('a filing one byte over BODY_LIMIT_BYTES → 413', async () => {
    const { token, body } = await padded(limit() + 1);
    expect(Buffer.byteLength(body)).toBe(limit() + 1);
    await expectRefused(system.db, () => jsonRequest(url, 'POST', '/api/filings', { token, rawBody: body }), { status: 413 }, { documentDir });
  });

  it('the same, sent chunked without a Content-Length → 413', async () => {
    const { token, body } = await padded(limit() + 1);
    const send = () => rawRequest(url, { method: 'POST', path: '/api/filings', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body, chunkBytes: 64 * 1024 });
    await expectRefused(system.db, send, { status: 413 }, { documentDir });
  });

  it('a Content-Length of 10 GB, refused before the body comes → 413', async () => {
    const send = () =>
      rawRequest(url, {
        method: 'POST',
        path: '/api/filings',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.employerA}`, 'content-length': String(10 * 1024 ** 3) },
        body: '{"year": 2025',
        sendOnly: 13,
        // The answer needs no body: a server that waits for 10 GB before answering fails here.
        timeoutMs: 5_000,
      });
    await expectRefused(system.db, send, { status: 413 }, { documentDir });
  });

  it('a gzip bomb that inflates past the limit → 413', async () => {
    const bomb = gzipBomb(limit() * 4);
    expect(bomb.length).toBeLessThan(limit() / 50);
    const send = () => rawRequest(url, { method: 'POST', path: '/api/filings', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${tokens.employerA}` }, body: bomb });
    await expectRefused(system.db, send, { status: 413 }, { documentDir });
  });

  for (const endpoint of jsonEndpoints.filter((e) => e.valid !== 'filing')) {
    it(`${endpoint.name}: a body over the limit → 413`, async () => {
      const body = `{"x":"${'y'.repeat(limit())}"}`;
      const send = () => jsonRequest(url, endpoint.method, fill(endpoint.path), { ...(endpoint.as ? { token: tokens[endpoint.as] } : {}), rawBody: body });
      await expectRefused(system.db, send, { status: 413 }, { documentDir });
    });
    it(`${endpoint.name}: an array nested 100 000 deep → 400`, async () => {
      const send = () => jsonRequest(url, endpoint.method, fill(endpoint.path), { ...(endpoint.as ? { token: tokens[endpoint.as] } : {}), rawBody: nested(100_000, '[', ']') });
      await expectRefused(system.db, send, { status: [400, 404, 413] }, { documentDir });
    });
  }

  const deep: [string, (f: any) => string, FieldExpectation[]][] = [
    ['the year as an array nested 10 000 deep', (f) => JSON.stringify(f).replace('"year":2025', `"year":${nested(10_000, '[', ']', '2025')}`), [{ path: '/year', code: 'FORMAT' }]],
    ['an employee name as an object nested 20 000 deep', (f) => JSON.stringify(f).replace(`"name":${JSON.stringify(f.employees[0].name)}`, `"name":${nested(20_000, '{"a":', '}')}`), [{ path: '/employees/0/name', code: 'FORMAT' }]],
    ['an unknown field nested 50 000 deep', (f) => `${JSON.stringify(f).slice(0, -1)},"x":${nested(50_000, '{"x":', '}')}}`, [{ path: '/x', code: 'UNKNOWN_FIELD' }]],
    ['the whole body as an array nested 200 000 deep', () => nested(200_000, '[', ']'), [{ path: '/' }]],
    ['20 000 employees, each null', (f) => JSON.stringify({ ...f, employees: Array.from({ length: 20_000 }, () => null) }), [{ path: '/employees', code: 'TOO_MANY_EMPLOYEES' }]],
    ['30 000 unknown fields on the employer', (f) => JSON.stringify({ ...f, employer: { ...f.employer, ...Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, 0])) } }), [{ path: '/employer/k0', code: 'UNKNOWN_FIELD' }]],
    ['a name of 1.5 million characters', (f) => JSON.stringify(f).replace(`"name":${JSON.stringify(f.employees[0].name)}`, `"name":"${'张'.repeat(500_000)}"`), [{ path: '/employees/0/name', code: 'FORMAT' }]],
  ];
  for (const [name, make, errors] of deep) {
    it(name, async () => {
      const { filing, token } = await freshFiling();
      const body = make(filing);
      await expectRefused(system.db, () => jsonRequest(url, 'POST', '/api/filings', { token, rawBody: body }), { status: 400, errors }, { documentDir });
    });
  }
});

// -----------------------------------------------------------------------------------------------------------------

describe('forged, expired and malformed tokens: 401 everywhere', () => {
  interface Target {
    name: string;
    who: Who | 'fresh employer';
    request: (authorization: string) => Promise<RawRequest>;
  }
  const withAuth = (authorization: string, headers: Record<string, string> = {}) => ({ ...headers, ...(authorization ? { authorization } : {}) });
  const targets: Target[] = [
    { name: 'GET /api/filings', who: 'clerkA', request: async (auth) => ({ path: '/api/filings', headers: withAuth(auth) }) },
    { name: 'GET /api/filings/{A}', who: 'employerA', request: async (auth) => ({ path: `/api/filings/${fixture.A}`, headers: withAuth(auth) }) },
    {
      name: 'POST /api/filings',
      who: 'fresh employer',
      request: async (auth) => ({ method: 'POST', path: '/api/filings', headers: withAuth(auth, { 'content-type': 'application/json' }), body: JSON.stringify(syntheticFiling(nextSeed - 1)) }),
    },
    { name: 'GET /api/tasks', who: 'clerkA', request: async (auth) => ({ path: '/api/tasks', headers: withAuth(auth) }) },
    {
      name: 'PATCH /api/employers/{usccA}',
      who: 'cityHangzhou',
      request: async (auth) => ({ method: 'PATCH', path: `/api/employers/${fixture.usccA}`, headers: withAuth(auth, { 'content-type': 'application/json' }), body: JSON.stringify(EMPLOYER_CHANGE) }),
    },
    { name: 'GET /api/calendar/years', who: 'employerA', request: async (auth) => ({ path: '/api/calendar/years', headers: withAuth(auth) }) },
    {
      name: 'PUT /api/settings/filing-season',
      who: 'policy',
      request: async (auth) => ({ method: 'PUT', path: '/api/settings/filing-season', headers: withAuth(auth, { 'content-type': 'application/json' }), body: JSON.stringify(SEASON) }),
    },
    {
      name: 'POST /api/filings/{A}/documents',
      who: 'employerA',
      request: async (auth) => ({
        method: 'POST',
        path: `/api/filings/${fixture.A}/documents`,
        headers: withAuth(auth, { 'content-type': multipartType() }),
        body: multipart([{ field: 'kind', value: 'evidence' }, { field: 'file', filename: 'a.pdf', bytes: pdf(`forged-${nextSeed++}`) }]),
      }),
    },
    { name: 'GET /api/filings/{A}/documents/{docA}', who: 'employerA', request: async (auth) => ({ path: `/api/filings/${fixture.A}/documents/${fixture.docA}`, headers: withAuth(auth) }) },
    {
      name: 'POST /api/employee-imports',
      who: 'employerA',
      request: async (auth) => ({
        method: 'POST',
        path: '/api/employee-imports?year=2025',
        headers: withAuth(auth, { 'content-type': multipartType() }),
        body: multipart([{ field: 'file', filename: 'list.xlsx', bytes: template }]),
      }),
    },
    { name: 'GET /api/templates/employees.csv', who: 'employerA', request: async (auth) => ({ path: '/api/templates/employees.csv', headers: withAuth(auth) }) },
  ];
  const kinds = forgeries('a', {}, 'b').map((f) => f.name);
  const cases = targets.flatMap((target) => kinds.map((kind) => ({ name: `${target.name}: ${kind}`, target, kind })));

  for (const { name, target, kind } of cases) it(name, async () => {
    let genuine: string;
    let identity: Record<string, unknown>;
    if (target.who === 'fresh employer') {
      const filing = syntheticFiling(nextSeed++);
      const res = await jsonRequest(url, 'POST', '/api/dev/login', { body: { role: 'employer', uscc: filing.employer.uscc } });
      genuine = res.body.token;
      identity = res.body.identity;
    } else {
      genuine = tokens[target.who];
      identity = identities[target.who];
    }
    const ended = (await jsonRequest(url, 'POST', '/api/dev/login', { body: { role: 'employer', uscc: identity.uscc ?? syntheticFiling(nextSeed++).employer.uscc } })).body.token as string;
    expect((await jsonRequest(url, 'POST', '/api/session/logout', { token: ended })).status).toBe(204);
    const forged = forgeries(genuine, identity, ended).find((f) => f.name === kind);
    if (!forged) throw new Error(`no forgery ${kind}`);
    const request = await target.request(forged.header);
    await expectRefused(system.db, () => rawRequest(url, request), { status: 401 }, { documentDir });
  });

  it('accepts the scheme in any letter case (RFC 7235): "bearer" and "BEARER" work', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const res = await rawRequest(url, { path: '/api/calendar/years', headers: { authorization: `${scheme} ${tokens.employerA}` } });
      expect(res.status, `${scheme}: ${res.text.slice(0, 200)}`).toBe(200);
    }
  });
});

// -----------------------------------------------------------------------------------------------------------------

describe("other units' and counties' records: 404, exactly as an unknown id", () => {
  refusesAll(scopeCases);

  it('answers an outsider with the very problem an unknown id gets', async () => {
    const unknown = await jsonRequest(url, 'GET', `/api/filings/${UNKNOWN_UUID}`, { token: tokens.employerB });
    const outsider = await jsonRequest(url, 'GET', `/api/filings/${fixture.A}`, { token: tokens.employerB });
    expect(outsider.status).toBe(404);
    expect({ ...outsider.body, detail: undefined }).toEqual({ ...unknown.body, detail: undefined });
    const unknownDoc = await jsonRequest(url, 'GET', `/api/filings/${fixture.B}/documents/${UNKNOWN_UUID}`, { token: tokens.employerB });
    const othersDoc = await jsonRequest(url, 'GET', `/api/filings/${fixture.B}/documents/${fixture.docA}`, { token: tokens.employerB });
    expect({ ...othersDoc.body, detail: undefined }).toEqual({ ...unknownDoc.body, detail: undefined });
  });

  const uploaders: [string, Who][] = [
    ['another employer uploads to A', 'employerB'],
    ["another county's clerk uploads to A", 'clerkB'],
    ["another county's reviewer uploads to A", 'reviewerB'],
    ['policy staff upload to A', 'policy'],
  ];
  for (const [name, who] of uploaders) {
    it(`${name} → 404`, async () => {
      const send = () => upload(tokens[who], `/api/filings/${fixture.A}/documents`, [{ field: 'kind', value: 'scan' }, { field: 'file', filename: 'scan.pdf', bytes: pdf(`outsider-${who}`) }]);
      await expectRefused(system.db, send, { status: 404 }, { documentDir });
    });
  }
});

describe('GET /api/filings and /api/filings/{id}: bad queries', () => refusesAll(filingQueryCases));
describe("the unit's master data: /api/employers/{uscc}", () => refusesAll(employerCases));
describe('POST /api/dev/login', () => refusesAll(loginCases));
describe('the working-day calendar', () => refusesAll(calendarCases));
describe('the filing season', () => refusesAll(seasonCases));
describe('POST /api/deployments', () => refusesAll(deploymentCases));
describe('tasks', () => refusesAll(taskCases));
describe('unknown routes and wrong methods', () => refusesAll(routeCases));

// -----------------------------------------------------------------------------------------------------------------

interface UploadCase {
  name: string;
  as?: Who;
  path?: string;
  /** The form's parts; a function where they need the suite's fixtures (the downloaded template). */
  parts?: Part[] | (() => Part[]);
  /** Bytes to send instead of a form built from `parts`. */
  body?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  closed?: boolean;
  sendOnly?: number;
  status: number | readonly number[];
  errors?: FieldExpectation[];
}

function runUploads(defaultPath: string, cases: UploadCase[]): void {
  for (const c of cases) it(c.name, async () => {
    const send = () =>
      rawRequest(url, {
        method: 'POST',
        path: fill(c.path ?? defaultPath),
        headers: {
          'content-type': c.contentType ?? multipartType(),
          authorization: `Bearer ${tokens[c.as ?? 'employerA']}`,
          ...(c.headers ?? {}),
        },
        body: c.body ?? multipart((typeof c.parts === 'function' ? c.parts() : c.parts) ?? [], c.closed === false ? { closed: false } : {}),
        ...(c.sendOnly !== undefined ? { sendOnly: c.sendOnly } : {}),
      });
    await expectRefused(system.db, send, refusal(c.status, c.errors), { documentDir });
  });
}

const kind = (value = 'evidence'): Part => ({ field: 'kind', value });
const file = (bytes: Uint8Array | string, filename = 'a.pdf', type = 'application/pdf'): Part => ({ field: 'file', filename, bytes, type });

describe('POST /api/filings/{id}/documents: bad uploads', () => {
  const good = pdf('good-beside-a-bad-one');
  const truncatedInFile = multipart([kind(), file(pdf('cut-in-the-middle', 4000))]).subarray(0, 2500);
  runUploads('/api/filings/{A}/documents', [
    { name: 'JSON instead of a form', contentType: 'application/json', body: Buffer.from('{"kind":"scan","file":"JVBERi0="}'), status: 415 },
    { name: 'multipart without a boundary', contentType: 'multipart/form-data', parts: [kind(), file(pdf('no-boundary'))], status: 400, errors: [{ path: '/', code: 'FORMAT' }] },
    { name: 'a form without its closing boundary', parts: [kind(), file(pdf('unclosed'))], closed: false, status: 400, errors: [{ path: '/', code: 'FORMAT' }] },
    { name: 'a form cut off inside the file', body: truncatedInFile, status: 400, errors: [{ path: '/', code: 'FORMAT' }] },
    { name: 'an empty body', body: Buffer.alloc(0), status: 400, errors: [{ path: '/', code: ['FORMAT', 'REQUIRED'] }] },
    { name: 'a boundary other than the one declared', contentType: multipartType('other-boundary'), parts: [kind(), file(pdf('wrong-boundary'))], status: 400 },
    { name: 'no file', parts: [kind()], status: 400, errors: [{ path: '/file', code: 'REQUIRED' }] },
    { name: 'an empty file', parts: [kind(), file('')], status: 400, errors: [{ path: '/file/0', code: 'FILE_TYPE' }] },
    { name: 'an executable named .pdf', parts: [kind(), file(exe, 'scan.pdf')], status: 400, errors: [{ path: '/file/0', code: 'FILE_TYPE' }] },
    { name: 'HTML named .png', parts: [kind(), file(html, 'photo.png', 'image/png')], status: 400, errors: [{ path: '/file/0', code: 'FILE_TYPE' }] },
    { name: 'SVG with script named .png', parts: [kind(), file(svg, 'photo.png', 'image/png')], status: 400, errors: [{ path: '/file/0', code: 'FILE_TYPE' }] },
    { name: 'three bytes of the PDF magic', parts: [kind(), file(cutPdfMagic)], status: 400, errors: [{ path: '/file/0', code: 'FILE_TYPE' }] },
    { name: 'a good PDF and an executable: neither kept', parts: [kind(), file(good), file(exe, 'b.pdf')], status: 400, errors: [{ path: '/file/1', code: 'FILE_TYPE' }] },
    { name: 'an executable with a path in its name', parts: [kind(), file(exe, '../../../../etc/cron.d/evil.pdf')], status: 400, errors: [{ path: '/file/0', code: 'FILE_TYPE' }] },
    { name: 'no kind', parts: [file(pdf('no-kind'))], status: 400, errors: [{ path: '/kind', code: 'REQUIRED' }] },
    { name: 'an unknown kind', parts: [kind('contract'), file(pdf('unknown-kind'))], status: 400, errors: [{ path: '/kind', code: 'FORMAT' }] },
    { name: 'kind twice', parts: [kind('scan'), kind('evidence'), file(pdf('kind-twice'))], status: 400, errors: [{ path: '/kind', code: 'FORMAT' }] },
    { name: 'kind with a NUL', parts: [kind('scan\u0000'), file(pdf('kind-nul'))], status: 400, errors: [{ path: '/kind', code: 'FORMAT' }] },
    { name: 'kind of 2 000 bytes', parts: [kind('s'.repeat(2000)), file(pdf('kind-long'))], status: 400, errors: [{ path: '/kind', code: 'FORMAT' }] },
    ...['-1', '1.5', '０', '0x1', '1e1', '9999999', ' 1'].map((index): UploadCase => ({
      name: `employee index ${JSON.stringify(index)}`,
      parts: [kind(), { field: 'employeeIndex', value: index }, file(pdf(`index-${index}`))],
      status: 400,
      errors: [{ path: '/employeeIndex', code: 'FORMAT' }],
    })),
    { name: 'employee index past the declared employees', parts: [kind(), { field: 'employeeIndex', value: '2' }, file(pdf('index-2'))], status: 400, errors: [{ path: '/employeeIndex', code: 'EMPLOYEE_INDEX' }] },
    { name: 'an unknown text field', parts: [kind(), { field: 'filingId', value: UNKNOWN_UUID }, file(pdf('unknown-field'))], status: 400, errors: [{ path: '/filingId', code: 'UNKNOWN_FIELD' }] },
    { name: 'the file under another name', parts: [kind(), { field: 'attachment', filename: 'a.pdf', bytes: pdf('attachment') }], status: 400, errors: [{ path: '/attachment', code: 'UNKNOWN_FIELD' }] },
    { name: 'eleven files', parts: [kind(), ...Array.from({ length: 11 }, (_, i) => file(pdf(`eleven-${i}`)))], status: 400, errors: [{ path: '/file', code: 'TOO_MANY_FILES' }] },
    { name: 'twenty-five text fields', parts: [kind(), ...Array.from({ length: 25 }, (_, i) => ({ field: `f${i}`, value: 'x' })), file(pdf('many-fields'))], status: 400 },
    { name: 'a file one byte over DOCUMENT_MAX_BYTES', parts: [kind(), file(pdf('too-big', DOCUMENT_MAX_BYTES + 1))], status: 413 },
    {
      name: 'a Content-Length no upload may have',
      headers: { 'content-length': String(50 * 1024 ** 3) },
      parts: [kind(), file(pdf('declared-huge'))],
      sendOnly: 100,
      status: 413,
    },
    { name: 'to an unknown filing', path: '/api/filings/{uuid}/documents', parts: [kind(), file(pdf('unknown-filing'))], status: 404 },
    { name: 'to a filing id that is no UUID', path: '/api/filings/..%2F..%2F/documents', parts: [kind(), file(pdf('bad-id'))], status: 404 },
    { name: 'without a token', as: 'employerA', headers: { authorization: '' }, parts: [kind(), file(pdf('no-token'))], status: 401 },
  ]);
});

describe('POST /api/employee-imports: bad uploads', () => {
  const list = (bytes: Uint8Array | string, filename = 'list.xlsx'): Part => ({ field: 'file', filename, bytes });
  const path = '/api/employee-imports?year=2025';
  const csv = (text: string) => Buffer.from(text, 'utf8');
  runUploads(path, [
    { name: 'no year', path: '/api/employee-imports', parts: () => [list(template)], status: 400, errors: [{ path: '/year', code: 'REQUIRED' }] },
    { name: 'year "abc"', path: '/api/employee-imports?year=abc', parts: () => [list(template)], status: 400, errors: [{ path: '/year', code: 'FORMAT' }] },
    { name: 'year 2014', path: '/api/employee-imports?year=2014', parts: () => [list(template)], status: 400, errors: [{ path: '/year', code: 'YEAR_RANGE' }] },
    { name: 'year twice', path: '/api/employee-imports?year=2025&year=2024', parts: () => [list(template)], status: 400, errors: [{ path: '/year', code: 'FORMAT' }] },
    { name: 'year in full-width digits', path: `/api/employee-imports?year=${encodeURIComponent('２０２５')}`, parts: () => [list(template)], status: 400, errors: [{ path: '/year', code: 'FORMAT' }] },
    { name: 'an unknown query parameter', path: '/api/employee-imports?year=2025&sheet=1', parts: () => [list(template)], status: 400, errors: [{ path: '/sheet', code: 'UNKNOWN_FIELD' }] },
    { name: 'JSON instead of a form', contentType: 'application/json', body: Buffer.from('{"file":"UEsDBA=="}'), status: 415 },
    { name: 'a form without its closing boundary', parts: () => [list(template)], closed: false, status: 400, errors: [{ path: '/', code: 'FORMAT' }] },
    { name: 'no file', parts: () => [], status: 400, errors: [{ path: '/file', code: 'REQUIRED' }] },
    { name: 'an empty file', parts: () => [list('')], status: 400, errors: [{ path: '/file' }] },
    { name: 'a file of only a byte-order mark', parts: () => [list('\ufeff', 'list.csv')], status: 400, errors: [{ path: '/file' }] },
    { name: 'a PNG named .xlsx', parts: () => [list(png)], status: 400, errors: [{ path: '/file', code: 'FILE_TYPE' }] },
    { name: 'a legacy .xls', parts: () => [list(ole, 'list.xls')], status: 400, errors: [{ path: '/file', code: 'FILE_TYPE' }] },
    { name: 'an executable named .csv', parts: () => [list(exe, 'list.csv')], status: 400, errors: [{ path: '/file', code: 'FILE_TYPE' }] },
    { name: 'a zip that is no workbook', parts: () => [list(plainZip())], status: 400, errors: [{ path: '/file', code: 'FILE_TYPE' }] },
    { name: 'a zip bomb: one sheet inflating to 70 MB', parts: () => [list(zipBomb())], status: 400, errors: [{ path: '/file', code: 'FILE_TOO_COMPLEX' }] },
    { name: 'a zip bomb declaring 100 bytes', parts: () => [list(lyingZip())], status: 400, errors: [{ path: '/file', code: ['FILE_TOO_COMPLEX', 'FILE_TYPE'] }] },
    { name: 'a zip of 1 200 entries', parts: () => [list(zipOfManyEntries())], status: 400, errors: [{ path: '/file', code: 'FILE_TOO_COMPLEX' }] },
    { name: 'the template cut in half', parts: () => [list(template.subarray(0, Math.floor(template.length / 2)))], status: 400, errors: [{ path: '/file', code: 'FILE_TYPE' }] },
    { name: 'two files', parts: () => [list(template), list(template, 'again.xlsx')], status: 400, errors: [{ path: '/file', code: 'TOO_MANY_FILES' }] },
    { name: 'an extra text field', parts: () => [{ field: 'note', value: 'x' }, list(template)], status: 400, errors: [{ path: '/note', code: 'UNKNOWN_FIELD' }] },
    { name: 'a CSV with NUL bytes', parts: () => [list(csv('姓名,身份证号\u0000\r\n张三,1\r\n'), 'list.csv')], status: 400, errors: [{ path: '/file', code: 'FILE_TYPE' }] },
    { name: 'a CSV with a quote left open', parts: () => [list(csv('姓名,身份证号\r\n"张三,1\r\n'), 'list.csv')], status: 400, errors: [{ path: '/file', code: 'CSV_QUOTE' }] },
    { name: 'a file one byte over DOCUMENT_MAX_BYTES', parts: () => [list(Buffer.alloc(DOCUMENT_MAX_BYTES + 1, 0x41), 'list.csv')], status: 413 },
    { name: 'a Content-Length no list may have', headers: { 'content-length': String(50 * 1024 ** 3) }, parts: () => [list(template)], sendOnly: 100, status: 413 },
    { name: 'a reviewer imports', as: 'reviewerB', parts: () => [list(template)], status: 403 },
  ]);
});
