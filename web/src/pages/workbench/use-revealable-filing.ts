// A filing as caseworkers read it, loaded again with whole ID numbers once the caseworker asks (an audited read).
import { useState } from 'react';
import { api } from '../../lib/api.ts';
import type { FilingDetail } from '../../lib/filing-types.ts';
import { useLoaded } from '../../lib/use-loaded.ts';

export function useRevealableFiling(filingId: string) {
  const [reveal, setReveal] = useState(false);
  const filing = useLoaded(
    () => api<FilingDetail>('GET', `/api/filings/${encodeURIComponent(filingId)}${reveal ? '?reveal=personal' : ''}`),
    [filingId, reveal],
  );
  return { filing, reveal, setReveal };
}
