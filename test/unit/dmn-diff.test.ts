// The decision-table diff of the web modeler: decisions paired by id, rows by rule id, changed cells old → new.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffDmn, rowCounts } from '../../web-modeler/diff/dmn-diff.ts';
import { decisionTable, dmnFile } from '../support/dmn-fixtures.ts';

const employeeCounting = readFileSync(path.resolve(import.meta.dirname, '../../processes/employee-counting.dmn'), 'utf8');

const wageTable = (hitPolicy: string, rules: [string[], string[]][]) =>
  dmnFile(decisionTable({ id: 'wage', hitPolicy, inputs: [{ expr: 'wageTier', typeRef: 'integer' }], outputs: [{ name: 'minimumWage', typeRef: 'integer' }], rules }));

describe('the decision-table diff', () => {
  it('shows a changed minimum wage as one changed cell, 2490 → 2600', async () => {
    const changed = employeeCounting.replace('<outputEntry id="minimum-wage-rule-1-out-1"><text>2490</text>', '<outputEntry id="minimum-wage-rule-1-out-1"><text>2600</text>');
    expect(changed).not.toBe(employeeCounting);
    const diffs = await diffDmn(employeeCounting, changed);
    const changedDecisions = diffs.filter((decision) => decision.status !== 'unchanged');
    expect(changedDecisions.map((decision) => decision.id)).toEqual(['minimum-wage']);
    const minimumWage = changedDecisions[0]!;
    expect(minimumWage.properties).toEqual([]);
    expect(rowCounts(minimumWage)).toMatchObject({ changed: 1, added: 0, removed: 0 });
    const row = minimumWage.rows.find((r) => r.status === 'changed')!;
    expect(row.id).toBe('minimum-wage-rule-1');
    expect(row.cells.filter((c) => c.changed)).toEqual([{ columnId: 'minimum-wage-out-minimumWage', text: '2600', oldText: '2490', changed: true }]);
  });

  it('shows an added rule', async () => {
    const [decision] = await diffDmn(wageTable('UNIQUE', [[['1'], ['2490']]]), wageTable('UNIQUE', [[['1'], ['2490']], [['2'], ['2260']]]));
    expect(decision!.status).toBe('changed');
    expect(decision!.rows.map((r) => [r.id, r.status])).toEqual([['wage-r1', 'unchanged'], ['wage-r2', 'added']]);
    expect(decision!.rows[1]!.cells.map((c) => c.text)).toEqual(['2', '2260']);
  });

  it('shows a removed rule where it stood', async () => {
    const [decision] = await diffDmn(
      wageTable('UNIQUE', [[['1'], ['2490']], [['2'], ['2260']], [['3'], ['2010']]]),
      // The fixture numbers rules by position: rebuild the third rule under its old id after removing the second.
      wageTable('UNIQUE', [[['1'], ['2490']], [['2'], ['2260']], [['3'], ['2010']]]).replace(/<rule id="wage-r2">.*?<\/rule>\n?/s, ''),
    );
    expect(decision!.rows.map((r) => [r.id, r.status])).toEqual([['wage-r1', 'unchanged'], ['wage-r2', 'removed'], ['wage-r3', 'unchanged']]);
    expect(decision!.rows[1]!.cells.map((c) => c.text)).toEqual(['2', '2260']);
  });

  it('shows a changed hit policy', async () => {
    const [decision] = await diffDmn(wageTable('UNIQUE', [[['1'], ['2490']]]), wageTable('FIRST', [[['1'], ['2490']]]));
    expect(decision!.status).toBe('changed');
    expect(decision!.properties).toEqual([{ key: 'hitPolicy', oldValue: 'UNIQUE', newValue: 'FIRST' }]);
    expect(decision!.hitPolicy).toBe('FIRST');
  });

  it('finds no change between a file and itself', async () => {
    const diffs = await diffDmn(employeeCounting, employeeCounting);
    expect(diffs.length).toBeGreaterThan(0);
    expect(diffs.filter((decision) => decision.status !== 'unchanged')).toEqual([]);
  });

  it('reports decisions added and removed, and a changed input column', async () => {
    const before = dmnFile(
      decisionTable({ id: 'a', inputs: [{ expr: 'x' }], outputs: [{ name: 'y' }], rules: [[['1'], ['2']]] }),
      decisionTable({ id: 'gone', inputs: [{ expr: 'x' }], outputs: [{ name: 'y' }], rules: [] }),
    );
    const after = dmnFile(
      decisionTable({ id: 'a', inputs: [{ expr: 'x + 1' }], outputs: [{ name: 'y' }], rules: [[['1'], ['2']]] }),
      decisionTable({ id: 'new', inputs: [{ expr: 'x' }], outputs: [{ name: 'y' }], rules: [[['1'], ['2']]] }),
    );
    const diffs = await diffDmn(before, after);
    expect(diffs.map((d) => [d.id, d.status])).toEqual([['a', 'changed'], ['new', 'added'], ['gone', 'removed']]);
    expect(diffs[0]!.columns[0]).toMatchObject({ status: 'changed', expression: 'x + 1', previous: { expression: 'x' } });
    expect(diffs[1]!.rows.map((r) => r.status)).toEqual(['added']);
  });
});
