// What the window can fill in once the clerk has typed a unit's code: its registration record (name, nature,
// county) and its last declaration in this office's scope (the rest of the unit's part). Masked numbers are never
// copied: the clerk types them from the paper. Also whether the unit already has a filing for the year.
import { useEffect, useState } from 'react';
import { checkUscc } from '../../../../../domain/identifiers/uscc.ts';
import type { EmployerValues } from '../../../components/filing/EmployerForm.tsx';
import { isMasked } from '../../../components/filing/employee-rows.ts';
import { api } from '../../../lib/api.ts';
import type { FilingDetail, FilingListItem } from '../../../lib/filing-types.ts';

export interface UnitPrefill {
  uscc: string;
  values: EmployerValues;
  sources: ('register' | 'last-filing')[];
  lastYear?: number;
  /** A filing of this unit for the year that is still under way: a second one would be refused. */
  existing?: FilingListItem;
}

interface RegisteredEmployer {
  name: string;
  registeredName: string | null;
  unitNature: string;
  regionCode: string;
}

async function prefillOf(uscc: string, year: number): Promise<UnitPrefill> {
  const sources: UnitPrefill['sources'] = [];
  let values: EmployerValues = {};
  let lastYear: number | undefined;
  const list = await api<{ items: FilingListItem[] }>('GET', `/api/filings?uscc=${uscc}&limit=20`).catch(() => ({ items: [] as FilingListItem[] }));
  const latest = list.items[0];
  if (latest) {
    const filing = await api<FilingDetail>('GET', `/api/filings/${latest.id}`).catch(() => undefined);
    if (filing) {
      values = Object.fromEntries(Object.entries(filing.employer).filter(([, v]) => !isMasked(v))) as EmployerValues;
      lastYear = filing.year;
      sources.push('last-filing');
    }
  }
  // The registering department's record (a unit filing at a window for the first time has nothing else).
  const record = await api<{ name: string }>('GET', `/api/registrations/${uscc}`).catch(() => undefined);
  if (record) values = { ...values, name: record.name };
  // The unit's master data is the authority for the name, the nature and the county.
  const registered = await api<RegisteredEmployer>('GET', `/api/employers/${uscc}`).catch(() => undefined);
  if (registered) {
    values = { ...values, name: registered.registeredName ?? registered.name, unitNature: registered.unitNature as EmployerValues['unitNature'], regionCode: registered.regionCode };
  }
  if (record || registered) sources.push('register');
  const existing = list.items.find((f) => f.year === year && f.status !== 'withdrawn');
  return { uscc, values, sources, ...(lastYear !== undefined ? { lastYear } : {}), ...(existing ? { existing } : {}) };
}

/** The prefill for a well-formed unit code; null until there is one. */
export function useUnitPrefill(uscc: string | undefined, year: number): UnitPrefill | null {
  const [prefill, setPrefill] = useState<UnitPrefill | null>(null);
  const code = uscc?.trim().toUpperCase();
  const valid = code !== undefined && checkUscc(code) === null;
  useEffect(() => {
    if (!valid || !code) {
      setPrefill(null);
      return;
    }
    let live = true;
    prefillOf(code, year).then((p) => live && setPrefill(p)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code, valid, year]);
  return prefill;
}
