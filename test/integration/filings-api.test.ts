// The filing API over real HTTP against the real PostgreSQL: validation, storage with its engine command,
// roles and region scope, masking and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';
import { syntheticFiling } from '../support/fixtures.ts';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

async function count(table: string): Promise<number> {
  const result = await api.db.query<{ n: string }>(`select count(*) as n from ${table}`);
  return Number(result.rows[0]?.n);
}

describe('POST /api/filings', () => {
  it('stores a valid online filing with its status history and the command that starts its process', async () => {
    const filing = syntheticFiling(1);
    const token = await api.login({ role: 'employer', uscc: filing.employer.uscc });
    const res = await api.request('POST', '/api/filings', { token, body: filing });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('submitted');

    const row = await api.db.query('select * from filings where id = $1', [res.body.id]);
    expect(row.rows[0]).toMatchObject({ employer_uscc: filing.employer.uscc, handling_region_code: '330106', receiving_region_code: '330106' });
    const outbox = await api.db.query('select command, payload from outbox where business_key = $1', [res.body.id]);
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0].command).toBe('create-process-instance');
    expect(outbox.rows[0].payload).toMatchObject({ processId: 'annual-review', variables: { filingId: res.body.id, channel: 'online', handlingRegionCode: expect.any(String) } });
    const audited = await api.db.query(`select actor from audit_log where action = 'filing.create' and subject_id = $1`, [res.body.id]);
    expect(audited.rows[0]?.actor).toBe(`dev-employer-${filing.employer.uscc}`);
  });

  it('reports every problem at once, field by field, and stores nothing', async () => {
    const filing = syntheticFiling(2) as any;
    const token = await api.login({ role: 'employer', uscc: filing.employer.uscc });
    const before = { filings: await count('filings'), outbox: await count('outbox') };
    const lastChar = filing.employer.uscc.at(-1) === '0' ? '1' : '0';
    filing.employer.uscc = filing.employer.uscc.slice(0, 17) + lastChar; // wrong check character
    filing.employer.handlerPhone = '12345';
    delete filing.employer.legalRepName;
    const first = filing.employees[0];
    first.idNumber = first.idNumber.slice(0, 17) + (first.idNumber.at(-1) === '1' ? '2' : '1');
    const second = filing.employees[1];
    second.disabilityCategory = 9;
    second.certNumber = second.certNumber.slice(0, 19) + '1'; // grade digit no longer 3
    second.contractEnd = '2023-01-01';
    filing.commitment.accepted = false;

    // The employer's USCC is now wrong, so sign in as the unit it claims to be; validation comes first anyway.
    const res = await api.request('POST', '/api/filings', { token, body: filing });
    expect(res.status).toBe(400);
    const got = res.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort();
    expect(got).toEqual(
      [
        '/commitment/accepted COMMITMENT_MISSING',
        '/employees/0/idNumber ID_CHECKSUM',
        '/employees/1/certNumber CERT_NUMBER_MISMATCH',
        '/employees/1/contractEnd DATE_ORDER',
        '/employees/1/disabilityCategory CATEGORY_RANGE',
        '/employer/handlerPhone PHONE_FORMAT',
        '/employer/legalRepName REQUIRED',
        '/employer/uscc USCC_CHECKSUM',
      ].sort(),
    );
    const idError = res.body.errors.find((e: { path: string }) => e.path === '/employees/0/idNumber');
    expect(idError.message).toBe('第 1 名残疾职工的身份证号校验位不正确，请核对');
    expect({ filings: await count('filings'), outbox: await count('outbox') }).toEqual(before);
  });

  it('speaks English when the client asks for it', async () => {
    const filing = syntheticFiling(3) as any;
    const token = await api.login({ role: 'employer', uscc: filing.employer.uscc });
    filing.employees[0].phone = 'abc';
    const res = await api.request('POST', '/api/filings', { token, body: filing, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: '/employees/0/phone', code: 'PHONE_FORMAT', message: "employee 1's phone must be a mobile number or a fixed line with area code (0571-85781153)" },
    ]);
  });

  it('refuses callers without a token, and employers filing for another unit', async () => {
    const filing = syntheticFiling(4);
    expect((await api.request('POST', '/api/filings', { body: filing })).status).toBe(401);
    const other = await api.login({ role: 'employer', uscc: syntheticFiling(5).employer.uscc });
    const res = await api.request('POST', '/api/filings', { token: other, body: filing });
    expect(res.status).toBe(403);
    const reviewer = await api.login({ role: 'reviewer', regionCode: '330106' });
    expect((await api.request('POST', '/api/filings', { token: reviewer, body: filing })).status).toBe(403);
  });

  it('returns the first filing when a client repeats a POST with the same Idempotency-Key', async () => {
    const filing = syntheticFiling(6);
    const token = await api.login({ role: 'employer', uscc: filing.employer.uscc });
    const headers = { 'idempotency-key': 'retry-6' };
    const first = await api.request('POST', '/api/filings', { token, body: filing, headers });
    const again = await api.request('POST', '/api/filings', { token, body: filing, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const rows = await api.db.query('select count(*) as n from filings where employer_uscc = $1', [filing.employer.uscc]);
    expect(Number(rows.rows[0].n)).toBe(1);
  });

  it('rejects a review year outside the season when the season applies', async () => {
    const seasonal = await startTestApi({ FILING_SEASON: 'configured' });
    try {
      const filing = syntheticFiling(7, { year: new Date().getFullYear() - 3 });
      const token = await seasonal.login({ role: 'employer', uscc: filing.employer.uscc });
      const res = await seasonal.request('POST', '/api/filings', { token, body: filing });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['YEAR_RANGE']);
    } finally {
      await seasonal.close();
    }
  });

  it('answers 413 to a body over the size limit and 400 to malformed JSON', async () => {
    const small = await startTestApi({ BODY_LIMIT_BYTES: '2048' });
    try {
      const filing = syntheticFiling(8, { employees: 20 });
      const token = await small.login({ role: 'employer', uscc: filing.employer.uscc });
      expect((await small.request('POST', '/api/filings', { token, body: filing })).status).toBe(413);
      const broken = await small.request('POST', '/api/filings', { token, body: '{"year": 20' });
      expect(broken.status).toBe(400);
      expect(broken.body.errors[0].code).toBe('FORMAT');
    } finally {
      await small.close();
    }
  });
});

describe('window filings and who may read a filing', () => {
  let filingId: string;
  let employerUscc: string;

  beforeAll(async () => {
    // A clerk in 上城区 (330102) receives a filing for an employer of 西湖区 (330106): 收受分离.
    const filing = syntheticFiling(9);
    employerUscc = filing.employer.uscc;
    const clerk = await api.login({ role: 'clerk', regionCode: '330102', userId: 'clerk.wang' });
    const res = await api.request('POST', '/api/filings', { token: clerk, body: { ...filing, channel: 'window' } });
    expect(res.status).toBe(201);
    filingId = res.body.id;
  });

  it('records the receiving office apart from the handling office', async () => {
    const row = await api.db.query('select receiving_region_code, handling_region_code, created_by from filings where id = $1', [filingId]);
    expect(row.rows[0]).toEqual({ receiving_region_code: '330102', handling_region_code: '330106', created_by: 'clerk.wang' });
  });

  it.each([
    ['the employer itself', () => ({ role: 'employer', uscc: employerUscc }), 200],
    ['a reviewer of the handling county', () => ({ role: 'reviewer', regionCode: '330106' }), 200],
    ['a clerk of the receiving county', () => ({ role: 'clerk', regionCode: '330102' }), 200],
    ['the city of the handling county', () => ({ role: 'city', regionCode: '330100' }), 200],
    ['the province', () => ({ role: 'province' }), 200],
    ['another employer', () => ({ role: 'employer', uscc: syntheticFiling(10).employer.uscc }), 404],
    ['a reviewer of another county', () => ({ role: 'reviewer', regionCode: '330108' }), 404],
    ['another city', () => ({ role: 'city', regionCode: '330200' }), 404],
    ['an operator', () => ({ role: 'operator' }), 404],
  ])('%s gets %#', async (_who, login, status) => {
    const token = await api.login(login());
    const res = await api.request('GET', `/api/filings/${filingId}`, { token });
    expect(res.status).toBe(status);
  });

  it('masks personal numbers, shows the history, and audits the read', async () => {
    const token = await api.login({ role: 'employer', uscc: employerUscc });
    const res = await api.request('GET', `/api/filings/${filingId}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.employees[0].idNumber).toMatch(/^3301\*{10}[0-9X]{4}$/);
    expect(res.body.employees[0].certNumber).toMatch(/^3301\*{12}\d{4}$/);
    expect(res.body.employer.legalRepIdNumber).toMatch(/^\d{4}\*{10}[0-9X]{4}$/);
    expect(res.body.history).toEqual([expect.objectContaining({ status: 'submitted', actor: 'clerk.wang' })]);
    const audited = await api.db.query(`select actor from audit_log where action = 'filing.read' and subject_id = $1`, [filingId]);
    expect(audited.rows.map((r) => r.actor)).toContain(`dev-employer-${employerUscc}`);
  });

  it('reveals whole numbers only to DPF staff, and names them in the audit trail', async () => {
    const employer = await api.login({ role: 'employer', uscc: employerUscc });
    expect((await api.request('GET', `/api/filings/${filingId}?reveal=personal`, { token: employer })).status).toBe(403);
    const reviewer = await api.login({ role: 'reviewer', regionCode: '330106', userId: 'reviewer.li' });
    const res = await api.request('GET', `/api/filings/${filingId}?reveal=personal`, { token: reviewer });
    expect(res.status).toBe(200);
    expect(res.body.employees[0].idNumber).toMatch(/^\d{17}[\dX]$/);
    const audited = await api.db.query(
      `select actor from audit_log where action = 'filing.reveal_personal_numbers' and subject_id = $1`,
      [filingId],
    );
    expect(audited.rows).toEqual([{ actor: 'reviewer.li' }]);
  });

  it('lists only the filings in the caller’s scope', async () => {
    const reviewer = await api.login({ role: 'reviewer', regionCode: '330106' });
    const mine = await api.request('GET', `/api/filings?uscc=${employerUscc}`, { token: reviewer });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((f: { id: string }) => f.id)).toEqual([filingId]);
    const elsewhere = await api.login({ role: 'reviewer', regionCode: '330108' });
    const none = await api.request('GET', `/api/filings?uscc=${employerUscc}`, { token: elsewhere });
    expect(none.body).toEqual({ total: 0, items: [] });
    expect((await api.request('GET', '/api/filings?limit=1000', { token: reviewer })).status).toBe(400);
  });
});

describe('dev sign-in and health', () => {
  it('rejects a role without its scope, field by field', async () => {
    const res = await api.request('POST', '/api/dev/login', { body: { role: 'reviewer' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: '/regionCode', code: 'REQUIRED', message: expect.stringMatching(/^请填写/) }]);
    const bad = await api.request('POST', '/api/dev/login', { body: { role: 'nobody' } });
    expect(bad.body.errors[0]).toMatchObject({ path: '/role', code: 'FORMAT' });
  });

  it('rejects a forged token', async () => {
    const token = await api.login({ role: 'province' });
    const [body] = token.split('.');
    const forged = `${body}.${'A'.repeat(43)}`;
    expect((await api.request('GET', '/api/filings', { token: forged })).status).toBe(401);
  });

  it('reports the database up and, with no engine configured, the engine, deployment and workers unavailable: 503', async () => {
    const res = await api.request('GET', '/api/health');
    expect(res.status).toBe(503);
    expect(res.body.checks).toEqual([
      { name: 'database', state: 'up' },
      expect.objectContaining({ name: 'engine', state: 'unavailable' }),
      expect.objectContaining({ name: 'deployment', state: 'unavailable' }),
      expect.objectContaining({ name: 'workers', state: 'unavailable' }),
    ]);
  });
});
