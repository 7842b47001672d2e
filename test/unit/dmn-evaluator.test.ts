// Our DMN evaluation (dmn-evaluator/): FEEL through feelin with remembered results, the hit policies Operaton
// evaluates, and required decisions' results added to the variables the way Operaton adds them. The
// conformance test holds this to the engine on the project's own files; these pin the mechanisms.
import { describe, expect, it } from 'vitest';
import { DecisionModelError, readDecisionModel, readDeployedDecisionModel } from '../../dmn-evaluator/decision-model.ts';
import { DecisionEvaluationError, evaluateDecision } from '../../dmn-evaluator/evaluate-decision.ts';
import { FeelExpression, FeelSyntaxError, FeelUnaryTest } from '../../dmn-evaluator/feel-expression.ts';
import { decisionTable, dmnFile } from '../support/dmn-fixtures.ts';

describe('FEEL expressions', () => {
  it('reads a bare name directly and evaluates anything else with feelin', () => {
    expect(new FeelExpression('grade').evaluate({ grade: 3 })).toBe(3);
    expect(new FeelExpression('grade').evaluate({})).toBeNull();
    expect(new FeelExpression('min(756, 720 + floor((birthYear - 1965) * 12 / 4) + 1)').evaluate({ birthYear: 1970 })).toBe(736);
  });

  it('remembers results per value of the names it reads, never across different values', () => {
    const expr = new FeelExpression('wage * 2');
    expect(expr.names).toEqual(['wage']);
    expect(expr.evaluate({ wage: 10, other: 1 })).toBe(20);
    expect(expr.evaluate({ wage: 11, other: 1 })).toBe(22);
    expect(expr.evaluate({ wage: 10, other: 2 })).toBe(20);
  });

  it('keeps built-in functions reachable (an absent name is not set to null)', () => {
    expect(new FeelExpression('floor(x)').evaluate({ x: 2.7 })).toBe(2);
  });

  it('tests unary tests against the input, with variables of the context', () => {
    const test = new FeelUnaryTest('< minimumWage');
    expect(test.test(2400, { minimumWage: 2490 })).toBe(true);
    expect(test.test(2400, { minimumWage: 2010 })).toBe(false);
    expect(test.test(null, { minimumWage: 2490 })).toBe(false);
    expect(new FeelUnaryTest('-').test('anything', {})).toBe(true);
    expect(new FeelUnaryTest('').matchesAnything).toBe(true);
    expect(new FeelUnaryTest('"a","b"').test('b', {})).toBe(true);
    expect(new FeelUnaryTest('null').test(null, {})).toBe(true);
  });

  it('refuses text that is not FEEL', () => {
    expect(() => new FeelUnaryTest('[1..')).toThrow(FeelSyntaxError);
    expect(() => new FeelExpression('1 +')).toThrow(FeelSyntaxError);
  });
});

describe('decision tables', () => {
  const table = (hitPolicy: string) =>
    decisionTable({
      id: 'd',
      hitPolicy,
      inputs: [{ expr: 'n', typeRef: 'integer' }],
      outputs: [{ name: 'out' }],
      rules: [
        [['< 10'], ['"small"']],
        [['< 100'], ['"medium"']],
        [['-'], ['"any"']],
      ],
    });

  it('FIRST answers the first match, COLLECT and RULE ORDER every match in rule order', async () => {
    expect(evaluateDecision(await readDecisionModel(dmnFile(table('FIRST'))), 'd', { n: 5 })).toEqual([{ out: 'small' }]);
    expect(evaluateDecision(await readDecisionModel(dmnFile(table('COLLECT'))), 'd', { n: 5 })).toEqual([{ out: 'small' }, { out: 'medium' }, { out: 'any' }]);
    expect(evaluateDecision(await readDecisionModel(dmnFile(table('RULE ORDER'))), 'd', { n: 50 })).toEqual([{ out: 'medium' }, { out: 'any' }]);
  });

  it('UNIQUE refuses two matches; ANY refuses matches that disagree', async () => {
    const unique = await readDecisionModel(dmnFile(table('UNIQUE')));
    expect(() => evaluateDecision(unique, 'd', { n: 5 })).toThrow(DecisionEvaluationError);
    expect(evaluateDecision(unique, 'd', { n: 500 })).toEqual([{ out: 'any' }]);
    const any = await readDecisionModel(dmnFile(table('ANY')));
    expect(() => evaluateDecision(any, 'd', { n: 5 })).toThrow(DecisionEvaluationError);
  });

  it('adds required decisions to the variables as Operaton does: one match by name, several as lists, none not at all', async () => {
    const model = await readDecisionModel(
      dmnFile(
        decisionTable({ id: 'single', inputs: [{ expr: 'n', typeRef: 'integer' }], outputs: [{ name: 'tier', typeRef: 'integer' }], rules: [[['< 10'], ['1']], [['>= 10'], ['2']]] }),
        decisionTable({ id: 'many', hitPolicy: 'COLLECT', inputs: [{ expr: 'n', typeRef: 'integer' }], outputs: [{ name: 'tag' }], rules: [[['> 0'], ['"positive"']], [['< 100'], ['"small"']]] }),
        decisionTable({ id: 'never', inputs: [{ expr: 'n', typeRef: 'integer' }], outputs: [{ name: 'missing' }], rules: [[['< -1000'], ['"x"']]] }),
        decisionTable({
          id: 'top',
          hitPolicy: 'COLLECT',
          requires: ['single', 'many', 'never'],
          inputs: [{ expr: 'tier', typeRef: 'integer' }, { expr: 'count(tag)', typeRef: 'integer' }, { expr: 'missing' }],
          outputs: [{ name: 'seen' }],
          rules: [[['1', '2', 'null'], ['"tier 1, two tags, nothing missing"']]],
        }),
      ),
    );
    expect(evaluateDecision(model, 'top', { n: 5 })).toEqual([{ seen: 'tier 1, two tags, nothing missing' }]);
    expect(evaluateDecision(model, 'top', { n: 500 })).toEqual([]);
  });

  it('remembers a result per value of what the decision (and what it requires) reads, and only that', async () => {
    const model = await readDecisionModel(
      dmnFile(
        decisionTable({ id: 'limit', inputs: [{ expr: 'tier', typeRef: 'integer' }], outputs: [{ name: 'minimum', typeRef: 'integer' }], rules: [[['1'], ['2490']], [['2'], ['2260']]] }),
        decisionTable({ id: 'wage', hitPolicy: 'COLLECT', requires: ['limit'], inputs: [{ expr: 'wage', typeRef: 'double' }], outputs: [{ name: 'reason' }], rules: [[['< minimum'], ['"LOW"']]] }),
      ),
    );
    const first = evaluateDecision(model, 'wage', { wage: 2400, tier: 1, unrelated: 'a' });
    expect(first).toEqual([{ reason: 'LOW' }]);
    expect(evaluateDecision(model, 'wage', { wage: 2400, tier: 1, unrelated: 'b' })).toBe(first); // remembered
    expect(evaluateDecision(model, 'wage', { wage: 2400, tier: 2 })).toEqual([]); // a required decision's input changed
    expect(evaluateDecision(model, 'wage', { wage: 2500, tier: 1 })).toEqual([]);
    expect(evaluateDecision(model, 'wage', { wage: 2400, tier: 1 })).toEqual([{ reason: 'LOW' }]);
  });

  it('reads only what Operaton evaluates and says why otherwise', async () => {
    await expect(readDecisionModel(dmnFile(table('PRIORITY')))).rejects.toThrow(DecisionModelError);
    await expect(readDecisionModel(dmnFile(decisionTable({ id: 'a', hitPolicy: 'COLLECT', aggregation: 'SUM', inputs: [{ expr: 'n' }], outputs: [{ name: 'o', typeRef: 'integer' }], rules: [[['-'], ['1']]] })))).rejects.toThrow(/聚合/);
    await expect(readDecisionModel(dmnFile(decisionTable({ id: 'e', inputs: [{ expr: 'n' }], outputs: [{ name: 'o' }], rules: [[['-'], ['']]] })))).rejects.toThrow(/空的输出/);
    await expect(readDecisionModel(dmnFile(decisionTable({ id: 'r', requires: ['elsewhere'], inputs: [{ expr: 'n' }], outputs: [{ name: 'o' }], rules: [] })))).rejects.toThrow(/不在同一文件/);
    await expect(readDecisionModel('<definitions')).rejects.toThrow(DecisionModelError);
  });

  it('a deployed file read as the engine reads it: a broken expression fails only where it is evaluated, a decision the worker cannot judge (and what requires it) when evaluated', async () => {
    const table = (id: string, entry: string, requires: string[] = [], outputName = `${id}Out`) =>
      decisionTable({ id, requires, hitPolicy: 'FIRST', inputs: [{ expr: 'n', typeRef: 'integer' }], outputs: [{ name: outputName }], rules: [[['< 5'], [entry]], [['>= 5'], ['"big"']]] });
    const xml = dmnFile(table('good', '"x"'), table('broken', '1 +'), table('reader', 'brokenOut', ['broken']), table('spaced', '"y"', [], 'spaced out'), table('needsSpaced', '"z"', ['spaced']));
    await expect(readDecisionModel(xml)).rejects.toThrow(DecisionModelError);
    const model = await readDeployedDecisionModel(xml);
    expect(evaluateDecision(model, 'good', { n: 1 })).toEqual([{ goodOut: 'x' }]);
    expect(evaluateDecision(model, 'broken', { n: 7 })).toEqual([{ brokenOut: 'big' }]);
    expect(() => evaluateDecision(model, 'broken', { n: 1 })).toThrow(DecisionEvaluationError);
    expect(() => evaluateDecision(model, 'reader', { n: 1 })).toThrow(/1 \+/);
    expect(() => evaluateDecision(model, 'spaced', { n: 1 })).toThrow(/spaced 无法计算：.*spaced out/);
    expect(() => evaluateDecision(model, 'needsSpaced', { n: 1 })).toThrow(/needsSpaced 无法计算：.*依赖的决策 spaced/);
    await expect(readDeployedDecisionModel(dmnFile(table('z', '1'), table('z', '2')))).rejects.toThrow(/重复/);
  });
});
