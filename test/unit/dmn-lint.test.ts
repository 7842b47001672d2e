// The DMN check before a deployment: the project's own files pass; each kind of mistake is found and named.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDmn } from '../../deployment/dmn-lint.ts';
import { readDecisionModel } from '../../dmn-evaluator/decision-model.ts';
import { evaluateDecision } from '../../dmn-evaluator/evaluate-decision.ts';
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

  describe('what the worker would not judge as the engine does, each on its element (issue 24)', () => {
    const simple = (id: string, entry = '"x"', input = 'n') => decisionTable({ id, inputs: [{ expr: input }], outputs: [{ name: 'o' }], rules: [[['-'], [entry]]] });
    const evaluable = async (xml: string) => (await lintDmn(xml)).filter((f) => f.rule === 'evaluable').map((f): [string, string] => [f.elementId, f.message]);

    it('a default output, which the engine never returns', async () => {
      const xml = dmnFile(simple('d')).replace('<output id="d-o0" name="o" typeRef="string" />', '<output id="d-o0" name="o" typeRef="string"><defaultOutputEntry><text>"无"</text></defaultOutputEntry></output>');
      expect(await evaluable(xml)).toEqual([['d-o0', expect.stringContaining('defaultOutputEntry')]]);
    });

    it('a date, time or duration literal, in a cell or an output; "@" inside a string is text', async () => {
      const xml = dmnFile(decisionTable({ id: 't', inputs: [{ expr: 'day' }], outputs: [{ name: 'o' }], rules: [[['< @"2025-01-01"'], ['@"P1M"']], [['-'], ['"a@b"']]] }));
      expect((await evaluable(xml)).map(([id]) => id)).toEqual(['t-r1-i0', 't-r1-o0']);
      expect((await evaluable(xml))[0]![1]).toContain('202501');
    });

    it('a variable name that is not one FEEL name (`days in weekend`), on the input data or the output', async () => {
      const input = '<inputData id="weekend" name="days in weekend"><variable name="days in weekend" /></inputData>';
      const xml = dmnFile(simple('w'), input).replace('name="o"', 'name="Approved/Declined"');
      expect((await evaluable(xml)).map(([id]) => id)).toEqual(['w-o0', 'weekend']);
      expect((await evaluable(xml))[1]![1]).toContain('daysInWeekend');
      expect(await lintDmn(dmnFile(simple('v'), '<inputData id="wage" name="月工资"><variable name="月工资" /></inputData>'))).toEqual([]);
    });

    it('one finding per broken expression, on its element, the rest of the file still read', async () => {
      const xml = dmnFile(simple('a', '1 +'), simple('b', '"fine"'), simple('c', '[1..'));
      expect((await evaluable(xml)).map(([id]) => id)).toEqual(['a-r1-o0', 'c-r1-o0']);
    });

    it('a decision without an id, or two with the same id, which would overwrite one another', async () => {
      const xml = dmnFile(simple('x').replace('<decision id="x"', '<decision'), simple('y').replace('<decision id="y"', '<decision'), simple('z'), simple('z'));
      const found = await evaluable(xml);
      expect(found.filter(([, m]) => m.includes('缺少 id'))).toHaveLength(2);
      expect(found.filter(([id, m]) => id === 'z' && m.includes('重复')).length).toBeGreaterThan(0);
    });

    it.each([
      ['1.1', 'http://www.omg.org/spec/DMN/20151101/dmn.xsd'],
      ['1.2', 'http://www.omg.org/spec/DMN/20180521/MODEL/'],
      ['1.4', 'https://www.omg.org/spec/DMN/20211108/MODEL/'],
      ['1.5', 'https://www.omg.org/spec/DMN/20230324/MODEL/'],
    ])('a DMN %s file is read as Operaton reads it, as DMN 1.3', async (_version, namespace) => {
      const xml = dmnFile(simple('d', '"x"')).replace('https://www.omg.org/spec/DMN/20191111/MODEL/', namespace);
      expect(await lintDmn(xml)).toEqual([]);
      const model = await readDecisionModel(xml);
      expect(evaluateDecision(model, 'd', { n: 1 })).toEqual([{ o: 'x' }]);
    });
  });
});
