// Rule `output-shape`: the decisions the review evaluates answer in the shapes it reads (reason codes, numbers,
// booleans, written-out text) — refused before deployment where the text decides it, and refused when judging, with
// the decision, rule and output named and never the value, where only the value tells.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDecisionModel } from '../../dmn-evaluator/decision-model.ts';
import { processesDir } from '../../deployment/deploy-resources.ts';
import { lintDmn } from '../../deployment/dmn-lint.ts';
import { outputShapeFindings } from '../../deployment/policy/decision-output-shape.ts';
import { judgeFiling, RuleOutcomeError, type ReviewDecisions } from '../../review/judge-filing.ts';
import { decisionTable, dmnFile } from '../support/dmn-fixtures.ts';
import { countingTable, levyTable, minimumWageTable, previewFiling, weightTable } from '../support/preview-fixtures.ts';

// The rule itself, on the model the evaluator reads: lintDmn refuses string() before it, by the FEEL rule.
const shapeFindings = async (xml: string) => outputShapeFindings(await readDecisionModel(xml)).map((f): [string, string] => [f.elementId, f.message]);

const literal = (id: string, name: string, typeRef: string, text: string) => `<decision id="${id}" name="${id}" operaton:historyTimeToLive="P30D">
<variable id="${id}-var" name="${name}" typeRef="${typeRef}" />
<literalExpression id="${id}-expr"><text>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</text></literalExpression>
</decision>`;

const monthTable = (outputs: { name: string; typeRef?: string }[], rows: string[][]) =>
  decisionTable({ id: 'employee-month', hitPolicy: 'COLLECT', inputs: [{ expr: 'monthlyWage', typeRef: 'double' }], outputs, rules: rows.map((outs) => [['-'], outs]) });

const levy = (exempt: string, reductionRate: string, extra: { name: string; typeRef?: string }[] = []) =>
  decisionTable({
    id: 'levy-policy',
    inputs: [{ expr: 'year', typeRef: 'integer' }],
    outputs: [{ name: 'exempt', typeRef: 'boolean' }, { name: 'reductionRate', typeRef: 'double' }, { name: 'quotaRatio', typeRef: 'double' }, { name: 'wageBaseCap', typeRef: 'double' }, { name: 'requiredCountRounded', typeRef: 'boolean' }, ...extra],
    rules: [[['-'], [exempt, reductionRate, '0.015', '2 * averageSocialWage', 'false', ...extra.map(() => '"说明"')]]],
  });

describe('DMN lint rule output-shape', () => {
  it.each(readdirSync(processesDir).filter((f) => f.endsWith('.dmn')))('finds nothing in the shipped %s', async (file) => {
    expect(await shapeFindings(readFileSync(path.join(processesDir, file), 'utf8'))).toEqual([]);
  });

  it('refuses a counting decision that writes facts into text (the preview leak), naming decision and output', async () => {
    const leak = dmnFile(literal('employee-month', 'reason', 'string', 'string(monthlyWage)+"|"+string(certGrade)'));
    const findings = await shapeFindings(leak);
    expect(findings).toEqual([['employee-month', expect.stringMatching(/决策 employee-month 的字面表达式（输出 reason）.*拼接或转换出文字/)]]);
    // Deploying it is refused before: string() is no function a decision may call.
    expect((await lintDmn(leak)).map((f) => f.rule)).toEqual(['feel-grammar']);
    // Without a function, the concatenation alone is this rule's.
    expect((await lintDmn(dmnFile(literal('employee-month', 'reason', 'string', '"工资" + monthlyWage')))).map((f) => f.rule)).toContain('output-shape');
  });

  it('refuses, in every column of the counting decision, what is not a reason code written out', async () => {
    const findings = await shapeFindings(
      dmnFile(monthTable([{ name: 'reason' }, { name: 'detail' }], [['"NOT_EMPLOYED"', '"NO_SUCH_CODE"'], ['"NOT_EMPLOYED"', 'string(monthlyWage)'], ['"NOT_EMPLOYED"', '"CERT_EXPIRED"'], ['"NOT_EMPLOYED"', 'monthlyWage']])),
    );
    expect(findings.map(([id]) => id)).toEqual(['employee-month-r1', 'employee-month-r2', 'employee-month-r4']);
    expect(findings[1]![1]).toMatch(/决策 employee-month 规则 employee-month-r2 的输出 detail/);
  });

  it('refuses text where the weight and levy decisions answer numbers or booleans, and a missing output', async () => {
    const weight = decisionTable({ id: 'certificate-weight', inputs: [{ expr: 'certGrade', typeRef: 'integer' }], outputs: [{ name: 'weight', typeRef: 'integer' }], rules: [[['1'], ['"2"']], [['2'], ['2']]] });
    expect(await shapeFindings(dmnFile(weight))).toEqual([['certificate-weight-r1', expect.stringContaining('输出 weight 是文字，不是数值')]]);

    expect(await shapeFindings(dmnFile(levy('false', '0.5')))).toEqual([]);
    expect((await shapeFindings(dmnFile(levy('1', '"0.5"')))).map(([id, m]) => [id, m.slice(0, m.indexOf('，'))])).toEqual([
      ['levy-policy-r1', '决策 levy-policy 规则 levy-policy-r1 的输出 exempt 是数值'],
      ['levy-policy-r1', '决策 levy-policy 规则 levy-policy-r1 的输出 reductionRate 是文字'],
    ]);
    // An output the review does not read is held to its declared type; text built in it is refused all the same.
    expect((await shapeFindings(dmnFile(levy('false', '0.5', [{ name: 'note', typeRef: 'string' }])))).length).toBe(0);
    const noted = levy('false', '0.5', [{ name: 'note', typeRef: 'string' }]).replace('<text>&quot;说明&quot;</text>', '<text>"上限" + string(averageStaffCount)</text>');
    expect(await shapeFindings(dmnFile(noted))).toEqual([['levy-policy-r1', expect.stringContaining('输出 note 拼接或转换出文字')]]);

    const noQuota = decisionTable({ id: 'levy-policy', inputs: [{ expr: 'year', typeRef: 'integer' }], outputs: [{ name: 'exempt', typeRef: 'boolean' }], rules: [[['-'], ['false']]] });
    expect((await shapeFindings(dmnFile(noQuota))).map(([id, m]) => [id, m.replace(/（.*/, '')])).toEqual([
      ['levy-policy', '决策 levy-policy 缺少自动审核读取的输出 reductionRate'],
      ['levy-policy', '决策 levy-policy 缺少自动审核读取的输出 quotaRatio'],
      ['levy-policy', '决策 levy-policy 缺少自动审核读取的输出 wageBaseCap'],
      ['levy-policy', '决策 levy-policy 缺少自动审核读取的输出 requiredCountRounded'],
    ]);
  });

  it('holds the decisions they require to their declared types, and leaves other decisions alone', async () => {
    const wage = decisionTable({ id: 'minimum-wage', inputs: [{ expr: 'regionCode' }], outputs: [{ name: 'minimumWage', typeRef: 'integer' }], rules: [[['-'], ['"2490"']]] });
    const month = decisionTable({ id: 'employee-month', hitPolicy: 'COLLECT', requires: ['minimum-wage'], inputs: [{ expr: 'monthlyWage', typeRef: 'double' }], outputs: [{ name: 'reason' }], rules: [[['< minimumWage'], ['"WAGE_BELOW_MINIMUM"']]] });
    expect(await shapeFindings(dmnFile(wage, month))).toEqual([['minimum-wage-r1', expect.stringContaining('决策 minimum-wage 规则 minimum-wage-r1 的输出 minimumWage 是文字，不是数值')]]);
    // Not required by a decision the review evaluates: not this rule's business.
    expect(await shapeFindings(dmnFile(wage))).toEqual([]);
    expect(await shapeFindings(dmnFile(literal('something-else', 'x', 'string', 'string(monthlyWage)')))).toEqual([]);
  });
});

describe('an output of the wrong shape when judging', () => {
  const WAGE = 2777;
  async function judged(countingXml: string) {
    const model = await readDecisionModel(dmnFile(minimumWageTable(2000), countingXml, weightTable, levyTable()));
    const decisions: ReviewDecisions = { counting: { model, decisionId: 'counting' }, weight: { model, decisionId: 'weight' }, levy: { model, decisionId: 'levy' } };
    const filing = previewFiling(17, '330106', [WAGE]);
    try {
      judgeFiling(filing.declaration, filing.evidence, filing.registration, decisions);
    } catch (error) {
      return error as Error;
    }
    return expect.fail('the filing should not be judged');
  }

  it('fails naming the decision, the rule and the output, never the value', async () => {
    const error = await judged(countingTable([[['true', '-', '-'], ['string(monthlyWage) + "|" + string(certGrade)']]]));
    expect(error).toBeInstanceOf(RuleOutcomeError);
    expect(error.message).toBe('决策 counting 规则 counting-r5 的输出 reason 不是约定的不计入原因代码');
    expect(error.message).not.toContain(String(WAGE));
  });

  it('fails on a weight that is not a number and a non-integer in an integer column, without the value', async () => {
    const model = await readDecisionModel(
      dmnFile(minimumWageTable(2000), countingTable(), weightTable.replace('<text>2</text>', '<text>"两人"</text>'), levyTable()),
    );
    const decisions: ReviewDecisions = { counting: { model, decisionId: 'counting' }, weight: { model, decisionId: 'weight' }, levy: { model, decisionId: 'levy' } };
    const filing = previewFiling(18, '330106', [WAGE]);
    expect(() => judgeFiling(filing.declaration, filing.evidence, filing.registration, decisions)).toThrow('决策 weight 规则 weight-r1 的输出 weight 不是数值');

    const fractional = await readDecisionModel(dmnFile(minimumWageTable('monthlyWage / 7'), countingTable(), weightTable, levyTable()));
    const withFraction: ReviewDecisions = { counting: { model: fractional, decisionId: 'counting' }, weight: { model: fractional, decisionId: 'weight' }, levy: { model: fractional, decisionId: 'levy' } };
    let message = '';
    try {
      judgeFiling(filing.declaration, filing.evidence, filing.registration, withFraction);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('决策 min-wage 规则 min-wage-r1 的输出 minimumWage 不是整数（类型 integer）');
    expect(message).not.toContain(String(WAGE / 7).slice(0, 5));
  });
});
