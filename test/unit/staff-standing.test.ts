// Standing in the staff register (持证上岗, 保密协议) by the date in China: a certificate is valid through its last day,
// and that day ends at midnight in China, not on the server's clock — around the turn of December and of the year.
// Also what makes an entry sensible and who keeps which entries.
import { describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../platform/china-date.ts';
import type { Identity } from '../../platform/http/identity.ts';
import { entryIssues, grantRefusal, keepsRegion } from '../../staff/staff-rules.ts';
import { standingOf, type StandingFacts } from '../../staff/staff-standing.ts';
import type { StaffEntry } from '../../staff/staff-store.ts';

const member = (facts: Partial<StandingFacts> = {}): StandingFacts => ({
  regionCode: '330106',
  active: true,
  certificateExpiresOn: '2026-11-30',
  agreementSignedOn: '2025-03-01',
  ...facts,
});
const on = (instant: string) => chinaDateOf(new Date(instant));

describe('standingOf', () => {
  it('keeps a certificate valid through its last day in China, and refuses from the next', () => {
    // 23:59 on 30 November in China is 15:59 UTC; a minute later it is 1 December there.
    expect(standingOf(member(), on('2026-11-30T15:59:00Z'))).toEqual({ ok: true });
    expect(standingOf(member(), on('2026-11-30T16:00:00Z'))).toEqual({
      ok: false,
      code: 'CERTIFICATE_EXPIRED',
      reason: '上岗证已于2026-11-30过期，不能办理任务或查看个人信息，请联系市残联更新名册',
    });
    expect(standingOf(member(), '2026-12-07').ok).toBe(false);
  });

  it('turns the year in China: a certificate ending on 31 December is expired on the first of January there, still 31 December in UTC', () => {
    const lastDay = member({ certificateExpiresOn: '2026-12-31' });
    expect(standingOf(lastDay, on('2026-12-31T15:59:59Z'))).toEqual({ ok: true });
    const newYear = standingOf(lastDay, on('2026-12-31T16:00:00Z'));
    expect(newYear).toMatchObject({ ok: false, code: 'CERTIFICATE_EXPIRED' });
    expect(newYear.ok ? '' : newYear.reason).toContain('上岗证已于2026-12-31过期');
  });

  it('names the province as the keeper for province-level staff', () => {
    const refused = standingOf(member({ regionCode: '330000', certificateExpiresOn: '2026-12-01' }), '2026-12-02');
    expect(refused.ok ? '' : refused.reason).toBe('上岗证已于2026-12-01过期，不能办理任务或查看个人信息，请联系省残联更新名册');
  });

  it('refuses, in this order: no entry, inactive, no certificate, expired, no agreement', () => {
    const today = '2026-12-15';
    const codeOf = (facts: StandingFacts | undefined) => {
      const s = standingOf(facts, today);
      return s.ok ? 'OK' : s.code;
    };
    expect(codeOf(undefined)).toBe('NOT_REGISTERED');
    expect(codeOf(member({ active: false, certificateExpiresOn: null, agreementSignedOn: null }))).toBe('INACTIVE');
    expect(codeOf(member({ certificateExpiresOn: null, agreementSignedOn: null }))).toBe('NO_CERTIFICATE');
    expect(codeOf(member({ certificateExpiresOn: '2026-12-14', agreementSignedOn: null }))).toBe('CERTIFICATE_EXPIRED');
    expect(codeOf(member({ certificateExpiresOn: '2026-12-15', agreementSignedOn: null }))).toBe('NO_AGREEMENT');
    expect(codeOf(member({ certificateExpiresOn: '2026-12-15' }))).toBe('OK');
    for (const facts of [undefined, member({ active: false }), member({ certificateExpiresOn: null }), member({ agreementSignedOn: null })]) {
      const s = standingOf(facts, today);
      expect(s.ok ? '' : s.reason).toMatch(/^[^A-Za-z]+$/);
    }
  });
});

describe('a register entry', () => {
  const entry = (e: Partial<StaffEntry> = {}): StaffEntry => ({
    name: '张三',
    roles: ['clerk'],
    regionCode: '330106',
    certificateNumber: 'ZJ-2026-0001',
    certificateExpiresOn: '2027-12-31',
    agreementSignedOn: '2026-12-01',
    active: true,
    ...e,
  });
  const all = new Set(['name', 'roles', 'regionCode', 'certificateNumber', 'certificateExpiresOn', 'agreementSignedOn']);
  const codes = (e: Partial<StaffEntry>, sent: Set<string> = all) => entryIssues(e, '2026-12-07', sent).map((i) => `${i.path} ${i.code}`);

  it('holds roles of one level with a Zhejiang region of that level', () => {
    expect(codes(entry())).toEqual([]);
    expect(codes(entry({ roles: ['clerk', 'reviewer', 'lead'] }))).toEqual([]);
    expect(codes(entry({ roles: ['city'], regionCode: '330100' }))).toEqual([]);
    expect(codes(entry({ roles: ['province', 'policy', 'operator'], regionCode: '330000' }))).toEqual([]);
    expect(codes(entry({ roles: ['clerk', 'city'] }))).toEqual(['/roles ROLES_MIXED_LEVELS']);
    expect(codes(entry({ roles: ['city'] }))).toEqual(['/regionCode REGION_LEVEL']);
    expect(codes(entry({ roles: ['city'] }), new Set(['roles']))).toEqual(['/roles REGION_LEVEL']);
    expect(codes(entry({ regionCode: '330100' }))).toEqual(['/regionCode REGION_LEVEL']);
    expect(codes(entry({ roles: ['policy'], regionCode: '330100' }))).toEqual(['/regionCode REGION_LEVEL']);
    expect(codes(entry({ regionCode: '330199' }))).toEqual(['/regionCode REGION_UNKNOWN']);
    expect(codes(entry({ regionCode: '320102' }))).toEqual(['/regionCode REGION_UNKNOWN']);
  });

  it('judges nothing against a field sent malformed (left undefined)', () => {
    expect(codes({ ...entry({ roles: ['city'] }), regionCode: undefined })).toEqual([]);
    expect(codes({ ...entry({ regionCode: '330100' }), roles: undefined })).toEqual([]);
    expect(codes({ ...entry({ certificateExpiresOn: null }), certificateNumber: undefined })).toEqual([]);
  });

  it('has a certificate number with its expiry, or neither, and no agreement dated after today in China', () => {
    expect(codes(entry({ certificateNumber: null, certificateExpiresOn: null, agreementSignedOn: null }))).toEqual([]);
    expect(codes(entry({ certificateExpiresOn: null }))).toEqual(['/certificateExpiresOn REQUIRED']);
    expect(codes(entry({ certificateNumber: null }))).toEqual(['/certificateNumber REQUIRED']);
    expect(codes(entry({ agreementSignedOn: '2026-12-07' }))).toEqual([]);
    expect(codes(entry({ agreementSignedOn: '2026-12-08' }))).toEqual(['/agreementSignedOn DATE_IN_FUTURE']);
  });
});

describe('who keeps which entries', () => {
  const city: Identity = { sub: 'c', role: 'city', regionCode: '330100' };
  const province: Identity = { sub: 'p', role: 'province', regionCode: '330000' };
  const clerk: Identity = { sub: 'k', role: 'clerk', regionCode: '330106' };

  it('the province all of Zhejiang, a city its counties and itself, nobody else any', () => {
    expect(['330106', '330100', '330000', '330206'].map((code) => keepsRegion(province, code))).toEqual([true, true, true, true]);
    expect(['330106', '330100', '330000', '330206'].map((code) => keepsRegion(city, code))).toEqual([true, true, false, false]);
    expect(keepsRegion(clerk, '330106')).toBe(false);
  });

  it('only the province grants province-level roles', () => {
    expect(grantRefusal(province, ['policy'])).toBeUndefined();
    expect(grantRefusal(city, ['clerk', 'reviewer'])).toBeUndefined();
    expect(grantRefusal(city, ['city'])).toBeUndefined();
    for (const role of ['province', 'policy', 'operator'] as const) expect(grantRefusal(city, [role])).toContain('市残联不能授予');
  });
});
