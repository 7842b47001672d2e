// Who a 人工审核职工 task is about, for the reviewer's inbox row and task page: the disputed employee's name and
// masked ID number, the unit's 异议理由 and the evidence uploaded for them. The process holds only the employee's
// position (employeeNumber, never a personal number): the person is read here from the filing in our database.
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { EngineError } from '../platform/engine-rest.ts';
import { isUuid } from '../platform/ids.ts';
import { maskIdNumber, maskNumbersInText } from '../platform/masking.ts';
import type { EngineTask } from './engine-tasks.ts';

/** The user task of the manual review, one per disputed employee (processes/annual-review.bpmn). */
export const MANUAL_REVIEW_TASK = 'review-employee';

export interface EvidenceItem {
  id: string;
  originalName: string;
  uploadedAt: string;
}

export interface ReviewedEmployee {
  /** 1-based, as the form and the employer name it. */
  number: number;
  name: string;
  /** Always masked: the whole number only through the filing's audited reveal. */
  idNumber: string;
  /** The unit's reason in the latest dispute naming this employee; null if none is stored. */
  disputeReason: string | null;
  disputedAt: string | null;
  evidence: EvidenceItem[];
}

const employeeNumber = (value: unknown): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
};

/** The employee number of one manual-review task: the variable its multi-instance step set, read through the task. */
async function employeeNumberOf(engine: EngineRest, task: EngineTask): Promise<number | undefined> {
  try {
    return employeeNumber((await engine.get<{ value: unknown }>(`/task/${encodeURIComponent(task.id)}/variables/employeeNumber`)).value);
  } catch (error) {
    // Completed meanwhile, or a diagram without the variable: the row just names nobody.
    if (error instanceof EngineError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * The employee numbers of the manual-review tasks among `tasks`, by task id, in one engine query: the variable sits
 * on the task's own execution (the review's instance). A task whose execution holds none (a diagram that sets it higher up) is read
 * through the task, one by one, as before — an inbox of a few hundred reviews must not cost a few hundred calls.
 */
export async function employeeNumbersOf(engine: EngineRest, tasks: readonly EngineTask[]): Promise<Map<string, number | undefined>> {
  const byTask = new Map<string, number | undefined>();
  const reviews = tasks.filter((t) => t.taskDefinitionKey === MANUAL_REVIEW_TASK);
  const executions = [...new Set(reviews.map((t) => t.executionId).filter((id): id is string => typeof id === 'string'))];
  if (executions.length > 0) {
    const variables = await engine.post<{ executionId: string; value: unknown }[]>('/variable-instance?deserializeValues=false', {
      variableName: 'employeeNumber',
      executionIdIn: executions,
    });
    const byExecution = new Map(variables.map((v) => [v.executionId, v.value]));
    for (const t of reviews) if (t.executionId && byExecution.has(t.executionId)) byTask.set(t.id, employeeNumber(byExecution.get(t.executionId)));
  }
  for (const t of reviews) if (!byTask.has(t.id)) byTask.set(t.id, await employeeNumberOf(engine, t));
  return byTask;
}

interface Row {
  task_id: string;
  name: string | null;
  id_number: string | null;
  reason: string | null;
  filed_at: Date | null;
  evidence: { id: string; originalName: string; uploadedAt: string }[];
}

/**
 * The employee each manual-review task among `tasks` is about, by task id; `numbers` are their employee numbers
 * (employeeNumbersOf) and `filingOf` gives a task's filing id. Other tasks, and tasks whose employee cannot be found,
 * are left out.
 */
export async function reviewedEmployees(
  db: Db,
  tasks: readonly EngineTask[],
  numbers: ReadonlyMap<string, number | undefined>,
  filingOf: (task: EngineTask) => string | undefined,
): Promise<Map<string, ReviewedEmployee>> {
  const wanted = tasks
    .filter((t) => t.taskDefinitionKey === MANUAL_REVIEW_TASK)
    .map((t) => ({ task: t, filingId: filingOf(t), number: numbers.get(t.id) }));
  const known = wanted.filter((w): w is { task: EngineTask; filingId: string; number: number } => w.number !== undefined && isUuid(w.filingId ?? ''));
  if (known.length === 0) return new Map();
  const rows = await db.query<Row>(
    `select w.task_id, e.value->>'name' as name, e.value->>'idNumber' as id_number, d.reason, d.filed_at,
            (select coalesce(json_agg(json_build_object('id', doc.id, 'originalName', doc.original_name, 'uploadedAt', doc.uploaded_at)
                                      order by doc.uploaded_at), '[]'::json)
               from documents doc
              where doc.filing_id = w.filing_id and doc.kind = 'evidence' and doc.employee_index = w.idx) as evidence
       from unnest($1::text[], $2::uuid[], $3::int[]) as w(task_id, filing_id, idx)
       join filings f on f.id = w.filing_id
       cross join lateral (select f.declaration->'employees'->w.idx as value) e
       left join lateral (select reason, filed_at from disputes
                           where filing_id = w.filing_id and w.idx = any(employee_indexes)
                           order by filed_at desc, id desc limit 1) d on true
      where e.value is not null`,
    [known.map((w) => w.task.id), known.map((w) => w.filingId), known.map((w) => w.number - 1)],
  );
  const numberOf = new Map(known.map((w) => [w.task.id, w.number]));
  return new Map(
    rows.rows.map((r) => [
      r.task_id,
      {
        number: numberOf.get(r.task_id)!,
        name: r.name ?? '',
        idNumber: r.id_number ? maskIdNumber(r.id_number) : '',
        // Stored masked already (it was a process variable); masked again in case it was not.
        disputeReason: r.reason === null ? null : maskNumbersInText(r.reason),
        disputedAt: r.filed_at?.toISOString() ?? null,
        evidence: r.evidence.map((d) => ({ id: d.id, originalName: d.originalName, uploadedAt: new Date(d.uploadedAt).toISOString() })),
      },
    ]),
  );
}
