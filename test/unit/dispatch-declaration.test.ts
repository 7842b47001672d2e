// The declaration's dispatch and post-type fields: a dispatched worker names a valid agency and which side the
// agreement counts; nobody else carries either; 岗位类别 is one of two values or absent.
import { describe, expect, it } from 'vitest';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import type { Employee } from '../../filings/declaration/filing.ts';
import { filingMessages } from '../../filings/declaration/messages.ts';
import { syntheticDispatchedEmployee, syntheticEmployee, syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { validateEmployee, validateFiling } from '../../filings/declaration/validate-filing.ts';
import { draftFrom } from '../../filings/last-year-start.ts';

const YEAR = 2025;
const rules = { maxEmployees: 2000, yearFrom: 2020, yearTo: 2026, today: new Date('2026-03-01T00:00:00Z') };
const rand = seededRandom(24);
const AGENCY = syntheticUscc(rand, { prefix: '91', regionCode: '330106' });

function issuesOf(employee: unknown) {
  return validateEmployee(employee, '/employees/0', YEAR, rules).issues;
}

function withoutField(e: Employee, field: keyof Employee): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...e };
  delete copy[field];
  return copy;
}

describe('dispatched workers in a declaration', () => {
  it('accepts a dispatched worker with a valid agency and either agreement', () => {
    expect(issuesOf(syntheticDispatchedEmployee(rand, YEAR, AGENCY, true))).toEqual([]);
    expect(issuesOf(syntheticDispatchedEmployee(rand, YEAR, AGENCY, false))).toEqual([]);
  });

  it('requires the agency and the agreement of a dispatched worker', () => {
    const worker = syntheticDispatchedEmployee(rand, YEAR, AGENCY, true);
    expect(issuesOf(withoutField(worker, 'dispatchAgencyUscc'))).toEqual([{ path: '/employees/0/dispatchAgencyUscc', code: 'REQUIRED' }]);
    expect(issuesOf(withoutField(worker, 'dispatchCountedHere'))).toEqual([{ path: '/employees/0/dispatchCountedHere', code: 'REQUIRED' }]);
    const message = filingMessages.messageFor({ path: '/employees/0/dispatchCountedHere', code: 'REQUIRED' }, 'zh');
    expect(message).toBe('请填写第 1 名残疾职工的派遣协议约定计入本单位');
  });

  it("checks the agency's code: its check character and its form", () => {
    const wrongCheck = AGENCY.slice(0, 17) + (AGENCY.endsWith('0') ? '1' : '0');
    const issues = issuesOf(syntheticDispatchedEmployee(rand, YEAR, wrongCheck, true));
    expect(issues).toEqual([{ path: '/employees/0/dispatchAgencyUscc', code: 'USCC_CHECKSUM' }]);
    expect(filingMessages.messageFor(issues[0]!, 'zh')).toBe('第 1 名残疾职工的派遣单位统一社会信用代码校验位不正确，请核对');
    const short = issuesOf(syntheticDispatchedEmployee(rand, YEAR, '91330106', true));
    expect(short).toEqual([{ path: '/employees/0/dispatchAgencyUscc', code: 'FORMAT' }]);
    expect(filingMessages.messageFor(short[0]!, 'zh')).toContain('应为 18 位统一社会信用代码');
  });

  it('refuses an agreement that is not yes or no', () => {
    const issues = issuesOf({ ...syntheticDispatchedEmployee(rand, YEAR, AGENCY, true), dispatchCountedHere: '是' });
    expect(issues.map((i) => [i.path, i.code])).toEqual([['/employees/0/dispatchCountedHere', 'FORMAT']]);
  });

  it('refuses the dispatch fields on anyone not dispatched, naming each', () => {
    const contract = { ...syntheticEmployee(rand, YEAR), dispatchAgencyUscc: AGENCY, dispatchCountedHere: false };
    const issues = issuesOf(contract);
    expect(issues).toEqual([
      { path: '/employees/0/dispatchAgencyUscc', code: 'DISPATCH_ONLY' },
      { path: '/employees/0/dispatchCountedHere', code: 'DISPATCH_ONLY' },
    ]);
    expect(filingMessages.messageFor(issues[0]!, 'zh')).toBe(
      '第 1 名残疾职工的派遣单位统一社会信用代码只用于用工性质为“劳务派遣”的职工，请删除或将用工性质改为劳务派遣',
    );
  });

  it('accepts a whole filing with dispatched workers, the agency its own or another', () => {
    const filing = syntheticFiling(7, { year: YEAR, dispatched: { count: 2 } });
    expect(filing.employees.filter((e) => e.employmentType === 'dispatch')).toHaveLength(2);
    expect(validateFiling(filing, rules)).toMatchObject({ ok: true });
    const atAgency = syntheticFiling(8, { year: YEAR });
    const own = syntheticFiling(8, { year: YEAR, dispatched: { count: 1, agencyUscc: atAgency.employer.uscc, countedHere: false } });
    expect(own.employees.slice(0, 2)).toEqual(atAgency.employees); // the same seed gives the same others
    expect(validateFiling(own, rules)).toMatchObject({ ok: true });
  });
});

describe('岗位类别 (postType)', () => {
  it('is optional and one of two values', () => {
    expect(issuesOf(syntheticEmployee(rand, YEAR))).toEqual([]);
    expect(issuesOf(syntheticEmployee(rand, YEAR, { postType: 'management_technical' }))).toEqual([]);
    expect(issuesOf(syntheticEmployee(rand, YEAR, { postType: 'other' }))).toEqual([]);
    const issues = issuesOf({ ...syntheticEmployee(rand, YEAR), postType: 'manager' });
    expect(issues.map((i) => [i.path, i.code])).toEqual([['/employees/0/postType', 'FORMAT']]);
    expect(filingMessages.messageFor(issues[0]!, 'zh')).toContain('第 1 名残疾职工的岗位类别只能是');
  });
});

describe('上年数据导入 (last-year start)', () => {
  it('carries the post type, the agency and the agreement into the draft', () => {
    const last = syntheticFiling(9, { year: 2024, dispatched: { count: 1, agencyUscc: AGENCY } });
    last.employees[0] = { ...last.employees[0]!, postType: 'management_technical' };
    const draft = draftFrom({ source: 'filing', fromYear: 2024, filingId: null, regionCode: '330106', declaration: last, ends: new Map() }, (v) => v);
    expect(draft.employees[0]!.employee.postType).toBe('management_technical');
    expect(draft.employees[2]!.employee).toMatchObject({ employmentType: 'dispatch', dispatchAgencyUscc: AGENCY, dispatchCountedHere: true });
  });
});
