// Client of the DPF disability certificate register (simulator or a real register's adapter at DEPT_DPF_URL).
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp } from '../../platform/department-http.ts';
import { compileSchema, type Checked, type FieldIssue } from '../../platform/schema.ts';
import { dpfQueryAnswerSchema, MAX_CERTS_PER_QUERY, type DpfCertificate, type DpfQuery, type DpfQueryAnswer } from './schema.ts';

export type DpfClientConfig = Pick<Config, 'dpfUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export interface DpfClient {
  /**
   * The register's records of the given certificate numbers; a number it does not hold is simply absent.
   * One call for up to MAX_CERTS_PER_QUERY numbers, none for an empty list. Throws the department-http errors.
   */
  queryCertificates(certNumbers: readonly string[], idempotencyKey: string): Promise<DpfCertificate[]>;
}

const checkAnswer = compileSchema<DpfQueryAnswer>(dpfQueryAnswerSchema);

/** A well-formed answer naming a certificate we did not ask about, or one twice, is still a wrong answer. */
function checkAnswerFor(asked: readonly string[]) {
  const askedSet = new Set(asked);
  return (data: unknown): Checked<DpfQueryAnswer> => {
    const checked = checkAnswer(data);
    if (!checked.ok) return checked;
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    checked.value.certificates.forEach((certificate, i) => {
      // Issues carry the position only: a certificate number must not reach an incident message.
      if (!askedSet.has(certificate.certNumber)) issues.push({ path: `/certificates/${i}/certNumber`, code: 'NOT_ASKED' });
      else if (seen.has(certificate.certNumber)) issues.push({ path: `/certificates/${i}/certNumber`, code: 'DUPLICATE' });
      seen.add(certificate.certNumber);
    });
    return issues.length > 0 ? { ok: false, issues } : checked;
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createDpfClient(config: DpfClientConfig): DpfClient {
  const http = createDepartmentHttp({
    department: 'dpf',
    baseUrl: config.dpfUrl,
    timeoutMs: config.departmentTimeoutMs,
    retries: config.departmentRetries,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
  });

  return {
    async queryCertificates(certNumbers, idempotencyKey) {
      const unique = [...new Set(certNumbers)];
      const parts = chunks(unique, MAX_CERTS_PER_QUERY);
      const found: DpfCertificate[] = [];
      for (const [i, part] of parts.entries()) {
        const body: DpfQuery = { certNumbers: part };
        const answer = await http.post({
          path: '/certificates/query',
          body,
          // Each part is its own question; a repeat of the same part keeps its key.
          idempotencyKey: parts.length === 1 ? idempotencyKey : `${idempotencyKey}:part-${i + 1}`,
          check: checkAnswerFor(part),
        });
        // Keep only the contract's fields; an adapter may send more.
        for (const { certNumber, idNumber, name, category, grade, validFrom, validUntil, status } of answer.certificates) {
          found.push({ certNumber, idNumber, name, category, grade, validFrom, validUntil, status });
        }
      }
      return found;
    },
  };
}
