// Client of the registrars' change feeds (simulator or a real adapter of the data-exchange platform at
// DEPT_REGISTRAR_CHANGES_URL). Every answer is schema-checked whole: one malformed record makes the batch a
// DepartmentBadAnswer, so nothing of it is applied and an operator sees why.
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp } from '../../platform/department-http.ts';
import { compileSchema, type Checked } from '../../platform/schema.ts';
import { registrarChangesAnswerSchema, type Registrar, type RegistrarChange, type RegistrarChangesAnswer } from './schema.ts';

export type RegistrarChangesClientConfig = Pick<Config, 'registrarChangesUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export interface RegistrarChangesClient {
  /** The registrar's records after sequence `after`, at most `limit`, as published. Throws the department-http errors. */
  changesAfter(registrar: Registrar, after: number, limit: number, idempotencyKey: string): Promise<RegistrarChange[]>;
}

const checkAnswer = compileSchema<RegistrarChangesAnswer>(registrarChangesAnswerSchema);

/** A well-formed answer from another registrar's feed, or more records than asked for, is still a wrong answer. */
function checkAnswerFor(registrar: Registrar, limit: number) {
  return (data: unknown): Checked<RegistrarChangesAnswer> => {
    const checked = checkAnswer(data);
    if (!checked.ok) return checked;
    const issues = [];
    if (checked.value.registrar !== registrar) issues.push({ path: '/registrar', code: 'MISMATCH', params: { expected: registrar } });
    if (checked.value.records.length > limit) issues.push({ path: '/records', code: 'TOO_MANY', params: { limit } });
    return issues.length > 0 ? { ok: false, issues } : checked;
  };
}

export function createRegistrarChangesClient(config: RegistrarChangesClientConfig): RegistrarChangesClient {
  const http = createDepartmentHttp({
    department: 'registrar-changes',
    baseUrl: config.registrarChangesUrl,
    timeoutMs: config.departmentTimeoutMs,
    retries: config.departmentRetries,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
  });

  return {
    async changesAfter(registrar, after, limit, idempotencyKey) {
      const answer = await http.get({
        path: `/${registrar}/changes?after=${after}&limit=${limit}`,
        idempotencyKey,
        check: checkAnswerFor(registrar, limit),
      });
      // Keep only the contract's fields; an adapter may send more.
      return answer.records.map((r) => ({
        sequence: r.sequence,
        uscc: r.uscc,
        changeType: r.changeType,
        effectiveOn: r.effectiveOn,
        ...(r.name === undefined ? {} : { name: r.name }),
        ...(r.regionCode === undefined ? {} : { regionCode: r.regionCode }),
        ...(r.industryCode === undefined ? {} : { industryCode: r.industryCode }),
        ...(r.unitNature === undefined ? {} : { unitNature: r.unitNature }),
      }));
    },
  };
}
