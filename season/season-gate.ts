// Refuses a filing outside the certification period (docs/contracts.md §5): the configured season applies unless the
// installation is open for training, judged by today's date in China and the season in force right now.
import { chinaDateOf } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import type { Locale } from '../platform/field-messages.ts';
import { Problem } from '../platform/problem.ts';
import { seasonStatus } from './filing-season.ts';
import { outsideCertificationText } from './season-messages.ts';
import { currentSeason } from './season-store.ts';

/** Resolves when a filing may be taken now; throws the 422 to show the caller otherwise. */
export type SeasonGate = (locale: Locale) => Promise<void>;

export interface SeasonGateOptions {
  db: Db;
  /** FILING_SEASON=open: a training or test installation takes filings any day. */
  open: boolean;
  now: () => Date;
}

export function filingSeasonGate({ db, open, now }: SeasonGateOptions): SeasonGate {
  return async (locale) => {
    if (open) return;
    // Read per request, not cached: policy staff may change it in another process at any moment.
    const { season } = await currentSeason(db);
    const today = chinaDateOf(now());
    const status = seasonStatus(season, today);
    if (status.inCertificationPeriod || status.nextOpensOn === null) return;
    const { title, detail } = outsideCertificationText(season, today, status.nextOpensOn, locale);
    throw new Problem(422, title, detail);
  };
}
