// The rating of the service (好差评, docs/domain.md §3 step 7): the employer rates its certified filing (1–5 and a
// comment); the summary is reported upwards — county staff read their county, a city its counties, the province all.
import { Router } from 'express';
import { isWithin } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { ratingBodySchema, ratingSummaryQuerySchema, type RatingBody, type RatingSummaryQuery } from '../api/ratings.ts';
import { checked, identityOf, localeOf } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Identity } from '../platform/http/identity.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { readableFiling } from '../filings/filing-routes.ts';
import { RATING_OPEN_STATUSES, rateFiling, ratingSummary } from './rating-store.ts';

const checkRating = compileSchema<RatingBody>(ratingBodySchema);

const checkSummaryQuery = compileSchema<RatingSummaryQuery>(ratingSummaryQuerySchema);

const ratingMessages = createFieldMessages({
  root: ['评价', 'the rating'],
  labels: { score: ['评分', 'score'], comment: ['评价内容', 'comment'], year: ['年度', 'year'], regionCode: ['行政区', 'region code'] },
  formatHints: {
    score: ['应为 1 至 5 的整数', 'must be a whole number from 1 to 5'],
    year: ['应为四位数字的年份', 'must be a four-digit year'],
    regionCode: ['应为 6 位数字的行政区划代码', 'must be a 6-digit region code'],
  },
});

/** A county's staff read their own county; a city or the province any region within theirs. */
function mayReadRegion(who: Identity, regionCode: string): boolean {
  if (!who.regionCode) return false;
  if (who.role === 'city' || who.role === 'province') return isWithin(regionCode, who.regionCode);
  return regionCode === who.regionCode;
}

export function ratingRouter({ db, sessions }: { db: Db; sessions: Sessions }): Router {
  const router = Router();

  router.post('/api/filings/:id/rating', authenticate(sessions, ['employer']), async (req, res) => {
    const who = identityOf(req);
    const body = checked(req, checkRating, req.body, ratingMessages);
    const filing = await readableFiling(db, req);
    if (!RATING_OPEN_STATUSES.includes(filing.status)) {
      const message = localeOf(req) === 'zh' ? '年审认证完成后方可评价' : 'the service can be rated once the filing is certified';
      throw new Problem(409, message, undefined, undefined, 'about:blank', { code: 'RATING_NOT_OPEN', filingId: filing.id, filingStatus: filing.status });
    }
    // An empty comment (or one of spaces) is no comment.
    const comment = body.comment ? body.comment : null;
    const { created, rating } = await rateFiling(db, who, filing.id, body.score, comment);
    res.status(created ? 201 : 200).location(`/api/filings/${filing.id}`).json({ filingId: filing.id, ...rating });
  });

  router.get('/api/ratings/summary', authenticate(sessions, ['reviewer', 'lead', 'city', 'province']), async (req, res) => {
    const who = identityOf(req);
    const q = checked(req, checkSummaryQuery, { ...req.query }, ratingMessages);
    // The caller's own region is the whole scope already (a county's includes what it received from elsewhere).
    const regionCode = q.regionCode !== undefined && q.regionCode !== who.regionCode ? q.regionCode : undefined;
    if (regionCode !== undefined && !mayReadRegion(who, regionCode)) {
      throw new Problem(403, localeOf(req) === 'zh' ? '只能查看本辖区的评价汇总' : 'only ratings within your own region can be read');
    }
    const year = q.year !== undefined ? Number(q.year) : undefined;
    const summary = await ratingSummary(db, who, { ...(year !== undefined ? { year } : {}), ...(regionCode !== undefined ? { regionCode } : {}) });
    res.json({ year: year ?? null, regionCode: q.regionCode ?? who.regionCode ?? null, ...summary });
  });

  return router;
}
