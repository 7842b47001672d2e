// The client side of a certificate query: asks a department for the records of a list of certificate numbers,
// in parts of at most MAX_CERTS_PER_QUERY, and accepts only a well-formed answer about the numbers asked.
import { createDepartmentHttp, type DepartmentHttpOptions } from '../../platform/department-http.ts';
import { compileSchema, type Checked, type FieldIssue } from '../../platform/schema.ts';
import {
  certificateQueryAnswerSchema,
  contractFields,
  MAX_CERTS_PER_QUERY,
  type CertificateQuery,
  type CertificateQueryAnswer,
  type CertificateRecord,
  type CertificateRecordSchema,
} from './schema.ts';

export interface CertificateQueryClient<R> {
  /**
   * The department's records of the given certificate numbers; a number it does not hold is simply absent.
   * One call for up to MAX_CERTS_PER_QUERY numbers, none for an empty list. Throws the department-http errors.
   */
  queryCertificates(certNumbers: readonly string[], idempotencyKey: string): Promise<R[]>;
}

export interface CertificateQueryClientOptions extends DepartmentHttpOptions {
  recordSchema: CertificateRecordSchema;
}

type AnswerCheck = (data: unknown) => Checked<CertificateQueryAnswer<CertificateRecord>>;

// compileSchema compiles on every call; each department's answer schema is compiled once however many clients.
const answerChecks = new WeakMap<CertificateRecordSchema, AnswerCheck>();

function answerCheckFor(recordSchema: CertificateRecordSchema): AnswerCheck {
  let check = answerChecks.get(recordSchema);
  if (!check) {
    check = compileSchema<CertificateQueryAnswer<CertificateRecord>>(certificateQueryAnswerSchema(recordSchema));
    answerChecks.set(recordSchema, check);
  }
  return check;
}

/** A well-formed answer naming a certificate we did not ask about, or one twice, is still a wrong answer. */
function checkAnswerFor<R extends CertificateRecord>(checkAnswer: AnswerCheck, asked: readonly string[]) {
  const askedSet = new Set(asked);
  return (data: unknown): Checked<CertificateQueryAnswer<R>> => {
    const checked = checkAnswer(data) as Checked<CertificateQueryAnswer<R>>;
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

export function createCertificateQueryClient<R extends CertificateRecord>(
  options: CertificateQueryClientOptions,
): CertificateQueryClient<R> {
  const { recordSchema, ...httpOptions } = options;
  const http = createDepartmentHttp(httpOptions);
  const checkAnswer = answerCheckFor(recordSchema);
  const pick = contractFields<R>(recordSchema);

  return {
    async queryCertificates(certNumbers, idempotencyKey) {
      const unique = [...new Set(certNumbers)];
      const parts = chunks(unique, MAX_CERTS_PER_QUERY);
      const found: R[] = [];
      for (const [i, part] of parts.entries()) {
        const body: CertificateQuery = { certNumbers: part };
        const answer = await http.post({
          path: '/certificates/query',
          body,
          // Each part is its own question; a repeat of the same part keeps its key.
          idempotencyKey: parts.length === 1 ? idempotencyKey : `${idempotencyKey}:part-${i + 1}`,
          check: checkAnswerFor<R>(checkAnswer, part),
        });
        // Keep only the contract's fields; an adapter may send more.
        for (const certificate of answer.certificates) found.push(pick(certificate));
      }
      return found;
    },
  };
}
