// Modifying the original declaration (附件1 §四(三)): once DPF staff approved the employer's feedback, the filing's
// process holds the employer's task `modify-declaration`; only then may the declaration be replaced, with the same
// checks as a new filing, for the same unit and year. The re-review then reads the new one from PostgreSQL.
// Personal numbers sent back masked, as the employer was shown them, are kept as filed (kept-numbers.ts).
import { Router } from 'express';
import type { Filing } from './declaration/filing.ts';
import { validateFiling, type FilingRules } from './declaration/validate-filing.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import type { Locale } from '../platform/field-messages.ts';
import { maskFields, personalFields } from '../platform/masking.ts';
import { Problem, type FieldError } from '../platform/problem.ts';
import { identityOf, invalid, localeOf } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { keepingIntake, modifyDeclaration } from './declaration-store.ts';
import { readableFiling } from './filing-routes.ts';
import { engineProblem, requireEngine } from '../platform/http/engine-problems.ts';
import { hasOpenTask } from './filing-process.ts';
import { restoreKeptNumbers } from './kept-numbers.ts';
import type { StoredFiling } from './filing-store.ts';

/** The employer's user task the diagram opens after approved feedback. */
export const MODIFY_DECLARATION_TASK = 'modify-declaration';

export interface DeclarationRoutesOptions {
  db: Db;
  sessions: Sessions;
  /** Undefined when no engine is configured: modifying answers 503. */
  engine: EngineRest | undefined;
  rules: () => FilingRules;
}

/** Where the modified declaration names another unit, year or county than the filing: each as a field error. */
function mismatches(filing: StoredFiling, modified: Filing, locale: Locale): FieldError[] {
  const zh = locale === 'zh';
  const errors: FieldError[] = [];
  const original = filing.declaration.employer;
  if (modified.employer.uscc !== filing.employerUscc) {
    errors.push({
      path: '/employer/uscc',
      code: 'FILING_UNIT_MISMATCH',
      message: zh ? `只能修改本单位的申报（统一社会信用代码 ${filing.employerUscc}）` : `the declaration must stay that of unit ${filing.employerUscc}`,
    });
  }
  if (modified.year !== filing.year) {
    errors.push({
      path: '/year',
      code: 'FILING_YEAR_MISMATCH',
      message: zh ? `申报年度须与原申报一致（${filing.year} 年）` : `the year under review must stay ${filing.year}`,
    });
  }
  // The county decides the handling office, the process's groups and its deadlines: a move is a transfer.
  if (modified.employer.regionCode !== original.regionCode) {
    errors.push({
      path: '/employer/regionCode',
      code: 'FILING_REGION_MISMATCH',
      message: zh
        ? `修改申报不能变更单位所属行政区（原为 ${original.regionCode}）；单位迁址请联系残联办理转办`
        : `a modification cannot change the unit's county (${original.regionCode}); a move is handled as a transfer by the DPF`,
    });
  }
  return errors;
}

export function declarationRouter({ db, sessions, engine, rules }: DeclarationRoutesOptions): Router {
  const router = Router();

  router.put('/api/filings/:id/declaration', authenticate(sessions, ['employer']), async (req, res) => {
    const who = identityOf(req);
    const locale = localeOf(req);
    const filing = await readableFiling(db, req);

    // Field errors first, as on every other body: a person can correct the draft before the step opens.
    // The filing's own year stays acceptable even when the years open for new filings have moved on since.
    const base = rules();
    const kept = restoreKeptNumbers(req.body, filing.declaration);
    const result = validateFiling(kept.body, { ...base, yearFrom: Math.min(base.yearFrom, filing.year), yearTo: Math.max(base.yearTo, filing.year) });
    // A masked number that names nothing filed is reported as that, not as a wrong check digit besides.
    const unmatched = new Set(kept.issues.map((i) => i.path));
    const issues = [...kept.issues, ...(result.ok ? [] : result.issues.filter((i) => !unmatched.has(i.path)))];
    if (!result.ok || issues.length > 0) throw invalid(req, issues);

    let open: boolean;
    try {
      open = await hasOpenTask(requireEngine(engine), filing.id, MODIFY_DECLARATION_TASK);
    } catch (error) {
      throw engineProblem(error);
    }
    if (!open) {
      const message = locale === 'zh'
        ? '当前不能修改申报：反馈经残联审核同意后方可修改原申报信息'
        : 'the declaration cannot be modified now: it may be modified once the DPF has approved the feedback';
      throw new Problem(409, message, undefined, undefined, 'about:blank', { code: 'MODIFICATION_CLOSED', filingId: filing.id });
    }

    const errors = mismatches(filing, result.filing, locale);
    if (errors.length > 0) {
      const title = locale === 'zh' ? '修改后的申报与原申报的单位、年度或行政区不符' : 'the modified declaration names another unit, year or county';
      throw new Problem(422, title, undefined, errors, 'about:blank', { code: 'DECLARATION_MISMATCH', filingId: filing.id });
    }

    const modified = await modifyDeclaration(db, who, filing.id, keepingIntake(filing.declaration, result.filing), result.notices);
    // Employers never see whole personal numbers (access.ts): the answer is masked as GET /api/filings/{id} is.
    const shown = maskFields(modified.declaration, personalFields);
    res.json({
      id: filing.id,
      status: filing.status,
      year: filing.year,
      version: modified.version,
      changed: modified.changed,
      employer: shown.employer,
      employees: shown.employees,
      commitment: shown.commitment,
      updatedAt: modified.updatedAt,
    });
  });

  return router;
}
