// Whether a staff member may work on personal data today (notice §四: 持证上岗, 信息安全保密协议): registered, active,
// holding a post certificate valid today (the last day it is valid counts, by the date in China) and with a signed
// confidentiality agreement on file. Pure; requireGoodStanding (good-standing.ts) applies it to a request.
import type { IsoDate } from '../platform/china-date.ts';
import { regionLevelOf } from './staff-roles.ts';

export const STANDING_CODES = ['NOT_REGISTERED', 'INACTIVE', 'NO_CERTIFICATE', 'CERTIFICATE_EXPIRED', 'NO_AGREEMENT'] as const;
export type StandingCode = (typeof STANDING_CODES)[number];

export type Standing = { ok: true } | { ok: false; code: StandingCode; reason: string };

/** What of a register entry decides standing. */
export interface StandingFacts {
  regionCode: string;
  active: boolean;
  certificateExpiresOn: IsoDate | null;
  agreementSignedOn: IsoDate | null;
}

// What the person cannot do, and whom to ask: the city keeps its counties' and its own entries, the province its own.
const CANNOT = '不能办理任务或查看个人信息';

function keeperOf(member: StandingFacts | undefined): string {
  return member && regionLevelOf(member.regionCode) === 'province' ? '省残联' : '市残联';
}

export function standingOf(member: StandingFacts | undefined, today: IsoDate): Standing {
  const keeper = keeperOf(member);
  if (!member) return { ok: false, code: 'NOT_REGISTERED', reason: `您不在工作人员名册中，${CANNOT}，请联系${keeper}登记` };
  if (!member.active) return { ok: false, code: 'INACTIVE', reason: `您在工作人员名册中已停用，${CANNOT}，请联系${keeper}` };
  if (!member.certificateExpiresOn) {
    return { ok: false, code: 'NO_CERTIFICATE', reason: `名册中没有您的上岗证，${CANNOT}（持证上岗），请联系${keeper}更新名册` };
  }
  // ISO dates compare as text; the certificate is valid through its last day.
  if (member.certificateExpiresOn < today) {
    return { ok: false, code: 'CERTIFICATE_EXPIRED', reason: `上岗证已于${member.certificateExpiresOn}过期，${CANNOT}，请联系${keeper}更新名册` };
  }
  if (!member.agreementSignedOn) {
    return { ok: false, code: 'NO_AGREEMENT', reason: `名册中没有您签订的信息安全保密协议，${CANNOT}，请签订后联系${keeper}更新名册` };
  }
  return { ok: true };
}
