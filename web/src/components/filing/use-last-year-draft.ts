// Whether the unit has a declaration of the year before to start from (GET /api/last-year-start/{uscc}): the draft,
// or null when there is none (404) or the code is not yet a whole one. Asked again when the unit or the year changes.
import { useEffect, useState } from 'react';
import { checkUscc } from '../../../../domain/identifiers/uscc.ts';
import { api } from '../../lib/api.ts';
import type { LastYearDraft } from './last-year-draft.ts';

export function useLastYearDraft(uscc: string | undefined, year: number): LastYearDraft | null {
  const [draft, setDraft] = useState<LastYearDraft | null>(null);
  const code = uscc?.trim().toUpperCase();
  const valid = code !== undefined && checkUscc(code) === null;
  useEffect(() => {
    setDraft(null);
    if (!valid || !code) return;
    let live = true;
    api<LastYearDraft>('GET', `/api/last-year-start/${code}?year=${year}`)
      .then((d) => live && setDraft(d))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code, valid, year]);
  return draft;
}
