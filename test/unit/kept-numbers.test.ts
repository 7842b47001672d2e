import { describe, expect, it } from 'vitest';
import type { Filing } from '../../filings/declaration/filing.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { maskFields, maskIdNumber, personalFields } from '../../platform/masking.ts';
import { restoreKeptNumbers } from '../../filings/kept-numbers.ts';

const filed = syntheticFiling(4_200_001, { employees: 3 });
/** The declaration as the employer was shown it. */
const shown = (): Filing => maskFields(structuredClone(filed), personalFields);

describe('restoring the masked numbers a modification kept', () => {
  it('puts back every number sent as it was shown, and keeps the change made', () => {
    const body = shown();
    body.employees[1]!.annualWage = 12_345;
    const { body: restored, issues } = restoreKeptNumbers(body, filed);
    expect(issues).toEqual([]);
    const expected = structuredClone(filed);
    expected.employees[1]!.annualWage = 12_345;
    expect(restored).toEqual(expected);
    expect(JSON.stringify(restored)).not.toContain('*');
  });

  it("finds each row's person when rows were reordered or removed", () => {
    const body = shown();
    body.employees = [body.employees[2]!, body.employees[0]!];
    const { body: restored, issues } = restoreKeptNumbers(body, filed);
    expect(issues).toEqual([]);
    expect((restored as Filing).employees).toEqual([filed.employees[2], filed.employees[0]]);
  });

  it('tells two people apart whose masked ID numbers look alike by their names', () => {
    const twins = structuredClone(filed);
    // Same first four and last four characters: the masked numbers are identical.
    const [a, b] = twins.employees as [Filing['employees'][0], Filing['employees'][0]];
    b.idNumber = a.idNumber.slice(0, 4) + '9'.repeat(10) + a.idNumber.slice(-4);
    expect(maskIdNumber(b.idNumber)).toBe(maskIdNumber(a.idNumber));
    const body = maskFields(structuredClone(twins), personalFields);
    body.employees = [body.employees[1]!, body.employees[0]!];
    const { body: restored, issues } = restoreKeptNumbers(body, twins);
    expect(issues).toEqual([]);
    expect((restored as Filing).employees.map((e) => e.idNumber)).toEqual([b.idNumber, a.idNumber]);
  });

  it('names the field of every masked number that matches nothing filed, and leaves whole numbers alone', () => {
    const body = shown();
    const row = body.employees[0]!;
    // A masked number edited by hand: its last digits no longer those filed.
    row.phone = row.phone.slice(0, -1) + (row.phone.endsWith('1') ? '2' : '1');
    // Another person typed whole in row 2, whose certificate number was left masked: it is not that person's.
    const other = syntheticFiling(4_200_002, { employees: 1 }).employees[0]!;
    body.employees[1]!.idNumber = other.idNumber;
    body.employer.handlerPhone = '139****0000';
    const { body: restored, issues } = restoreKeptNumbers(body, filed);
    expect(issues.map((i) => `${i.path} ${i.code}`).sort()).toEqual([
      '/employees/0/phone MASKED_NOT_FILED',
      '/employees/1/certNumber MASKED_NOT_FILED',
      '/employees/1/phone MASKED_NOT_FILED',
      '/employer/handlerPhone MASKED_NOT_FILED',
    ]);
    const out = restored as Filing;
    expect(out.employees[0]!.idNumber).toBe(filed.employees[0]!.idNumber);
    expect(out.employees[1]!.idNumber).toBe(other.idNumber);
    expect(out.employer.legalRepIdNumber).toBe(filed.employer.legalRepIdNumber);
  });

  it('lets one filed person be kept by one row only', () => {
    const body = shown();
    body.employees.push(structuredClone(body.employees[0]!));
    const { issues } = restoreKeptNumbers(body, filed);
    expect(issues.map((i) => i.path)).toEqual(['/employees/3/idNumber', '/employees/3/certNumber', '/employees/3/phone']);
  });

  it('passes anything but a declaration through for the checks to refuse', () => {
    for (const body of [null, [], 'x', 3, { employer: 'x', employees: 'y' }, { employees: [null, 'row', { idNumber: 5, phone: '1*' }] }]) {
      const result = restoreKeptNumbers(body, filed);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) expect(result.body).toBe(body);
      expect(result.issues.every((i) => i.code === 'MASKED_NOT_FILED')).toBe(true);
    }
    expect(restoreKeptNumbers({ employees: [{ idNumber: 5, phone: '1*' }] }, filed).issues).toEqual([{ path: '/employees/0/phone', code: 'MASKED_NOT_FILED' }]);
  });
});
