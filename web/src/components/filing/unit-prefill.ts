// What a filing wizard can fill in for a unit before anyone types — the portal's for the employer's own unit, the
// window's for the unit a clerk names: what the code itself says (its registering authority's unit nature, the
// county it was registered in, that county's federation), the unit's last declaration, the registering department's
// record (the name), and the unit's master data where the role may read it. Masked numbers are never copied. When
// the registrar cannot answer, its own sentence is kept to be shown, never swallowed.
import { checkRegionCode } from '../../../../domain/regions.ts';
import { registrationRegionOf, unitNaturesAllowedFor } from '../../../../domain/identifiers/uscc.ts';
import { ApiError, api } from '../../lib/api.ts';
import type { FilingDetail } from '../../lib/filing-types.ts';
import { isMasked } from './employee-rows.ts';
import type { EmployerValues } from './EmployerForm.tsx';

export interface UnitPrefill {
  values: EmployerValues;
  /** Where the values came from, to tell the person what to check. */
  sources: ('register' | 'last-filing')[];
  lastYear?: number;
  /** Why the registering department's record could not be read, as the server says it. */
  registrationProblem?: string;
}

interface MasterData {
  name: string;
  registeredName: string | null;
  unitNature: string;
  regionCode: string;
}

/** What the code alone tells: the unit nature when its type digit names one, the county it was registered in. */
function fromCode(uscc: string): EmployerValues {
  const natures = unitNaturesAllowedFor(uscc);
  const region = registrationRegionOf(uscc);
  const county = region.startsWith('33') && checkRegionCode(region, 'county') === null;
  return {
    uscc,
    ...(natures.length === 2 ? { unitNature: natures[0] } : {}),
    ...(county ? { regionCode: region, dpfAuthority: region } : {}),
  };
}

const problemOf = (error: unknown) => (error instanceof ApiError ? error.title : '单位登记信息暂时查询不到，请检查网络后重试，或直接填写');

/**
 * The prefill for `uscc`, over its last declaration when there is one. `readsMasterData`: whether the role may read
 * GET /api/employers/{uscc} (DPF staff; an employer may not, so it is not asked).
 */
export async function unitPrefill(uscc: string, last: FilingDetail | undefined, readsMasterData: boolean): Promise<UnitPrefill> {
  const sources: UnitPrefill['sources'] = [];
  let values: EmployerValues = fromCode(uscc);
  if (last) {
    values = { ...values, ...(Object.fromEntries(Object.entries(last.employer).filter(([, v]) => !isMasked(v))) as EmployerValues) };
    sources.push('last-filing');
  }
  let registrationProblem: string | undefined;
  try {
    const record = await api<{ name: string }>('GET', `/api/registrations/${uscc}`);
    values = { ...values, name: record.name };
    sources.push('register');
  } catch (error) {
    registrationProblem = problemOf(error);
  }
  if (readsMasterData) {
    // A unit that never filed has no master data (404): nothing to add.
    const master = await api<MasterData>('GET', `/api/employers/${uscc}`).catch(() => undefined);
    if (master) {
      values = { ...values, name: master.registeredName ?? master.name, unitNature: master.unitNature as EmployerValues['unitNature'], regionCode: master.regionCode };
      if (!sources.includes('register')) sources.push('register');
    }
  }
  return {
    values: { ...values, uscc },
    sources,
    ...(last ? { lastYear: last.year } : {}),
    ...(registrationProblem !== undefined ? { registrationProblem } : {}),
  };
}
