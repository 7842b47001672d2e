// The published access policy: for every route, which of the resources it acts on each permitted role may reach.
// A route's contract (`callers`) says which roles may call it at all; this says how far each reaches — the filing's
// unit, the county that handles it, the city above, the group a task is offered to. Written once, as data:
// docs/contracts.md §1 (Scope) points here, the OpenAPI document states each route's rule, and the access matrix
// test (test/integration/access-matrix.test.ts) probes every route with every role in and out of scope and holds
// each answer to it. A route without an entry here fails test/unit/access-policy.test.ts.
import type { Role } from '../platform/http/identity.ts';
import type { Text } from './route-contract.ts';

/**
 * What a route acts on, whose place decides who may reach it:
 * - `nothing`: no party's resource (settings, definitions, templates, deadlines, one's own unit name): the role decides;
 * - `filing`: the filing in the path (`{id}`); for a list, each filing listed;
 * - `new-filing`: the unit a new filing declares (online) and the office that received it (window);
 * - `unit`: the unit in the path (`{uscc}`), placed by its registered county;
 * - `region`: the region a summary is asked for (`?regionCode=`; without it, the caller's own);
 * - `task`: a task, placed by the candidate group the diagram offers it to; for the inbox, each task listed;
 * - `notification`: a reminder or escalation, placed by the group it was sent to; for the list, each one listed;
 * - `staff-member`: an entry of the staff register (`{sub}`, or the entry a new one would be), placed by its region (its
 *   county, its city's xxxx00, or 330000); for the register's list, each entry listed.
 */
export type Resource = 'nothing' | 'filing' | 'new-filing' | 'unit' | 'region' | 'task' | 'notification' | 'staff-member';

/**
 * How a signed-in person must stand to a resource to reach it:
 * - `all`: every such resource;
 * - `own-unit`: the resource's unit is the person's (an employer's USCC);
 * - `own-county`: the person's county handles the filing or received it (a new filing: received it);
 * - `handling-county`: the person's county handles the filing;
 * - `within-region`: the resource's county (a filing's handling county, a unit's county, the region asked for) lies
 *   within the person's region — a county is only itself, a city its counties, the province all of Zhejiang;
 * - `own-group`: offered or sent to a group the person belongs to — `employer-<USCC>`, `<role>-<county>` for
 *   clerks, reviewers and county leads, `city-<city code>`, `province`, `policy`, `operator`.
 * A role a route admits but that has no reach named here reaches none of its resources.
 */
export type Reach = 'all' | 'own-unit' | 'own-county' | 'handling-county' | 'within-region' | 'own-group';

export type ReachByRole = Readonly<Partial<Record<Role, Reach>>>;

export interface RouteAccess {
  resource: Resource;
  /** Per admitted role; unused for `nothing`. */
  reach?: ReachByRole;
  /** The same route asked for more (`?reveal=personal`): a narrower rule for that query. */
  variants?: readonly { query: string; reach: ReachByRole; note: Text }[];
}

/** Who reads a filing (platform/http/access.ts canReadFiling): its unit, its counties, the city and province above. */
export const FILING_READERS: ReachByRole = {
  employer: 'own-unit',
  clerk: 'own-county',
  reviewer: 'own-county',
  lead: 'own-county',
  city: 'within-region',
  province: 'within-region',
};

/** Whole ID and certificate numbers (`?reveal=personal`): DPF staff who read the filing; never the employer. */
const PERSONAL_NUMBER_READERS: ReachByRole = { clerk: 'own-county', reviewer: 'own-county', lead: 'own-county', city: 'within-region', province: 'within-region' };

/** Adding documents: the unit, the window of either county, the handling county's reviewers (documents/document-access.ts). */
const DOCUMENT_UPLOADERS: ReachByRole = { employer: 'own-unit', clerk: 'own-county', reviewer: 'handling-county' };

const OWN_GROUPS: ReachByRole = {
  employer: 'own-group',
  clerk: 'own-group',
  reviewer: 'own-group',
  lead: 'own-group',
  city: 'own-group',
  province: 'own-group',
  policy: 'own-group',
  operator: 'own-group',
};

const ROLE_ALONE: RouteAccess = { resource: 'nothing' };
const FILING: RouteAccess = { resource: 'filing', reach: FILING_READERS };
const OWN_FILING: RouteAccess = { resource: 'filing', reach: { employer: 'own-unit' } };
const TASK: RouteAccess = { resource: 'task', reach: OWN_GROUPS };
const SUPERVISION_REGION: RouteAccess = { resource: 'region', reach: { lead: 'within-region', city: 'within-region', province: 'within-region' } };
const UNIT_REGISTER_REACH: ReachByRole = { clerk: 'within-region', reviewer: 'within-region', lead: 'within-region', city: 'within-region', province: 'within-region' };
const STAFF_MEMBER: RouteAccess = { resource: 'staff-member', reach: { city: 'within-region', province: 'within-region' } };

/** Keyed `METHOD /path` exactly as the route's contract names it. */
export const ACCESS_POLICY: Readonly<Record<string, RouteAccess>> = {
  'GET /api/health': ROLE_ALONE,
  'GET /api/openapi.json': ROLE_ALONE,
  'GET /api/docs': ROLE_ALONE,
  'POST /api/dev/login': ROLE_ALONE,
  // One's own session: the one the request came with, and nobody else's.
  'GET /api/session': ROLE_ALONE,
  'POST /api/session/logout': ROLE_ALONE,
  // Signing in through the provider, and out of one's own session: no party's resource (sign-in/oidc-routes.ts).
  'GET /api/sign-in/options': ROLE_ALONE,
  'GET /auth/login': ROLE_ALONE,
  'GET /auth/callback': ROLE_ALONE,
  'GET /auth/logout': ROLE_ALONE,
  'POST /auth/logout': ROLE_ALONE,

  'POST /api/filings': { resource: 'new-filing', reach: { employer: 'own-unit', clerk: 'own-county' } },
  'GET /api/filings/{id}': {
    ...FILING,
    variants: [
      {
        query: 'reveal=personal',
        reach: PERSONAL_NUMBER_READERS,
        note: { zh: '完整证件号码：仅限可查看该申报的残联工作人员，单位始终看到打码号码', en: 'whole personal numbers: DPF staff who read the filing; employers always see them masked' },
      },
    ],
  },
  'GET /api/filings': FILING,
  // 上年数据导入: the unit's own employer; the clerks of the county that handled its previous declaration.
  'GET /api/last-year-start/{uscc}': { resource: 'unit', reach: { employer: 'own-unit', clerk: 'within-region' } },
  'PUT /api/filings/{id}/declaration': OWN_FILING,
  'POST /api/filings/{id}/feedback': OWN_FILING,

  'GET /api/tasks': TASK,
  'GET /api/tasks/{id}': TASK,
  'POST /api/tasks/{id}/claim': TASK,
  'POST /api/tasks/{id}/unclaim': TASK,
  'POST /api/tasks/{id}/complete': TASK,

  'POST /api/filings/{id}/documents': { resource: 'filing', reach: DOCUMENT_UPLOADERS },
  'GET /api/filings/{id}/documents': FILING,
  'GET /api/filings/{id}/documents/{documentId}': FILING,

  'GET /api/filings/{id}/certificate': FILING,
  'GET /api/filings/{id}/certificate.pdf': FILING,
  // The code printed on the paper: what the paper shows, to anyone holding it.
  'GET /api/certificates/{code}': ROLE_ALONE,
  'GET /verify': ROLE_ALONE,
  'GET /verify/{code}': ROLE_ALONE,

  'POST /api/filings/{id}/rating': OWN_FILING,
  'GET /api/ratings/summary': { resource: 'region', reach: { reviewer: 'within-region', lead: 'within-region', city: 'within-region', province: 'within-region' } },
  // Supervision (监管统计): a city its counties, the province all of Zhejiang, a county lead its own county.
  'GET /api/supervision/figures': SUPERVISION_REGION,
  'GET /api/supervision/filings': SUPERVISION_REGION,
  'GET /api/supervision/exits': SUPERVISION_REGION,
  'GET /api/supervision/export': SUPERVISION_REGION,

  // The register of units (单位名录): county staff their county's units, a city its counties', the province all.
  'GET /api/units': { resource: 'region', reach: UNIT_REGISTER_REACH },
  'GET /api/units/{uscc}': { resource: 'unit', reach: UNIT_REGISTER_REACH },

  'GET /api/employers/mine': ROLE_ALONE,
  'GET /api/employers/{uscc}': { resource: 'unit', reach: { clerk: 'within-region', reviewer: 'within-region', city: 'within-region', province: 'within-region' } },
  'PATCH /api/employers/{uscc}': { resource: 'unit', reach: { city: 'within-region', province: 'within-region' } },
  // The registers' public business data: a window serves any unit that comes to it (省内通办); a unit only itself.
  'GET /api/registrations/{uscc}': { resource: 'unit', reach: { employer: 'own-unit', clerk: 'all' } },

  'GET /api/templates/employees.xlsx': ROLE_ALONE,
  'GET /api/templates/employees.csv': ROLE_ALONE,
  'POST /api/employee-imports': ROLE_ALONE,
  // The history import (通知 §六): each unit of the workbook is held to the importer's region row by row (an
  // OUT_OF_SCOPE problem at its cell, nothing written); an import's record is its creator's (and the province's).
  'GET /api/templates/review-history.xlsx': ROLE_ALONE,
  'POST /api/review-history/imports': ROLE_ALONE,
  'GET /api/review-history/imports/{id}': ROLE_ALONE,

  'GET /api/calendar/years': ROLE_ALONE,
  'PUT /api/calendar/years/{year}': ROLE_ALONE,
  'GET /api/calendar/due-date': ROLE_ALONE,
  'GET /api/settings/filing-season': ROLE_ALONE,
  'GET /api/settings/filing-season/history': ROLE_ALONE,
  'PUT /api/settings/filing-season': ROLE_ALONE,
  'GET /api/deadlines': ROLE_ALONE,
  'GET /api/filings/{id}/deadlines': FILING,

  'POST /api/deployments': ROLE_ALONE,
  'POST /api/deployments/checks': ROLE_ALONE,
  'GET /api/definitions': ROLE_ALONE,
  'GET /api/definitions/{kind}/{key}/versions': ROLE_ALONE,
  'GET /api/definitions/{kind}/{key}/versions/{version}/source': ROLE_ALONE,
  'GET /api/element-templates': ROLE_ALONE,
  // Policy staff replay the filings of any region they choose: the preview is their tool for the whole province.
  'POST /api/policy/previews': ROLE_ALONE,

  'GET /api/notifications': { resource: 'notification', reach: OWN_GROUPS },
  'POST /api/notifications/{id}/read': { resource: 'notification', reach: OWN_GROUPS },

  // The staff register: the province keeps every entry, a city its counties' and its own (nobody their own entry).
  'GET /api/staff': STAFF_MEMBER,
  'POST /api/staff': STAFF_MEMBER,
  'PATCH /api/staff/{sub}': STAFF_MEMBER,
  'POST /api/staff/{sub}/revoke-sessions': STAFF_MEMBER,
  // One's own entry and standing, whatever the register says: a person refused is told why.
  'GET /api/staff/me': ROLE_ALONE,

  // Operators keep the whole province's processes running; the province reads what they see.
  'GET /api/operations/health': ROLE_ALONE,
  'GET /api/operations/incidents': ROLE_ALONE,
  'POST /api/operations/incidents/retry': ROLE_ALONE,
  'GET /api/operations/running-filings': ROLE_ALONE,
  'GET /api/operations/departments': ROLE_ALONE,
  'GET /api/operations/workers': ROLE_ALONE,
  'GET /api/operations/deadlines': ROLE_ALONE,
  'GET /api/operations/share-back': ROLE_ALONE,

  // The cities' annual summary reports: a city its own, the province every city's (the region asked for, or the
  // city in the path).
  'GET /api/annual-reports': { resource: 'region', reach: { city: 'within-region', province: 'within-region' } },
  'GET /api/annual-reports/{year}/{cityCode}/report.docx': { resource: 'region', reach: { city: 'within-region', province: 'within-region' } },
  'GET /api/annual-reports/{year}/{cityCode}/report.pdf': { resource: 'region', reach: { city: 'within-region', province: 'within-region' } },

  // Over-quota rewards: a county its own units, a city its counties, the province all (the region asked for, or the
  // caller's own); the payment sheet is a city's (the city asked for).
  'GET /api/rewards': { resource: 'region', reach: { clerk: 'within-region', reviewer: 'within-region', lead: 'within-region', city: 'within-region', province: 'within-region' } },
  'GET /api/rewards/export.xlsx': { resource: 'region', reach: { city: 'within-region', province: 'within-region' } },

  // Other systems with their own credentials: a person's token is no credential here.
  'POST /api/national-platform/filings': ROLE_ALONE,
  'POST /api/departments/tax/answers': ROLE_ALONE,
};

/** The key a route's contract has here. */
export function accessKey(route: { method: string; path: string }): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

const RESOURCE_TEXT: Record<Resource, Text> = {
  nothing: { zh: '仅按角色', en: 'by role alone' },
  filing: { zh: '申报', en: 'the filing' },
  'new-filing': { zh: '所申报的单位及收件地', en: 'the declared unit and receiving office' },
  unit: { zh: '单位（按其所属县）', en: 'the unit, by its county' },
  region: { zh: '所查询的行政区', en: 'the region asked for' },
  task: { zh: '任务（按其候选组）', en: 'the task, by its candidate group' },
  notification: { zh: '通知（按接收组）', en: 'the notification, by the group it went to' },
  'staff-member': { zh: '名册人员（按其所属行政区）', en: 'the register entry, by its region' },
};

const REACH_TEXT: Record<Reach, Text> = {
  all: { zh: '全部', en: 'all' },
  'own-unit': { zh: '本单位', en: 'own unit' },
  'own-county': { zh: '本县办理或收件', en: 'handled or received by own county' },
  'handling-county': { zh: '本县办理', en: 'handled by own county' },
  'within-region': { zh: '本辖区内', en: 'within own region' },
  'own-group': { zh: '本人所在组', en: 'own groups' },
};

/** Roles of the same reach together: `clerk, reviewer, lead: handled or received by own county`. */
function reachText(reach: ReachByRole, lang: keyof Text): string {
  const byReach = new Map<Reach, string[]>();
  for (const [role, r] of Object.entries(reach) as [Role, Reach][]) byReach.set(r, [...(byReach.get(r) ?? []), role]);
  return [...byReach]
    .map(([r, roles]) => (lang === 'zh' ? `${roles.join('、')} ${REACH_TEXT[r].zh}` : `${roles.join(', ')}: ${REACH_TEXT[r].en}`))
    .join(lang === 'zh' ? '；' : '; ');
}

/** One route's rule in words, for the OpenAPI document. */
export function accessText(access: RouteAccess): Text {
  const say = (lang: keyof Text) => {
    const base = access.resource === 'nothing' || !access.reach ? RESOURCE_TEXT.nothing[lang] : `${RESOURCE_TEXT[access.resource][lang]}${lang === 'zh' ? '：' : ': '}${reachText(access.reach, lang)}`;
    const more = (access.variants ?? []).map((v) => (lang === 'zh' ? `?${v.query}：${reachText(v.reach, lang)}（${v.note.zh}）` : `?${v.query}: ${reachText(v.reach, lang)} (${v.note.en})`));
    return [base, ...more].join(lang === 'zh' ? '。' : '. ');
  };
  return { zh: say('zh'), en: say('en') };
}
