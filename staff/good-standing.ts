// The gate in front of working on personal data: claiming, unclaiming and completing tasks, and reading whole
// personal numbers or scans. Staff must be in good standing in the register (staff-standing.ts); employers are not
// staff and are not asked. Signing in and reading one's inbox stay open, so the person can be told why.
import { chinaDateOf } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import type { Identity } from '../platform/http/identity.ts';
import { Problem } from '../platform/problem.ts';
import { isStaffRole } from './staff-roles.ts';
import { standingOf } from './staff-standing.ts';
import { findStaff } from './staff-store.ts';

/** Throws 403 with the reason in Chinese and its code (NOT_REGISTERED, CERTIFICATE_EXPIRED, …) unless in good standing. */
export async function requireGoodStanding(db: Db, who: Identity, now: Date): Promise<void> {
  if (!isStaffRole(who.role)) return;
  const standing = standingOf(await findStaff(db, who.sub), chinaDateOf(now));
  if (!standing.ok) throw new Problem(403, standing.reason, `staff ${who.sub} is not in good standing: ${standing.code}`, undefined, 'about:blank', { code: standing.code });
}
