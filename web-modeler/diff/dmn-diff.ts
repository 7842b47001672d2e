/// <reference path="../../dmn-evaluator/dmn-moddle.d.ts" />
// What changed between two versions of a DMN file: decisions paired by id, and in each decision table the columns
// paired by id and the rules (rows) paired by rule id, down to the cells that changed. No DOM, so it is unit-tested
// (test/unit/dmn-diff.test.ts); DmnDiffView.tsx draws it.
import { DmnModdle, type ModdleElement } from 'dmn-moddle';

export type RowStatus = 'added' | 'removed' | 'changed' | 'unchanged';
export type DecisionStatus = 'added' | 'removed' | 'changed' | 'unchanged';

/** A decision-level property that changed: `name`, `hitPolicy`, `requiredDecisions`, `literal`, `operaton:…`. */
export interface DecisionPropertyChange {
  key: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface ColumnSide {
  label: string;
  /** An input's expression, an output's name. */
  expression: string;
  typeRef: string | null;
}

export interface DmnColumn extends ColumnSide {
  id: string;
  kind: 'input' | 'output';
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** The old version's column, when it changed. */
  previous: ColumnSide | null;
}

export interface DmnCell {
  columnId: string;
  /** The new text (the old one for removed rows). */
  text: string;
  /** The old text, when the cell changed. */
  oldText: string | null;
  changed: boolean;
}

export interface DmnRow {
  id: string;
  status: RowStatus;
  /** One per column of `columns`, in their order. */
  cells: DmnCell[];
  annotation: DmnCell;
}

export interface DecisionDiff {
  id: string;
  name: string;
  status: DecisionStatus;
  logic: 'table' | 'literal' | 'other';
  /** The hit policy shown over the table (the new version's, the old one's for removed decisions). */
  hitPolicy: string | null;
  properties: DecisionPropertyChange[];
  /** The new version's columns (the old one's for a removed decision); removed columns are in `removedColumns`. */
  columns: DmnColumn[];
  removedColumns: DmnColumn[];
  /** The new version's rows in order, removed rows where they stood in the old version. */
  rows: DmnRow[];
}

// ---- reading one side ------------------------------------------------------------------------------------------

interface Rule {
  id: string;
  /** Cell text by column id. */
  cells: Map<string, string>;
  annotation: string;
}

interface Side {
  id: string;
  name: string;
  logic: 'table' | 'literal' | 'other';
  properties: Map<string, string>;
  columns: (ColumnSide & { id: string; kind: 'input' | 'output' })[];
  rules: Rule[];
}

const list = (value: unknown): ModdleElement[] => (Array.isArray(value) ? (value as ModdleElement[]) : []);
const text = (element: unknown): string => (typeof (element as ModdleElement | undefined)?.text === 'string' ? ((element as ModdleElement).text as string) : '');
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function readDecision(decision: ModdleElement): Side {
  const properties = new Map<string, string>();
  properties.set('name', str(decision.name) ?? '');
  for (const [name, value] of Object.entries(decision.$attrs ?? {})) if (!name.startsWith('xmlns')) properties.set(name, value);
  const required = list(decision.informationRequirement)
    .map((requirement) => str((requirement.requiredDecision as ModdleElement | undefined)?.href)?.replace(/^#/, ''))
    .filter((id): id is string => !!id);
  if (required.length) properties.set('requiredDecisions', required.join('、'));

  const logic = decision.decisionLogic as ModdleElement | undefined;
  const side: Side = { id: decision.id!, name: str(decision.name) ?? decision.id!, logic: 'other', properties, columns: [], rules: [] };
  if (logic?.$type === 'dmn:LiteralExpression') {
    side.logic = 'literal';
    properties.set('literal', text(logic));
    const variable = decision.variable as ModdleElement | undefined;
    if (str(variable?.name)) properties.set('variable', `${variable!.name as string}${str(variable!.typeRef) ? `: ${variable!.typeRef as string}` : ''}`);
    return side;
  }
  if (logic?.$type !== 'dmn:DecisionTable') return side;

  side.logic = 'table';
  properties.set('hitPolicy', [str(logic.hitPolicy) ?? 'UNIQUE', str(logic.aggregation)].filter(Boolean).join(' '));
  const inputs = list(logic.input).map((input, index) => ({
    id: str(input.id) ?? `input-${index + 1}`,
    kind: 'input' as const,
    label: str(input.label) ?? '',
    expression: text(input.inputExpression),
    typeRef: str((input.inputExpression as ModdleElement | undefined)?.typeRef),
  }));
  const outputs = list(logic.output).map((output, index) => ({
    id: str(output.id) ?? `output-${index + 1}`,
    kind: 'output' as const,
    label: str(output.label) ?? '',
    expression: str(output.name) ?? '',
    typeRef: str(output.typeRef),
  }));
  side.columns = [...inputs, ...outputs];
  side.rules = list(logic.rule).map((rule, index) => {
    const cells = new Map<string, string>();
    list(rule.inputEntry).forEach((entry, k) => inputs[k] && cells.set(inputs[k].id, text(entry)));
    list(rule.outputEntry).forEach((entry, k) => outputs[k] && cells.set(outputs[k].id, text(entry)));
    return { id: str(rule.id) ?? `rule-${index + 1}`, cells, annotation: str(rule.description) ?? '' };
  });
  return side;
}

async function readDecisions(xml: string): Promise<Map<string, Side>> {
  const { rootElement } = await new DmnModdle().fromXML(xml, 'dmn:Definitions');
  const decisions = new Map<string, Side>();
  for (const element of list(rootElement.drgElement)) if (element.$type === 'dmn:Decision' && element.id) decisions.set(element.id, readDecision(element));
  return decisions;
}

// ---- comparing -------------------------------------------------------------------------------------------------

const sameColumn = (a: ColumnSide, b: ColumnSide) => a.label === b.label && a.expression === b.expression && a.typeRef === b.typeRef;

function compareColumns(before: Side | undefined, after: Side): { columns: DmnColumn[]; removedColumns: DmnColumn[] } {
  const old = new Map((before?.columns ?? []).map((column) => [column.id, column]));
  const columns = after.columns.map((column): DmnColumn => {
    const previous = old.get(column.id);
    if (!before) return { ...column, status: 'unchanged', previous: null };
    if (!previous) return { ...column, status: 'added', previous: null };
    return sameColumn(previous, column)
      ? { ...column, status: 'unchanged', previous: null }
      : { ...column, status: 'changed', previous: { label: previous.label, expression: previous.expression, typeRef: previous.typeRef } };
  });
  const present = new Set(after.columns.map((column) => column.id));
  const removedColumns = (before?.columns ?? []).filter((column) => !present.has(column.id)).map((column): DmnColumn => ({ ...column, status: 'removed', previous: null }));
  return { columns, removedColumns };
}

function cell(columnId: string, newText: string | undefined, oldText: string | undefined, compare: boolean): DmnCell {
  const changed = compare && newText !== undefined && oldText !== undefined && newText !== oldText;
  return { columnId, text: newText ?? oldText ?? '', oldText: changed ? oldText! : null, changed };
}

function compareRows(before: Side | undefined, after: Side, columns: DmnColumn[]): DmnRow[] {
  const oldRules = before?.rules ?? [];
  const oldById = new Map(oldRules.map((rule) => [rule.id, rule]));
  const newIds = new Set(after.rules.map((rule) => rule.id));
  const rowOf = (rule: Rule, old: Rule | undefined, status: RowStatus): DmnRow => {
    // Cells of a column new in this version are not changes of the row: the column itself is reported.
    const cells = columns.map((column) => cell(column.id, status === 'removed' ? undefined : rule.cells.get(column.id), old?.cells.get(column.id), status === 'changed'));
    const annotation = cell('annotation', status === 'removed' ? undefined : rule.annotation, old?.annotation, status === 'changed');
    const changed = status === 'changed' && (cells.some((c) => c.changed) || annotation.changed);
    return { id: rule.id, status: status === 'changed' && !changed ? 'unchanged' : status, cells, annotation };
  };

  const rows: DmnRow[] = [];
  let oldIndex = 0;
  // Removed rows are put back where they stood: before the first surviving row that followed them.
  const flushRemovedBefore = (stop: number) => {
    for (; oldIndex < stop; oldIndex++) {
      const old = oldRules[oldIndex]!;
      if (!newIds.has(old.id)) rows.push(rowOf(old, old, 'removed'));
    }
  };
  for (const rule of after.rules) {
    const old = oldById.get(rule.id);
    if (old) flushRemovedBefore(oldRules.indexOf(old) + 1);
    rows.push(rowOf(rule, old, !before ? 'unchanged' : old ? 'changed' : 'added'));
  }
  flushRemovedBefore(oldRules.length);
  return rows;
}

function compareProperties(before: Side, after: Side): DecisionPropertyChange[] {
  const changes: DecisionPropertyChange[] = [];
  for (const [key, newValue] of after.properties) {
    const oldValue = before.properties.get(key) ?? null;
    if (oldValue !== newValue) changes.push({ key, oldValue, newValue });
  }
  for (const [key, oldValue] of before.properties) if (!after.properties.has(key)) changes.push({ key, oldValue, newValue: null });
  return changes;
}

function compareDecision(before: Side | undefined, after: Side | undefined): DecisionDiff {
  const shown = (after ?? before)!;
  const { columns, removedColumns } = compareColumns(after ? before : undefined, shown);
  const rows = compareRows(after ? before : undefined, shown, columns);
  const base = { id: shown.id, name: shown.name, logic: shown.logic, hitPolicy: shown.properties.get('hitPolicy') ?? null, columns, removedColumns };
  if (!before || !after) {
    const status = before ? 'removed' : 'added';
    return { ...base, status, properties: [], rows: rows.map((row) => ({ ...row, status })) };
  }
  const properties = compareProperties(before, after);
  const changed = properties.length > 0 || removedColumns.length > 0 || columns.some((c) => c.status !== 'unchanged') || rows.some((r) => r.status !== 'unchanged');
  return { ...base, status: changed ? 'changed' : 'unchanged', properties, rows };
}

/** The decisions of both versions compared: the new file's order, removed decisions last. */
export async function diffDmn(oldXml: string, newXml: string): Promise<DecisionDiff[]> {
  const [before, after] = await Promise.all([readDecisions(oldXml), readDecisions(newXml)]);
  const diffs = [...after.values()].map((decision) => compareDecision(before.get(decision.id), decision));
  for (const decision of before.values()) if (!after.has(decision.id)) diffs.push(compareDecision(decision, undefined));
  return diffs;
}

/** How many rows of a decision were added, removed or changed. */
export function rowCounts(decision: DecisionDiff): Record<RowStatus, number> {
  const counts: Record<RowStatus, number> = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const row of decision.rows) counts[row.status]++;
  return counts;
}
