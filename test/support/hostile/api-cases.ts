// Bad requests to every endpoint but the filing body (filing-cases.ts), as data. Paths may name the suite's
// fixtures: {A} the first filing (employer A, 西湖区 330106), {B} the second (上城区 330102), {docA} a document on
// A, {usccA} employer A's USCC, {uuid} an id nobody has. `as` names who sends it (a role signed in by the suite); none means no token.
import { USCC_ALPHABET, usccCheckCharacter } from '../../../domain/identifiers/uscc.ts';
import type { Json } from './pointer.ts';
import type { FieldExpectation } from './refusal.ts';

export type Who = 'employerA' | 'employerB' | 'clerkA' | 'clerkB' | 'reviewerB' | 'cityHangzhou' | 'cityNingbo' | 'province' | 'policy' | 'operator';

export interface ApiCase {
  name: string;
  method: string;
  path: string;
  as?: Who;
  /** A JSON body (sent as application/json). */
  body?: Json;
  /** Exact body text, sent as application/json unless headers say otherwise. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  status?: number | readonly number[];
  errors?: FieldExpectation[];
  /** Leak kinds allowed in this answer (refusal.ts), where the text is about the client's own document. */
  tolerate?: string[];
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
function edited<T>(base: T, edit: (copy: any) => void): T {
  const copy = clone(base);
  edit(copy);
  return copy;
}

// ---------------------------------------------------------------------------------------------------------------
// POST /api/dev/login

const USCC_BODY = '91330106MA2B3C4D5';
const WRONG_USCC = USCC_BODY + USCC_ALPHABET.charAt((USCC_ALPHABET.indexOf(usccCheckCharacter(USCC_BODY)) + 1) % USCC_ALPHABET.length);

const login = (name: string, body: Json, errors: FieldExpectation[]): ApiCase => ({ name, method: 'POST', path: '/api/dev/login', body, status: 400, errors });

export const loginCases: ApiCase[] = [
  login('no role', {}, [{ path: '/role', code: 'REQUIRED' }]),
  login('unknown role', { role: 'admin' }, [{ path: '/role', code: 'FORMAT' }]),
  login('role as a list', { role: ['employer'] }, [{ path: '/role', code: 'FORMAT' }]),
  login('role with a NUL', { role: 'policy\u0000' }, [{ path: '/role', code: 'FORMAT' }]),
  login('employer without a USCC', { role: 'employer' }, [{ path: '/uscc', code: 'REQUIRED' }]),
  login('employer with a wrong check character', { role: 'employer', uscc: WRONG_USCC }, [{ path: '/uscc', code: 'USCC_CHECKSUM' }]),
  login('employer with a lower-case USCC', { role: 'employer', uscc: '91330106ma2b3c4d5e' }, [{ path: '/uscc', code: 'FORMAT' }]),
  login('employer with a USCC as a number', { role: 'employer', uscc: 913301060000000000 }, [{ path: '/uscc', code: 'FORMAT' }]),
  login('clerk without a region', { role: 'clerk' }, [{ path: '/regionCode', code: 'REQUIRED' }]),
  login('clerk of Beijing', { role: 'clerk', regionCode: '110101' }, [{ path: '/regionCode', code: 'REGION_UNKNOWN' }]),
  login('clerk of a city, not a county', { role: 'clerk', regionCode: '330100' }, [{ path: '/regionCode', code: 'REGION_UNKNOWN' }]),
  login('clerk with a region as a number', { role: 'clerk', regionCode: 330106 }, [{ path: '/regionCode', code: 'FORMAT' }]),
  login('clerk with full-width digits', { role: 'clerk', regionCode: '３３０１０６' }, [{ path: '/regionCode', code: 'FORMAT' }]),
  login('user id with a space', { role: 'policy', userId: 'li si' }, [{ path: '/userId', code: 'FORMAT' }]),
  login('user id of 65 characters', { role: 'policy', userId: 'a'.repeat(65) }, [{ path: '/userId', code: 'FORMAT' }]),
  login('user id with a NUL', { role: 'policy', userId: 'li\u0000si' }, [{ path: '/userId', code: 'FORMAT' }]),
  login('user id with a right-to-left override', { role: 'policy', userId: '\u202eadmin' }, [{ path: '/userId', code: 'FORMAT' }]),
  login('an extra field', { role: 'policy', admin: true }, [{ path: '/admin', code: 'UNKNOWN_FIELD' }]),
  login('a list instead of an object', [{ role: 'policy' }], [{ path: '/', code: 'FORMAT' }]),
];

// ---------------------------------------------------------------------------------------------------------------
// POST /api/filings: who may file what (the body itself is in filing-cases.ts)

export const filingPermissionCases: ApiCase[] = [
  { name: 'a reviewer files', method: 'POST', path: '/api/filings', as: 'reviewerB', body: 'VALID_FILING', status: 403 },
  { name: 'policy staff file', method: 'POST', path: '/api/filings', as: 'policy', body: 'VALID_FILING', status: 403 },
  { name: 'an employer files for another unit', method: 'POST', path: '/api/filings', as: 'employerB', body: 'VALID_FILING', status: 403 },
  { name: 'a clerk files through the online channel', method: 'POST', path: '/api/filings', as: 'clerkA', body: 'VALID_FILING', status: 403 },
  { name: 'a clerk files as received by another county', method: 'POST', path: '/api/filings', as: 'clerkA', body: 'VALID_WINDOW_FILING_ELSEWHERE', status: 403 },
];

// ---------------------------------------------------------------------------------------------------------------
// GET /api/filings and GET /api/filings/{id}: query strings

const list = (query: string, errors: FieldExpectation[], as: Who = 'clerkA'): ApiCase => ({ name: `?${query}`, method: 'GET', path: `/api/filings?${query}`, as, status: 400, errors });

export const filingQueryCases: ApiCase[] = [
  list('limit=0', [{ path: '/limit', code: 'FORMAT' }]),
  list('limit=101', [{ path: '/limit', code: 'FORMAT' }]),
  list('limit=-1', [{ path: '/limit', code: 'FORMAT' }]),
  list('limit=1.5', [{ path: '/limit', code: 'FORMAT' }]),
  list('limit=1e2', [{ path: '/limit', code: 'FORMAT' }]),
  list('limit=%EF%BC%95', [{ path: '/limit', code: 'FORMAT' }]),
  list('offset=-1', [{ path: '/offset', code: 'FORMAT' }]),
  list('offset=9999999', [{ path: '/offset', code: 'FORMAT' }]),
  list('offset=NaN', [{ path: '/offset', code: 'FORMAT' }]),
  list('year=25', [{ path: '/year', code: 'FORMAT' }]),
  list('year=20255', [{ path: '/year', code: 'FORMAT' }]),
  list('year=2025&year=2024', [{ path: '/year', code: 'FORMAT' }]),
  list('status=SUBMITTED', [{ path: '/status', code: 'FORMAT' }]),
  list('status=submitted%27%20or%201%3D1--', [{ path: '/status', code: 'FORMAT' }]),
  list('status=submitted%00', [{ path: '/status', code: 'FORMAT' }]),
  list('uscc=91330106ma2b3c4d5e', [{ path: '/uscc', code: 'FORMAT' }]),
  list('sort=id', [{ path: '/sort', code: 'UNKNOWN_FIELD' }]),
  list('__proto__=x', [{ path: '/__proto__', code: 'UNKNOWN_FIELD' }]),
  list('limit', [{ path: '/limit', code: 'FORMAT' }]),
  { name: 'policy staff list filings', method: 'GET', path: '/api/filings', as: 'policy', status: 403 },
  { name: '?reveal=all', method: 'GET', path: '/api/filings/{A}?reveal=all', as: 'clerkA', status: 400, errors: [{ path: '/reveal', code: 'FORMAT' }] },
  { name: '?reveal twice', method: 'GET', path: '/api/filings/{A}?reveal=personal&reveal=personal', as: 'clerkA', status: 400, errors: [{ path: '/reveal', code: 'FORMAT' }] },
  { name: '?fields=all', method: 'GET', path: '/api/filings/{A}?fields=all', as: 'clerkA', status: 400, errors: [{ path: '/fields', code: 'UNKNOWN_FIELD' }] },
  { name: 'an employer asks for whole personal numbers', method: 'GET', path: '/api/filings/{A}?reveal=personal', as: 'employerA', status: 403 },
  { name: 'an id that is no UUID', method: 'GET', path: '/api/filings/not-a-uuid', as: 'clerkA', status: 404 },
  { name: 'a UUID nobody has', method: 'GET', path: '/api/filings/{uuid}', as: 'clerkA', status: 404 },
  { name: 'an id of SQL', method: 'GET', path: "/api/filings/1'%20OR%20'1'%3D'1", as: 'clerkA', status: 404 },
  { name: 'an id with a NUL', method: 'GET', path: '/api/filings/%00', as: 'clerkA', status: [400, 404] },
];

// ---------------------------------------------------------------------------------------------------------------
// Another unit's or another county's records: the same 404 as an unknown id.

export const scopeCases: ApiCase[] = [
  { name: "another employer reads A", method: 'GET', path: '/api/filings/{A}', as: 'employerB', status: 404 },
  { name: "another county's clerk reads A", method: 'GET', path: '/api/filings/{A}', as: 'clerkB', status: 404 },
  { name: "another county's reviewer reads A", method: 'GET', path: '/api/filings/{A}', as: 'reviewerB', status: 404 },
  { name: 'another city reads A', method: 'GET', path: '/api/filings/{A}', as: 'cityNingbo', status: 404 },
  { name: 'policy staff read A', method: 'GET', path: '/api/filings/{A}', as: 'policy', status: 404 },
  { name: 'an operator reads A', method: 'GET', path: '/api/filings/{A}', as: 'operator', status: 404 },
  { name: 'employer A reads B', method: 'GET', path: '/api/filings/{B}', as: 'employerA', status: 404 },
  { name: "another employer lists A's documents", method: 'GET', path: '/api/filings/{A}/documents', as: 'employerB', status: 404 },
  { name: "another county's clerk lists A's documents", method: 'GET', path: '/api/filings/{A}/documents', as: 'clerkB', status: 404 },
  { name: "another employer downloads A's document", method: 'GET', path: '/api/filings/{A}/documents/{docA}', as: 'employerB', status: 404 },
  { name: "A's document through B's filing", method: 'GET', path: '/api/filings/{B}/documents/{docA}', as: 'employerB', status: 404 },
  { name: 'an unknown document of A', method: 'GET', path: '/api/filings/{A}/documents/{uuid}', as: 'employerA', status: 404 },
  { name: 'a document id that is no UUID', method: 'GET', path: '/api/filings/{A}/documents/..%2F..%2Fdocuments', as: 'employerA', status: 404 },
  { name: 'documents of an unknown filing', method: 'GET', path: '/api/filings/{uuid}/documents', as: 'employerA', status: 404 },
];

// ---------------------------------------------------------------------------------------------------------------
// The unit's master data: GET and PATCH /api/employers/{uscc}

export const EMPLOYER_CHANGE = { name: '杭州某某科技有限公司', note: '市场监管部门登记变更（2026）' };
const change = (name: string, body: Json, errors: FieldExpectation[], status: number | readonly number[] = 400): ApiCase => ({ name, method: 'PATCH', path: '/api/employers/{usccA}', as: 'cityHangzhou', body, status, errors });

export const employerCases: ApiCase[] = [
  { name: "another county's clerk reads unit A", method: 'GET', path: '/api/employers/{usccA}', as: 'clerkB', status: 404 },
  { name: 'another city reads unit A', method: 'GET', path: '/api/employers/{usccA}', as: 'cityNingbo', status: 404 },
  { name: 'an employer reads its own master data here', method: 'GET', path: '/api/employers/{usccA}', as: 'employerA', status: 403 },
  { name: 'a USCC nobody has', method: 'GET', path: '/api/employers/91330106MA2B3C4D5E', as: 'province', status: 404 },
  { name: 'a lower-case USCC', method: 'GET', path: '/api/employers/91330106ma2b3c4d5e', as: 'province', status: 404 },
  { name: 'no USCC at all', method: 'GET', path: '/api/employers/%20', as: 'province', status: 404 },
  change('no body fields', {}, [{ path: '/note', code: 'REQUIRED' }]),
  change('only a note', { note: '无变更' }, []),
  change('no note', { name: EMPLOYER_CHANGE.name }, [{ path: '/note', code: 'REQUIRED' }]),
  change('a note of only spaces', { ...EMPLOYER_CHANGE, note: '   ' }, [{ path: '/note', code: ['REQUIRED', 'FORMAT'] }]),
  change('a note with a NUL', { ...EMPLOYER_CHANGE, note: '变更\u0000' }, [{ path: '/note', code: 'FORMAT' }]),
  change('a note of 501 characters', { ...EMPLOYER_CHANGE, note: '文'.repeat(501) }, [{ path: '/note', code: 'FORMAT' }]),
  change('a name with a right-to-left override', { ...EMPLOYER_CHANGE, name: '\u202e司公某某' }, [{ path: '/name', code: 'FORMAT' }]),
  change('a name of only spaces', { ...EMPLOYER_CHANGE, name: '  ' }, [{ path: '/name', code: ['REQUIRED', 'FORMAT'] }]),
  change('a name of 201 characters', { ...EMPLOYER_CHANGE, name: '某'.repeat(201) }, [{ path: '/name', code: 'FORMAT' }]),
  change('an unknown unit nature', { ...EMPLOYER_CHANGE, unitNature: 'company' }, [{ path: '/unitNature', code: 'FORMAT' }]),
  change('a region code as a number', { ...EMPLOYER_CHANGE, regionCode: 330106 }, [{ path: '/regionCode', code: 'FORMAT' }]),
  change('a region code nobody has', { ...EMPLOYER_CHANGE, regionCode: '999999' }, [{ path: '/regionCode', code: 'REGION_UNKNOWN' }]),
  change('a region code of a city', { ...EMPLOYER_CHANGE, regionCode: '330100' }, [{ path: '/regionCode', code: 'REGION_UNKNOWN' }]),
  change('a county of another city', { ...EMPLOYER_CHANGE, regionCode: '330203' }, [], 403),
  change('the USCC itself', { ...EMPLOYER_CHANGE, uscc: '91330106MA2B3C4D5E' }, [{ path: '/uscc', code: 'UNKNOWN_FIELD' }]),
  change('a list instead of an object', [EMPLOYER_CHANGE], [{ path: '/', code: 'FORMAT' }]),
  { name: 'another city changes unit A', method: 'PATCH', path: '/api/employers/{usccA}', as: 'cityNingbo', body: EMPLOYER_CHANGE, status: 404 },
  { name: 'a clerk changes unit A', method: 'PATCH', path: '/api/employers/{usccA}', as: 'clerkA', body: EMPLOYER_CHANGE, status: 403 },
  { name: 'the employer changes itself', method: 'PATCH', path: '/api/employers/{usccA}', as: 'employerA', body: EMPLOYER_CHANGE, status: 403 },
  { name: 'a unit nobody has', method: 'PATCH', path: '/api/employers/91330106MA2B3C4D5E', as: 'province', body: EMPLOYER_CHANGE, status: 404 },
];

// ---------------------------------------------------------------------------------------------------------------
// The working-day calendar

export const publication = { source: '国办发明电〔2098〕99号', days: [{ day: '2099-01-01', kind: 'holiday', name: '元旦' }] };
const publish = (name: string, body: Json, errors: FieldExpectation[], path = '/api/calendar/years/2099'): ApiCase => ({ name, method: 'PUT', path, as: 'policy', body, status: 400, errors });
const dueDate = (query: string, errors: FieldExpectation[], status = 400): ApiCase => ({ name: `due date ?${query}`, method: 'GET', path: `/api/calendar/due-date?${query}`, as: 'clerkA', status, errors });
const FROM = encodeURIComponent('2026-02-10T09:00:00+08:00');

export const calendarCases: ApiCase[] = [
  publish('year "abcd"', publication, [{ path: '/year', code: 'FORMAT' }], '/api/calendar/years/abcd'),
  publish('year 1999', publication, [{ path: '/year', code: 'YEAR_RANGE' }], '/api/calendar/years/1999'),
  publish('year 2101', publication, [{ path: '/year', code: 'YEAR_RANGE' }], '/api/calendar/years/2101'),
  publish('year "02099"', publication, [{ path: '/year', code: 'FORMAT' }], '/api/calendar/years/02099'),
  publish('year "-999"', publication, [{ path: '/year', code: 'FORMAT' }], '/api/calendar/years/-999'),
  publish('year in full-width digits', publication, [{ path: '/year', code: 'FORMAT' }], `/api/calendar/years/${encodeURIComponent('２０９９')}`),
  publish('no source', edited(publication, (b) => delete b.source), [{ path: '/source', code: 'REQUIRED' }]),
  publish('empty source', edited(publication, (b) => (b.source = '')), [{ path: '/source', code: ['FORMAT', 'REQUIRED'] }]),
  publish('source of 501 characters', edited(publication, (b) => (b.source = '文'.repeat(501))), [{ path: '/source', code: 'FORMAT' }]),
  publish('source with a NUL', edited(publication, (b) => (b.source = '国办发明电\u0000')), [{ path: '/source', code: 'FORMAT' }]),
  publish('source with a lone surrogate', edited(publication, (b) => (b.source = '国办发明电\ud800')), [{ path: '/source', code: 'FORMAT' }]),
  publish('source of only spaces', edited(publication, (b) => (b.source = '   ')), [{ path: '/source', code: 'REQUIRED' }]),
  publish('days as a string', edited(publication, (b) => (b.days = '2099-01-01')), [{ path: '/days', code: 'FORMAT' }]),
  publish('day 30 February', edited(publication, (b) => (b.days[0].day = '2099-02-30')), [{ path: '/days/0/day', code: 'FORMAT' }]),
  publish('day as a number', edited(publication, (b) => (b.days[0].day = 20990101)), [{ path: '/days/0/day', code: 'FORMAT' }]),
  publish('unknown kind', edited(publication, (b) => (b.days[0].kind = 'party')), [{ path: '/days/0/kind', code: 'FORMAT' }]),
  publish('holiday name with a NUL', edited(publication, (b) => (b.days[0].name = '元旦\u0000')), [{ path: '/days/0/name', code: 'FORMAT' }]),
  publish('holiday name with a control character', edited(publication, (b) => (b.days[0].name = '元\u0008旦')), [{ path: '/days/0/name', code: 'FORMAT' }]),
  publish('the same day twice', edited(publication, (b) => b.days.push({ day: '2099-01-01', kind: 'workday', name: '调休' })), [{ path: '/days/1/day', code: 'DUPLICATE_DAY' }]),
  publish('a day of another year', edited(publication, (b) => b.days.push({ day: '2098-12-31', kind: 'holiday', name: '除夕' })), [{ path: '/days/1/day', code: 'DAY_OUTSIDE_YEAR' }]),
  publish('a new year without holidays', edited(publication, (b) => (b.days = [{ day: '2099-01-04', kind: 'workday', name: '调休' }])), [{ path: '/days', code: 'NO_HOLIDAYS' }]),
  publish('367 days', edited(publication, (b) => (b.days = Array.from({ length: 367 }, () => b.days[0]))), [{ path: '/days', code: 'ITEM_COUNT' }]),
  publish('an extra field on a day', edited(publication, (b) => (b.days[0].paid = true)), [{ path: '/days/0/paid', code: 'UNKNOWN_FIELD' }]),
  publish('a list instead of an object', [publication], [{ path: '/', code: 'FORMAT' }]),
  { name: 'an employer publishes a year', method: 'PUT', path: '/api/calendar/years/2099', as: 'employerA', body: publication, status: 403 },
  dueDate(`from=${FROM}`, [{ path: '/workingDays', code: 'REQUIRED' }]),
  dueDate('workingDays=3', [{ path: '/from', code: 'REQUIRED' }]),
  dueDate(`from=${FROM}&workingDays=0`, [{ path: '/workingDays', code: 'FORMAT' }]),
  dueDate(`from=${FROM}&workingDays=366`, [{ path: '/workingDays', code: 'FORMAT' }]),
  dueDate(`from=${FROM}&workingDays=1.5`, [{ path: '/workingDays', code: 'FORMAT' }]),
  dueDate(`from=${FROM}&workingDays=-1`, [{ path: '/workingDays', code: 'FORMAT' }]),
  dueDate(`from=${FROM}&workingDays=99999999999999999999`, [{ path: '/workingDays', code: 'FORMAT' }]),
  dueDate(`from=${FROM}&workingDays=3&workingDays=4`, [{ path: '/workingDays', code: 'FORMAT' }]),
  dueDate('from=yesterday&workingDays=3', [{ path: '/from', code: 'FORMAT' }]),
  dueDate(`from=${encodeURIComponent('2026-02-30T09:00:00+08:00')}&workingDays=3`, [{ path: '/from', code: 'FORMAT' }]),
  dueDate('from=2026-02-10T09:00:00&workingDays=3', [{ path: '/from', code: 'FORMAT' }]),
  dueDate(`from=${encodeURIComponent('2026-02-10T09:00:00+08:00\u0000')}&workingDays=3`, [{ path: '/from', code: 'FORMAT' }]),
  dueDate(`from=${FROM}&workingDays=3&tz=UTC`, [{ path: '/tz', code: 'UNKNOWN_FIELD' }]),
  { name: 'due date in an unpublished year', method: 'GET', path: `/api/calendar/due-date?from=${encodeURIComponent('2999-02-10T09:00:00+08:00')}&workingDays=3`, as: 'clerkA', status: [400, 422] },
];

// ---------------------------------------------------------------------------------------------------------------
// The filing season

export const SEASON = { certification: { start: '03-01', end: '12-31' }, concentrated: { start: '04-01', end: '06-30' }, note: '浙残联发〔2022〕3号' };
const season = (name: string, body: Json, errors: FieldExpectation[]): ApiCase => ({ name, method: 'PUT', path: '/api/settings/filing-season', as: 'policy', body, status: 400, errors });

export const seasonCases: ApiCase[] = [
  season('no note', edited(SEASON, (b) => delete b.note), [{ path: '/note', code: 'REQUIRED' }]),
  season('empty note', edited(SEASON, (b) => (b.note = '')), [{ path: '/note', code: ['FORMAT', 'REQUIRED'] }]),
  season('note of only spaces', edited(SEASON, (b) => (b.note = '   ')), [{ path: '/note', code: 'REQUIRED' }]),
  season('note with a NUL', edited(SEASON, (b) => (b.note = '通知\u0000')), [{ path: '/note', code: 'FORMAT' }]),
  season('note with a lone surrogate', edited(SEASON, (b) => (b.note = '通知\udfff')), [{ path: '/note', code: 'FORMAT' }]),
  season('note of 501 characters', edited(SEASON, (b) => (b.note = '文'.repeat(501))), [{ path: '/note', code: 'FORMAT' }]),
  season('month 13', edited(SEASON, (b) => (b.certification.start = '13-01')), [{ path: '/certification/start', code: 'FORMAT' }]),
  season('30 February', edited(SEASON, (b) => (b.concentrated.end = '02-30')), [{ path: '/concentrated/end', code: 'FORMAT' }]),
  season('a full date', edited(SEASON, (b) => (b.certification.end = '2026-12-31')), [{ path: '/certification/end', code: 'FORMAT' }]),
  season('a month-day in full-width digits', edited(SEASON, (b) => (b.certification.start = '０３-０１')), [{ path: '/certification/start', code: 'FORMAT' }]),
  season('end before start', edited(SEASON, (b) => (b.certification = { start: '12-31', end: '03-01' })), [{ path: '/certification/end', code: 'DATE_ORDER' }]),
  season('period as a string', edited(SEASON, (b) => (b.certification = '03-01/12-31')), [{ path: '/certification', code: 'FORMAT' }]),
  season('a month-day as a number', edited(SEASON, (b) => (b.concentrated.start = 401)), [{ path: '/concentrated/start', code: 'FORMAT' }]),
  season('an extra field', edited(SEASON, (b) => (b.open = true)), [{ path: '/open', code: 'UNKNOWN_FIELD' }]),
  season('an extra field in a period', edited(SEASON, (b) => (b.concentrated.year = 2026)), [{ path: '/concentrated/year', code: 'UNKNOWN_FIELD' }]),
  { name: 'an employer changes the season', method: 'PUT', path: '/api/settings/filing-season', as: 'employerA', body: SEASON, status: 403 },
  { name: 'a clerk reads the history', method: 'GET', path: '/api/settings/filing-season/history', as: 'clerkA', status: 403 },
];

// ---------------------------------------------------------------------------------------------------------------
// POST /api/deployments (policy staff)

const deploy = (name: string, body: Json, errors: FieldExpectation[], status = 400): ApiCase => ({ name, method: 'POST', path: '/api/deployments', as: 'policy', body, status, errors });
const bpmn = (name: string, content: string) => ({ note: '测试部署', resources: [{ name, content }] });
const XXE = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="p" isExecutable="true" name="&xxe;"/></bpmn:definitions>`;
const LAUGHS = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lollollollollollollollollollol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="p" isExecutable="true" name="&j;"/></bpmn:definitions>`;

export const deploymentCases: ApiCase[] = [
  deploy('no resources', {}, [{ path: '/resources', code: 'REQUIRED' }, { path: '/note', code: 'REQUIRED' }]),
  deploy('no change note', { resources: [{ name: 'p.bpmn', content: '<x/>' }] }, [{ path: '/note', code: 'REQUIRED' }]),
  deploy('an empty change note', { ...bpmn('p.bpmn', '<x/>'), note: '' }, [{ path: '/note', code: 'REQUIRED' }]),
  deploy('a change note of 501 characters', { ...bpmn('p.bpmn', '<x/>'), note: '改'.repeat(501) }, [{ path: '/note', code: 'FORMAT' }]),
  deploy('an empty list', { note: '测试部署', resources: [] }, [{ path: '/resources', code: 'ITEM_COUNT' }]),
  deploy('51 resources', { note: '测试部署', resources: Array.from({ length: 51 }, (_, i) => ({ name: `p${i}.bpmn`, content: '<x/>' })) }, [{ path: '/resources', code: 'ITEM_COUNT' }]),
  deploy('a name climbing out of the folder', bpmn('../../evil.bpmn', '<x/>'), [{ path: '/resources/0/name', code: 'FORMAT' }]),
  deploy('an executable name', bpmn('evil.exe', 'MZ'), [{ path: '/resources/0/name', code: 'FORMAT' }]),
  deploy('a name with a NUL', bpmn('evil\u0000.bpmn', '<x/>'), [{ path: '/resources/0/name', code: 'FORMAT' }]),
  deploy('empty content', bpmn('p.bpmn', ''), [{ path: '/resources/0/content', code: ['FORMAT', 'REQUIRED'] }]),
  deploy('content as a number', bpmn('p.bpmn', 42 as unknown as string), [{ path: '/resources/0/content', code: 'FORMAT' }]),
  deploy('content that is no XML', bpmn('p.bpmn', '<definitions><unclosed'), [{ path: '/resources/0/content' }]),
  deploy('content that is not BPMN', bpmn('p.bpmn', '<?xml version="1.0"?><html><body/></html>'), [{ path: '/resources/0/content' }]),
  deploy('an external entity (XXE)', bpmn('p.bpmn', XXE), [{ path: '/resources/0/content' }]),
  deploy('nested entities (billion laughs)', bpmn('p.bpmn', LAUGHS), [{ path: '/resources/0/content' }]),
  // Where policy staff's own form text fails to parse, the parser's sentence (and position) helps them fix it.
  { ...deploy('a form that is no JSON', bpmn('f.form', '{"components": ['), [{ path: '/resources/0/content', code: 'FORM_INVALID' }]), tolerate: ['parser message'] },
  deploy('a form whose components are a string', bpmn('f.form', '{"type":"default","id":"f","components":"x"}'), [{ path: '/resources/0/content', code: 'FORM_INVALID' }]),
  deploy('the same name twice', { note: '测试部署', resources: [{ name: 'a.form', content: '{' }, { name: 'a.form', content: '{' }] }, [{ path: '/resources/1/name', code: 'DUPLICATE' }]),
  deploy('an extra field on a resource', { note: '测试部署', resources: [{ name: 'a.form', content: '{', tenant: 'x' }] }, [{ path: '/resources/0/tenant', code: 'UNKNOWN_FIELD' }]),
  { name: 'a clerk deploys', method: 'POST', path: '/api/deployments', as: 'clerkA', body: bpmn('p.bpmn', '<x/>'), status: 403 },
];

// ---------------------------------------------------------------------------------------------------------------
// Tasks: unknown or malformed ids answer 404, whatever the method.

export const taskCases: ApiCase[] = [
  { name: 'an unknown task', method: 'GET', path: '/api/tasks/no-such-task', as: 'clerkA', status: 404 },
  { name: 'a UUID task nobody has', method: 'GET', path: '/api/tasks/{uuid}', as: 'clerkA', status: 404 },
  { name: 'a task id of 65 characters', method: 'GET', path: `/api/tasks/${'a'.repeat(65)}`, as: 'clerkA', status: 404 },
  { name: 'a task id climbing into the engine', method: 'GET', path: '/api/tasks/..%2F..%2Fprocess-instance', as: 'clerkA', status: 404 },
  { name: 'a task id with a quote', method: 'GET', path: "/api/tasks/a'b", as: 'clerkA', status: 404 },
  { name: 'a task id with a space', method: 'GET', path: '/api/tasks/a%20b', as: 'clerkA', status: 404 },
  { name: 'a task id with a query inside', method: 'GET', path: '/api/tasks/x%3FprocessInstanceId%3D1', as: 'clerkA', status: 404 },
  { name: 'claim an unknown task', method: 'POST', path: '/api/tasks/{uuid}/claim', as: 'clerkA', status: 404 },
  { name: 'unclaim an unknown task', method: 'POST', path: '/api/tasks/{uuid}/unclaim', as: 'clerkA', status: 404 },
  { name: 'complete an unknown task', method: 'POST', path: '/api/tasks/{uuid}/complete', as: 'clerkA', body: { acceptanceDecision: 'accept' }, status: 404 },
  { name: 'complete a task id with a slash', method: 'POST', path: '/api/tasks/a%2Fb/complete', as: 'clerkA', body: {}, status: 404 },
];

// ---------------------------------------------------------------------------------------------------------------
// Unknown routes and wrong methods: a problem, never the framework's HTML page.

export const routeCases: ApiCase[] = [
  { name: 'GET /api/nothing', method: 'GET', path: '/api/nothing', as: 'province', status: 404 },
  { name: 'GET /api', method: 'GET', path: '/api', as: 'province', status: 404 },
  { name: 'GET /api/filings/{A}/extra/parts', method: 'GET', path: '/api/filings/{A}/extra/parts', as: 'clerkA', status: 404 },
  { name: 'GET /api/admin', method: 'GET', path: '/api/admin', status: 404 },
  { name: 'GET /engine-rest/process-instance', method: 'GET', path: '/engine-rest/process-instance', status: 404 },
  { name: 'GET /nothing', method: 'GET', path: '/nothing', status: 404 },
  // The path may be echoed back; the file's content (root:x:0:0) may not.
  { name: 'GET /../../etc/passwd', method: 'GET', path: '/../../etc/passwd', status: [400, 404], tolerate: ['local path'] },
  { name: 'GET /api/%2e%2e/%2e%2e/etc/passwd', method: 'GET', path: '/api/%2e%2e/%2e%2e/etc/passwd', status: [400, 404] },
  { name: 'DELETE /api/filings', method: 'DELETE', path: '/api/filings', as: 'province', status: [404, 405] },
  { name: 'PUT /api/filings', method: 'PUT', path: '/api/filings', as: 'employerA', body: {}, status: [404, 405] },
  { name: 'PATCH /api/filings/{A}', method: 'PATCH', path: '/api/filings/{A}', as: 'employerA', body: { status: 'certified' }, status: [404, 405] },
  { name: 'DELETE /api/filings/{A}', method: 'DELETE', path: '/api/filings/{A}', as: 'employerA', status: [404, 405] },
  { name: 'PUT /api/filings/{A}', method: 'PUT', path: '/api/filings/{A}', as: 'employerA', body: {}, status: [404, 405] },
  { name: 'GET /api/dev/login', method: 'GET', path: '/api/dev/login', status: [404, 405] },
  { name: 'POST /api/health', method: 'POST', path: '/api/health', body: {}, status: [404, 405] },
  { name: 'GET /api/employee-imports', method: 'GET', path: '/api/employee-imports', as: 'employerA', status: [404, 405] },
  { name: 'DELETE /api/settings/filing-season', method: 'DELETE', path: '/api/settings/filing-season', as: 'policy', status: [404, 405] },
  { name: 'POST /api/calendar/years/2099', method: 'POST', path: '/api/calendar/years/2099', as: 'policy', body: publication, status: [404, 405] },
  { name: 'DELETE /api/calendar/years/2099', method: 'DELETE', path: '/api/calendar/years/2099', as: 'policy', status: [404, 405] },
  { name: 'GET /api/deployments', method: 'GET', path: '/api/deployments', as: 'policy', status: [404, 405] },
  { name: 'GET /api/tasks/{uuid}/claim', method: 'GET', path: '/api/tasks/{uuid}/claim', as: 'clerkA', status: [404, 405] },
  { name: 'POST /api/templates/employees.xlsx', method: 'POST', path: '/api/templates/employees.xlsx', as: 'employerA', body: {}, status: [404, 405] },
  { name: 'DELETE /api/employers/{usccA}', method: 'DELETE', path: '/api/employers/{usccA}', as: 'province', status: [404, 405] },
  { name: 'PUT /api/employers/{usccA}', method: 'PUT', path: '/api/employers/{usccA}', as: 'province', body: EMPLOYER_CHANGE, status: [404, 405] },
  { name: 'DELETE /api/filings/{A}/documents/{docA}', method: 'DELETE', path: '/api/filings/{A}/documents/{docA}', as: 'employerA', status: [404, 405] },
  { name: 'PROPFIND /api/filings', method: 'PROPFIND', path: '/api/filings', as: 'clerkA', status: [404, 405] },
  { name: 'a broken percent-escape in a filing id', method: 'GET', path: '/api/filings/%E0%A4%A', as: 'clerkA', status: [400, 404] },
  { name: 'a bare percent sign in a task id', method: 'GET', path: '/api/tasks/%', as: 'clerkA', status: [400, 404] },
  { name: 'a broken percent-escape in a calendar year', method: 'PUT', path: '/api/calendar/years/%zz', as: 'policy', body: publication, status: [400, 404] },
  { name: 'an overlong UTF-8 escape in a document id', method: 'GET', path: '/api/filings/{A}/documents/%c0%af', as: 'employerA', status: [400, 404] },
  { name: 'a broken percent-escape in a query', method: 'GET', path: '/api/filings?year=%E0%A4%A', as: 'clerkA', status: 400 },
];

// ---------------------------------------------------------------------------------------------------------------
// Malformed JSON on every endpoint that reads a JSON body.

export interface JsonEndpoint {
  name: string;
  method: string;
  path: string;
  as?: Who;
  /** What a valid body for it is, built by the suite (a filing needs a fresh unit each time). */
  valid: 'login' | 'filing' | 'employer' | 'calendar' | 'season' | 'deployment' | 'task' | 'feedback' | 'declaration' | 'rating';
}

export const jsonEndpoints: JsonEndpoint[] = [
  { name: 'POST /api/dev/login', method: 'POST', path: '/api/dev/login', valid: 'login' },
  { name: 'POST /api/filings', method: 'POST', path: '/api/filings', as: 'employerA', valid: 'filing' },
  { name: 'PATCH /api/employers/{usccA}', method: 'PATCH', path: '/api/employers/{usccA}', as: 'cityHangzhou', valid: 'employer' },
  { name: 'PUT /api/calendar/years/2099', method: 'PUT', path: '/api/calendar/years/2099', as: 'policy', valid: 'calendar' },
  { name: 'PUT /api/settings/filing-season', method: 'PUT', path: '/api/settings/filing-season', as: 'policy', valid: 'season' },
  { name: 'POST /api/deployments', method: 'POST', path: '/api/deployments', as: 'policy', valid: 'deployment' },
  { name: 'POST /api/tasks/{uuid}/complete', method: 'POST', path: '/api/tasks/{uuid}/complete', as: 'clerkA', valid: 'task' },
  { name: 'POST /api/filings/{A}/feedback', method: 'POST', path: '/api/filings/{A}/feedback', as: 'employerA', valid: 'feedback' },
  { name: 'PUT /api/filings/{A}/declaration', method: 'PUT', path: '/api/filings/{A}/declaration', as: 'employerA', valid: 'declaration' },
  { name: 'POST /api/filings/{A}/rating', method: 'POST', path: '/api/filings/{A}/rating', as: 'employerA', valid: 'rating' },
];

export const malformedBodies: [string, string | Buffer][] = [
  ['a truncated object', '{"year": 2025, "channel": "onl'],
  ['a missing value', '{"year":}'],
  ['single quotes', "{'year': 2025}"],
  ['a trailing comma', '{"year": 2025,}'],
  ['a NaN literal', '{"year": NaN}'],
  ['an Infinity literal', '{"year": Infinity}'],
  ['a comment', '{"year": 2025 /* comment */}'],
  ['garbage after the object', '{"year": 2025}x'],
  ['two objects', '{}{}'],
  ['an unquoted key', '{year: 2025}'],
  ['a bare string', '"filing"'],
  ['a bare number', '42'],
  ['null', 'null'],
  ['only whitespace', '   \n\t '],
  ['a hex escape', '{"year": "\\x41"}'],
  ['an unterminated string', '{"note": "abc'],
  ['a raw control character inside a string', '{"note": "a\u0001b"}'],
  ['a UTF-16 body', Buffer.from('\ufeff{"year": 2025}', 'utf16le')],
];

/** Marks where a valid body's free text is replaced by bytes that are not UTF-8 at all. */
export const BAD_BYTES_MARKER = '@@bad-bytes@@';
const withInvalidUtf8 = (body: string): Buffer => {
  const [before = '', after = ''] = body.split(BAD_BYTES_MARKER);
  return Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from(after)]);
};
const withoutMarker = (body: string) => body.split(BAD_BYTES_MARKER).join('');
type EncodingCase = [name: string, headers: Record<string, string>, body: string | Buffer, status: number | readonly number[]];
const invalidUtf8 = (marked: string): EncodingCase => ['invalid UTF-8 inside a string', { 'content-type': 'application/json' }, withInvalidUtf8(marked), 400];

/** Content types, charsets and encodings a JSON endpoint must refuse: [name, headers, body, status]. */
export function badEncodings(
  marked: string,
  compress: { gzip: (t: string) => Buffer; brotli: (t: string) => Buffer },
): EncodingCase[] {
  const body = withoutMarker(marked);
  return [
    ['text/plain', { 'content-type': 'text/plain' }, body, 415],
    ['no content type', {}, body, 415],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'year=2025&channel=online', 415],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, `--x\r\nContent-Disposition: form-data; name="year"\r\n\r\n2025\r\n--x--\r\n`, 415],
    ['application/xml', { 'content-type': 'application/xml' }, '<filing year="2025"/>', 415],
    ['charset=latin1', { 'content-type': 'application/json; charset=latin1' }, body, 415],
    ['charset=iso-8859-1', { 'content-type': 'application/json; charset=iso-8859-1' }, body, 415],
    ['charset=gbk', { 'content-type': 'application/json; charset=gbk' }, body, 415],
    ['charset=utf-7', { 'content-type': 'application/json; charset=utf-7' }, body, 415],
    ['an unknown charset', { 'content-type': 'application/json; charset=klingon' }, body, 415],
    ['a malformed content type', { 'content-type': 'application/json;;;charset==' }, body, [400, 415]],
    ['Content-Encoding: br', { 'content-type': 'application/json', 'content-encoding': 'br' }, compress.brotli(body), 415],
    ['Content-Encoding: compress', { 'content-type': 'application/json', 'content-encoding': 'compress' }, body, 415],
    ['an unknown Content-Encoding', { 'content-type': 'application/json', 'content-encoding': 'x-hostile' }, body, 415],
    ['two stacked encodings', { 'content-type': 'application/json', 'content-encoding': 'gzip, gzip' }, compress.gzip(body), 415],
    ['a broken gzip body', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, Buffer.from('this is not gzip at all'), 400],
    ['a truncated gzip body', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, compress.gzip(body).subarray(0, 30), 400],
    ['a broken deflate body', { 'content-type': 'application/json', 'content-encoding': 'deflate' }, Buffer.from([0x78, 0x9c, 0xff, 0xff, 0x00, 0x01]), 400],
    // Only where the valid body has free text to carry the marker.
    ...(marked.includes(BAD_BYTES_MARKER) ? [invalidUtf8(marked)] : []),
  ];
}
