// The register of units (api/units.ts, docs/units.md): county staff search their county's units, a city its
// counties', the province all of Zhejiang; one unit with its status history, years and discrepancies. A unit unknown
// to the register and one outside the caller's region answer alike (404), so codes cannot be probed.
import { Router, type Request } from 'express';
import { unitSearchQuerySchema, UNIT_REGISTER_READERS, type UnitSearchQuery } from '../api/units.ts';
import { checkUscc } from '../domain/identifiers/uscc.ts';
import { checkRegionCode, isWithin, isZhejiang, regionName } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { checked, identityOf, invalid, localeOf } from '../platform/http/http.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { industryLabel } from '../supervision/labels.ts';
import { changedFieldLabel, changeSourceLabel, changeTypeLabel, registrarLabel, statusLabel } from './register-labels.ts';
import { findUnit, registerChanges, registerDiscrepancies, searchUnits, unitYears, type RegisteredUnit, type RegisterChange } from './unit-store.ts';

const DEFAULT_PAGE_SIZE = 20;

const messages = createFieldMessages({
  root: ['查询条件', 'the query'],
  labels: {
    uscc: ['统一社会信用代码', 'unified social credit code'],
    name: ['单位名称', 'unit name'],
    regionCode: ['行政区', 'region code'],
    status: ['登记状态', 'register status'],
    registrar: ['登记机关', 'registrar'],
    page: ['页码', 'page'],
    pageSize: ['每页条数', 'page size'],
  },
  formatHints: {
    uscc: ['格式不正确：应为 18 位数字或大写字母（不含 I、O、S、V、Z），查询时可只填开头几位', 'must be 18 digits or capitals (not I, O, S, V, Z); a search may give only its start'],
    regionCode: ['应为 6 位数字的行政区划代码', 'must be a 6-digit region code'],
    page: ['应为从 1 起的整数', 'must be a whole number from 1'],
    pageSize: ['应为 1 至 100 的整数', 'must be a whole number from 1 to 100'],
  },
  templates: {
    REGION_UNKNOWN: [(f) => `${f}应为浙江省内的县（市、区）、设区市或全省代码`, (f) => `${f} must be a Zhejiang county, city or province code`],
    USCC_CHECKSUM: [(f) => `${f}校验位不正确，请核对`, (f) => `${f}: check character is wrong`],
  },
});

const checkSearch = compileSchema<UnitSearchQuery>(unitSearchQuerySchema);

const DISCREPANCY_LABELS = { name: '单位名称', unitNature: '单位性质', regionCode: '所属行政区', industryCode: '行业代码' } as const;

/** The unit as both answers show it: codes with their Chinese words beside them. */
function presentUnit(u: RegisteredUnit) {
  return {
    uscc: u.uscc,
    name: u.name,
    registrar: u.registrar,
    registrarLabel: registrarLabel(u.registrar),
    status: u.status,
    statusLabel: statusLabel(u.status),
    statusSince: u.statusSince,
    regionCode: u.regionCode,
    regionName: regionName(u.regionCode) ?? u.regionCode,
    industryCode: u.industryCode,
    // The GB/T 4754 section letter leads a full code (C3311); a code without one has no section to name.
    industryLabel: u.industryCode && /^[A-T]/i.test(u.industryCode) ? industryLabel(u.industryCode.charAt(0).toUpperCase()) : null,
    unitNature: u.unitNature,
  };
}

function presentChange(c: RegisterChange) {
  return {
    id: c.id,
    changeType: c.changeType,
    changeTypeLabel: changeTypeLabel(c.changeType),
    statusBefore: c.statusBefore,
    statusAfter: c.statusAfter,
    statusAfterLabel: statusLabel(c.statusAfter),
    effectiveOn: c.effectiveOn,
    registrar: c.registrar,
    sequence: c.sequence,
    source: c.source,
    sourceLabel: changeSourceLabel(c),
    changedFields: Object.entries(c.changes).map(([field, value]) => ({
      field,
      label: changedFieldLabel(field),
      value: field === 'regionCode' && typeof value === 'string' ? `${regionName(value) ?? value}（${value}）` : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value ?? ''),
    })),
    recordedAt: c.recordedAt,
  };
}

export function unitRouter({ db, sessions }: { db: Db; sessions: Sessions }): Router {
  const router = Router();
  const readers = authenticate(sessions, [...UNIT_REGISTER_READERS]);

  /** The region asked for (the caller's own by default), checked and within the caller's. */
  function regionOf(req: Request, asked: string | undefined): string {
    const who = identityOf(req);
    if (asked !== undefined && (!isZhejiang(asked) || checkRegionCode(asked, 'any') !== null)) {
      throw invalid(req, [{ path: '/regionCode', code: 'REGION_UNKNOWN' }], messages);
    }
    const regionCode = asked ?? who.regionCode ?? '';
    if (!who.regionCode || !isWithin(regionCode, who.regionCode)) {
      throw new Problem(403, localeOf(req) === 'zh' ? '只能查询本辖区的单位' : 'only units within your own region can be searched');
    }
    return regionCode;
  }

  router.get('/api/units', readers, async (req, res) => {
    const q = checked(req, checkSearch, { ...req.query }, messages);
    const regionCode = regionOf(req, q.regionCode);
    const size = q.pageSize !== undefined ? Number(q.pageSize) : DEFAULT_PAGE_SIZE;
    const { total, totalCapped, items } = await searchUnits(db, {
      regionCode,
      ...(q.uscc !== undefined ? { usccPrefix: q.uscc } : {}),
      ...(q.name !== undefined ? { namePrefix: q.name } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
      ...(q.registrar !== undefined ? { registrar: q.registrar } : {}),
      limit: size,
      offset: (Number(q.page ?? '1') - 1) * size,
    });
    res.json({ total, totalCapped, items: items.map(presentUnit) });
  });

  router.get('/api/units/:uscc', readers, async (req, res) => {
    const who = identityOf(req);
    const uscc = String(req.params.uscc);
    const problem = checkUscc(uscc);
    if (problem) throw invalid(req, [{ path: '/uscc', code: problem }], messages);
    const unit = await findUnit(db, uscc);
    if (!unit || !who.regionCode || !isWithin(unit.regionCode, who.regionCode)) {
      throw new Problem(404, localeOf(req) === 'zh' ? '单位名录中没有该单位，或不在本辖区' : 'no such unit in the register within your region');
    }
    const [changes, years, discrepancies] = await Promise.all([registerChanges(db, uscc), unitYears(db, uscc), registerDiscrepancies(db, unit)]);
    res.json({
      ...presentUnit(unit),
      registeredOn: unit.registeredOn,
      updatedAt: unit.updatedAt,
      changes: changes.map(presentChange),
      years,
      discrepancies: discrepancies.map((d) => ({ ...d, label: DISCREPANCY_LABELS[d.field] })),
    });
  });

  return router;
}
