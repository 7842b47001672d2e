// What the wizard can fill in for the unit before the person types: the registering department's record
// (GET /api/registrations/{uscc}), the unit's master data when the API lets this role read it (GET /api/employers/{uscc}), the unit's own last declaration, and what the code itself says (its
// registering authority's unit nature, its registration county). Masked numbers are never copied: they are retyped.
import { useEffect, useState } from 'react';
import { checkRegionCode } from '../../../../../domain/regions.ts';
import { registrationRegionOf, unitNaturesAllowedFor } from '../../../../../domain/identifiers/uscc.ts';
import { api } from '../../../lib/api.ts';
import type { FilingDetail, FilingListItem } from '../../../lib/filing-types.ts';
import { isMasked } from '../../../components/filing/employee-rows.ts';
import type { EmployerValues } from '../../../components/filing/EmployerForm.tsx';

export interface EmployerPrefill {
  values: EmployerValues;
  /** Where the values came from, to tell the person what to check. */
  sources: ('register' | 'last-filing')[];
  lastYear?: number;
}

interface RegisteredEmployer {
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

async function lastDeclaration(): Promise<{ employer: EmployerValues; year: number } | undefined> {
  const list = await api<{ items: FilingListItem[] }>('GET', '/api/filings?limit=1');
  const latest = list.items[0];
  if (!latest) return undefined;
  const filing = await api<FilingDetail>('GET', `/api/filings/${latest.id}`);
  const employer = Object.fromEntries(Object.entries(filing.employer).filter(([, v]) => !isMasked(v))) as EmployerValues;
  return { employer, year: filing.year };
}

export function useEmployerPrefill(uscc: string | undefined): EmployerPrefill | null {
  const [prefill, setPrefill] = useState<EmployerPrefill | null>(null);
  useEffect(() => {
    if (!uscc) return;
    let live = true;
    (async () => {
      const sources: EmployerPrefill['sources'] = [];
      let values: EmployerValues = fromCode(uscc);
      let lastYear: number | undefined;
      const last = await lastDeclaration().catch(() => undefined);
      if (last) {
        values = { ...values, ...last.employer };
        lastYear = last.year;
        sources.push('last-filing');
      }
      // The registering department's own record (GET /api/registrations/{uscc}): the name as registered.
      const record = await api<{ name: string }>('GET', `/api/registrations/${uscc}`).catch(() => undefined);
      if (record) {
        values = { ...values, name: record.name };
        sources.push('register');
      }
      // The unit's master data is the authority for the name, nature and county; employers may not read it.
      const registered = await api<RegisteredEmployer>('GET', `/api/employers/${uscc}`).catch(() => undefined);
      if (registered) {
        values = { ...values, name: registered.registeredName ?? registered.name, unitNature: registered.unitNature as EmployerValues['unitNature'], regionCode: registered.regionCode };
        if (!sources.includes('register')) sources.push('register');
      }
      if (live) setPrefill({ values: { ...values, uscc }, sources, ...(lastYear !== undefined ? { lastYear } : {}) });
    })();
    return () => {
      live = false;
    };
  }, [uscc]);
  return prefill;
}
