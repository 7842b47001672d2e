// The floor plan holds: every source file belongs to a layer, no import cycle among files or among the layout's
// units, imports run down the layers except the few the README's layout section gives a reason for, and the README
// lists every top-level folder.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';
import { cycles } from '../../scripts/imports/import-graph.ts';
import { layoutReport } from '../../scripts/imports/layout-report.ts';
import { UPWARD_IMPORTS } from '../../scripts/imports/layers.ts';

const report = layoutReport(projectRoot);
const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
const layoutSection = readme.slice(readme.indexOf('## Layout'), readme.indexOf('\n## ', readme.indexOf('## Layout') + 1));

describe('the import graph', () => {
  it('places every source file in a layer', () => {
    expect(report.withoutUnit).toEqual([]);
  });

  it('has no cycle among files', () => {
    expect(report.fileCycles).toEqual([]);
  });

  it('has no cycle among the units of the layout', () => {
    expect(report.unitCycles).toEqual([]);
  });

  it('runs downhill but for at most six imports, each with its reason here and in the README', () => {
    expect(report.upward.filter((edge) => edge.reason === null)).toEqual([]);
    expect(report.upward.length).toBeLessThanOrEqual(6);
    expect(report.staleReasons).toEqual([]);
    for (const { from, to } of UPWARD_IMPORTS) expect(layoutSection).toContain(`${from} → ${to}`);
  });

  it('finds a cycle when there is one', () => {
    const edges = [
      { from: 'a.ts', to: 'b.ts' },
      { from: 'b.ts', to: 'c.ts' },
      { from: 'c.ts', to: 'a.ts' },
      { from: 'c.ts', to: 'd.ts' },
    ];
    expect(cycles([], edges)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(cycles([], edges.slice(0, 2))).toEqual([]);
  });
});

describe("the README's layout section", () => {
  const topLevel = readdirSync(projectRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => entry.name);

  it('names every top-level folder at the start of a line', () => {
    for (const folder of topLevel) expect(layoutSection, folder).toMatch(new RegExp(`^${folder}/ `, 'm'));
  });
});
