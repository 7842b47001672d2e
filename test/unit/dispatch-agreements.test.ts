// The pages' view of dispatch agreements: dispatched workers grouped by agency, an agreement covering every worker of
// the agency of the worker it names, expected wherever one of them is counted here.
import { describe, expect, it } from 'vitest';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import { syntheticDispatchedEmployee, syntheticEmployee } from '../../filings/declaration/synthetic-filing.ts';
import type { StoredDocument } from '../../web/src/lib/filing-types.ts';
import { countsDispatchedHere, dispatchAgreements } from '../../web/src/components/filing/dispatch-agreements.ts';

const rand = seededRandom(2401);
const [A, B] = [syntheticUscc(rand, { prefix: '91' }), syntheticUscc(rand, { prefix: '91' })];
const employees = [
  syntheticEmployee(rand, 2025),
  syntheticDispatchedEmployee(rand, 2025, A, true),
  syntheticDispatchedEmployee(rand, 2025, B, false),
  syntheticDispatchedEmployee(rand, 2025, A, false),
];

function doc(kind: StoredDocument['kind'], employeeIndex: number | null): StoredDocument {
  return {
    id: `${kind}-${employeeIndex}`, kind, employeeIndex, originalName: 'x.pdf', mediaType: 'application/pdf', sizeBytes: 1,
    sha256: '0'.repeat(64), uploadedBy: 'dev-employer', uploadedAt: '2026-01-05T00:00:00Z', href: '/x',
  };
}

describe('dispatch agreements by agency', () => {
  it('groups the dispatched workers by agency, expecting an agreement where one is counted here', () => {
    const agencies = dispatchAgreements(employees, []);
    expect(agencies.map((a) => [a.agencyUscc, a.workers.map((w) => w.index), a.expected])).toEqual([
      [A, [1, 3], true],
      [B, [2], false],
    ]);
  });

  it("counts an agreement named by any worker of the agency for all of them, and nothing else", () => {
    const agencies = dispatchAgreements(employees, [doc('dispatch_agreement', 3), doc('evidence', 1), doc('dispatch_agreement', 0), doc('dispatch_agreement', null)]);
    expect(agencies.map((a) => a.documents.map((d) => d.id))).toEqual([['dispatch_agreement-3'], []]);
  });

  it('asks for the agreement only when a dispatched worker is counted here', () => {
    expect(countsDispatchedHere(employees)).toBe(true);
    expect(countsDispatchedHere([employees[0]!, employees[2]!])).toBe(false);
    expect(countsDispatchedHere([{ employmentType: 'contract', dispatchCountedHere: true }])).toBe(false);
  });
});
