// The worker judges filings with our evaluation of the deployed DMN (dmn-evaluator/); the engine is the judge of
// what the DMN means. This holds the two to identical results: every decision of processes/*.dmn, deployed to
// the real engine, is evaluated there (`POST /decision-definition/{id}/evaluate`) and here over a generated grid
// of inputs that makes every rule of every decision both match and fail, and the results must be equal.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readDecisionModel, readDeployedDecisionModel, type Decision, type DecisionModel } from '../../dmn-evaluator/decision-model.ts';
import { evaluateDecision } from '../../dmn-evaluator/evaluate-decision.ts';
import type { FeelValue } from '../../dmn-evaluator/feel-value.ts';
import { deployResources, processesDir } from '../../deployment/deploy-resources.ts';
import { createEngineRest, type EngineRest } from '../../platform/engine-rest.ts';
import { lintDmn } from '../../deployment/dmn-lint.ts';
import { readXmlTree, type XmlElement } from '../../platform/xml-tree.ts';
import { decisionTable, dmnFile } from '../support/dmn-fixtures.ts';

type Point = Record<string, FeelValue>;
type Outcome = { ok: true; result: Record<string, FeelValue>[] } | { ok: false };

const dmnFiles = readdirSync(processesDir).filter((name) => name.endsWith('.dmn')).sort();

// Values a rule's literals do not suggest but its expressions need: ages around every retirement age the
// `retirement-age` formulas give, wages around every minimum wage, ratios around the levy tiers.
const EXTRA_CANDIDATES: Record<string, FeelValue[]> = {
  ageMonths: [191, 192, 193, 599, 600, 601, 659, 660, 661, 695, 696, 719, 720, 721, 736, 737, 755, 756, 757],
  monthlyWage: [0, 1659.99, 1660, 1839.99, 1840, 2009.99, 2010, 2069.99, 2070, 2259.99, 2260, 2279.99, 2280, 2489.99, 2490, 2490.01],
  actualRatio: [0, 0.0099, 0.01, 0.0149, 0.015, 0.0151, 0.5],
  exactRatio: [0, 0.0099, 0.0099929, 0.01, 0.0149, 0.015, 0.0151, 0.5],
  birthMonth: [1, 4, 5, 12],
  birthYear: [1960, 1964, 1965, 1966, 1969, 1970, 1975, 1976, 1980, 1984, 1990],
  monthKey: [201711, 201712, 202107, 202108, 202412, 202501, 202512],
  year: [2014, 2015, 2019, 2020, 2021, 2024, 2025, 2027, 2028],
  averageStaffCount: [1, 29, 30, 31, 600],
};

/** The decision and every decision it requires, required first. */
function withRequirements(model: DecisionModel, decision: Decision): Decision[] {
  const seen = new Map<string, Decision>();
  const visit = (d: Decision) => {
    if (seen.has(d.id)) return;
    d.requires.forEach((id) => visit(model.decisions.get(id)!));
    seen.set(d.id, d);
  };
  visit(decision);
  return [...seen.values()];
}

const literalsIn = (text: string) => ({
  strings: [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1]!),
  numbers: [...text.replace(/"[^"]*"/g, '').matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0])),
});

/** Every variable the decisions read from outside (not another decision's output), with the values to try. */
function candidateValues(decisions: Decision[]): Map<string, { typeRef: string | null; values: FeelValue[] }> {
  const produced = new Set(
    decisions.flatMap((d) => (d.logic.kind === 'literal' ? [d.logic.variableName] : d.logic.outputs.map((o) => o.name))),
  );
  const variables = new Map<string, { typeRef: string | null; values: Set<FeelValue> }>();
  const add = (name: string, typeRef: string | null, values: FeelValue[]) => {
    if (produced.has(name)) return;
    const entry = variables.get(name) ?? { typeRef, values: new Set<FeelValue>([null]) };
    entry.typeRef ??= typeRef;
    values.forEach((v) => entry.values.add(v));
    variables.set(name, entry);
  };
  for (const d of decisions) {
    if (d.logic.kind !== 'table') continue;
    const table = d.logic;
    table.inputs.forEach((input, column) => {
      const name = input.expression.text.trim();
      const cells = table.rules.map((r) => r.inputEntries[column]!.text);
      const values: FeelValue[] = [];
      for (const cell of cells) {
        const { strings, numbers } = literalsIn(cell);
        values.push(...strings);
        const step = input.typeRef === 'double' ? 0.001 : 1;
        for (const n of numbers) values.push(n - step, n, n + step);
      }
      if (input.typeRef === 'boolean') values.push(true, false);
      if (input.typeRef === 'string') values.push('something-else');
      add(name, input.typeRef, values.filter((v) => typeof v !== 'number' || input.typeRef === 'double' || Number.isInteger(v)));
    });
    // Names read by cells and outputs but not an input column (e.g. birthMonth in a formula).
    for (const rule of table.rules) {
      for (const expr of [...rule.inputEntries, ...rule.outputEntries]) {
        for (const name of expr.names) if (name in EXTRA_CANDIDATES) add(name, 'integer', []);
      }
    }
  }
  for (const [name, entry] of variables) EXTRA_CANDIDATES[name]?.forEach((v) => entry.values.add(v));
  return new Map([...variables].map(([name, e]) => [name, { typeRef: e.typeRef, values: [...e.values] }]));
}

function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The names a decision reads from its variables (input columns, and names in its cells and outputs). */
function namesRead(decision: Decision): Set<string> {
  if (decision.logic.kind === 'literal') return new Set(decision.logic.expression.names);
  const table = decision.logic;
  return new Set([
    ...table.inputs.map((i) => i.expression.text.trim()),
    ...table.rules.flatMap((r) => [...r.inputEntries, ...r.outputEntries].flatMap((e) => [...e.names])),
  ]);
}

/**
 * For every rule of every decision involved: a point that makes it match — each variable its cells test set to
 * the first value the cell accepts, or, where a condition rests on another decision's output, a seeded random
 * search until it matches — then that point with each variable the decision reads set to each candidate value in
 * turn, which makes the rule fail on every condition it has. Random mixes add combinations no rule aimed at.
 */
function grid(model: DecisionModel, decision: Decision): Point[] {
  const decisions = withRequirements(model, decision);
  const candidates = candidateValues(decisions);
  const names = [...candidates.keys()].sort();
  const random = seededRandom(names.length * 7919 + decisions.length);
  const anyValue = (n: string) => {
    const values = candidates.get(n)!.values;
    return values[Math.floor(random() * values.length)]!;
  };
  const points = new Map<string, Point>();
  const keep = (p: Point) => points.set(JSON.stringify(names.map((n) => p[n] ?? null)), p);
  const defaults: Point = Object.fromEntries(names.map((n) => [n, candidates.get(n)!.values.find((v) => v !== null) ?? null]));
  const hits = (point: Point, decisionId: string, ruleId: string) => {
    let hit = false;
    ourOutcome(model, decision.id, point, (id, ruleIds) => {
      if (id === decisionId && ruleIds.includes(ruleId)) hit = true;
    });
    return hit;
  };
  for (const d of decisions) {
    if (d.logic.kind !== 'table') continue;
    const table = d.logic;
    const read = [...namesRead(d)].filter((n) => candidates.has(n));
    for (const rule of table.rules) {
      let aimed: Point = { ...defaults };
      table.inputs.forEach((input, column) => {
        const name = input.expression.text.trim();
        const entry = rule.inputEntries[column]!;
        if (!candidates.has(name) || entry.matchesAnything) return;
        const hit = candidates.get(name)!.values.find((v) => entry.test(v, aimed));
        if (hit !== undefined) aimed[name] = hit;
      });
      for (let attempt = 0; attempt < 2000 && !hits(aimed, d.id, rule.id); attempt++) {
        aimed = { ...aimed, ...Object.fromEntries(names.filter(() => random() < 0.3).map((n) => [n, anyValue(n)])) };
      }
      keep(aimed);
      for (const name of read) for (const value of candidates.get(name)!.values) keep({ ...aimed, [name]: value });
    }
  }
  for (let i = 0; i < 100; i++) keep(Object.fromEntries(names.map((n) => [n, anyValue(n)])));
  return [...points.values()];
}

function engineVariable(value: FeelValue, typeRef: string | null) {
  if (value === null) return { value: null, type: 'Null' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'string') return { value, type: 'String' };
  if (typeof value === 'number') return { value, type: typeRef === 'double' || !Number.isInteger(value) ? 'Double' : 'Integer' };
  throw new Error(`no engine type for ${JSON.stringify(value)}`);
}

async function engineOutcome(engine: EngineRest, definitionId: string, point: Point, types: Map<string, string | null>): Promise<Outcome> {
  const variables = Object.fromEntries(Object.entries(point).map(([name, value]) => [name, engineVariable(value, types.get(name) ?? null)]));
  try {
    const result = await engine.post<Record<string, { value: FeelValue }>[]>(`/decision-definition/${encodeURIComponent(definitionId)}/evaluate`, { variables });
    return { ok: true, result: result.map((entry) => Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, v.value]))) };
  } catch {
    return { ok: false };
  }
}

function ourOutcome(model: DecisionModel, decisionId: string, point: Point, onMatch: (decisionId: string, ruleIds: string[]) => void): Outcome {
  try {
    return { ok: true, result: evaluateDecision(model, decisionId, point, onMatch) };
  } catch {
    return { ok: false };
  }
}

/** Results compared regardless of the order of a result's keys (the engine's map has its own); entries keep rule order. */
const canonical = (o: Outcome) =>
  JSON.stringify(o.ok ? o.result.map((entry) => Object.fromEntries(Object.entries(entry).sort(([a], [b]) => a.localeCompare(b)))) : 'error');

let engine: EngineRest;

beforeAll(async () => {
  engine = createEngineRest(inject('engine'));
  const resources = dmnFiles.map((name) => ({ name, content: readFileSync(path.join(processesDir, name), 'utf8') }));
  await deployResources(engine, resources, 'dmn-conformance-test');
});

/**
 * Evaluates every decision of the model on its grid here and on the engine (definition ids given) and expects
 * identical results; answers, per rule, whether it was seen matching ("hit") and failing ("miss").
 */
async function conformsOn(model: DecisionModel, ids: Map<string, string>): Promise<Map<string, Set<string>>> {
  const seenAnywhere = new Map<string, Set<string>>();
  for (const decision of model.decisions.values()) {
    const decisions = withRequirements(model, decision);
    const types = new Map([...candidateValues(decisions)].map(([name, c]) => [name, c.typeRef]));
    const matched = new Map<string, Set<string>>(); // rule id → "hit"/"miss" seen
    const record = (decisionId: string, ruleIds: string[]) => {
      const d = model.decisions.get(decisionId)!;
      if (d.logic.kind !== 'table') return;
      for (const rule of d.logic.rules) {
        const seen = matched.get(rule.id) ?? new Set<string>();
        seen.add(ruleIds.includes(rule.id) ? 'hit' : 'miss');
        matched.set(rule.id, seen);
      }
    };
    const points = grid(model, decision);
    const mismatches: string[] = [];
    let errors = 0;
    for (const point of points) {
      const ours = ourOutcome(model, decision.id, point, record);
      const theirs = await engineOutcome(engine, ids.get(decision.id)!, point, types);
      if (!ours.ok) errors++;
      if (canonical(ours) !== canonical(theirs)) {
        mismatches.push(`${decision.id} ${JSON.stringify(point)}: ours ${JSON.stringify(ours)} engine ${JSON.stringify(theirs)}`);
      }
    }
    expect(mismatches.slice(0, 5), `${mismatches.length} of ${points.length} points differ`).toEqual([]);
    // Errors (e.g. a UNIQUE table with two matching rules) must be rare: the grid is meant to reach results.
    expect(errors, decision.id).toBeLessThan(points.length / 10);
    for (const d of decisions) {
      if (d.logic.kind !== 'table') continue;
      for (const rule of d.logic.rules) {
        const catchAll = rule.inputEntries.every((e) => e.matchesAnything); // cannot fail, only match
        const seen = [...(matched.get(rule.id) ?? [])].sort();
        seenAnywhere.set(rule.id, new Set([...(seenAnywhere.get(rule.id) ?? []), ...seen]));
        if (catchAll) expect(seen, `${d.id} ${rule.id} (${rule.description}) matched`).toContain('hit');
      }
    }
  }
  return seenAnywhere;
}

/** The file with one boolean literal decision (a policy switch) turned the other way. */
function flipped(xml: string, model: DecisionModel, decisionId: string): string {
  const logic = model.decisions.get(decisionId)!.logic;
  if (logic.kind !== 'literal') throw new Error(decisionId);
  const to = logic.expression.text.trim() === 'true' ? 'false' : 'true';
  const pattern = new RegExp(`(<decision id="${decisionId}"[\\s\\S]*?<literalExpression[^>]*>\\s*<text>)\\s*${logic.expression.text.trim()}\\s*(</text>)`);
  if (!pattern.test(xml)) throw new Error(`cannot flip ${decisionId}`);
  return xml.replace(pattern, `$1${to}$2`);
}

/** Deploys files under their own deployment (no duplicate filtering): the latest versions become these. */
async function deployAsIs(files: { name: string; content: string }[], name: string): Promise<void> {
  const form = new FormData();
  form.set('deployment-name', name);
  for (const f of files) form.append(f.name, new Blob([f.content], { type: 'application/octet-stream' }), f.name);
  await engine.postForm('/deployment/create', form);
}

async function latestIds(model: DecisionModel): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const key of model.decisions.keys()) {
    const [latest] = await engine.get<{ id: string }[]>('/decision-definition', { key, latestVersion: 'true' });
    ids.set(key, latest!.id);
  }
  return ids;
}

const booleanSwitches = (model: DecisionModel) =>
  [...model.decisions.values()].filter((d) => d.logic.kind === 'literal' && ['true', 'false'].includes(d.logic.expression.text.trim())).map((d) => d.id);

describe('our evaluation of the deployed DMN agrees with the engine', () => {
  it('has decisions to check', () => {
    expect(dmnFiles.length).toBeGreaterThan(0);
  });

  describe.each(dmnFiles)('%s', (file) => {
    it('every decision, every rule matched and failed, identical results — with each policy switch either way', async () => {
      const xml = readFileSync(path.join(processesDir, file), 'utf8');
      const model = await readDecisionModel(xml);
      const seen = await conformsOn(model, await latestIds(model));
      try {
        for (const id of booleanSwitches(model)) {
          const variantXml = flipped(xml, model, id);
          await deployAsIs([{ name: file, content: variantXml }], 'dmn-conformance-variant');
          const variant = await readDecisionModel(variantXml);
          for (const [rule, hits] of await conformsOn(variant, await latestIds(variant))) {
            seen.set(rule, new Set([...(seen.get(rule) ?? []), ...hits]));
          }
        }
      } finally {
        // The shipped rules are the latest again for whatever runs next on this engine.
        await deployAsIs([{ name: file, content: xml }], 'dmn-conformance-restore');
      }
      for (const decision of model.decisions.values()) {
        if (decision.logic.kind !== 'table') continue;
        for (const rule of decision.logic.rules) {
          if (rule.inputEntries.every((e) => e.matchesAnything)) continue;
          expect([...(seen.get(rule.id) ?? [])].sort(), `${decision.id} ${rule.id} (${rule.description}) matched and failed`).toEqual(['hit', 'miss']);
        }
      }
    }, 600_000);
  });
});

// Tables using what the evaluator reads beyond the shipped files, compared with the engine on the same grid; and
// what it refuses, shown to be what the engine would judge otherwise than DMN says.
const DMN13_NS = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const NAMESPACES: [string, string][] = [
  ['1.1', 'http://www.omg.org/spec/DMN/20151101/dmn.xsd'],
  ['1.2', 'http://www.omg.org/spec/DMN/20180521/MODEL/'],
  ['1.4', 'https://www.omg.org/spec/DMN/20211108/MODEL/'],
  ['1.5', 'https://www.omg.org/spec/DMN/20230324/MODEL/'],
];

const tierTable = (id: string) =>
  decisionTable({
    id,
    hitPolicy: 'FIRST',
    inputs: [{ expr: 'wage', typeRef: 'double' }, { expr: 'county', typeRef: 'string' }],
    outputs: [{ name: 'tier', typeRef: 'integer' }, { name: 'note', typeRef: 'string' }],
    rules: [
      [['>= 2490', '"330102","330106"'], ['1', '"杭州"']],
      [['[2200..2490)', '-'], ['2', '"其他"']],
      [['< 2200', 'not("330102")'], ['3', 'county']],
    ],
  });

describe('what the evaluator reads beyond the shipped files agrees with the engine', () => {
  it.each(NAMESPACES)('a table in the DMN %s namespace (Operaton reads 1.1–1.5 as 1.3)', async (version, namespace) => {
    const id = `ns-dmn${version.replace('.', '')}`;
    const xml = dmnFile(tierTable(id)).replace(DMN13_NS, namespace).replace('id="test-definitions"', `id="${id}-definitions"`);
    expect(xml).toContain(namespace);
    expect(await lintDmn(xml)).toEqual([]);
    await deployAsIs([{ name: `${id}.dmn`, content: xml }], 'dmn-conformance-namespace');
    const model = await readDecisionModel(xml);
    const seen = await conformsOn(model, await latestIds(model));
    expect([...(seen.get(`${id}-r3`) ?? [])].sort()).toEqual(['hit', 'miss']);
  }, 120_000);

  it('a default output: the engine ignores it (no rule matched → no result), so the lint refuses it on its output', async () => {
    const xml = dmnFile(tierTable('default-output')).replace(
      '<output id="default-output-o1" name="note" typeRef="string" />',
      '<output id="default-output-o1" name="note" typeRef="string"><defaultOutputEntry><text>"无"</text></defaultOutputEntry></output>',
    );
    expect(xml).toContain('defaultOutputEntry');
    expect((await lintDmn(xml)).map((f) => [f.rule, f.elementId])).toEqual([['evaluable', 'default-output-o1']]);
    await deployAsIs([{ name: 'default-output.dmn', content: xml }], 'dmn-conformance-default-output');
    const [definition] = await engine.get<{ id: string }[]>('/decision-definition', { key: 'default-output', latestVersion: 'true' });
    const noMatch = { wage: { value: 2300, type: 'Double' }, county: { value: '330102', type: 'String' } };
    const variables = { ...noMatch, wage: { value: 2100, type: 'Double' } }; // rule 3 refuses 330102: nothing matches
    expect(await engine.post(`/decision-definition/${definition!.id}/evaluate`, { variables })).toEqual([]);
  }, 60_000);

  it('a name with spaces and a keyword: the engine may read `days in weekend` as a variable of that name, feelin never does — so the lint refuses such names', async () => {
    const literal = `<decision id="spaced-name" name="spaced-name" operaton:historyTimeToLive="P30D"><variable name="answer" typeRef="boolean" /><literalExpression id="spaced-name-text"><text>days in weekend</text></literalExpression></decision>`;
    const declared = '<inputData id="spaced-input" name="days in weekend"><variable name="days in weekend" /></inputData>';
    const xml = dmnFile(literal).replace('id="test-definitions"', 'id="spaced-name-definitions"');
    expect(await lintDmn(dmnFile(literal, declared))).toMatchObject([{ rule: 'evaluable', elementId: 'spaced-input' }]);
    await deployAsIs([{ name: 'spaced-name.dmn', content: xml }], 'dmn-conformance-spaced-name');
    const [definition] = await engine.get<{ id: string }[]>('/decision-definition', { key: 'spaced-name', latestVersion: 'true' });
    const model = await readDecisionModel(xml);
    const both = async (point: Point) => [canonical(ourOutcome(model, 'spaced-name', point, () => {})), canonical(await engineOutcome(engine, definition!.id, point, new Map()))];
    // Given only the spaced variable, the engine answers its value; the worker the test `days in weekend` (null).
    expect(await both({ 'days in weekend': true })).toEqual(['[{"answer":null}]', '[{"answer":true}]']);
    // With the one-word names — all this project's callers pass one-word facts, and no output may be spaced — they agree.
    const oneWord: Point[] = [{ days: 3, weekend: 6 }, { days: 6, weekend: 6 }, { 'days in weekend': true, days: 3, weekend: 6 }];
    for (const point of oneWord) {
      const [ours, theirs] = await both(point);
      expect(ours, JSON.stringify(point)).toBe(theirs);
    }
  }, 60_000);

  it('a file with one expression that does not parse: the lint refuses it on that cell; deployed anyway, the engine and the worker both fail only where that expression is evaluated', async () => {
    const simple = (id: string, entry: string) => decisionTable({ id, inputs: [{ expr: 'n', typeRef: 'integer' }], outputs: [{ name: `${id}Out` }], rules: [[['< 5'], [entry]], [['>= 5'], ['"big"']]] });
    const xml = dmnFile(simple('parseGood', '"small"'), simple('parseBroken', '1 +')).replace('id="test-definitions"', 'id="parse-definitions"');
    expect((await lintDmn(xml)).map((f) => [f.rule, f.elementId])).toEqual([['evaluable', 'parseBroken-r1-o0']]);
    await deployAsIs([{ name: 'parse.dmn', content: xml }], 'dmn-conformance-parse');
    const model = await readDeployedDecisionModel(xml);
    const ids = await latestIds({ ...model, decisions: new Map([...model.decisions, ['parseBroken', model.decisions.get('parseGood')!]]) });
    for (const n of [1, 7]) {
      for (const id of ['parseGood', 'parseBroken']) {
        const theirs = await engineOutcome(engine, ids.get(id)!, { n }, new Map([['n', 'integer']]));
        expect(canonical(ourOutcome(model, id, { n }, () => {})), `${id} n=${n}`).toBe(canonical(theirs));
      }
    }
  }, 60_000);
});

// The DMN TCK's decision-table cases (test/fixtures/dmn-tck/): as the TCK has them, what the lint says; adapted
// as little as the lint asks, the engine and the worker on the TCK's own test inputs, and both against the TCK.
const tckDir = path.join(import.meta.dirname, '..', 'fixtures', 'dmn-tck');
type TckCase = { refused: string[]; adapt?: string[]; rename?: Record<string, string>; tckDiffers?: Record<string, string> };
const tckCases = Object.entries(JSON.parse(readFileSync(path.join(tckDir, 'cases.json'), 'utf8')) as Record<string, TckCase>).filter(([name]) => !name.startsWith('$'));

function adapted(xml: string, spec: TckCase): string {
  let out = xml
    .replace(/<definitions /, '<definitions xmlns:operaton="http://operaton.org/schema/1.0/dmn" ')
    .replace(/<decision /g, '<decision operaton:historyTimeToLive="P1D" ');
  if (spec.adapt?.includes('nameOutputs')) out = out.replace(/<output (?![^>]*\bname=)/g, '<output name="result" ');
  if (spec.adapt?.includes('dropDefaultOutput')) out = out.replace(/<defaultOutputEntry>[\s\S]*?<\/defaultOutputEntry>/g, '');
  for (const [from, to] of Object.entries(spec.rename ?? {})) out = out.replaceAll(`name="${from}"`, `name="${to}"`);
  return out;
}

const children = (element: XmlElement, local: string) => element.children.filter((c) => c.local === local);

/** A TCK value element: a typed scalar, a structure of components, or a list of items. */
function tckValue(element: XmlElement, rename: Record<string, string>): FeelValue {
  const components = children(element, 'component');
  if (components.length > 0) return Object.fromEntries(components.map((c) => [rename[c.attributes.find((a) => a.local === 'name')!.value] ?? c.attributes.find((a) => a.local === 'name')!.value, tckValue(c, rename)]));
  const list = children(element, 'list')[0];
  if (list) return children(list, 'item').map((item) => tckValue(item, rename));
  const value = children(element, 'value')[0];
  if (!value) return null;
  if (value.attributes.some((a) => a.local === 'nil' && a.value === 'true')) return null;
  const type = value.attributes.find((a) => a.local === 'type')?.value ?? 'xsd:string';
  if (type.endsWith('decimal') || type.endsWith('double') || type.endsWith('integer')) return Number(value.text);
  if (type.endsWith('boolean')) return value.text.trim() === 'true';
  return value.text;
}

/** Operaton's result list as DMN's value: one output → its value, several → a context; COLLECT / RULE ORDER → a list. */
function asDmnValue(result: Record<string, FeelValue>[], collects: boolean): FeelValue {
  const one = (entry: Record<string, FeelValue>) => (Object.keys(entry).length === 1 ? Object.values(entry)[0]! : entry);
  if (collects) return result.map(one);
  return result.length === 0 ? null : one(result[0]!);
}

describe('DMN TCK decision-table cases', () => {
  it.each(tckCases)('%s', async (name, spec) => {
    const original = readFileSync(path.join(tckDir, `${name}.dmn`), 'utf8');
    const findings = await lintDmn(original);
    for (const words of spec.refused) expect(findings.map((f) => f.message).join('\n'), name).toContain(words);
    expect(findings.every((f) => f.elementId !== ''), 'every finding on an element').toBe(true);
    if (!spec.adapt) return;
    const xml = adapted(original, spec);
    expect(await lintDmn(xml)).toEqual([]);
    await deployAsIs([{ name: `${name}.dmn`, content: xml }], 'dmn-conformance-tck');
    const model = await readDecisionModel(xml);
    const ids = await latestIds(model);
    const tests = readXmlTree(readFileSync(path.join(tckDir, `${name}-test-01.xml`), 'utf8'));
    const differs: Record<string, string> = {};
    for (const testCase of children(tests, 'testCase')) {
      const caseId = testCase.attributes.find((a) => a.local === 'id')!.value;
      const point: Point = Object.fromEntries(children(testCase, 'inputNode').map((n) => [n.attributes.find((a) => a.local === 'name')!.value, tckValue(n, {})]));
      for (const resultNode of children(testCase, 'resultNode')) {
        const decisionName = resultNode.attributes.find((a) => a.local === 'name')!.value;
        const decision = [...model.decisions.values()].find((d) => d.name === decisionName)!;
        const types = new Map([...candidateValues(withRequirements(model, decision))].map(([n, c]) => [n, c.typeRef]));
        const ours = ourOutcome(model, decision.id, point, () => {});
        const theirs = await engineOutcome(engine, ids.get(decision.id)!, point, types);
        expect(canonical(ours), `${name} ${caseId}: the worker as the engine`).toBe(canonical(theirs));
        const expected = tckValue(children(resultNode, 'expected')[0]!, spec.rename ?? {});
        const collects = decision.logic.kind === 'table' && ['COLLECT', 'RULE ORDER'].includes(decision.logic.hitPolicy);
        const value = ours.ok ? asDmnValue(ours.result, collects) : 'error';
        if (JSON.stringify(value) !== JSON.stringify(expected)) differs[caseId] = `${JSON.stringify(value)} ≠ TCK ${JSON.stringify(expected)}`;
      }
    }
    expect(Object.keys(differs), JSON.stringify(differs)).toEqual(Object.keys(spec.tckDiffers ?? {}));
  }, 120_000);
});
