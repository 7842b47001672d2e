// 上年数据导入 over real HTTP against the real PostgreSQL: GET /api/last-year-start/{uscc}?year=Y gives a unit's
// declaration of Y−1 — its filing here, or else its imported review history — as a draft for Y, those whose
// employment, contract or certificate ended marked for the employer to confirm; the employer sends the masked
// numbers back and they are last year's; everything else is checked as if typed. Scope, 404 and the audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employee, Filing } from '../../filings/declaration/filing.ts';
import { maskIdNumber } from '../../platform/masking.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { syntheticFiling } from '../support/fixtures.ts';
import { storeUnitFiling } from '../support/unit-filings.ts';

let api: TestApi;

// Unit F filed its 2024 declaration here; unit H's 2024 came from the history workbook; unit N has neither.
const FILED = syntheticFiling(23_400_001, { year: 2024, employees: 4 });
const HISTORY = syntheticFiling(23_400_002, { year: 2024, regionCode: '330108', employees: 2 });
const NONE = syntheticFiling(23_400_003, { year: 2024 });
let filedId: string;

/** Employee 1 left in June; employee 2's certificate ended in August (the review's reasons); employee 3's contract ended. */
function filedDeclaration(): Filing {
  const [e0, e1, e2, e3] = FILED.employees as [Employee, Employee, Employee, Employee];
  return {
    ...FILED,
    employees: [e0, { ...e1, employedTo: '2024-06-30' }, e2, { ...e3, contractEnd: '2024-12-31' }],
  };
}

/** The stored review of the 2024 filing: employee 2's months after July not counted, its certificate expired. */
function reviewOf(filing: Filing) {
  const months = (stopAfter: number | null, reason: string) =>
    Array.from({ length: 12 }, (_, i) => {
      const month = `2024-${String(i + 1).padStart(2, '0')}`;
      const counted = stopAfter === null || i + 1 <= stopAfter;
      return { month, counted, reasons: counted ? [] : [reason] };
    });
  return {
    year: 2024,
    certifiedCount: 3.5,
    requiredCount: 4.5,
    shortfall: 1,
    employerFindings: [],
    employees: filing.employees.map((_, index) => ({ index, counted: true, weight: 1, months: index === 2 ? months(7, 'CERT_EXPIRED') : months(index === 1 ? 6 : null, 'NOT_EMPLOYED') })),
  };
}

async function auditCount(action: string, subject: string): Promise<number> {
  const rows = await api.db.query<{ n: string }>('select count(*) as n from audit_log where action = $1 and subject_id = $2', [action, subject]);
  return Number(rows.rows[0]?.n);
}

beforeAll(async () => {
  api = await startTestApi();
  const filed = filedDeclaration();
  filedId = await storeUnitFiling(api.db, filed, 2024, 'certified');
  await api.db.query(`insert into filing_reviews (filing_id, result, rules, external_task_id) values ($1, $2, '{}', 'test:last-year-start')`, [
    filedId,
    JSON.stringify(reviewOf(filed)),
  ]);
  // A returned filing of the same year is not the unit's declaration: never the one copied.
  await storeUnitFiling(api.db, { ...filed, employees: [filed.employees[0] as Employee] }, 2024, 'returned');

  // The history import's tables, as part C's import writes them (migration 028).
  await api.db.query(
    `insert into review_history (uscc, year, unit_name, region_code, staff_count, average_wage, certified_count, required_count, levy_paid, import_id)
     values ($1, 2024, $2, '330108', 120, 76000, 2, 1.8, 0, gen_random_uuid())`,
    [HISTORY.employer.uscc, HISTORY.employer.name],
  );
  const [h0, h1] = HISTORY.employees as [Employee, Employee];
  const historyRows = [
    // A dispatched worker in a management post: the agency, the agreement and the post are carried into the draft.
    { ...h0, annualWage: 58000, postType: 'management_technical', employmentType: 'dispatch', dispatchAgencyUscc: NONE.employer.uscc, dispatchCountedHere: true },
    // Declared to have left in March.
    { name: h1.name, idNumber: h1.idNumber, certType: h1.certType, certNumber: h1.certNumber, disabilityGrade: h1.disabilityGrade, employmentType: 'other', employedFrom: '2024-01-01', employedTo: '2024-03-31', annualWage: 9000 },
  ];
  for (const [position, employee] of historyRows.entries()) {
    await api.db.query('insert into review_history_employees (uscc, year, position, employee) values ($1, 2024, $2, $3)', [HISTORY.employer.uscc, position, JSON.stringify(employee)]);
  }
});

afterAll(async () => {
  await api.close();
});

describe('GET /api/last-year-start/{uscc}: the draft from a filing here', () => {
  it('prefills the unit and its employees, masks the numbers, leaves the new year blank and flags who ended', async () => {
    const token = await api.login({ role: 'employer', uscc: FILED.employer.uscc });
    const before = await auditCount('filing.last_year_start', FILED.employer.uscc);
    const res = await api.request('GET', `/api/last-year-start/${FILED.employer.uscc}?year=2025`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ uscc: FILED.employer.uscc, year: 2025, fromYear: 2024, source: 'filing', filingId: filedId });
    expect(res.body.employees).toHaveLength(4);

    // The unit as filed, its figures of the year left blank, the representative's number masked.
    expect(res.body.employer).toMatchObject({ name: FILED.employer.name, regionCode: FILED.employer.regionCode, industryCode: FILED.employer.industryCode });
    expect(res.body.employer.averageStaffCount).toBeUndefined();
    expect(res.body.employer.averageAnnualWage).toBeUndefined();
    expect(res.body.employer.legalRepIdNumber).toBe(maskIdNumber(FILED.employer.legalRepIdNumber));

    const [e0, e1, e2, e3] = res.body.employees;
    expect(e0.employee.name).toBe(FILED.employees[0]!.name);
    expect(e0.employee.idNumber).toBe(maskIdNumber(FILED.employees[0]!.idNumber));
    for (const field of ['employedFrom', 'employedTo', 'annualWage']) expect(e0.employee[field]).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(FILED.employees[0]!.idNumber);
    expect(e0).toMatchObject({ needsConfirmation: false, reasons: [] });

    expect(e1.needsConfirmation).toBe(true);
    expect(e1.reasons.map((r: { code: string }) => r.code)).toEqual(['EMPLOYMENT_ENDED']);
    expect(e1.reasons[0].message).toContain('2024-06-30');
    expect(e2.reasons.map((r: { code: string }) => r.code)).toEqual(['CERTIFICATE_ENDED']);
    expect(e2.reasons[0].message).toContain('2024-07');
    expect(e3.reasons.map((r: { code: string }) => r.code)).toEqual(['CONTRACT_ENDED']);
    expect(e3.reasons[0].message).toMatch(/合同.*2024-12-31/);

    expect(await auditCount('filing.last_year_start', FILED.employer.uscc)).toBe(before + 1);
  });

  it('submitted with its masked numbers sent back: stored with last year\'s whole numbers, every field checked as typed', async () => {
    const token = await api.login({ role: 'employer', uscc: FILED.employer.uscc });
    const draft = (await api.request('GET', `/api/last-year-start/${FILED.employer.uscc}?year=2025`, { token })).body;
    // As the draft stands: the new year's figures are missing, and the checks say so field by field.
    const asDrafted = {
      year: 2025,
      channel: 'online',
      employer: draft.employer,
      employees: draft.employees.map((d: { employee: unknown }) => d.employee),
      commitment: { signer: FILED.employer.handlerName, signedAt: '2026-01-05', accepted: true },
    };
    const refused = await api.request('POST', '/api/filings', { token, body: asDrafted });
    expect(refused.status).toBe(400);
    const paths = refused.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/employer/averageStaffCount', '/employees/0/employedFrom', '/employees/0/annualWage']));
    // The masked numbers were recognised: none of them is reported.
    expect(paths.filter((p: string) => /idNumber|certNumber|Phone|phone/.test(p))).toEqual([]);

    // A masked number that names nobody of last year is refused at its field.
    const stranger = structuredClone(asDrafted);
    stranger.employees[0].idNumber = '3301**********0000';
    const unmatched = await api.request('POST', '/api/filings', { token, body: stranger });
    expect(unmatched.status).toBe(400);
    expect(unmatched.body.errors.find((e: { path: string }) => e.path === '/employees/0/idNumber')).toMatchObject({ code: 'MASKED_NOT_FILED' });

    // The employer removes the two who left, confirms the others, renews the contract, fills the new year in.
    const kept = [0, 2, 3].map((i) => ({
      ...draft.employees[i].employee,
      employedFrom: '2025-01-01',
      employedTo: '2025-12-31',
      annualWage: 61000,
      ...(i === 3 ? { contractStart: '2025-01-01', contractEnd: '2027-12-31' } : {}),
    }));
    const body = { ...asDrafted, employer: { ...draft.employer, averageStaffCount: 280, averageAnnualWage: 82000 }, employees: kept };
    const created = await api.request('POST', '/api/filings', { token, body, headers: { 'Idempotency-Key': 'last-year-start-1' } });
    expect(created.status).toBe(201);
    const stored = (await api.db.query<{ declaration: Filing }>('select declaration from filings where id = $1', [created.body.id])).rows[0]!.declaration;
    expect(stored.employees.map((e) => e.idNumber)).toEqual([0, 2, 3].map((i) => FILED.employees[i]!.idNumber));
    expect(stored.employees.map((e) => e.certNumber)).toEqual([0, 2, 3].map((i) => FILED.employees[i]!.certNumber));
    expect(stored.employer.legalRepIdNumber).toBe(FILED.employer.legalRepIdNumber);
    expect(JSON.stringify(stored)).not.toContain('*');

    // The same request again is the same filing, not a reused key.
    const again = await api.request('POST', '/api/filings', { token, body, headers: { 'Idempotency-Key': 'last-year-start-1' } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
  });
});

describe('GET /api/last-year-start/{uscc}: the draft from the imported history', () => {
  it('copies the unit and the workbook\'s employees, the one declared to have left marked', async () => {
    const token = await api.login({ role: 'employer', uscc: HISTORY.employer.uscc });
    const res = await api.request('GET', `/api/last-year-start/${HISTORY.employer.uscc}?year=2025`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'history', fromYear: 2024, filingId: null, employer: { uscc: HISTORY.employer.uscc, name: HISTORY.employer.name, regionCode: '330108' } });
    const [h0, h1] = res.body.employees;
    expect(h0).toMatchObject({ needsConfirmation: false, employee: { name: HISTORY.employees[0]!.name, idNumber: maskIdNumber(HISTORY.employees[0]!.idNumber) } });
    expect(h0.employee.annualWage).toBeUndefined();
    expect(h0.employee).toMatchObject({ postType: 'management_technical', employmentType: 'dispatch', dispatchAgencyUscc: NONE.employer.uscc, dispatchCountedHere: true });
    expect(h1.needsConfirmation).toBe(true);
    expect(h1.reasons[0]).toMatchObject({ code: 'EMPLOYMENT_ENDED' });
    expect(h1.reasons[0].message).toContain('2024-03-31');
    expect(await auditCount('filing.last_year_start', HISTORY.employer.uscc)).toBeGreaterThan(0);
  });

  it('answers the clerks of the county the history names, with the numbers masked', async () => {
    const clerk = await api.login({ role: 'clerk', regionCode: '330108' });
    const res = await api.request('GET', `/api/last-year-start/${HISTORY.employer.uscc}?year=2025`, { token: clerk });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(HISTORY.employees[0]!.idNumber);
  });
});

describe('GET /api/last-year-start/{uscc}: none, scope and input', () => {
  it('is 404 when the unit has no declaration of the year before', async () => {
    const token = await api.login({ role: 'employer', uscc: NONE.employer.uscc });
    const none = await api.request('GET', `/api/last-year-start/${NONE.employer.uscc}?year=2025`, { token });
    expect(none.status).toBe(404);
    expect(none.body.title).toContain('2024');
    const filer = await api.login({ role: 'employer', uscc: FILED.employer.uscc });
    expect((await api.request('GET', `/api/last-year-start/${FILED.employer.uscc}?year=2024`, { token: filer })).status).toBe(404);
  });

  it('answers only the unit itself and the clerks of the county that handled it', async () => {
    const path = `/api/last-year-start/${FILED.employer.uscc}?year=2025`;
    const other = await api.login({ role: 'employer', uscc: NONE.employer.uscc });
    const otherRes = await api.request('GET', path, { token: other });
    expect(otherRes.status).toBe(404);
    expect(JSON.stringify(otherRes.body)).not.toContain(FILED.employer.name);
    const ownClerk = await api.login({ role: 'clerk', regionCode: FILED.employer.regionCode });
    expect((await api.request('GET', path, { token: ownClerk })).status).toBe(200);
    const otherClerk = await api.login({ role: 'clerk', regionCode: '330108' });
    expect((await api.request('GET', path, { token: otherClerk })).status).toBe(404);
    const reviewer = await api.login({ role: 'reviewer', regionCode: FILED.employer.regionCode });
    expect((await api.request('GET', path, { token: reviewer })).status).toBe(403);
    expect((await api.request('GET', path)).status).toBe(401);
  });

  it('says what is wrong with the code or the year, field by field', async () => {
    const clerk = await api.login({ role: 'clerk', regionCode: FILED.employer.regionCode });
    const wrongCheck = FILED.employer.uscc.slice(0, 17) + (FILED.employer.uscc[17] === '0' ? '1' : '0');
    const bad = await api.request('GET', `/api/last-year-start/${wrongCheck}?year=2025`, { token: clerk });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: '/uscc', code: 'USCC_CHECKSUM' });
    const noYear = await api.request('GET', `/api/last-year-start/${FILED.employer.uscc}`, { token: clerk });
    expect(noYear.status).toBe(400);
    expect(noYear.body.errors[0].path).toBe('/year');
    const badYear = await api.request('GET', `/api/last-year-start/${FILED.employer.uscc}?year=twenty`, { token: clerk });
    expect(badYear.status).toBe(400);
  });
});
