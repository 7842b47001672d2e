// Which review year a filing made today names, and whether filings are taken today (GET /api/settings/filing-season).
import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';

export interface FilingSeasonView {
  today: string;
  openForTraining: boolean;
  acceptingFilings: boolean;
  status: {
    inCertificationPeriod: boolean;
    inConcentratedPeriod: boolean;
    certificationYear: number;
    reviewYear: number;
    opensOn: string;
    closesOn: string;
    concentratedOpensOn: string;
    concentratedClosesOn: string;
    nextOpensOn: string | null;
  };
}

/** The season in force; null while loading or when it cannot be read (the server still decides on submit). */
export function useFilingSeason(): FilingSeasonView | null {
  const [season, setSeason] = useState<FilingSeasonView | null>(null);
  useEffect(() => {
    let live = true;
    api<FilingSeasonView>('GET', '/api/settings/filing-season')
      .then((s) => live && setSeason(s))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return season;
}
