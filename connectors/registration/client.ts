// Client of the unit-registration service (simulator or a real department's adapter at DEPT_REGISTRATION_URL).
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp } from '../../platform/department-http.ts';
import { compileSchema, type Checked } from '../../platform/schema.ts';
import { registrationAnswerSchema, type Registrar, type RegistrationAnswer, type RegistrationRecord } from './schema.ts';

export type RegistrationClientConfig = Pick<Config, 'registrationUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export interface RegistrationClient {
  /** The unit as registered, or null when that registrar has no such unit. Throws the department-http errors. */
  lookup(uscc: string, registrar: Registrar, idempotencyKey: string): Promise<RegistrationRecord | null>;
}

const checkAnswer = compileSchema<RegistrationAnswer>(registrationAnswerSchema);

/** A well-formed answer about another unit or registrar is still a wrong answer. */
function checkAnswerFor(uscc: string, registrar: Registrar) {
  return (data: unknown): Checked<RegistrationAnswer> => {
    const checked = checkAnswer(data);
    if (!checked.ok) return checked;
    const issues = [];
    if (checked.value.uscc !== uscc) issues.push({ path: '/uscc', code: 'MISMATCH', params: { expected: uscc } });
    if (checked.value.registrar !== registrar) {
      issues.push({ path: '/registrar', code: 'MISMATCH', params: { expected: registrar } });
    }
    return issues.length > 0 ? { ok: false, issues } : checked;
  };
}

export function createRegistrationClient(config: RegistrationClientConfig): RegistrationClient {
  const http = createDepartmentHttp({
    department: 'registration',
    baseUrl: config.registrationUrl,
    timeoutMs: config.departmentTimeoutMs,
    retries: config.departmentRetries,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
  });

  return {
    async lookup(uscc, registrar, idempotencyKey) {
      const answer = await http.get({
        path: `/${registrar}/units/${encodeURIComponent(uscc)}`,
        idempotencyKey,
        notFound: 'null',
        check: checkAnswerFor(uscc, registrar),
      });
      if (answer === null) return null;
      // Keep only the contract's fields; an adapter may send more.
      return {
        uscc: answer.uscc,
        name: answer.name,
        registrar: answer.registrar,
        status: answer.status,
        changedAt: answer.changedAt,
      };
    },
  };
}
