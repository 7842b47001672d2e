// The pages check a declaration with validators compiled at build time (their CSP forbids compiling code in the
// browser): those must judge exactly as the server's, problem for problem.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';
import { checkEmployeeShape, checkFilingShape } from '../../filings/declaration/filing-shape.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { precompiledFilingShape } from '../../web/precompiled-filing-shape.ts';

type Checker = (data: unknown) => unknown;

async function loadPrecompiled(): Promise<{ checkFilingShape: Checker; checkEmployeeShape: Checker }> {
  const dir = path.join(projectRoot, '.data', 'precompiled-shape-test');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `filing-shape-${process.pid}.mjs`);
  writeFileSync(file, precompiledFilingShape().replace(/from "(\/[^"]+\.ts)"/g, (_all, p: string) => `from ${JSON.stringify(pathToFileURL(p).href)}`));
  return import(pathToFileURL(file).href);
}

describe('the pages’ precompiled filing check', () => {
  it('is plain code: nothing compiled at run time, nothing required', () => {
    const code = precompiledFilingShape();
    expect(code).not.toMatch(/new Function|\beval\(|require\(/);
  });

  it('judges declarations and employees exactly as the server does', async () => {
    const precompiled = await loadPrecompiled();
    const good = syntheticFiling(9_100_001, { employees: 3 });
    const broken: unknown[] = [
      good,
      {},
      { ...good, year: 'last year', extra: 1 },
      { ...good, employer: { ...good.employer, uscc: 7 } },
      { ...good, employees: [{ ...good.employees[0], hiredOn: '2025-13-40' }, { name: '' }] },
      { ...good, employees: [] },
      { ...good, employer: { ...good.employer, name: '单'.repeat(500) } },
      null,
      'a string',
    ];
    for (const data of broken) expect(precompiled.checkFilingShape(data), JSON.stringify(data)?.slice(0, 80)).toEqual(checkFilingShape(data));
    for (const data of [good.employees[0], { ...good.employees[0], idNumber: 1 }, {}]) expect(precompiled.checkEmployeeShape(data)).toEqual(checkEmployeeShape(data));
  });
});
