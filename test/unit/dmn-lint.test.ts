// The DMN check before a deployment: the project's own files pass; each kind of mistake is found and named.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDmn } from '../../deployment/dmn-lint.ts';
import { processesDir } from '../../deployment/deploy-resources.ts';
import { decisionTable, dmnFile } from '../support/dmn-fixtures.ts';

const files = readdirSync(processesDir).filter((f) => f.endsWith('.dmn'));
const reasons = (outputs: string[]) =>
  dmnFile(decisionTable({ id: 'month', hitPolicy: 'COLLECT', inputs: [{ expr: 'paid', typeRef: 'boolean' }], outputs: [{ name: 'reason' }], rules: outputs.map((o) => [['false'], [o]]) }));

describe('DMN lint', () => {
  it.each(files)('%s has no findings', async (file) => {
    expect(await lintDmn(readFileSync(path.join(processesDir, file), 'utf8'))).toEqual([]);
  });

  it('finds a reason that is not a contract reason code', async () => {
    expect(await lintDmn(reasons(['"PENSION_NOT_PAID"']))).toEqual([]);
    const findings = await lintDmn(reasons(['"PENSION_NOT_PAYED"', 'upper("x")']));
    expect(findings.map((f) => [f.rule, f.elementId])).toEqual([['feel-grammar', 'month-r2-o0']]);
    const unknown = await lintDmn(reasons(['"PENSION_NOT_PAYED"', '"pension_not_paid"']));
    expect(unknown.map((f) => [f.rule, f.elementId])).toEqual([
      ['reason-codes-known', 'month-r1'],
      ['reason-codes-known', 'month-r2'],
    ]);
  });

  it('finds a reward reason that is not one of the over-quota reward codes', async () => {
    const rewards = (outputs: string[]) =>
      dmnFile(decisionTable({ id: 'reward', hitPolicy: 'FIRST', inputs: [{ expr: 'surplus' }], outputs: [{ name: 'rewardReason' }], rules: outputs.map((o) => [['-'], [o]]) }));
    expect(await lintDmn(rewards(['"ELIGIBLE"', '"NOT_ABOVE_QUOTA"']))).toEqual([]);
    const unknown = await lintDmn(rewards(['"ELIGIBLE"', '"PENSION_NOT_PAID"']));
    expect(unknown.map((f) => [f.rule, f.elementId])).toEqual([['reason-codes-known', 'reward-r2']]);
    expect(unknown[0]!.message).toContain('奖励原因');
  });

  it('refuses any expression language but FEEL, loops, quantifiers, function definitions and calls outside the few built-ins', async () => {
    const table = (entry: string) => dmnFile(decisionTable({ id: 'd', inputs: [{ expr: 'n' }], outputs: [{ name: 'o' }], rules: [[['-'], [entry]]] }));
    for (const entry of ['count(for i in 1..100000000 return i)', 'some x in [1] satisfies true', 'string(n) + "|"', 'execution.getVariable("x")', '(function(x) x)(1)']) {
      expect((await lintDmn(table(entry))).map((f) => f.rule), entry).toEqual(['feel-grammar']);
    }
    expect(await lintDmn(table('min(1, max(n, floor(n / 2)))'))).toEqual([]);
    const juel = table('n').replace('<definitions ', '<definitions expressionLanguage="juel" ');
    expect((await lintDmn(juel)).map((f) => f.rule)).toEqual(['feel-grammar']);
  });

  it('finds a decision without history time to live, or without a name', async () => {
    const findings = await lintDmn(dmnFile(decisionTable({ id: 'bare', name: '', historyTimeToLive: null, inputs: [{ expr: 'n' }], outputs: [{ name: 'o' }], rules: [[['-'], ['"x"']]] })));
    expect(findings.map((f) => f.rule).sort()).toEqual(['history-time-to-live', 'label-required']);
    expect(findings.every((f) => /[\u4e00-\u9fff]/.test(f.message))).toBe(true);
  });

  it('finds FEEL that does not parse and tables the worker cannot evaluate', async () => {
    const broken = await lintDmn(dmnFile(decisionTable({ id: 'b', inputs: [{ expr: 'n' }], outputs: [{ name: 'o' }], rules: [[['[1..'], ['"x"']]] })));
    expect(broken).toMatchObject([{ rule: 'evaluable', category: 'error', message: expect.stringContaining('[1..') }]);
    const priority = await lintDmn(dmnFile(decisionTable({ id: 'p', hitPolicy: 'PRIORITY', inputs: [{ expr: 'n' }], outputs: [{ name: 'o' }], rules: [] })));
    expect(priority).toMatchObject([{ rule: 'evaluable', message: expect.stringContaining('PRIORITY') }]);
    expect(await lintDmn('not xml at all')).toMatchObject([{ rule: 'evaluable' }]);
  });
});
