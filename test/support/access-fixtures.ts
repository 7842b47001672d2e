// What the access matrix (test/integration/access-matrix.test.ts) probes: one unit (A) in county A1 with five
// filings, each driven through the real engine to the state its routes need — certified with its confirmation, awaiting
// the employer's confirmation with evidence uploaded, a window filing waiting for the county's acceptance with its
// reminder and escalation fired, a certified one whose feedback waits for the county's reviewers, and one received at
// the window of county A2 and handled in A1. Every person in them bears a name no text of the system contains, so a
// leak of any of them can be searched for.
import { expect } from 'vitest';
import { registrarOf } from '../../domain/identifiers/uscc.ts';
import type { Filing } from '../../filings/declaration/filing.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { completeFilingTask, fileAndReview, filingTask, filingWhen } from './filing-steps.ts';
import { pdf } from './hostile/payloads.ts';
import { fireTimer } from './process-timers.ts';
import { buildScenario, type Scenario } from './review-scenarios.ts';
import { eventually, type TestSystem } from './system.ts';

export const COUNTY_A1 = '330106'; // 杭州市西湖区: handles unit A
export const COUNTY_A2 = '330108'; // 杭州市滨江区: the same city, another county
export const COUNTY_B1 = '330203'; // 宁波市海曙区: another city
export const CITY_A = '330100';
export const CITY_B = '330200';

/** Where a probed resource stands: its unit, the counties of its filing, its region, the groups it is offered or sent to. */
export interface Facts {
  unit?: string;
  handling?: string;
  receiving?: string;
  region?: string;
  groups?: readonly string[];
}

const SEED_A = 20_020_001;

const TAGS = ['甲', '乙', '丙', '丁', '戊'] as const;
const NUMERALS = ['一', '二', '三', '四', '五'];

/** Unit A and its people, under names found nowhere else (letters only: a name may hold no digit). */
function distinctlyNamed(filing: Filing, tag: string, unitName: string): Filing {
  const handler = `矩阵经办${tag}`;
  return {
    ...filing,
    employer: { ...filing.employer, name: unitName, legalRepName: `矩阵法人${tag}`, handlerName: handler },
    employees: filing.employees.map((e, i) => ({ ...e, name: `矩阵职工${tag}${NUMERALS[i]}` })),
    commitment: { ...filing.commitment, signer: handler },
  };
}

const UNIT_A_NAME = '矩阵访问测试甲有限公司';

/** Unit A as the departments know it: its registration (so a lookup answers 200) and its first filing's people. */
export function unitAScenario(): Scenario {
  const scenario = buildScenario({ seed: SEED_A, regionCode: COUNTY_A1, employees: [{ cert: { kind: 'disability', grade: 2 } }, { cert: { kind: 'disability', grade: 3 } }] });
  const filing = distinctlyNamed(scenario.filing, TAGS[0], UNIT_A_NAME);
  const names = new Map(scenario.filing.employees.map((e, i) => [e.idNumber, filing.employees[i]!.name]));
  const records = {
    ...scenario.records,
    'registrations.json': scenario.records['registrations.json'].map((r) => ({ ...r, name: UNIT_A_NAME })),
    'dpf-certificates.json': scenario.records['dpf-certificates.json'].map((r) => ({ ...r, name: names.get(r.idNumber) ?? r.name })),
  };
  return { filing, records };
}

export const UNIT_A = (() => {
  const { employer } = unitAScenario().filing;
  return { uscc: employer.uscc, name: employer.name, regionCode: employer.regionCode };
})();

/** Another unit, in another city: only ever an identity. */
export const UNIT_B = { uscc: syntheticFiling(20_020_002, { regionCode: COUNTY_B1 }).employer.uscc };

/** Unit A's filings: handled in county A1, and (but one) received there too. */
export const FILING_FACTS: Facts = { unit: UNIT_A.uscc, handling: COUNTY_A1, receiving: COUNTY_A1, region: COUNTY_A1 };
/** The one received at county A2's window and handed to A1, the unit's county. */
export const RECEIVED_FACTS: Facts = { ...FILING_FACTS, receiving: COUNTY_A2 };

/** Unit A's declaration for another year: its own unit, other (distinctly named) people. */
function unitAFiling(year: number, tag: string): Filing {
  const other = syntheticFiling(SEED_A + year, { year, regionCode: COUNTY_A1, employees: 2 });
  return distinctlyNamed({ ...other, employer: unitAScenario().filing.employer }, tag, UNIT_A_NAME);
}

export interface FixtureFiling {
  id: string;
  declaration: Filing;
  facts: Facts;
}

export interface AccessFixtures {
  /** 2025, certified: its confirmation (code) in force, open for rating. */
  certified: FixtureFiling & { certificateCode: string };
  /** 2024, awaiting the employer's confirmation (task confirm-result), one piece of evidence uploaded. */
  awaiting: FixtureFiling & { confirmTaskId: string; documentId: string };
  /** 2023, filed at county A1's window with material missing: the clerks' acceptance task, their reminder, the lead's escalation. */
  window: FixtureFiling & { acceptanceTaskId: string; reminderId: string; escalationId: string };
  /** 2022, certified and its feedback filed: the reviewers' task review-feedback. */
  feedback: FixtureFiling & { reviewTaskId: string };
  /** 2021, received at county A2's window with its material complete, handled in A1: awaiting the employer's confirmation. */
  received: FixtureFiling;
  /** Unit A's own texts, shown to whoever reads any of its filings: its name, code, legal representative's number. */
  unitSecrets: string[];
  /** Each filing's people (names and numbers, the representative and the handler too), shown only to its readers. */
  peopleOf: Map<FixtureFiling, string[]>;
  /** All of the above: what no refusal may carry. */
  secrets: string[];
  /** Whole personal numbers: shown to nobody unless DPF staff ask (?reveal=personal). */
  wholeNumbers: string[];
}

async function certify(system: TestSystem, employer: string, id: string): Promise<void> {
  await completeFilingTask(system, employer, id, 'confirm-result', { confirmationDecision: 'confirm' });
  await filingWhen(system, employer, id, 'certified', (f) => f.status === 'certified');
}

async function certifiedFiling(system: TestSystem, declaration: Filing): Promise<AccessFixtures['certified']> {
  const { id, employer } = await fileAndReview(system, declaration);
  await certify(system, employer, id);
  const certificate = await eventually('the confirmation', async () => {
    const res = await system.request('GET', `/api/filings/${id}/certificate`, { token: employer });
    return res.status === 200 ? (res.body as { code: string }) : undefined;
  });
  return { id, declaration, facts: FILING_FACTS, certificateCode: certificate.code };
}

async function awaitingFiling(system: TestSystem, declaration: Filing): Promise<AccessFixtures['awaiting']> {
  const { id, employer } = await fileAndReview(system, declaration);
  const task = await filingTask(system, employer, id, 'confirm-result');
  const form = new FormData();
  form.append('kind', 'evidence');
  form.append('employeeIndex', '0');
  form.append('file', new Blob([new Uint8Array(pdf('access-matrix evidence'))], { type: 'application/pdf' }), '劳动合同.pdf');
  const res = await fetch(`${system.apiUrl}/api/filings/${id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${employer}` }, body: form });
  expect(res.status).toBe(201);
  const { items } = (await res.json()) as { items: { id: string }[] };
  return { id, declaration, facts: FILING_FACTS, confirmTaskId: task.id, documentId: items[0]!.id };
}

async function windowFiling(system: TestSystem, declaration: Filing): Promise<AccessFixtures['window']> {
  const clerk = await system.login({ role: 'clerk', regionCode: COUNTY_A1 });
  const lead = await system.login({ role: 'lead', regionCode: COUNTY_A1 });
  const res = await system.request('POST', '/api/filings', {
    token: clerk,
    body: { ...declaration, channel: 'window', receivingRegionCode: COUNTY_A1, windowIntake: { materialsComplete: false, missingMaterials: '缺少残疾职工劳动合同复印件' } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as string;
  const task = await filingTask(system, clerk, id, 'acceptance');
  const sentTo = (token: string, kind: string) =>
    eventually(`the ${kind} of ${id}`, async () => {
      const list = await system.request('GET', `/api/notifications?kind=${kind}&limit=100`, { token });
      return (list.body.items as { id: string; filingId: string | null }[]).find((n) => n.filingId === id)?.id;
    });
  // One after the other: each timer's notice moves the same execution the other timer's job would.
  await fireTimer(system, id, 'acceptance-due-soon');
  const reminderId = await sentTo(clerk, 'reminder');
  await fireTimer(system, id, 'acceptance-overdue');
  return { id, declaration, facts: FILING_FACTS, acceptanceTaskId: task.id, reminderId, escalationId: await sentTo(lead, 'escalation') };
}

async function feedbackFiling(system: TestSystem, declaration: Filing): Promise<AccessFixtures['feedback']> {
  const { id, employer } = await fileAndReview(system, declaration);
  await certify(system, employer, id);
  // Taken once the process waits for it, a moment after the certification.
  await eventually('the feedback to be taken', async () => {
    const res = await system.request('POST', `/api/filings/${id}/feedback`, { token: employer, body: { reason: '平均在职职工人数填报有误' } });
    return res.status === 202 ? true : undefined;
  }, 60_000);
  const reviewer = await system.login({ role: 'reviewer', regionCode: COUNTY_A1 });
  const task = await filingTask(system, reviewer, id, 'review-feedback');
  return { id, declaration, facts: FILING_FACTS, reviewTaskId: task.id };
}

async function receivedFiling(system: TestSystem, declaration: Filing): Promise<AccessFixtures['received']> {
  const clerk = await system.login({ role: 'clerk', regionCode: COUNTY_A2 });
  const res = await system.request('POST', '/api/filings', {
    token: clerk,
    body: { ...declaration, channel: 'window', receivingRegionCode: COUNTY_A2, windowIntake: { materialsComplete: true } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as string;
  // Waited for as the unit: what the receiving county may read is the matrix's to check.
  const employer = await system.login({ role: 'employer', uscc: UNIT_A.uscc });
  const filed = await filingWhen(system, employer, id, 'handed to the unit\'s county and reviewed', (f) => f.status === 'awaiting_confirmation');
  expect([filed.receivingRegionCode, filed.handlingRegionCode]).toEqual([COUNTY_A2, COUNTY_A1]);
  return { id, declaration, facts: RECEIVED_FACTS };
}

const people = (d: Filing) => [d.employer.legalRepName, d.employer.handlerName, ...d.employees.flatMap((e) => [e.name, e.idNumber, e.certNumber])];

/** Drives the five filings at once; the department simulators must know unitAScenario()'s records. */
export async function buildAccessFixtures(system: TestSystem): Promise<AccessFixtures> {
  const [certified, awaiting, window, feedback, received] = await Promise.all([
    certifiedFiling(system, unitAScenario().filing),
    awaitingFiling(system, unitAFiling(2024, TAGS[1])),
    windowFiling(system, unitAFiling(2023, TAGS[2])),
    feedbackFiling(system, unitAFiling(2022, TAGS[3])),
    receivedFiling(system, unitAFiling(2021, TAGS[4])),
  ]);
  const filings = [certified, awaiting, window, feedback, received];
  // Unit A in the register of units, in its county, as a registrar's feed would have entered it.
  await system.db.query(
    `insert into unit_register (uscc, name, registrar, status, status_since, region_code, unit_nature)
     values ($1, $2, $3, 'active', '2015-03-02', $4, $5) on conflict (uscc) do nothing`,
    [UNIT_A.uscc, UNIT_A.name, registrarOf(UNIT_A.uscc) ?? 'samr', COUNTY_A1, certified.declaration.employer.unitNature],
  );
  // The unit's legal representative is the same in every declaration: the unit's, not one filing's.
  const { legalRepIdNumber } = certified.declaration.employer;
  const unitSecrets = [UNIT_A.name, UNIT_A.uscc, legalRepIdNumber];
  const peopleOf = new Map<FixtureFiling, string[]>(filings.map((f) => [f, people(f.declaration)]));
  const wholeNumbers = [legalRepIdNumber, ...filings.flatMap((f) => f.declaration.employees.flatMap((e) => [e.idNumber, e.certNumber]))];
  return { certified, awaiting, window, feedback, received, unitSecrets, peopleOf, secrets: [...unitSecrets, ...[...peopleOf.values()].flat()], wholeNumbers };
}
