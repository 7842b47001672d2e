// The filing-season API: anyone signed in sees the season in force and where today stands; policy staff and the
// province, who own policy changes (docs/domain.md §8), change it and read its history.
import { Router } from 'express';
import { chinaDateOf } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { identityOf, invalid } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { SEASON_SETTERS, setSeasonSchema, type SeasonView, type SetSeason } from '../api/season.ts';
import { seasonIssues, seasonStatus, type FilingSeason } from './filing-season.ts';
import { seasonMessages } from './season-messages.ts';
import { currentSeason, seasonHistory, setSeason, type SeasonSetting } from './season-store.ts';
import { normalizeText } from '../platform/text.ts';

export interface SeasonRoutesOptions {
  db: Db;
  sessions: Sessions;
  /** FILING_SEASON=open: filings are taken any day, whatever the season says. */
  open: boolean;
  now: () => Date;
}

const checkSeasonBody = compileSchema<SetSeason>(setSeasonSchema);

/** The four month-days when the body carries them as text, so their problems are told alongside the shape's. */
function proposedSeason(body: unknown): FilingSeason | undefined {
  const b = (body ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const [cs, ce, ks, ke] = [b.certification?.start, b.certification?.end, b.concentrated?.start, b.concentrated?.end];
  if (typeof cs !== 'string' || typeof ce !== 'string' || typeof ks !== 'string' || typeof ke !== 'string') return undefined;
  return { certification: { start: cs, end: ce }, concentrated: { start: ks, end: ke } };
}

/** The setting in force and where today (China) stands in it; who set it is shown only in the history. */
function view(setting: SeasonSetting, open: boolean, now: Date): SeasonView {
  const today = chinaDateOf(now);
  const status = seasonStatus(setting.season, today);
  return {
    season: setting.season,
    version: setting.version,
    setAt: setting.setAt,
    note: setting.note,
    today,
    status,
    openForTraining: open,
    acceptingFilings: open || status.inCertificationPeriod,
  };
}

export function filingSeasonRouter({ db, sessions, open, now }: SeasonRoutesOptions): Router {
  const router = Router();

  router.get('/api/settings/filing-season', authenticate(sessions), async (_req, res) => {
    res.json(view(await currentSeason(db), open, now()));
  });

  router.get('/api/settings/filing-season/history', authenticate(sessions, SEASON_SETTERS), async (_req, res) => {
    res.json({ items: await seasonHistory(db) });
  });

  router.put('/api/settings/filing-season', authenticate(sessions, SEASON_SETTERS), async (req, res) => {
    const who = identityOf(req);
    // Every problem at once: the shape's (missing note, unknown field) and the dates' (02-30, end before start).
    const text = normalizeText(req.body);
    const badText = new Set(text.issues.map((i) => i.path));
    const shape = checkSeasonBody(text.value);
    const season = proposedSeason(text.value);
    const issues = [...text.issues, ...(shape.ok ? [] : shape.issues.filter((i) => !badText.has(i.path))), ...(season ? seasonIssues(season) : [])];
    if (!shape.ok || !season || issues.length > 0) throw invalid(req, issues, seasonMessages);
    res.json(view(await setSeason(db, season, who, shape.value.note), open, now()));
  });

  return router;
}
