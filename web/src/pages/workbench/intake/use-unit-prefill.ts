// What the window can fill in once the clerk has typed a unit's code (components/filing/unit-prefill.ts: the code,
// the registers, its last declaration in this office's scope), and whether the unit already has a filing for the
// year. Masked numbers are never copied: the clerk types them from the paper.
import { useEffect, useState } from 'react';
import { checkUscc } from '../../../../../domain/identifiers/uscc.ts';
import { unitPrefill as prefillFromRegisters, type UnitPrefill as RegisterPrefill } from '../../../components/filing/unit-prefill.ts';
import { api } from '../../../lib/api.ts';
import type { FilingDetail, FilingListItem } from '../../../lib/filing-types.ts';

export interface UnitPrefill extends RegisterPrefill {
  uscc: string;
  /** A filing of this unit for the year that is still under way: a second one would be refused. */
  existing?: FilingListItem;
}

async function prefillOf(uscc: string, year: number): Promise<UnitPrefill> {
  const list = await api<{ items: FilingListItem[] }>('GET', `/api/filings?uscc=${uscc}&limit=20`).catch(() => ({ items: [] as FilingListItem[] }));
  const latest = list.items[0];
  const last = latest ? await api<FilingDetail>('GET', `/api/filings/${latest.id}`).catch(() => undefined) : undefined;
  // Window clerks may read the master data of units in their scope.
  const prefill = await prefillFromRegisters(uscc, last, true);
  const existing = list.items.find((f) => f.year === year && f.status !== 'withdrawn');
  return { ...prefill, uscc, ...(existing ? { existing } : {}) };
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
