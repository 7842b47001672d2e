// The working-day deadlines a diagram sets: each `compute-due-date` task's `workingDays` (and reminder lead), named
// after the variable its due date goes into (`acceptanceDueAt` → `acceptance`). Pages state deadlines from these,
// so a deadline changed in the modeler is the deadline people read (issue 18).
import { attribute, descendants, readXmlTree } from '../platform/xml-tree.ts';
import { DEPLOYMENT_POLICY } from '../deployment/policy/deployment-policy.ts';
import { MAX_WORKING_DAYS, MIN_WORKING_DAYS } from '../calendar/working-day-calendar.ts';

const { bpmn: BPMN_NAMESPACE, operaton: OPERATON_NAMESPACE } = DEPLOYMENT_POLICY.bpmn.namespaces as { bpmn: string; operaton: string };
const COMPUTE_DUE_DATE = 'compute-due-date';
const DUE_AT_SOURCE = /^\$\{\s*dueAt\s*\}$/;
const DUE_AT_SUFFIX = 'DueAt';

export interface DiagramDeadline {
  /** null when the diagram gives the count by an expression of process variables, known only while it runs. */
  workingDays: number | null;
  /** Remind this many working days before the end; null when the task sets no reminder (or by an expression). */
  remindBefore: number | null;
}

/** Deadlines by name: acceptance, review, feedback, tax, taxAnswer in annual-review. */
export type DiagramDeadlines = Record<string, DiagramDeadline>;

/** A count written as `${5}` (what the modeler's number field writes) or as plain `5`; anything else is not fixed. */
export function fixedWorkingDays(text: string | undefined): number | null {
  const match = /^\s*(?:\$\{\s*(\d{1,3})\s*\}|(\d{1,3}))\s*$/.exec(text ?? '');
  if (!match) return null;
  const days = Number(match[1] ?? match[2]);
  return days >= MIN_WORKING_DAYS && days <= MAX_WORKING_DAYS ? days : null;
}

/** The deadlines of every compute-due-date task in the BPMN `xml`; throws XmlReadError for unreadable XML. */
export function diagramDeadlines(xml: string): DiagramDeadlines {
  const deadlines: DiagramDeadlines = {};
  for (const task of descendants(readXmlTree(xml))) {
    if (task.uri !== BPMN_NAMESPACE || task.local !== 'serviceTask' || attribute(task, OPERATON_NAMESPACE, 'topic') !== COMPUTE_DUE_DATE) continue;
    const parameters = [...descendants(task)].filter((e) => e.uri === OPERATON_NAMESPACE);
    const input = (name: string) => parameters.find((p) => p.local === 'inputParameter' && attribute(p, '', 'name') === name);
    const dueAt = parameters.find((p) => p.local === 'outputParameter' && DUE_AT_SOURCE.test(p.text.trim()));
    const variable = dueAt && attribute(dueAt, '', 'name');
    if (!variable?.endsWith(DUE_AT_SUFFIX) || variable === DUE_AT_SUFFIX) continue;
    deadlines[variable.slice(0, -DUE_AT_SUFFIX.length)] = {
      workingDays: fixedWorkingDays(input('workingDays')?.text),
      remindBefore: fixedWorkingDays(input('remindBefore')?.text),
    };
  }
  return deadlines;
}
