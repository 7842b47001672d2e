// The filing search's state, kept in the address so a search can be reloaded or shared: the criteria, the page and
// its size, and the filings the server finds for them.
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../lib/api.ts';
import type { FilingListItem } from '../../../lib/filing-types.ts';
import { useLoaded } from '../../../lib/use-loaded.ts';

export const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_SIZE = 20;

export interface Criteria {
  year?: string;
  status?: string;
  uscc?: string;
}

export function useFilingSearch() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : DEFAULT_SIZE;
  const criteria: Criteria = { year: params.get('year') ?? undefined, status: params.get('status') ?? undefined, uscc: params.get('uscc') ?? undefined };
  const query = new URLSearchParams({
    ...Object.fromEntries(Object.entries(criteria).filter(([, v]) => v)),
    limit: String(size),
    offset: String((page - 1) * size),
  }).toString();
  const result = useLoaded(() => api<{ total: number; items: FilingListItem[] }>('GET', `/api/filings?${query}`), [query]);

  /** A new search from the first page, keeping the page size. */
  function search(values: Criteria) {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v) next.set(k, String(v).trim());
    if (size !== DEFAULT_SIZE) next.set('size', String(size));
    setParams(next);
  }

  /** Another page, or another page size (from its first page). */
  function turn(nextPage: number, nextSize: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(nextSize === size ? nextPage : 1));
    next.set('size', String(nextSize));
    setParams(next);
  }

  return { params, criteria, page, size, result, search, turn, reset: () => setParams(new URLSearchParams()) };
}
