// The portal wizard's prefill for the employer's own unit (components/filing/unit-prefill.ts) over its own last
// declaration. An employer may not read the unit's master data (GET /api/employers/{uscc}): it is not asked.
import { useEffect, useState } from 'react';
import { unitPrefill, type UnitPrefill } from '../../../components/filing/unit-prefill.ts';
import { api } from '../../../lib/api.ts';
import type { FilingDetail, FilingListItem } from '../../../lib/filing-types.ts';

async function lastDeclaration(): Promise<FilingDetail | undefined> {
  const list = await api<{ items: FilingListItem[] }>('GET', '/api/filings?limit=1');
  const latest = list.items[0];
  return latest ? api<FilingDetail>('GET', `/api/filings/${latest.id}`) : undefined;
}

export function useEmployerPrefill(uscc: string | undefined): UnitPrefill | null {
  const [prefill, setPrefill] = useState<UnitPrefill | null>(null);
  useEffect(() => {
    if (!uscc) return;
    let live = true;
    (async () => {
      const last = await lastDeclaration().catch(() => undefined);
      const made = await unitPrefill(uscc, last, false);
      if (live) setPrefill(made);
    })();
    return () => {
      live = false;
    };
  }, [uscc]);
  return prefill;
}
