// One synthetic employer and its disabled employees over the years: who was declared each year, who left, who
// retired. Everything is drawn from a random stream seeded by the unit's number, so a unit is the same whichever
// process makes it. Synthetic people only (domain/synthetic.ts): generated names, ID numbers with valid check digits.
import type { UnitNature } from '../../domain/identifiers/uscc.ts';
import { disabilityCertNumber } from '../../domain/identifiers/cert-number.ts';
import { regionName, zhejiangCounties } from '../../domain/regions.ts';
import {
  seededRandom, syntheticMobile, syntheticName, syntheticPerson, syntheticUnitName, syntheticUscc,
  type Random, type SyntheticUsccPrefix,
} from '../../domain/synthetic.ts';
import type { CertType, Employee, Filing } from '../../filings/declaration/filing.ts';
import type { CountyWeight } from './plan.ts';

const int = (rand: Random, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
function weighted<T>(rand: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let left = rand() * total;
  for (const [item, w] of items) if ((left -= w) < 0) return item;
  return items[items.length - 1]![0];
}
const pad2 = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const NATURES: readonly (readonly [{ nature: UnitNature; prefix: SyntheticUsccPrefix }, number])[] = [
  [{ nature: 'enterprise', prefix: '91' }, 84], [{ nature: 'public_institution', prefix: '12' }, 6],
  [{ nature: 'government_agency', prefix: '11' }, 3], [{ nature: 'individual_business', prefix: '92' }, 2],
  [{ nature: 'farmer_cooperative', prefix: '93' }, 1], [{ nature: 'social_organization', prefix: '51' }, 2],
  [{ nature: 'private_non_enterprise', prefix: '52' }, 2],
];
// GB/T 4754 divisions, manufacturing heavy as Zhejiang is.
const INDUSTRIES: readonly (readonly [string, number])[] = [
  ['C13', 3], ['C17', 6], ['C18', 5], ['C26', 4], ['C29', 4], ['C33', 5], ['C34', 6], ['C38', 5], ['C39', 4],
  ['E47', 4], ['F51', 5], ['F52', 6], ['G54', 4], ['H61', 2], ['H62', 3], ['I65', 5], ['J66', 2], ['K70', 3],
  ['L72', 4], ['M75', 3], ['N78', 2], ['O80', 2], ['P83', 5], ['Q84', 4], ['R86', 1], ['S92', 3],
];
const ECONOMIC_TYPES: readonly (readonly [string, number])[] = [
  ['private', 70], ['joint_stock', 10], ['foreign', 5], ['hk_macao_taiwan', 3], ['state_owned', 6], ['collective', 3], ['other', 3],
];
const EDUCATION: readonly (readonly [string, number])[] = [
  ['primary', 8], ['junior_high', 30], ['senior_high', 25], ['vocational', 17], ['college', 12], ['bachelor', 7], ['postgraduate', 1],
];
const POSTS = ['仓库管理员', '质检员', '包装工', '操作工', '客服专员', '文员', '保洁员', '门卫', '会计', '软件测试员', '缝纫工', '电子装配工'];
const MISSING = ['营业执照副本复印件', '残疾人证复印件', '劳动合同复印件', '社会保险缴费证明'];

export interface RosterPerson {
  name: string;
  idNumber: string;
  male: boolean;
  certType: CertType;
  certNumber: string;
  category?: number;
  grade: number;
  education: string;
  phone: string;
  post: string;
  monthlyWage: number;
  /** First year and month employed here. */
  fromYear: number;
  fromMonth: number;
  /** Last year and month, when they left or retired within the years seeded. */
  toYear?: number;
  toMonth?: number;
  /** Left the unit (employment ends that month); retired (turned 60 that month, still employed to the year's end,
   * the review no longer counts the months after); certificate ended (likewise, the months after are not counted). */
  exit?: 'left' | 'retired' | 'certificate-ended';
}

export interface SeasonUnit {
  index: number;
  uscc: string;
  name: string;
  nature: UnitNature;
  prefix: SyntheticUsccPrefix;
  regionCode: string;
  cityCode: string;
  industryCode: string;
  economicType: string;
  staff: number;
  wage: number;
  legalRep: { name: string; idNumber: string; phone: string };
  handler: { name: string; phone: string };
  roster: RosterPerson[];
  /** The unit's own random stream, continued for its filings' details. */
  rand: Random;
}

function newPerson(rand: Random, county: string, fromYear: number, fromMonth: number, serial: number): RosterPerson {
  const male = rand() < 0.58;
  const person = syntheticPerson(rand, { regionCode: county, male, birthFrom: male ? '1968-01-01' : '1976-01-01', birthTo: '2002-12-31' });
  const certType = weighted<CertType>(rand, [['disability', 93], ['veteran', 5], ['police', 2]]);
  const grade = certType === 'disability' ? weighted(rand, [[1, 8], [2, 17], [3, 35], [4, 40]]) : int(rand, 1, 10);
  const category = certType === 'disability' ? weighted(rand, [[1, 12], [2, 16], [3, 3], [4, 45], [5, 9], [6, 8], [7, 7]]) : undefined;
  const certNumber = certType === 'disability'
    ? disabilityCertNumber(person.idNumber, category!, grade)
    : `浙${certType === 'veteran' ? '军' : '警'}残字第${String(serial).padStart(8, '0')}号`;
  return {
    name: person.name, idNumber: person.idNumber, male, certType, certNumber, grade,
    ...(category === undefined ? {} : { category }),
    education: weighted(rand, EDUCATION), phone: syntheticMobile(rand), post: POSTS[int(rand, 0, POSTS.length - 1)]!,
    monthlyWage: int(rand, 260, 1200) * 10, fromYear, fromMonth,
  };
}

/** A retiree: a man who turns 60 in the month he leaves. */
function retiree(rand: Random, county: string, person: RosterPerson): RosterPerson {
  const birthYear = person.toYear! - 60;
  const month = person.toMonth!;
  const born = syntheticPerson(rand, { regionCode: county, male: true, birthFrom: `${birthYear}-${pad2(month)}-01`, birthTo: `${birthYear}-${pad2(month)}-28` });
  const certNumber = person.certType === 'disability' ? disabilityCertNumber(born.idNumber, person.category!, person.grade) : person.certNumber;
  return { ...person, name: born.name, idNumber: born.idNumber, male: true, certNumber };
}

export function seasonUnit(seed: number, index: number, county: CountyWeight, years: readonly number[], taken: Set<string>): SeasonUnit {
  const rand = seededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const { nature, prefix } = weighted(rand, NATURES);
  let uscc = syntheticUscc(rand, { prefix, regionCode: county.code });
  while (taken.has(uscc)) uscc = syntheticUscc(rand, { prefix, regionCode: county.code });
  taken.add(uscc);
  // Staff numbers are spread over orders of magnitude: many small units, a few large ones.
  const staff = nature === 'individual_business' ? int(rand, 3, 25) : Math.round(10 * 150 ** rand());
  const required = staff * 0.015;
  // Most units employ fewer than the quota; some employ more (the reward candidates).
  const ratioOfQuota = weighted(rand, [[0.3, 20], [0.6, 25], [0.9, 20], [1.1, 20], [1.6, 10], [2.5, 5]]);
  const initial = Math.min(18, Math.max(1, Math.round(required * ratioOfQuota + rand() - 0.3)));
  const roster: RosterPerson[] = [];
  let serial = index * 40;
  const first = years[0]!;
  for (let i = 0; i < initial; i++) roster.push(newPerson(rand, county.code, first - int(rand, 1, 8), int(rand, 1, 12), serial++));
  for (const year of years) {
    let leavers = 0;
    for (const p of roster) {
      if (p.fromYear > year || p.toYear !== undefined) continue;
      if (rand() < 0.07) {
        p.toYear = year;
        p.toMonth = int(rand, 1, 11);
        const r = rand();
        p.exit = r < 0.2 ? 'retired' : r < 0.3 ? 'certificate-ended' : 'left';
        leavers++;
      }
    }
    // Most who leave are replaced, within the year or the next.
    for (let i = 0; i < leavers; i++) if (rand() < 0.85) roster.push(newPerson(rand, county.code, year + (rand() < 0.5 ? 0 : 1), int(rand, 2, 12), serial++));
  }
  for (const [i, p] of roster.entries()) if (p.exit === 'retired') roster[i] = retiree(rand, county.code, p);
  // One person, one entry: a drawn ID number that repeats (rare) is drawn again.
  const seen = new Set<string>();
  for (const [i, p] of roster.entries()) {
    let person = p;
    while (seen.has(person.idNumber)) person = p.exit === 'retired' ? retiree(rand, county.code, p) : { ...newPerson(rand, county.code, p.fromYear, p.fromMonth, p.certType === 'disability' ? 0 : serial++), toYear: p.toYear, toMonth: p.toMonth, exit: p.exit } as RosterPerson;
    seen.add(person.idNumber);
    roster[i] = person;
  }
  const legal = syntheticPerson(rand);
  return {
    index, uscc, name: syntheticUnitName(rand, nature, county.code), nature, prefix, regionCode: county.code, cityCode: county.cityCode,
    industryCode: weighted(rand, INDUSTRIES), economicType: nature === 'enterprise' ? weighted(rand, ECONOMIC_TYPES) : 'other',
    staff, wage: int(rand, 55, 180) * 1000,
    legalRep: { name: legal.name, idNumber: legal.idNumber, phone: syntheticMobile(rand) },
    handler: { name: syntheticName(rand), phone: syntheticMobile(rand) },
    roster, rand,
  };
}

/** The month from which the review stops counting someone declared for the year, and why (AGE / CERT). */
export function countingEndOf(unit: SeasonUnit, year: number, idNumber: string): { after: number; reason: 'AGE_OUT_OF_RANGE' | 'CERT_EXPIRED' } | undefined {
  const p = unit.roster.find((r) => r.idNumber === idNumber);
  if (!p || p.toYear !== year || p.exit === undefined || p.exit === 'left') return undefined;
  return { after: p.toMonth!, reason: p.exit === 'retired' ? 'AGE_OUT_OF_RANGE' : 'CERT_EXPIRED' };
}

/** Who the unit declares for a year, with the months they were employed. */
function employeesOf(unit: SeasonUnit, year: number): Employee[] {
  const out: Employee[] = [];
  for (const p of unit.roster) {
    if (p.fromYear > year || (p.toYear !== undefined && p.toYear < year)) continue;
    const fromMonth = p.fromYear === year ? p.fromMonth : 1;
    // Only someone who left stops being employed; a retiree or an ended certificate stops being counted (the review).
    const toMonth = p.toYear === year && p.exit === 'left' ? Math.max(p.toMonth!, fromMonth) : 12;
    const contract = unit.nature === 'government_agency' || unit.nature === 'public_institution' ? 'establishment' : 'contract';
    out.push({
      name: p.name, idNumber: p.idNumber, hukouRegionCode: unit.regionCode, certType: p.certType, certNumber: p.certNumber,
      ...(p.category === undefined ? {} : { disabilityCategory: p.category }),
      disabilityGrade: p.grade, education: p.education, phone: p.phone, jobPost: p.post,
      annualWage: p.monthlyWage * (toMonth - fromMonth + 1), employmentType: contract,
      ...(contract === 'contract' ? { contractStart: `${Math.max(p.fromYear, year - 3)}-${pad2(p.fromYear >= year - 3 ? p.fromMonth : 1)}-01`, contractEnd: `${year + 2}-12-31` } : {}),
      employedFrom: `${year}-${pad2(fromMonth)}-01`,
      employedTo: `${year}-${pad2(toMonth)}-${pad2(lastDayOf(year, toMonth))}`,
    });
  }
  return out;
}

const countyNames = new Map(zhejiangCounties().map((c) => [c.code, c.name]));

/** The unit's declaration for a year, as it would have been filed on `signedOn` (YYYY-MM-DD). */
export function declarationOf(unit: SeasonUnit, year: number, channel: 'online' | 'window', materialsComplete: boolean, signedOn: string): Filing {
  let employees = employeesOf(unit, year);
  // A unit that files has someone to declare: one hired early in the year.
  if (employees.length === 0) {
    const p = newPerson(unit.rand, unit.regionCode, year, int(unit.rand, 1, 6), unit.index * 40 + 39);
    unit.roster.push(p);
    employees = employeesOf(unit, year);
  }
  const county = countyNames.get(unit.regionCode) ?? '';
  const city = regionName(unit.cityCode) ?? '';
  const place = county.endsWith('市') && county !== city ? `浙江省${county}` : `浙江省${city}${county}`;
  const growth = 1 + 0.03 * (year - 2020);
  return {
    year,
    channel,
    ...(channel === 'window' ? { receivingRegionCode: unit.regionCode, windowIntake: materialsComplete ? { materialsComplete: true } : { materialsComplete: false, missingMaterials: MISSING[unit.index % MISSING.length]! } } : {}),
    employer: {
      uscc: unit.uscc, name: unit.name, unitNature: unit.nature, economicType: unit.economicType, industryCode: unit.industryCode,
      regionCode: unit.regionCode, dpfAuthority: unit.regionCode, taxAuthority: `国家税务总局${city}${county === city ? '' : county}税务局`,
      legalRepName: unit.legalRep.name, legalRepIdNumber: unit.legalRep.idNumber, legalRepPhone: unit.legalRep.phone,
      handlerName: unit.handler.name, handlerPhone: unit.handler.phone, levyPaymentType: '按年申报',
      registeredAddress: `${place}${unit.name.slice(0, 2)}路 ${(unit.index % 300) + 1} 号`, businessAddress: `${place}${unit.name.slice(0, 2)}路 ${(unit.index % 300) + 1} 号`,
      averageStaffCount: Math.max(1, Math.round(unit.staff * growth)), averageAnnualWage: Math.round(unit.wage * growth),
    },
    employees,
    commitment: { signer: unit.handler.name, signedAt: signedOn, accepted: true },
  };
}
