// GET /api/last-year-start/{uscc}?year=Y (上年数据导入, api/last-year-start.ts): the draft of a unit's declaration
// for Y from its declaration of Y−1 (last-year-start.ts). The employer for its own unit, window clerks for units
// their county handled the year before. Personal numbers are masked for both, as GET /api/filings/{id} shows them:
// the employer sends them back masked to keep last year's (POST /api/filings), the window types them from the paper.
import { Router } from 'express';
import { lastYearStartQuerySchema, type LastYearStartQuery } from '../api/last-year-start.ts';
import { checkUscc } from '../domain/identifiers/uscc.ts';
import type { Db } from '../platform/db.ts';
import { audit } from '../platform/http/audit.ts';
import { checked, identityOf, invalid } from '../platform/http/http.ts';
import type { Identity } from '../platform/http/identity.ts';
import { maskFields, personalFields } from '../platform/masking.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { draftFrom, lastYearDeclaration, type LastYearDeclaration } from './last-year-start.ts';

export interface LastYearRoutesOptions {
  db: Db;
  sessions: Sessions;
}

const checkQuery = compileSchema<LastYearStartQuery>(lastYearStartQuerySchema);

/** The employer its own unit; a window clerk a unit whose previous declaration its county handled. */
function mayStartFrom(who: Identity, uscc: string, last: LastYearDeclaration): boolean {
  if (who.role === 'employer') return who.uscc === uscc;
  return who.role === 'clerk' && who.regionCode === last.regionCode;
}

export function lastYearRouter({ db, sessions }: LastYearRoutesOptions): Router {
  const router = Router();

  router.get('/api/last-year-start/:uscc', authenticate(sessions, ['employer', 'clerk']), async (req, res) => {
    const who = identityOf(req);
    const uscc = String(req.params.uscc).trim().toUpperCase();
    const query = checked(req, checkQuery, { ...req.query });
    const problem = checkUscc(uscc);
    if (problem) throw invalid(req, [{ path: '/uscc', code: problem }]);
    const year = Number(query.year);
    // Another unit's year and a year that does not exist answer alike, so neither can be probed.
    const notFound = new Problem(404, `没有该单位 ${year - 1} 年度的申报或历史年审数据，请直接填写`);
    if (who.role === 'employer' && who.uscc !== uscc) throw notFound;
    const last = await lastYearDeclaration(db, uscc, year - 1);
    if (!last || !mayStartFrom(who, uscc, last)) throw notFound;

    const draft = draftFrom(last, (value) => maskFields(value, personalFields));
    await audit(db, who, 'filing.last_year_start', { type: 'employer', id: uscc }, {
      year,
      source: last.source,
      ...(last.filingId ? { filingId: last.filingId } : {}),
      employees: draft.employees.length,
    });
    res.json({ uscc, year, ...draft });
  });

  return router;
}
