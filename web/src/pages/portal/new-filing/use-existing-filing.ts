// The unit's filing for the year that is still under way, if any: a unit files once a year, so the page says so
// before the person types a whole list. A refusal with FILING_EXISTS names one too.
import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import type { FilingListItem } from '../../../lib/filing-types.ts';

export type ExistingFiling = Pick<FilingListItem, 'id' | 'status'>;

// Filings that no longer block a new one for the same year (db/migrations/006).
const FINISHED = new Set(['withdrawn', 'returned']);

export function useExistingFiling(year: number) {
  const [existing, setExisting] = useState<ExistingFiling | null>(null);
  useEffect(() => {
    let live = true;
    api<{ items: FilingListItem[] }>('GET', `/api/filings?year=${year}`)
      .then((list) => live && setExisting(list.items.find((f) => !FINISHED.has(f.status)) ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [year]);

  /** The filing a FILING_EXISTS refusal names, with its status read. */
  const showRefused = (id: string) => {
    api<{ status: FilingListItem['status'] }>('GET', `/api/filings/${id}`).then((f) => setExisting({ id, status: f.status }), () => undefined);
  };
  return { existing, showRefused };
}
