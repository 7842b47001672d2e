// What each role may see and do (docs/domain.md §8), decided here once and enforced by the server.
import { isWithin } from '../../domain/regions.ts';
import type { Identity } from './identity.ts';

/** The parts of a filing that decide who may see it. */
export interface FilingScope {
  employerUscc: string;
  handlingRegionCode: string;
  receivingRegionCode: string;
}

/** An employer sees its own unit; a county its own and what it received; a city its counties; the province all. */
export function canReadFiling(who: Identity, filing: FilingScope): boolean {
  switch (who.role) {
    case 'employer':
      return who.uscc === filing.employerUscc;
    case 'clerk':
    case 'reviewer':
    case 'lead':
      return who.regionCode === filing.handlingRegionCode || who.regionCode === filing.receivingRegionCode;
    case 'city':
    case 'province':
      return who.regionCode !== undefined && isWithin(filing.handlingRegionCode, who.regionCode);
    case 'policy':
    case 'operator':
      return false;
  }
}

/** The same rule as SQL over `filings` (alias f), for lists and searches. */
export function filingScopeSql(who: Identity, firstParam: number): { where: string; params: unknown[] } {
  const p = `$${firstParam}`;
  switch (who.role) {
    case 'employer':
      return { where: `f.employer_uscc = ${p}`, params: [who.uscc] };
    case 'clerk':
    case 'reviewer':
    case 'lead':
      return { where: `(f.handling_region_code = ${p} or f.receiving_region_code = ${p})`, params: [who.regionCode] };
    case 'city':
      return { where: `left(f.handling_region_code, 4) = ${p}`, params: [who.regionCode?.slice(0, 4)] };
    case 'province':
      return { where: `left(f.handling_region_code, 2) = ${p}`, params: [who.regionCode?.slice(0, 2)] };
    case 'policy':
    case 'operator':
      return { where: 'false', params: [] };
  }
}

/** Whole ID and certificate numbers: only DPF staff who verify them; every such read is audited. */
export function mayRevealPersonalNumbers(who: Identity): boolean {
  return who.role === 'clerk' || who.role === 'reviewer' || who.role === 'lead' || who.role === 'city' || who.role === 'province';
}

export type FilingPermission = { ok: true } | { ok: false; reason: string };

/** Employers file online for their own unit; window clerks file at their own office on an employer's behalf. */
export function mayFile(who: Identity, channel: string, employerUscc: string, receivingRegionCode: string | undefined): FilingPermission {
  if (who.role === 'employer') {
    if (channel !== 'online') return { ok: false, reason: '用人单位请通过网上渠道申报' };
    if (who.uscc !== employerUscc) return { ok: false, reason: '只能为本单位申报' };
    return { ok: true };
  }
  if (who.role === 'clerk') {
    if (channel !== 'window') return { ok: false, reason: '窗口人员代为申报时渠道应为 window' };
    if (receivingRegionCode !== undefined && receivingRegionCode !== who.regionCode) {
      return { ok: false, reason: '受理地只能是本窗口所在行政区' };
    }
    return { ok: true };
  }
  return { ok: false, reason: '该角色不能提交申报' };
}
