// How the access matrix probes each route: the fixture it names in its path, the body it sends, where the resource
// stands for the oracle, and the answers a caller the policy admits may get. A route without path parameters needs
// no entry (its path as it is; `{}` as the body of a change, answered 400 to whoever may make it); a route with them
// must have one here, or the matrix refuses to run — a new route cannot slip past it.
//
// Changes are probed so that whoever may make them leaves the fixtures as the later probes need them: a filing is
// sent again for a unit and year that already has one (409), a declaration modified while no modification is open
// (409), feedback on a filing that is not certified (409), a task completed without its form's values (400), a
// settings change with an empty body (400); the changes that go through (a rating, an upload, a claim and its unclaim,
// a notification read, a unit's master data set to what it is) change nothing another probe reads; signing out ends a
// session of its own. Every body is otherwise valid, so that a route that checks its body before its scope still
// meets the scope check.
import { ACCESS_POLICY, accessKey, type ReachByRole } from '../../api/access-policy.ts';
import { pathParameterNames } from '../../api/openapi-document.ts';
import type { RouteContract } from '../../api/route-contract.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { CITY_A, CITY_B, COUNTY_A1, COUNTY_A2, COUNTY_B1, FILING_FACTS, RECEIVED_FACTS, UNIT_A, type AccessFixtures, type Facts } from './access-fixtures.ts';
import type { Prober } from './access-oracle.ts';
import { employeeCsv } from './employee-csv.ts';
import { pdf } from './hostile/payloads.ts';

export interface Probe {
  /** Which fixture or variant the probe is about, for the test's name. */
  about?: string;
  path(fx: AccessFixtures): string;
  /** Where the probed resource stands; absent for routes that act on no party's resource. */
  facts?: Facts;
  /** The policy's narrower rule for this query (RouteAccess.variants). */
  variant?: string;
  json?(fx: AccessFixtures, who: Prober): unknown;
  form?(fx: AccessFixtures): FormData;
  /** Statuses a caller the policy admits may get: success, or the refusal about input or state the probe is built to meet. */
  allowed: readonly number[];
  /** A list: the fixture's items it may show, each with where it stands; shown exactly to those the policy lets reach them. */
  listed?(fx: AccessFixtures): { marker: string; facts: Facts }[];
  /** The answer is about unit A by the route's design (a public check of its code, a register lookup by a window). */
  aboutUnitA?: boolean;
  /** Whole personal numbers are what the admitted caller asked for (?reveal=personal). */
  reveals?: boolean;
  /** A public route: a person's token gets exactly what no sign-in gets (default true; not where an answer varies by itself). */
  sameForEveryone?: boolean;
  /** The probe ends the session it comes with: it gets one of its own, so the later probes keep theirs. */
  ownSession?: boolean;
}

/** The filing received in county A2 and handled in A1: its receiving county reads it, only A1's reviewers add to it. */
const RECEIVED = 'received in A2, handled in A1';

const groups = (...names: string[]): Facts => ({ groups: names });
const TASKS = [
  { about: 'acceptance, offered to clerk-A1', id: (fx: AccessFixtures) => fx.window.acceptanceTaskId, facts: groups(`clerk-${COUNTY_A1}`) },
  { about: 'confirm-result, offered to employer-A', id: (fx: AccessFixtures) => fx.awaiting.confirmTaskId, facts: groups(`employer-${UNIT_A.uscc}`) },
  { about: 'review-feedback, offered to reviewer-A1', id: (fx: AccessFixtures) => fx.feedback.reviewTaskId, facts: groups(`reviewer-${COUNTY_A1}`) },
];
const taskProbes = (suffix: string, probe: Pick<Probe, 'allowed' | 'json'>): Probe[] =>
  TASKS.map((t) => ({ ...probe, about: t.about, path: (fx) => `/api/tasks/${t.id(fx)}${suffix}`, facts: t.facts }));

const NOTIFICATIONS = [
  { about: "the clerks' reminder, sent to clerk-A1", id: (fx: AccessFixtures) => fx.window.reminderId, facts: groups(`clerk-${COUNTY_A1}`) },
  { about: "the lead's escalation, sent to lead-A1", id: (fx: AccessFixtures) => fx.window.escalationId, facts: groups(`lead-${COUNTY_A1}`) },
];

/** Register entries development sign-in makes for probers, by login name and region. */
const STAFF_ENTRIES = [
  { sub: `dev-clerk-${COUNTY_A1}`, region: COUNTY_A1 },
  { sub: `dev-reviewer-${COUNTY_A2}`, region: COUNTY_A2 },
  { sub: `dev-lead-${COUNTY_B1}`, region: COUNTY_B1 },
  { sub: `dev-city-${CITY_A}`, region: CITY_A },
  { sub: `dev-city-${CITY_B}`, region: CITY_B },
  { sub: 'dev-province-330000', region: '330000' },
];

/** A person of county A1 nobody signs in as: registered by the first keeper that reaches A1, changed, signed out. */
const MATRIX_STAFF = { sub: 'matrix-staff-a1', name: '矩阵名册人员', roles: ['reviewer'], regionCode: COUNTY_A1, certificateNumber: 'MATRIX-A1-0001', certificateExpiresOn: '2099-12-31', agreementSignedOn: '2026-01-05' };

const pdfForm = () => {
  const form = new FormData();
  form.append('kind', 'scan');
  form.append('file', new Blob([new Uint8Array(pdf('access-matrix scan'))], { type: 'application/pdf' }), '申报表扫描件.pdf');
  return form;
};

const csvForm = () => {
  const form = new FormData();
  // People of no fixture: the answer gives back whole numbers, the caller's own.
  const csv = employeeCsv(syntheticFiling(20_020_099, { year: 2025, employees: 2 }).employees);
  form.append('file', new Blob([csv], { type: 'text/csv' }), '残疾职工名单.csv');
  return form;
};

const PROBES: Readonly<Record<string, readonly Probe[]>> = {
  'POST /api/dev/login': [{ path: () => '/api/dev/login', json: () => ({ role: 'province' }), allowed: [200], sameForEveryone: false }],
  'GET /api/health': [{ path: () => '/api/health', allowed: [200], sameForEveryone: false }],
  'POST /api/session/logout': [{ path: () => '/api/session/logout', allowed: [204], ownSession: true }],
  // Redirects, followed: on to the provider, whose sign-in page needs the interaction cookie a fetch does not keep
  // (its own 400 page, the same for everyone but for the interaction's id), or back to /login with why.
  'GET /auth/login': [{ path: () => '/auth/login', allowed: [400], sameForEveryone: false }],
  'GET /auth/callback': [{ path: () => '/auth/callback?code=x&state=y', allowed: [200], sameForEveryone: false }],
  'GET /auth/logout': [{ path: () => '/auth/logout', allowed: [200], ownSession: true }],
  'POST /auth/logout': [{ path: () => '/auth/logout', allowed: [200], ownSession: true }],

  // Unit A's 2025 filing again: the unit online, or at county A1's window — the year is taken (409).
  'POST /api/filings': [
    {
      path: () => '/api/filings',
      facts: { unit: UNIT_A.uscc, receiving: COUNTY_A1 },
      json: (fx, who) =>
        who.login?.role === 'clerk'
          ? { ...fx.certified.declaration, channel: 'window', receivingRegionCode: COUNTY_A1, windowIntake: { materialsComplete: true } }
          : fx.certified.declaration,
      allowed: [409],
    },
  ],
  'GET /api/filings/{id}': [
    { path: (fx) => `/api/filings/${fx.certified.id}`, facts: FILING_FACTS, allowed: [200] },
    { about: RECEIVED, path: (fx) => `/api/filings/${fx.received.id}`, facts: RECEIVED_FACTS, allowed: [200] },
    { about: '?reveal=personal', variant: 'reveal=personal', path: (fx) => `/api/filings/${fx.certified.id}?reveal=personal`, facts: FILING_FACTS, allowed: [200], reveals: true },
  ],
  'GET /api/filings': [
    {
      path: () => `/api/filings?uscc=${UNIT_A.uscc}&limit=100`,
      allowed: [200],
      listed: (fx) => [fx.certified, fx.awaiting, fx.window, fx.feedback, fx.received].map((f) => ({ marker: f.id, facts: f.facts })),
    },
  ],
  'PUT /api/filings/{id}/declaration': [{ path: (fx) => `/api/filings/${fx.awaiting.id}/declaration`, facts: FILING_FACTS, json: (fx) => fx.awaiting.declaration, allowed: [409] }],
  'POST /api/filings/{id}/feedback': [{ path: (fx) => `/api/filings/${fx.awaiting.id}/feedback`, facts: FILING_FACTS, json: () => ({ reason: '平均在职职工人数填报有误' }), allowed: [409] }],

  'GET /api/tasks': [{ path: () => '/api/tasks', allowed: [200], listed: (fx) => TASKS.map((t) => ({ marker: t.id(fx), facts: t.facts })) }],
  'GET /api/tasks/{id}': taskProbes('', { allowed: [200] }),
  'POST /api/tasks/{id}/claim': taskProbes('/claim', { allowed: [200] }),
  'POST /api/tasks/{id}/unclaim': taskProbes('/unclaim', { allowed: [200] }),
  'POST /api/tasks/{id}/complete': taskProbes('/complete', { json: () => ({}), allowed: [400] }),

  'POST /api/filings/{id}/documents': [
    { path: (fx) => `/api/filings/${fx.awaiting.id}/documents`, facts: FILING_FACTS, form: pdfForm, allowed: [201] },
    { about: RECEIVED, path: (fx) => `/api/filings/${fx.received.id}/documents`, facts: RECEIVED_FACTS, form: pdfForm, allowed: [201] },
  ],
  'GET /api/filings/{id}/documents': [
    { path: (fx) => `/api/filings/${fx.awaiting.id}/documents`, facts: FILING_FACTS, allowed: [200] },
    { about: RECEIVED, path: (fx) => `/api/filings/${fx.received.id}/documents`, facts: RECEIVED_FACTS, allowed: [200] },
  ],
  'GET /api/filings/{id}/documents/{documentId}': [
    { path: (fx) => `/api/filings/${fx.awaiting.id}/documents/${fx.awaiting.documentId}`, facts: FILING_FACTS, allowed: [200] },
  ],
  'GET /api/filings/{id}/certificate': [{ path: (fx) => `/api/filings/${fx.certified.id}/certificate`, facts: FILING_FACTS, allowed: [200] }],
  'GET /api/filings/{id}/certificate.pdf': [{ path: (fx) => `/api/filings/${fx.certified.id}/certificate.pdf`, facts: FILING_FACTS, allowed: [200] }],
  'GET /api/certificates/{code}': [{ path: (fx) => `/api/certificates/${fx.certified.certificateCode}`, allowed: [200], aboutUnitA: true }],
  'GET /verify/{code}': [{ path: (fx) => `/verify/${fx.certified.certificateCode}`, allowed: [200], aboutUnitA: true }],

  'POST /api/filings/{id}/rating': [{ path: (fx) => `/api/filings/${fx.certified.id}/rating`, facts: FILING_FACTS, json: () => ({ score: 5, comment: '办理顺畅' }), allowed: [200, 201] }],
  'GET /api/ratings/summary': [{ about: `?regionCode=${COUNTY_A1}`, path: () => `/api/ratings/summary?regionCode=${COUNTY_A1}`, facts: { region: COUNTY_A1 }, allowed: [200] }],
  'GET /api/supervision/figures': [{ about: `?regionCode=${COUNTY_A1}`, path: () => `/api/supervision/figures?year=2025&regionCode=${COUNTY_A1}`, facts: { region: COUNTY_A1 }, allowed: [200] }],
  'GET /api/supervision/filings': [{ about: `?regionCode=${COUNTY_A1}`, path: () => `/api/supervision/filings?year=2025&regionCode=${COUNTY_A1}`, facts: { region: COUNTY_A1 }, allowed: [200] }],
  'GET /api/supervision/exits': [{ about: `?regionCode=${COUNTY_A1}`, path: () => `/api/supervision/exits?year=2025&regionCode=${COUNTY_A1}`, facts: { region: COUNTY_A1 }, allowed: [200] }],
  'GET /api/supervision/export': [
    { about: `?regionCode=${COUNTY_A1}`, path: () => `/api/supervision/export?table=byCounty&year=2025&regionCode=${COUNTY_A1}`, facts: { region: COUNTY_A1 }, allowed: [200] },
  ],

  'GET /api/employers/{uscc}': [{ path: () => `/api/employers/${UNIT_A.uscc}`, facts: { unit: UNIT_A.uscc, region: COUNTY_A1 }, allowed: [200] }],
  'PATCH /api/employers/{uscc}': [
    {
      path: () => `/api/employers/${UNIT_A.uscc}`,
      facts: { unit: UNIT_A.uscc, region: COUNTY_A1 },
      json: () => ({ unitNature: 'enterprise', note: '核对单位性质，未作变更' }),
      allowed: [200],
    },
  ],
  // The register of units: unit A entered in county A1 (access-fixtures.ts); the list narrowed to its code.
  'GET /api/units': [{ path: () => `/api/units?uscc=${UNIT_A.uscc}`, allowed: [200], listed: () => [{ marker: UNIT_A.uscc, facts: { unit: UNIT_A.uscc, region: COUNTY_A1 } }] }],
  'GET /api/units/{uscc}': [{ path: () => `/api/units/${UNIT_A.uscc}`, facts: { unit: UNIT_A.uscc, region: COUNTY_A1 }, allowed: [200] }],
  // 上年数据导入 for 2026: unit A's certified 2025 filing, handled in A1.
  'GET /api/last-year-start/{uscc}': [{ path: () => `/api/last-year-start/${UNIT_A.uscc}?year=2026`, facts: { unit: UNIT_A.uscc, region: COUNTY_A1 }, allowed: [200] }],
  'GET /api/registrations/{uscc}': [{ path: () => `/api/registrations/${UNIT_A.uscc}`, facts: { unit: UNIT_A.uscc, region: COUNTY_A1 }, allowed: [200], aboutUnitA: true }],
  'POST /api/employee-imports': [{ path: () => '/api/employee-imports?year=2025', form: csvForm, allowed: [200] }],
  // A CSV is no history workbook: refused before any import is recorded (nothing written, whoever asks).
  'POST /api/review-history/imports': [{ path: () => '/api/review-history/imports?dryRun=true', form: csvForm, allowed: [400] }],
  // No import of the probers' exists: an admitted caller learns only that.
  'GET /api/review-history/imports/{id}': [{ path: () => '/api/review-history/imports/00000000-0000-4000-8000-000000000000', allowed: [404] }],

  'PUT /api/calendar/years/{year}': [{ path: () => '/api/calendar/years/2027', json: () => ({}), allowed: [400] }],
  'GET /api/calendar/due-date': [{ path: () => '/api/calendar/due-date?from=2026-02-10T09%3A00%3A00%2B08%3A00&workingDays=3', allowed: [200] }],
  'GET /api/filings/{id}/deadlines': [
    { path: (fx) => `/api/filings/${fx.awaiting.id}/deadlines`, facts: FILING_FACTS, allowed: [200] },
    { about: RECEIVED, path: (fx) => `/api/filings/${fx.received.id}/deadlines`, facts: RECEIVED_FACTS, allowed: [200] },
  ],

  'GET /api/definitions': [{ path: () => '/api/definitions?kind=process', allowed: [200] }],
  'GET /api/definitions/{kind}/{key}/versions': [{ path: () => '/api/definitions/process/annual-review/versions', allowed: [200] }],
  'GET /api/definitions/{kind}/{key}/versions/{version}/source': [{ path: () => '/api/definitions/process/annual-review/versions/1/source', allowed: [200] }],

  // The register: the probers' own entries (development sign-in made them), and one the first keeper in reach makes.
  'GET /api/staff': [{ path: () => '/api/staff?limit=100', allowed: [200], listed: () => STAFF_ENTRIES.map((e) => ({ marker: e.sub, facts: { region: e.region } })) }],
  'POST /api/staff': [{ path: () => '/api/staff', facts: { region: COUNTY_A1 }, json: () => MATRIX_STAFF, allowed: [201, 409] }],
  'PATCH /api/staff/{sub}': [{ path: () => `/api/staff/${MATRIX_STAFF.sub}`, facts: { region: COUNTY_A1 }, json: () => ({ active: true }), allowed: [200] }],
  // Its sessions: none, so no prober loses the one it probes with.
  'POST /api/staff/{sub}/revoke-sessions': [{ path: () => `/api/staff/${MATRIX_STAFF.sub}/revoke-sessions`, facts: { region: COUNTY_A1 }, allowed: [200] }],

  // No city has a report in the fixtures: a download in scope is 404, out of scope 403.
  'GET /api/annual-reports': [{ about: `?regionCode=${CITY_A}`, path: () => `/api/annual-reports?regionCode=${CITY_A}`, facts: { region: CITY_A }, allowed: [200] }],
  'GET /api/annual-reports/{year}/{cityCode}/report.docx': [{ path: () => `/api/annual-reports/2025/${CITY_A}/report.docx`, facts: { region: CITY_A }, allowed: [200, 404] }],
  'GET /api/annual-reports/{year}/{cityCode}/report.pdf': [{ path: () => `/api/annual-reports/2025/${CITY_A}/report.pdf`, facts: { region: CITY_A }, allowed: [200, 404] }],

  'GET /api/rewards': [{ about: `?region=${COUNTY_A1}`, path: () => `/api/rewards?year=2024&region=${COUNTY_A1}`, facts: { region: COUNTY_A1 }, allowed: [200] }],
  'GET /api/rewards/export.xlsx': [{ about: `?city=${CITY_A}`, path: () => `/api/rewards/export.xlsx?year=2024&city=${CITY_A}`, facts: { region: CITY_A }, allowed: [200] }],

  'GET /api/notifications': [{ path: () => '/api/notifications?limit=100', allowed: [200], listed: (fx) => NOTIFICATIONS.map((n) => ({ marker: n.id(fx), facts: n.facts })) }],
  'POST /api/notifications/{id}/read': NOTIFICATIONS.map((n) => ({ about: n.about, path: (fx: AccessFixtures) => `/api/notifications/${n.id(fx)}/read`, facts: n.facts, allowed: [200] })),
};

/** The probes of a route: its entry above, or its bare path for a route that names no resource in it. */
export function probesOf(contract: RouteContract): readonly Probe[] {
  const key = accessKey(contract);
  const listed = PROBES[key];
  if (listed) return listed;
  if (pathParameterNames(contract.path).length > 0) throw new Error(`${key} names a resource in its path: give it a probe in test/support/access-probes.ts`);
  const change = contract.method !== 'get';
  return [{ path: () => contract.path, allowed: change ? [400] : [200], ...(change ? { json: () => ({}) } : {}) }];
}

/** The policy's narrower rule for a probe's query, if it has one. */
export function variantReach(contract: RouteContract, probe: Probe): ReachByRole | undefined {
  if (!probe.variant) return undefined;
  const variant = ACCESS_POLICY[accessKey(contract)]?.variants?.find((v) => v.query === probe.variant);
  if (!variant) throw new Error(`${accessKey(contract)}: the policy has no variant ${probe.variant}`);
  return variant.reach;
}
