// What the access matrix (test/integration/access-matrix.test.ts) probes: one unit (A) in county A1 with four
// filings, each driven through the real engine to the state its routes need — certified with its confirmation, awaiting
// the employer's confirmation with evidence uploaded, a window filing waiting for the county's acceptance with its
// reminder and escalation fired, and a certified one whose feedback waits for the county's reviewers. Every person in
// them bears a name no text of the system contains, so a leak of any of them can be searched for.
import { expect } from 'vitest';
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

const SEED_A = 20_020_001;

const TAGS = ['甲', '乙', '丙', '丁'] as const;
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

/** Unit A's declaration for another year: its own unit, other (distinctly named) people. */
function unitAFiling(year: number, tag: string): Filing {
  const other = syntheticFiling(SEED_A + year, { year, regionCode: COUNTY_A1, employees: 2 });
  return distinctlyNamed({ ...other, employer: unitAScenario().filing.employer }, tag, UNIT_A_NAME);
}

export interface FixtureFiling {
  id: string;
  declaration: Filing;
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
  /** Texts no one outside unit A's scope may ever be shown: the unit's name and code, its people's names and numbers. */
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
  return { id, declaration, certificateCode: certificate.code };
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
  return { id, declaration, confirmTaskId: task.id, documentId: items[0]!.id };
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
  return { id, declaration, acceptanceTaskId: task.id, reminderId, escalationId: await sentTo(lead, 'escalation') };
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
  return { id, declaration, reviewTaskId: task.id };
}

/** Drives the four filings at once; the department simulators must know unitAScenario()'s records. */
export async function buildAccessFixtures(system: TestSystem): Promise<AccessFixtures> {
  const [certified, awaiting, window, feedback] = await Promise.all([
    certifiedFiling(system, unitAScenario().filing),
    awaitingFiling(system, unitAFiling(2024, TAGS[1])),
    windowFiling(system, unitAFiling(2023, TAGS[2])),
    feedbackFiling(system, unitAFiling(2022, TAGS[3])),
  ]);
  const declarations = [certified, awaiting, window, feedback].map((f) => f.declaration);
  const wholeNumbers = declarations.flatMap((d) => [d.employer.legalRepIdNumber, ...d.employees.flatMap((e) => [e.idNumber, e.certNumber])]);
  const secrets = [
    UNIT_A.name,
    UNIT_A.uscc,
    ...declarations.flatMap((d) => [d.employer.legalRepName, d.employer.handlerName, ...d.employees.map((e) => e.name)]),
    ...wholeNumbers,
  ];
  return { certified, awaiting, window, feedback, secrets: [...new Set(secrets)], wholeNumbers: [...new Set(wholeNumbers)] };
}
