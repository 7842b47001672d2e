// The certification confirmation (年审认证确认书) against the real PostgreSQL and HTTP, without the engine: the
// issue-certificate handler run directly with fake jobs, then the certificate as its readers see it (JSON, a PDF
// whose Chinese text is really there), the public check of a code (JSON and page) against hostile input, re-runs
// that issue nothing new, and a second certification superseding the first.
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFICATION_CODE_PATTERN } from '../../certificates/verification-code.ts';
import type { ReviewResult, RuleVersions } from '../../review/review-result.ts';
import { saveReview } from '../../review/review-store.ts';
import { createIssueCertificateHandler } from '../../workers/issue-certificate.ts';
import type { Job } from '../../workers/job-outcome.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { syntheticFiling } from '../support/fixtures.ts';

const YEAR = 2025;
// What the registrar calls unit A: printed instead of the declared name; its characters need escaping on a page.
const REGISTERED_NAME = '杭州“西湖”<新材料>&科技有限公司';

const RULES: RuleVersions = {
  counting: { key: 'employee-month', id: 'd1', version: 1 },
  weight: { key: 'certificate-weight', id: 'd2', version: 1 },
  levy: { key: 'levy-policy', id: 'd3', version: 1 },
};

function review(certifiedCount: number, requiredCount: number): ReviewResult {
  return {
    year: YEAR,
    certifiedCount,
    requiredCount,
    shortfall: Math.max(0, Math.round((requiredCount - certifiedCount) * 100) / 100),
    levyEstimate: { base: 0, reductionRate: 0, payable: 0, exempt: false, wageBase: 80000, wageBaseCap: 260000, quotaRatio: 0.015, actualRatio: 0.0117, provisional: false },
    employerFindings: [],
    employees: [],
  };
}

let api: TestApi;
let issue: ReturnType<typeof createIssueCertificateHandler>;

interface Unit {
  uscc: string;
  filingId: string;
  employer: string;
}

async function fileUnit(seed: number, regionCode = '330106'): Promise<Unit> {
  const filing = syntheticFiling(seed, { regionCode, year: YEAR });
  const employer = await api.login({ role: 'employer', uscc: filing.employer.uscc });
  const res = await api.request('POST', '/api/filings', { token: employer, body: filing });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { uscc: filing.employer.uscc, filingId: res.body.id, employer };
}

function job(key: string, filingId: string, variables: Record<string, unknown> = {}): Job {
  return { key, variables: { filingId, confirmResultCompletedBy: 'dev-employer-a', ...variables }, retries: 3, businessKey: filingId };
}

async function certificateCount(filingId: string): Promise<number> {
  const found = await api.db.query<{ n: string }>('select count(*) as n from certificates where filing_id = $1', [filingId]);
  return Number(found.rows[0]?.n);
}

async function get(path: string, token?: string) {
  const res = await fetch(api.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  expect(pdf.numPages).toBe(1);
  const [, , width, height] = (await pdf.getPage(1)).view;
  expect([Math.round(width ?? 0), Math.round(height ?? 0)]).toEqual([595, 842]); // A4 in points
  return (await extractText(pdf, { mergePages: true })).text;
}

let a: Unit;
let b: Unit;

beforeAll(async () => {
  api = await startTestApi();
  issue = createIssueCertificateHandler(api.db);
  a = await fileUnit(970_001);
  b = await fileUnit(970_002);
  await api.db.query('update employers set registered_name = $1 where uscc = $2', [REGISTERED_NAME, a.uscc]);
  await saveReview(api.db, a.filingId, review(3.5, 4.5), RULES, 'review-task-a');
});
afterAll(async () => {
  await api?.close();
});

describe('before certification', () => {
  it('has no certificate to show or print', async () => {
    const res = await api.request('GET', `/api/filings/${a.filingId}/certificate`, { token: a.employer });
    expect(res.status).toBe(404);
    expect(res.body.title).toBe('尚未年审认证');
    expect((await get(`/api/filings/${a.filingId}/certificate.pdf`, a.employer)).status).toBe(404);
  });
});

describe('the issue-certificate job', () => {
  it('stops for good, in Chinese, when the filing has no stored review', async () => {
    const outcome = await issue(job('task-no-review', b.filingId));
    expect(outcome).toEqual({ kind: 'fail', retries: 0, message: expect.stringContaining('该申报尚无审核结果') });
    expect(await certificateCount(b.filingId)).toBe(0);
  });

  it('refuses bad variables and an unknown filing as BPMN errors', async () => {
    expect(await issue({ key: 't-bad', variables: { filingId: 'not-a-uuid' }, retries: 3 })).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
    expect(await issue({ key: 't-bad', variables: {}, retries: 3 })).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
    expect(await issue({ key: 't-bad', variables: { filingId: a.filingId, confirmResultCompletedBy: 42 }, retries: 3 })).toMatchObject({
      kind: 'bpmnError',
      errorCode: 'INVALID_VARIABLES',
    });
    expect(await issue({ key: 't-bad', variables: { filingId: a.filingId }, retries: 3, businessKey: b.filingId })).toMatchObject({ errorCode: 'INVALID_VARIABLES' });
    expect(await issue({ key: 't-bad', variables: { filingId: '00000000-0000-4000-8000-000000000000' }, retries: 3 })).toMatchObject({
      kind: 'bpmnError',
      errorCode: 'FILING_NOT_FOUND',
    });
    expect(await certificateCount(a.filingId)).toBe(0);
  });
});

describe('the first certification', () => {
  let code: string;

  beforeAll(async () => {
    const outcome = await issue(job('task-certify-1', a.filingId));
    if (outcome.kind !== 'complete') throw new Error(`not issued: ${JSON.stringify(outcome)}`);
    const { variables } = outcome;
    expect(variables).toEqual({ certificateCode: expect.stringMatching(new RegExp(VERIFICATION_CODE_PATTERN)), certifiedAt: expect.any(String), certificationSequence: 1 });
    expect(new Date(variables.certifiedAt).toISOString()).toBe(variables.certifiedAt);
    code = variables.certificateCode;
  });

  it('is issued once however often the same task is handed out, even at the same time', async () => {
    const again = await issue(job('task-certify-1', a.filingId));
    expect(again).toMatchObject({ kind: 'complete', variables: { certificateCode: code, certificationSequence: 1 } });
    expect(await certificateCount(a.filingId)).toBe(1);

    // Another unit's task delivered twice at once: still one certificate.
    const c = await fileUnit(970_003);
    await saveReview(api.db, c.filingId, review(1, 1.5), RULES, 'review-task-c');
    const [first, second] = await Promise.all([issue(job('task-c', c.filingId)), issue(job('task-c', c.filingId))]);
    expect(first.kind).toBe('complete');
    expect(second).toEqual(first);
    expect(await certificateCount(c.filingId)).toBe(1);
  });

  it('is shown to the unit and to its county, with the registered name and the page that verifies it', async () => {
    for (const token of [a.employer, await api.login({ role: 'reviewer', regionCode: '330106' }), await api.login({ role: 'city', regionCode: '330100' })]) {
      const res = await api.request('GET', `/api/filings/${a.filingId}/certificate`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        code,
        sequence: 1,
        year: YEAR,
        employerUscc: a.uscc,
        employerName: REGISTERED_NAME,
        certifiedCount: 3.5,
        requiredCount: 4.5,
        issuedAt: expect.any(String),
        verifyUrl: `${api.url}/verify/${code}`,
        pdfHref: `/api/filings/${a.filingId}/certificate.pdf`,
      });
    }
  });

  it('is hidden from another unit and another county as if the filing did not exist', async () => {
    const otherCounty = await api.login({ role: 'reviewer', regionCode: '330102' });
    for (const token of [b.employer, otherCounty]) {
      for (const path of [`/api/filings/${a.filingId}/certificate`, `/api/filings/${a.filingId}/certificate.pdf`]) {
        const res = await get(path, token);
        expect(res.status, path).toBe(404);
        expect(JSON.parse(res.bytes.toString('utf8')).title).toBe('未找到该申报');
      }
    }
    expect((await get(`/api/filings/${a.filingId}/certificate.pdf`)).status).toBe(401);
  });

  it('downloads as a one-page A4 PDF whose Chinese text names the unit, year, counts and code, and is audited', async () => {
    const res = await get(`/api/filings/${a.filingId}/certificate.pdf`, a.employer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(new RegExp(`^attachment; filename="certificate-${YEAR}-${code}\\.pdf"; filename\\*=UTF-8''`));
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe(`残疾人按比例就业年审认证确认书-${REGISTERED_NAME}-${YEAR}年度.pdf`);
    expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = await pdfText(res.bytes);
    const flat = text.replace(/\s+/g, '');
    for (const expected of [
      '残疾人按比例就业年审认证确认书',
      REGISTERED_NAME,
      a.uscc,
      `${YEAR}年度`,
      '认定安排残疾人就业人数3.50人',
      '应安排残疾人就业人数4.50人',
      code,
      `${api.url}/verify/${code}`,
      '杭州市西湖区残疾人联合会',
    ]) {
      expect(flat, expected).toContain(expected.replace(/\s+/g, ''));
    }
    expect(flat).toMatch(/出具日期\d{4}年\d{1,2}月\d{1,2}日/);
    expect(flat).not.toContain('次认证）');

    const audited = await api.db.query(`select actor, subject_type, detail from audit_log where action = 'certificate.download' and subject_id = $1`, [code]);
    expect(audited.rows).toEqual([{ actor: `dev-employer-${a.uscc}`, subject_type: 'certificate', detail: { filingId: a.filingId, sequence: 1 } }]);
  });

  it('is verified publicly by its code, however typed, showing only what the paper shows', async () => {
    for (const typed of [code, code.toLowerCase(), code.replace(/-/g, ''), encodeURIComponent(` ${code} `)]) {
      const res = await api.request('GET', `/api/certificates/${typed}`);
      expect(res.status, typed).toBe(200);
      expect(res.body).toEqual({
        code,
        valid: true,
        status: 'valid',
        employerName: REGISTERED_NAME,
        employerUscc: a.uscc,
        year: YEAR,
        certifiedCount: 3.5,
        requiredCount: 4.5,
        sequence: 1,
        issuedAt: expect.any(String),
        supersededAt: null,
      });
    }
  });

  it('has a public page that says it is valid, with every value escaped', async () => {
    for (const path of [`/verify/${code}`, `/verify?code=${code.toLowerCase()}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = res.bytes.toString('utf8');
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('该确认书真实有效');
      expect(html).toContain('杭州“西湖”&lt;新材料&gt;&amp;科技有限公司');
      expect(html).not.toContain('<新材料>');
      expect(html).toContain('3.50 人');
      expect(html).toContain(`action="${api.url}/verify"`);
      // Nothing fetched from elsewhere, nothing run.
      expect(html).not.toMatch(/<script|<link|<img|src=|https?:\/\/(?!127\.0\.0\.1)/);
    }
  });
});

describe('codes that match nothing, and garbage', () => {
  const unknown = '0000-0000-0000-0000';

  it('an unknown code is 404 in JSON and on the page', async () => {
    const json = await api.request('GET', `/api/certificates/${unknown}`);
    expect(json.status).toBe(404);
    expect(json.body.title).toBe('未找到该验证码对应的确认书');
    const page = await get(`/verify?code=${unknown}`);
    expect(page.status).toBe(404);
    expect(page.bytes.toString('utf8')).toContain('未找到该验证码对应的确认书');
  });

  it('the page without a code is the form alone', async () => {
    const page = await get('/verify');
    expect(page.status).toBe(200);
    const html = page.bytes.toString('utf8');
    expect(html).toContain('<form method="get"');
    expect(html).not.toContain('class="result');
  });

  const hostile = [
    '%00',
    `${unknown.slice(0, 18)}%00`,
    'A'.repeat(4000),
    encodeURIComponent('验证码验证码验证码验证码验证码验证'),
    encodeURIComponent('😀😀😀😀-😀😀😀😀-😀😀😀😀-😀😀😀😀'),
    '%E0%A4%A',
    '%ED%A0%80',
    '..%2F..%2Fetc%2Fpasswd',
    encodeURIComponent('<script>alert(1)</script>'),
    encodeURIComponent("' or 1=1 --"),
    '0000-0000-0000-0001',
  ];

  it.each(hostile)('%s is refused with 400, as a field error on /code', async (raw) => {
    const res = await get(`/api/certificates/${raw}`);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.bytes.toString('utf8'));
    if (raw === '%E0%A4%A' || raw === '%ED%A0%80') return; // the address itself cannot be decoded: a plain 400
    expect(body.errors).toEqual([{ path: '/code', code: expect.stringMatching(/^(FORMAT|CODE_CHECKSUM)$/), message: expect.stringContaining('确认书验证码') }]);
  });

  it.each(hostile)('%s gets the page with a 400 and nothing of it unescaped', async (raw) => {
    for (const path of [`/verify/${raw}`, `/verify?code=${raw}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      const html = res.bytes.toString('utf8');
      expect(html).toContain('无法核验');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('\u0000');
    }
  });

  it('a mistyped character is told apart from a malformed code', async () => {
    const res = await api.request('GET', '/api/certificates/0000-0000-0000-0001');
    expect(res.body.errors).toEqual([{ path: '/code', code: 'CODE_CHECKSUM', message: '确认书验证码的校验位不符，可能有字符输入错误，请核对后重新输入' }]);
  });

  it('a repeated query parameter is refused, not joined', async () => {
    const res = await get(`/verify?code=${unknown}&code=${unknown}`);
    expect(res.status).toBe(400);
  });
});

describe('a second certification after feedback and re-review', () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    first = (await api.request('GET', `/api/filings/${a.filingId}/certificate`, { token: a.employer })).body.code;
    await saveReview(api.db, a.filingId, review(4.5, 4.5), RULES, 'review-task-a-2');
    const outcome = await issue(job('task-certify-2', a.filingId));
    if (outcome.kind !== 'complete') throw new Error(`not issued: ${JSON.stringify(outcome)}`);
    expect(outcome.variables.certificationSequence).toBe(2);
    second = outcome.variables.certificateCode;
  });

  it('issues a new code with the new count and makes it the current one', async () => {
    expect(second).not.toBe(first);
    const res = await api.request('GET', `/api/filings/${a.filingId}/certificate`, { token: a.employer });
    expect(res.body).toMatchObject({ code: second, sequence: 2, certifiedCount: 4.5 });
    const text = (await pdfText((await get(`/api/filings/${a.filingId}/certificate.pdf`, a.employer)).bytes)).replace(/\s+/g, '');
    expect(text).toContain('（第2次认证）');
    expect(text).toContain(second);
    expect(text).toContain('认定安排残疾人就业人数4.50人');
  });

  it('marks the first as superseded, publicly', async () => {
    const old = await api.request('GET', `/api/certificates/${first}`);
    expect(old.body).toMatchObject({ code: first, valid: false, status: 'superseded', sequence: 1, certifiedCount: 3.5, supersededAt: expect.any(String) });
    const current = await api.request('GET', `/api/certificates/${second}`);
    expect(current.body).toMatchObject({ valid: true, status: 'valid', sequence: 2, supersededAt: null });
    const page = (await get(`/verify/${first}`)).bytes.toString('utf8');
    expect(page).toContain('已被更新的确认书取代');
    expect(page).not.toContain('该确认书真实有效');
  });

  it('re-running either task changes nothing', async () => {
    expect(await issue(job('task-certify-1', a.filingId))).toMatchObject({ variables: { certificateCode: first, certificationSequence: 1 } });
    expect(await issue(job('task-certify-2', a.filingId))).toMatchObject({ variables: { certificateCode: second, certificationSequence: 2 } });
    expect(await certificateCount(a.filingId)).toBe(2);
    const current = await api.db.query('select code from certificates where filing_id = $1 and superseded_at is null', [a.filingId]);
    expect(current.rows).toEqual([{ code: second }]);
  });
});

describe('with PUBLIC_BASE_URL', () => {
  it('prints and links the configured address, whatever the request came to', async () => {
    const behindProxy = await startTestApi({ PUBLIC_BASE_URL: 'https://dpf.example.gov.cn/' });
    try {
      const token = await behindProxy.login({ role: 'employer', uscc: a.uscc });
      const res = await behindProxy.request('GET', `/api/filings/${a.filingId}/certificate`, { token });
      expect(res.body.verifyUrl).toBe(`https://dpf.example.gov.cn/verify/${res.body.code}`);
      const page = await (await fetch(`${behindProxy.url}/verify`)).text();
      expect(page).toContain('action="https://dpf.example.gov.cn/verify"');
    } finally {
      await behindProxy.close();
    }
  });
});
