// The staff register's API (api/staff.ts): the province and the cities keep it — a city its counties' and its own
// people, never granting a province-level role, nobody changing their own entry — every change audited with it; any
// staff member reads their own entry and standing; a keeper ends all of a person's sessions.
import { Router, type Request } from 'express';
import {
  staffChangeSchema,
  staffCreateSchema,
  staffListQuerySchema,
  type StaffChange,
  type StaffCreate,
  type StaffListQuery,
  type StaffMemberView,
} from '../api/staff.ts';
import { checkRegionCode, isZhejiang, regionName } from '../domain/regions.ts';
import { chinaDateOf, type IsoDate } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { CertificateReminderLeadReader } from '../deadlines/certificate-reminder-lead.ts';
import { audit } from '../platform/http/audit.ts';
import { checked, identityOf, invalid, localeOf } from '../platform/http/http.ts';
import type { Identity } from '../platform/http/identity.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema, type Checked, type FieldIssue } from '../platform/schema.ts';
import { normalizeText } from '../platform/text.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { staffMessages } from './staff-messages.ts';
import { STAFF_ROLES, STAFF_SUB_PATTERN } from './staff-roles.ts';
import { entryIssues, grantRefusal, keepsRegion } from './staff-rules.ts';
import { standingOf } from './staff-standing.ts';
import { createStaff, entryOf, findStaff, listStaff, updateStaff, type StaffEntry, type StaffMember } from './staff-store.ts';

export interface StaffRoutesOptions {
  db: Db;
  /** Where the certificate reminder's lead is read from (the deployed diagram); none: the lead is unknown. */
  engine?: EngineRest | undefined;
  /** Who is signed in, and the sessions a keeper ends. */
  sessions: Sessions;
  /** The clock standing and expiry are judged by (tests set it). */
  now?: () => Date;
}

const KEEPERS = ['city', 'province'] as const;
const SUB = new RegExp(STAFF_SUB_PATTERN);
const DAY_MS = 86_400_000;

const checkCreate = compileSchema<StaffCreate>(staffCreateSchema);
const checkChange = compileSchema<StaffChange>(staffChangeSchema);
const checkListQuery = compileSchema<StaffListQuery>(staffListQuerySchema);

function present(member: StaffMember, today: IsoDate): StaffMemberView {
  const { certificateExpiresOn } = member;
  return {
    ...member,
    regionName: regionName(member.regionCode) ?? null,
    certificateDaysLeft: certificateExpiresOn === null ? null : Math.round((Date.parse(certificateExpiresOn) - Date.parse(today)) / DAY_MS),
    standing: standingOf(member, today),
  };
}

/** One field's refusal that is not the body's shape: 409 with the field named, as a form shows it. */
function conflict(req: Request, path: string, code: string): Problem {
  const locale = localeOf(req);
  const message = staffMessages.messageFor({ path, code }, locale);
  return new Problem(409, message, undefined, [{ path, code, message }], 'about:blank', { code });
}

const notFound = () => new Problem(404, '名册中没有此人（或不在本辖区）');

// Each field's own check, so the register's rules can judge the fields a person got right while the schema refuses others.
const FIELD_CHECKS: Readonly<Record<string, (value: unknown) => Checked<unknown>>> = Object.fromEntries(
  Object.entries(staffCreateSchema.properties).map(([name, schema]) => [name, compileSchema(schema)]),
);

/** What a new entry may leave out: none on file. */
const OPTIONAL_FIELDS = ['certificateNumber', 'certificateExpiresOn', 'agreementSignedOn'] as const;

interface BodyFields {
  /** The register's fields the body names, well-formed or not. */
  sent: Set<string>;
  /** Those of them well-formed on their own. */
  wellFormed: Partial<StaffEntry>;
}

/**
 * A body checked against its schema and, in the same answer, against the register's rules (`rulesOf`, given the
 * fields): every problem at once, as every body of the API is answered; a rule about a malformed field is left out.
 */
function checkedEntry<T>(req: Request, check: (data: unknown) => Checked<T>, rulesOf: (fields: BodyFields) => FieldIssue[]): T {
  const text = normalizeText(req.body);
  const shape = check(text.value);
  const body: Record<string, unknown> = typeof text.value === 'object' && text.value !== null && !Array.isArray(text.value) ? (text.value as Record<string, unknown>) : {};
  const sent = new Set(Object.keys(body).filter((name) => Object.hasOwn(FIELD_CHECKS, name)));
  const badText = new Set(text.issues.map((i) => i.path.split('/')[1]));
  const wellFormed = Object.fromEntries([...sent].filter((name) => !badText.has(name) && FIELD_CHECKS[name]?.(body[name]).ok).map((name) => [name, body[name]]));
  const field = (issue: FieldIssue) => issue.path.split('/')[1];
  const found = [...text.issues, ...(shape.ok ? [] : shape.issues.filter((i) => !badText.has(field(i))))];
  const judged = new Set(found.map(field));
  const issues = [...found, ...rulesOf({ sent, wellFormed }).filter((i) => !judged.has(field(i)))];
  if (issues.length > 0 || !shape.ok) throw invalid(req, issues, staffMessages);
  return shape.value;
}

/** The entry a change would make: what it was, the fields sent well-formed, those sent malformed left unjudged. */
function changed(before: StaffEntry, { sent, wellFormed }: BodyFields): Partial<StaffEntry> {
  return { ...before, ...Object.fromEntries([...sent].map((name) => [name, undefined])), ...wellFormed };
}

export function staffRouter({ db, sessions, engine, now = () => new Date() }: StaffRoutesOptions): Router {
  const router = Router();
  const reminderLead = new CertificateReminderLeadReader(engine);
  const keepers = authenticate(sessions, [...KEEPERS]);
  const today = () => chinaDateOf(now());
  /** The region whose entries the caller keeps; a keeper without one keeps none. */
  const scopeOf = (who: Identity): string => {
    if (!who.regionCode || !keepsRegion(who, who.regionCode)) throw new Problem(403, '无权维护工作人员名册');
    return who.regionCode;
  };

  router.get('/api/staff', keepers, async (req, res) => {
    const who = identityOf(req);
    const q = checked(req, checkListQuery, { ...req.query }, staffMessages);
    if (q.regionCode !== undefined && (!isZhejiang(q.regionCode) || checkRegionCode(q.regionCode, 'any'))) {
      throw invalid(req, [{ path: '/regionCode', code: 'REGION_UNKNOWN' }], staffMessages);
    }
    const day = today();
    const scope = scopeOf(who);
    const expiringWithinDays = await reminderLead.days();
    if (q.status === 'expiring' && expiringWithinDays === null) {
      throw new Problem(503, '暂时读不到上岗证到期提醒的提前天数（提醒流程未部署或流程引擎暂不可用），请稍后再按“即将到期”筛选', 'the deployed reminder lead cannot be read now');
    }
    const { total, items } = await listStaff(db, scope, {
      ...(q.regionCode !== undefined ? { regionCode: q.regionCode } : {}),
      ...(q.role !== undefined ? { role: q.role } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
      ...(expiringWithinDays !== null ? { expiringWithinDays } : {}),
      ...(q.text !== undefined ? { text: q.text } : {}),
      limit: q.limit ? Number(q.limit) : 50,
      offset: q.offset ? Number(q.offset) : 0,
    }, day);
    res.json({ total, items: items.map((m) => present(m, day)), today: day, expiringWithinDays });
  });

  router.get('/api/staff/me', authenticate(sessions, STAFF_ROLES), async (req, res) => {
    const who = identityOf(req);
    const day = today();
    const member = await findStaff(db, who.sub);
    res.json({ member: member ? present(member, day) : null, standing: standingOf(member, day), today: day, expiringWithinDays: await reminderLead.days() });
  });

  router.post('/api/staff', keepers, async (req, res) => {
    const who = identityOf(req);
    const day = today();
    const body = checkedEntry(req, checkCreate, ({ sent, wellFormed }) => {
      // A certificate or agreement not sent is none on file; a field sent malformed is not judged.
      const unsent = Object.fromEntries(OPTIONAL_FIELDS.filter((name) => !sent.has(name)).map((name) => [name, null]));
      return entryIssues({ ...unsent, ...wellFormed }, day, sent);
    });
    const entry: StaffEntry = {
      name: body.name,
      roles: body.roles,
      regionCode: body.regionCode,
      certificateNumber: body.certificateNumber ?? null,
      certificateExpiresOn: body.certificateExpiresOn ?? null,
      agreementSignedOn: body.agreementSignedOn ?? null,
      active: body.active ?? true,
    };
    const refusal = grantRefusal(who, entry.roles);
    if (refusal) throw new Problem(403, refusal);
    if (!keepsRegion(who, entry.regionCode)) throw new Problem(403, '只能登记本辖区（本市及所辖县、市、区）的工作人员');
    const created = await createStaff(db, who, body.sub, entry);
    if (created.kind === 'exists') throw conflict(req, '/sub', 'STAFF_EXISTS');
    if (created.kind === 'certificate_taken') throw conflict(req, '/certificateNumber', 'CERTIFICATE_NUMBER_TAKEN');
    res.status(201).location(`/api/staff/${encodeURIComponent(body.sub)}`).json(present(created.member, day));
  });

  router.patch('/api/staff/:sub', keepers, async (req, res) => {
    const who = identityOf(req);
    const sub = String(req.params.sub);
    const day = today();
    // Who may change this entry, judged on the entry as it is (again below, on the row locked for the change).
    const mayChange = (before: StaffMember) => {
      if (!keepsRegion(who, before.regionCode)) throw notFound();
      if (before.sub === who.sub) throw new Problem(403, '不能修改本人在名册中的信息，请联系其他名册管理人员');
    };
    const current = SUB.test(sub) ? await findStaff(db, sub) : undefined;
    if (!current) throw notFound();
    mayChange(current);
    const change = checkedEntry(req, checkChange, (fields) => entryIssues(changed(entryOf(current), fields), day, fields.sent)) as Partial<StaffEntry>;
    const updated = await updateStaff(db, who, sub, change, (before, after) => {
      mayChange(before);
      const issues = entryIssues(after, day, new Set(Object.keys(change)));
      if (issues.length > 0) throw invalid(req, issues, staffMessages);
      const refusal = grantRefusal(who, after.roles);
      if (refusal) throw new Problem(403, refusal);
      if (!keepsRegion(who, after.regionCode)) throw new Problem(403, '只能把人员调整到本辖区（本市及所辖县、市、区）');
    });
    if (updated.kind === 'not_found') throw notFound();
    if (updated.kind === 'certificate_taken') throw conflict(req, '/certificateNumber', 'CERTIFICATE_NUMBER_TAKEN');
    res.json(present(updated.member, day));
  });

  router.post('/api/staff/:sub/revoke-sessions', keepers, async (req, res) => {
    const who = identityOf(req);
    const sub = String(req.params.sub);
    const member = SUB.test(sub) ? await findStaff(db, sub) : undefined;
    if (!member || !keepsRegion(who, member.regionCode)) throw notFound();
    const revokedSessions = await sessions.revokeAllOf(sub);
    // After the sessions ended: the entry names how many, and a failure in between leaves them ended, which is safe.
    await audit(db, who, 'staff.revoke_sessions', { type: 'staff', id: sub }, { revokedSessions });
    res.json({ sub, revokedSessions });
  });

  return router;
}
