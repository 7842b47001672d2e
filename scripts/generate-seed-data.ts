// Writes the department simulators' default data set (docs/contracts.md §3) from a fixed seed, so every run
// yields the same files. Usage: npx tsx scripts/generate-seed-data.ts [outDir]
// All people and units are synthetic; see domain/synthetic.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { disabilityCertNumber } from '../domain/identifiers/cert-number.ts';
import type { Registrar, UnitNature } from '../domain/identifiers/uscc.ts';
import { zhejiangCounties } from '../domain/regions.ts';
import {
  seededRandom,
  syntheticPerson,
  syntheticUnitName,
  syntheticUscc,
  type Random,
  type SyntheticUsccPrefix,
} from '../domain/synthetic.ts';

const SEED = 20250331;
const YEAR = 2025;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---- record shapes of docs/contracts.md §3 ----
interface Registration { uscc: string; name: string; registrar: Registrar; status: 'active' | 'deregistered' | 'abnormal'; changedAt: string }
interface DpfCertificate { certNumber: string; idNumber: string; name: string; category: number; grade: number; validFrom: string; validUntil: string; status: 'valid' | 'revoked' }
interface VeteranCertificate { certNumber: string; idNumber: string; name: string; kind: 'veteran' | 'police'; grade: number; validFrom: string; validUntil: string }
interface Paid { idNumber: string; uscc: string; month: string; paid: boolean }
interface Wage { idNumber: string; uscc: string; month: string; amount: number }
interface TaxResult { uscc: string; year: number; consistent: boolean; levyCollected: number }

// ---- helpers ----
const int = (rand: Random, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const pad2 = (n: number) => String(n).padStart(2, '0');
const monthKey = (m: number) => `${YEAR}-${pad2(m)}`;
const DAY_MS = 86_400_000;
function randomDate(rand: Random, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`) / DAY_MS;
  const b = Date.parse(`${to}T00:00:00Z`) / DAY_MS;
  return new Date(int(rand, a, b) * DAY_MS).toISOString().slice(0, 10);
}
// A second-generation certificate is valid for ten years: until the day before the tenth anniversary.
function tenYearsOn(from: string): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 10);
  return new Date(d.getTime() - DAY_MS).toISOString().slice(0, 10);
}
const byKeys = <T>(...keys: (keyof T)[]) => (a: T, b: T) => {
  for (const k of keys) {
    const x = String(a[k]);
    const y = String(b[k]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

const rand = seededRandom(SEED);
const counties = zhejiangCounties().map((c) => c.code);

// ---- units ----
interface Unit extends Registration { nature: UnitNature; regionCode: string; staff: number }

type Plan = { prefix: SyntheticUsccPrefix; nature: UnitNature; status?: Registration['status']; region?: string; staff: [number, number]; name?: string };
const plan: Plan[] = [
  // The first enterprises sit in 西湖区 (330106), the region docs/contracts.md uses in its examples.
  ...Array.from({ length: 6 }, (): Plan => ({ prefix: '91', nature: 'enterprise', region: '330106', staff: [3, 7] })),
  ...Array.from({ length: 15 }, (): Plan => ({ prefix: '91', nature: 'enterprise', staff: [2, 8] })),
  { prefix: '91', nature: 'enterprise', status: 'abnormal', staff: [2, 4] },
  { prefix: '91', nature: 'enterprise', status: 'abnormal', staff: [2, 4] },
  { prefix: '91', nature: 'enterprise', status: 'deregistered', staff: [2, 4] },
  { prefix: '91', nature: 'enterprise', status: 'deregistered', staff: [2, 4] },
  // A labour-dispatch agency: its workers are paid and insured by it but work at host units.
  { prefix: '91', nature: 'enterprise', region: '330106', staff: [0, 0], name: 'agency' },
  { prefix: '92', nature: 'individual_business', staff: [1, 1] },
  { prefix: '92', nature: 'individual_business', staff: [1, 1] },
  { prefix: '92', nature: 'individual_business', status: 'abnormal', staff: [1, 1] },
  { prefix: '93', nature: 'farmer_cooperative', staff: [1, 3] },
  { prefix: '93', nature: 'farmer_cooperative', staff: [1, 3] },
  { prefix: '11', nature: 'government_agency', staff: [2, 4] },
  { prefix: '11', nature: 'government_agency', staff: [2, 4] },
  { prefix: '12', nature: 'public_institution', staff: [3, 5] },
  { prefix: '12', nature: 'public_institution', staff: [3, 5] },
  { prefix: '12', nature: 'public_institution', status: 'deregistered', staff: [1, 2] },
  { prefix: '51', nature: 'social_organization', staff: [1, 3] },
  { prefix: '51', nature: 'social_organization', status: 'abnormal', staff: [1, 2] },
  { prefix: '52', nature: 'private_non_enterprise', staff: [1, 3] },
  { prefix: '52', nature: 'private_non_enterprise', staff: [1, 3] },
  { prefix: '53', nature: 'foundation', staff: [1, 2] },
];

const REGISTRAR_BY_PREFIX: Record<string, Registrar> = { '1': 'org', '5': 'civil', '9': 'samr' };

const units: Unit[] = plan.map((p) => {
  const regionCode = p.region ?? pick(rand, counties);
  const uscc = syntheticUscc(rand, { prefix: p.prefix, regionCode });
  const status = p.status ?? 'active';
  const generated = syntheticUnitName(rand, p.nature, regionCode);
  // An enterprise name starts with the two-character city and a two-character trade name.
  const name = p.name === 'agency' ? `${generated.slice(0, 4)}人力资源有限公司` : generated;
  // Active units carry their registration date; the others the date their status changed in the review year.
  const changedAt = status === 'active' ? randomDate(rand, '2001-01-01', '2022-12-31') : randomDate(rand, '2025-02-01', '2025-11-30');
  return { uscc, name, registrar: REGISTRAR_BY_PREFIX[p.prefix.charAt(0)]!, status, changedAt, nature: p.nature, regionCode, staff: int(rand, p.staff[0], p.staff[1]) };
});
const agency = units[plan.findIndex((p) => p.name === 'agency')]!;
const activeEnterprises = units.filter((u) => u.nature === 'enterprise' && u.status === 'active' && u !== agency);

// ---- employees ----
type Scenario =
  | 'full_year' | 'hired_mid_year' | 'left_mid_year' | 'changed_employer' | 'dispatched'
  | 'pension_gap' | 'medical_gap' | 'wage_missing' | 'wage_below_2010' | 'wage_below_2490'
  | 'cert_expired' | 'cert_revoked' | 'cert_new' | 'veteran' | 'veteran_expired' | 'police'
  | 'insured_outside_zhejiang' | 'too_old' | 'too_young';

interface Spell { uscc: string; from: number; to: number }
interface Employee {
  scenario: Scenario;
  name: string;
  idNumber: string;
  spells: Spell[];
  pensionGap: number[];
  medicalGap: number[];
  wageMissing: number[];
  monthlyWage: number;
  national: boolean;
  host?: string;
}

// Roughly one in three employees carries a problem; the rest should count for the full year.
const SCENARIO_WEIGHTS: [Scenario, number][] = [
  ['full_year', 62], ['hired_mid_year', 6], ['left_mid_year', 4], ['changed_employer', 3],
  ['pension_gap', 4], ['medical_gap', 3], ['wage_missing', 2], ['wage_below_2010', 2], ['wage_below_2490', 2],
  ['cert_expired', 3], ['cert_revoked', 2], ['cert_new', 2], ['veteran', 4], ['veteran_expired', 1], ['police', 2],
  ['insured_outside_zhejiang', 5], ['too_old', 1], ['too_young', 1],
];
const TOTAL_WEIGHT = SCENARIO_WEIGHTS.reduce((s, [, w]) => s + w, 0);
function drawScenario(): Scenario {
  let r = rand() * TOTAL_WEIGHT;
  for (const [scenario, weight] of SCENARIO_WEIGHTS) {
    r -= weight;
    if (r < 0) return scenario;
  }
  return 'full_year';
}

// Persons insured outside Zhejiang come from elsewhere: their ID numbers carry another province's county.
const OUTSIDE_COUNTIES = ['340104', '340822', '360102', '362321', '410102', '411522', '430102', '510107', '522101', '532101'];

const dpfCertificates: DpfCertificate[] = [];
const veteranCertificates: VeteranCertificate[] = [];
const employees: Employee[] = [];
let veteranSerial = 100;
let policeSerial = 20;

function personFor(scenario: Scenario) {
  const male = rand() < 0.55;
  // Men of 60 and over are past the statutory age under any of the 2025 transition rules.
  if (scenario === 'too_old') return syntheticPerson(rand, { male: true, birthFrom: '1962-01-01', birthTo: '1964-06-30' });
  if (scenario === 'too_young') return syntheticPerson(rand, { male, birthFrom: '2009-03-01', birthTo: '2009-09-30' });
  const regionCode = scenario === 'insured_outside_zhejiang' ? pick(rand, OUTSIDE_COUNTIES) : undefined;
  // Women are drawn younger so that the statutory retirement age does not cut them out by accident.
  const birthFrom = male ? '1967-01-01' : '1977-01-01';
  return syntheticPerson(rand, { male, birthFrom, birthTo: '2004-12-31', ...(regionCode ? { regionCode } : {}) });
}

function addCertificate(scenario: Scenario, person: { name: string; idNumber: string }) {
  if (scenario === 'veteran' || scenario === 'veteran_expired' || scenario === 'police') {
    const kind = scenario === 'police' ? 'police' : 'veteran';
    const serial = kind === 'police' ? policeSerial++ : veteranSerial++;
    const certNumber = kind === 'police' ? `浙警残字第${String(serial).padStart(6, '0')}号` : `浙军残字第${String(serial).padStart(6, '0')}号`;
    const validFrom = randomDate(rand, '2012-01-01', '2020-12-31');
    const validUntil = scenario === 'veteran_expired' ? randomDate(rand, '2025-03-01', '2025-08-31') : randomDate(rand, '2028-01-01', '2035-12-31');
    veteranCertificates.push({ certNumber, idNumber: person.idNumber, name: person.name, kind, grade: int(rand, 1, 10), validFrom, validUntil });
    return;
  }
  let validFrom = randomDate(rand, '2016-01-01', '2024-06-30');
  // Issued in 2015 so that the ten-year validity runs out during the review year.
  if (scenario === 'cert_expired') validFrom = randomDate(rand, '2015-03-01', '2015-09-30');
  if (scenario === 'cert_new') validFrom = randomDate(rand, '2025-03-01', '2025-08-31');
  const category = int(rand, 1, 7);
  const grade = int(rand, 1, 4);
  dpfCertificates.push({
    certNumber: disabilityCertNumber(person.idNumber, category, grade),
    idNumber: person.idNumber,
    name: person.name,
    category,
    grade,
    validFrom,
    validUntil: tenYearsOn(validFrom),
    status: scenario === 'cert_revoked' ? 'revoked' : 'valid',
  });
}

function someMonths(from: number, to: number, count: number): number[] {
  const months = new Set<number>();
  while (months.size < Math.min(count, to - from + 1)) months.add(int(rand, from, to));
  return [...months].sort((a, b) => a - b);
}

function hire(unit: Unit, scenario: Scenario, host?: Unit) {
  const person = personFor(scenario);
  addCertificate(scenario, person);
  let spells: Spell[] = [{ uscc: unit.uscc, from: 1, to: 12 }];
  if (scenario === 'hired_mid_year') spells = [{ uscc: unit.uscc, from: int(rand, 3, 10), to: 12 }];
  if (scenario === 'left_mid_year') spells = [{ uscc: unit.uscc, from: 1, to: int(rand, 3, 9) }];
  if (scenario === 'changed_employer') {
    const next = pick(rand, activeEnterprises.filter((u) => u !== unit));
    const k = int(rand, 4, 8);
    spells = [{ uscc: unit.uscc, from: 1, to: k }, { uscc: next.uscc, from: k + 1, to: 12 }];
  }
  if (scenario === 'dispatched') spells = [{ uscc: agency.uscc, from: 1, to: 12 }];
  // A deregistered unit pays no one after the month it was struck off.
  if (unit.status === 'deregistered') {
    const last = Number(unit.changedAt.slice(5, 7));
    spells = spells.map((s) => (s.uscc === unit.uscc ? { ...s, from: Math.min(s.from, last), to: Math.min(s.to, last) } : s));
  }
  const monthlyWage =
    scenario === 'wage_below_2010' ? int(rand, 150, 198) * 10
    : scenario === 'wage_below_2490' ? int(rand, 230, 245) * 10
    : int(rand, 320, 1500) * 10;
  employees.push({
    scenario,
    name: person.name,
    idNumber: person.idNumber,
    spells,
    pensionGap: scenario === 'pension_gap' ? someMonths(spells[0]!.from, spells[0]!.to, int(rand, 1, 3)) : [],
    medicalGap: scenario === 'medical_gap' ? someMonths(spells[0]!.from, spells[0]!.to, int(rand, 1, 3)) : [],
    wageMissing: scenario === 'wage_missing' ? someMonths(spells[0]!.from, spells[0]!.to, int(rand, 1, 2)) : [],
    monthlyWage,
    national: scenario === 'insured_outside_zhejiang',
    ...(host ? { host: host.uscc } : {}),
  });
}

// Hangzhou's urban districts (330102–330114), which are in the first minimum-wage tier.
const HANGZHOU_DISTRICT = /^3301(0\d|1[0-4])$/;
for (const unit of units) {
  for (let i = 0; i < unit.staff; i++) {
    let scenario = drawScenario();
    // Below-minimum wages must land in a first-tier (2490) county to be wrong there; Hangzhou's districts are.
    if (scenario === 'wage_below_2490' && !HANGZHOU_DISTRICT.test(unit.regionCode)) scenario = 'wage_below_2010';
    if (scenario === 'changed_employer' && unit.nature !== 'enterprise') scenario = 'full_year';
    hire(unit, scenario);
  }
}
// Four dispatched workers at host enterprises in 西湖区, paid and insured by the agency (also in 西湖区).
const hosts = activeEnterprises.filter((u) => u.regionCode === '330106');
for (let i = 0; i < 4; i++) hire(agency, 'dispatched', hosts[i % hosts.length]);

// ---- monthly department records ----
const pension: Paid[] = [];
const nationalPension: Paid[] = [];
const medical: Paid[] = [];
const wages: Wage[] = [];

for (const e of employees) {
  for (const spell of e.spells) {
    for (const m of MONTHS) {
      if (m < spell.from || m > spell.to) continue;
      const first = spell === e.spells[0];
      const month = monthKey(m);
      // A gap is either an explicit "not paid" record or no record at all; both must read as not paid.
      if (!(first && e.pensionGap.includes(m))) (e.national ? nationalPension : pension).push({ idNumber: e.idNumber, uscc: spell.uscc, month, paid: true });
      else if (rand() < 0.5) (e.national ? nationalPension : pension).push({ idNumber: e.idNumber, uscc: spell.uscc, month, paid: false });
      if (!(first && e.medicalGap.includes(m))) medical.push({ idNumber: e.idNumber, uscc: spell.uscc, month, paid: true });
      else if (rand() < 0.5) medical.push({ idNumber: e.idNumber, uscc: spell.uscc, month, paid: false });
      if (!(first && e.wageMissing.includes(m))) {
        const amount = e.monthlyWage < 2490 ? e.monthlyWage : e.monthlyWage + int(rand, -20, 30) * 10;
        wages.push({ idNumber: e.idNumber, uscc: spell.uscc, month, amount });
      }
    }
  }
}

// ---- tax bureau answers ----
const taxResults: TaxResult[] = units
  .filter((u) => u.status === 'active')
  .map((u) => {
    const consistent = rand() >= 0.1;
    const levyCollected = rand() < 0.6 ? 0 : int(rand, 50, 3000) * 100;
    return { uscc: u.uscc, year: YEAR, consistent, levyCollected };
  });

// ---- write ----
const outDir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(projectRoot, 'connectors', 'seed-data');
mkdirSync(outDir, { recursive: true });
function write(file: string, data: unknown) {
  writeFileSync(path.join(outDir, file), `${JSON.stringify(data, null, 2)}\n`);
}
const registrations: Registration[] = units.map(({ uscc, name, registrar, status, changedAt }) => ({ uscc, name, registrar, status, changedAt }));
write('registrations.json', registrations.sort(byKeys<Registration>('uscc')));
// The registrars' change feeds (connectors/registrar-changes): each unit's registration first, so the register fills
// from the feeds, then its status change where it is not active; numbered per registrar from 1, without gaps. Derived
// from the registrations alone (no random draw), so the other files stay as they were.
const CHANGE_BY_STATUS = { deregistered: 'deregistered', abnormal: 'abnormal-listed' } as const;
const SAMR_INDUSTRIES = ['C3831', 'F5271', 'I6510', 'E4813', 'H6210', 'L7212'];
const nextSequence = new Map<string, number>();
const sequenceOf = (registrar: string) => {
  const next = (nextSequence.get(registrar) ?? 0) + 1;
  nextSequence.set(registrar, next);
  return next;
};
const registrarChanges = [...units].sort(byKeys<Unit>('uscc')).flatMap((unit, index) => {
  const registeredOn = unit.status === 'active' ? unit.changedAt : `${Number(unit.changedAt.slice(0, 4)) - 8}${unit.changedAt.slice(4)}`;
  const registered = {
    registrar: unit.registrar,
    sequence: sequenceOf(unit.registrar),
    uscc: unit.uscc,
    changeType: 'registered',
    effectiveOn: registeredOn,
    name: unit.name,
    regionCode: unit.regionCode,
    industryCode: unit.registrar === 'samr' ? SAMR_INDUSTRIES[index % SAMR_INDUSTRIES.length]! : null,
    unitNature: unit.nature,
  };
  if (unit.status === 'active') return [registered];
  return [registered, { registrar: unit.registrar, sequence: sequenceOf(unit.registrar), uscc: unit.uscc, changeType: CHANGE_BY_STATUS[unit.status], effectiveOn: unit.changedAt }];
});
write('registrar-changes.json', registrarChanges);
write('dpf-certificates.json', dpfCertificates.sort(byKeys<DpfCertificate>('certNumber')));
write('veteran-certificates.json', veteranCertificates.sort(byKeys<VeteranCertificate>('certNumber')));
write('pension.json', pension.sort(byKeys<Paid>('idNumber', 'uscc', 'month')));
write('national-pension.json', nationalPension.sort(byKeys<Paid>('idNumber', 'uscc', 'month')));
write('medical.json', medical.sort(byKeys<Paid>('idNumber', 'uscc', 'month')));
write('wages.json', wages.sort(byKeys<Wage>('idNumber', 'uscc', 'month')));
write('tax-results.json', taxResults.sort(byKeys<TaxResult>('uscc', 'year')));

// One example of each scenario, so a test can declare a known case without reverse-engineering the data.
const examples = new Map<Scenario, Employee>();
for (const e of employees) if (!examples.has(e.scenario)) examples.set(e.scenario, e);
const exampleLines = [...examples.values()].map((e) => {
  const spells = e.spells.map((s) => `${s.uscc} months ${s.from}–${s.to}`).join(', then ');
  const gaps = [
    e.pensionGap.length ? `pension gap ${e.pensionGap.join(',')}` : '',
    e.medicalGap.length ? `medical gap ${e.medicalGap.join(',')}` : '',
    e.wageMissing.length ? `no wage ${e.wageMissing.join(',')}` : '',
  ].filter(Boolean).join('; ');
  const host = e.host ? `; works at host ${e.host}` : '';
  return `| ${e.scenario} | ${e.idNumber} | ${spells}${gaps ? `; ${gaps}` : ''}${host} |`;
});
const statusLines = units.filter((u) => u.status !== 'active').map((u) => `| ${u.status} | ${u.uscc} | ${u.registrar}, changed ${u.changedAt} |`);

const readme = `# Seed data for the department simulators

Every person, unit, certificate and number in this folder is **synthetic**: generated at random from
generic name lists by \`domain/synthetic.ts\`. Any resemblance to a real person or unit is coincidence.

The files follow docs/contracts.md §3 (one JSON array per department) and describe the review year ${YEAR}:
${units.length} units and ${employees.length} disabled employees. Regenerate them (deterministic, seed ${SEED}) with

    npx tsx scripts/generate-seed-data.ts [outDir]    # default outDir: connectors/seed-data

Do not edit the JSON by hand: change the script and regenerate.

Units whose registration status is not active:

| status | uscc | registrar, date |
|---|---|---|
${statusLines.join('\n')}

One employee per scenario (ID number, employer and months):

| scenario | idNumber | employment |
|---|---|---|
${exampleLines.join('\n')}

Dispatched workers are paid and insured by the agency ${agency.uscc}. \`wage_below_2490\` wages lie between
2300 and 2450 yuan at units in Hangzhou's urban districts (below the first tier only);
\`wage_below_2010\` is below every 2025 tier.
`;
writeFileSync(path.join(outDir, 'README.md'), readme);

console.log(`wrote ${units.length} units, ${employees.length} employees to ${outDir}`);
