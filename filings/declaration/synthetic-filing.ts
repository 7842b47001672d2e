// Valid declarations made of synthetic units and people (generated numbers with correct check digits), for
// tests, benchmarks and the template's example: never real people.
import type { Employee, Filing } from './filing.ts';
import { disabilityCertNumber } from '../../domain/identifiers/cert-number.ts';
import { seededRandom, syntheticMobile, syntheticPerson, syntheticUnitName, syntheticUscc, type Random } from '../../domain/synthetic.ts';

export function syntheticEmployee(rand: Random, year: number, overrides: Partial<Employee> = {}): Employee {
  const person = syntheticPerson(rand, { regionCode: '330106', birthFrom: '1970-01-01', birthTo: '1995-12-31' });
  const category = 4;
  const grade = 3;
  return {
    name: person.name,
    idNumber: person.idNumber,
    hukouRegionCode: '330106',
    certType: 'disability',
    certNumber: disabilityCertNumber(person.idNumber, category, grade),
    disabilityCategory: category,
    disabilityGrade: grade,
    education: 'senior_high',
    phone: syntheticMobile(rand),
    jobPost: '仓库管理员',
    annualWage: 60000,
    employmentType: 'contract',
    contractStart: `${year - 1}-01-01`,
    contractEnd: `${year + 1}-12-31`,
    employedFrom: `${year}-01-01`,
    employedTo: `${year}-12-31`,
    ...overrides,
  };
}

/**
 * A worker dispatched by `agencyUscc` (劳务派遣): no labour contract with the host, the agreement counting the person
 * here or at the agency as `countedHere` says.
 */
export function syntheticDispatchedEmployee(
  rand: Random,
  year: number,
  agencyUscc: string,
  countedHere: boolean,
  overrides: Partial<Employee> = {},
): Employee {
  const { contractStart: _start, contractEnd: _end, ...employee } = syntheticEmployee(rand, year);
  return { ...employee, employmentType: 'dispatch', dispatchAgencyUscc: agencyUscc, dispatchCountedHere: countedHere, ...overrides };
}

export interface SyntheticFilingOptions {
  year?: number;
  regionCode?: string;
  employees?: number;
  /**
   * Adds this many dispatched workers after the others, from one synthetic agency (or `agencyUscc`), the
   * agreement counting them here unless `countedHere` is false.
   */
  dispatched?: { count: number; agencyUscc?: string; countedHere?: boolean };
}

export function syntheticFiling(seed: number, opts: SyntheticFilingOptions = {}): Filing {
  const rand = seededRandom(seed);
  const year = opts.year ?? 2025;
  const regionCode = opts.regionCode ?? '330106';
  const uscc = syntheticUscc(rand, { prefix: '91', regionCode });
  const legalRep = syntheticPerson(rand);
  const handler = syntheticPerson(rand);
  const filing: Filing = {
    year,
    channel: 'online',
    employer: {
      uscc,
      name: syntheticUnitName(rand, 'enterprise', regionCode),
      unitNature: 'enterprise',
      economicType: 'private',
      industryCode: 'C3311',
      regionCode,
      dpfAuthority: regionCode,
      taxAuthority: '国家税务总局杭州市西湖区税务局',
      legalRepName: legalRep.name,
      legalRepIdNumber: legalRep.idNumber,
      legalRepPhone: syntheticMobile(rand),
      handlerName: handler.name,
      handlerPhone: '0571-85781153',
      levyPaymentType: '按月申报',
      registeredAddress: '浙江省杭州市西湖区某某路 1 号',
      businessAddress: '浙江省杭州市西湖区某某路 1 号',
      averageStaffCount: 300,
      averageAnnualWage: 80000,
    },
    employees: Array.from({ length: opts.employees ?? 2 }, () => syntheticEmployee(rand, year)),
    commitment: { signer: handler.name, signedAt: `${year + 1}-01-05`, accepted: true },
  };
  if (!opts.dispatched) return filing;
  // Drawn after everything else, so a seed gives the same unit and employees with or without dispatched workers.
  const { count, countedHere = true } = opts.dispatched;
  const agencyUscc = opts.dispatched.agencyUscc ?? syntheticUscc(rand, { prefix: '91', regionCode });
  const dispatched = Array.from({ length: count }, () => syntheticDispatchedEmployee(rand, year, agencyUscc, countedHere));
  return { ...filing, employees: [...filing.employees, ...dispatched] };
}
