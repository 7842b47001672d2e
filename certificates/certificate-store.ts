// Certification confirmations in PostgreSQL: issuing one (idempotent by the task that issues it; the filing's
// earlier one superseded in the same transaction) and reading one by its code or a filing's current one.
import { inTransaction, type Db, type Tx } from '../platform/db.ts';
import { newVerificationCode } from './verification-code.ts';

export interface Certificate {
  code: string;
  filingId: string;
  sequence: number;
  employerUscc: string;
  employerName: string;
  year: number;
  certifiedCount: number;
  requiredCount: number;
  certifiedBy: string;
  issuedAt: string;
  supersededAt: string | null;
}

export interface IssueRequest {
  filingId: string;
  certifiedCount: number;
  requiredCount: number;
  certifiedBy: string;
  /** The external task issuing it: the same task again gets the same certificate. */
  sourceTaskId: string;
}

interface CertificateRow {
  code: string;
  filing_id: string;
  sequence: number;
  employer_uscc: string;
  employer_name: string;
  year: number;
  // numeric comes back from pg as text
  certified_count: string;
  required_count: string;
  certified_by: string;
  issued_at: Date;
  superseded_at: Date | null;
}

function fromRow(row: CertificateRow): Certificate {
  return {
    code: row.code,
    filingId: row.filing_id,
    sequence: row.sequence,
    employerUscc: row.employer_uscc,
    employerName: row.employer_name,
    year: row.year,
    certifiedCount: Number(row.certified_count),
    requiredCount: Number(row.required_count),
    certifiedBy: row.certified_by,
    issuedAt: row.issued_at.toISOString(),
    supersededAt: row.superseded_at?.toISOString() ?? null,
  };
}

const columns = 'code, filing_id, sequence, employer_uscc, employer_name, year, certified_count, required_count, certified_by, issued_at, superseded_at';

// A new random code colliding with a stored one is all but impossible (75 bits); one more draw settles it.
const CODE_ATTEMPTS = 3;

async function issuedBy(tx: Tx, sourceTaskId: string): Promise<Certificate | undefined> {
  const found = await tx.query<CertificateRow>(`select ${columns} from certificates where source_task_id = $1`, [sourceTaskId]);
  return found.rows[0] && fromRow(found.rows[0]);
}

/**
 * Issues the filing's next certificate and supersedes its current one, in one transaction. The filing's row is
 * locked first, so two certifications of one filing (or the same task handed out twice) are issued one after the
 * other, and the second sees the first. Undefined when there is no such filing.
 */
export async function issueCertificate(db: Db, request: IssueRequest): Promise<Certificate | undefined> {
  return inTransaction(db, async (tx) => {
    const filing = await tx.query<{ id: string }>('select id from filings where id = $1 for update', [request.filingId]);
    if (filing.rowCount === 0) return undefined;
    const earlier = await issuedBy(tx, request.sourceTaskId);
    if (earlier) return earlier;

    await tx.query('update certificates set superseded_at = now() where filing_id = $1 and superseded_at is null', [request.filingId]);
    for (let attempt = 1; attempt <= CODE_ATTEMPTS; attempt += 1) {
      const inserted = await tx.query<CertificateRow>(
        `insert into certificates (code, filing_id, sequence, employer_uscc, employer_name, year, certified_count, required_count,
           certified_by, source_task_id)
         select $1, f.id,
                coalesce((select max(sequence) from certificates where filing_id = f.id), 0) + 1,
                f.employer_uscc, coalesce(nullif(e.registered_name, ''), f.declaration -> 'employer' ->> 'name', e.name), f.year,
                $3, $4, $5, $6
           from filings f join employers e on e.uscc = f.employer_uscc
          where f.id = $2
         on conflict (code) do nothing
         returning ${columns}`,
        [newVerificationCode(), request.filingId, request.certifiedCount, request.requiredCount, request.certifiedBy, request.sourceTaskId],
      );
      if (inserted.rows[0]) return fromRow(inserted.rows[0]);
    }
    throw new Error(`no unused verification code in ${CODE_ATTEMPTS} draws`);
  });
}

export async function findCertificate(db: Db, code: string): Promise<Certificate | undefined> {
  const found = await db.query<CertificateRow>(`select ${columns} from certificates where code = $1`, [code]);
  return found.rows[0] && fromRow(found.rows[0]);
}

/** The filing's certificate in force: the latest one, never superseded. */
export async function currentCertificate(db: Db, filingId: string): Promise<Certificate | undefined> {
  const found = await db.query<CertificateRow>(`select ${columns} from certificates where filing_id = $1 and superseded_at is null`, [filingId]);
  return found.rows[0] && fromRow(found.rows[0]);
}
