// Certificate numbers of the three certificate kinds a declared employee may hold.

export type CertProblem = 'FORMAT' | 'CERT_NUMBER_MISMATCH';

const ID_PATTERN = /^\d{17}[\dX]$/;
const DISABILITY_CERT_PATTERN = /^\d{17}[\dX][1-7][1-4]$/;
// Veteran and police certificates have no published structure or check digit; only reject obvious junk.
const VETERAN_CERT_PATTERN = /^[A-Za-z0-9\p{Script=Han}-]{6,32}$/u;

// Second-generation disability certificate: holder's ID number + category digit + grade digit.
export function disabilityCertNumber(idNumber: string, category: number, grade: number): string {
  if (!ID_PATTERN.test(idNumber)) throw new Error('Not an 18-character ID number');
  if (!Number.isInteger(category) || category < 1 || category > 7) throw new Error(`Category ${category} is not 1–7`);
  if (!Number.isInteger(grade) || grade < 1 || grade > 4) throw new Error(`Grade ${grade} is not 1–4`);
  return `${idNumber}${category}${grade}`;
}

export function checkDisabilityCertNumber(
  certNumber: string,
  person: { idNumber?: string; category?: number; grade?: number },
): CertProblem | null {
  if (!DISABILITY_CERT_PATTERN.test(certNumber)) return 'FORMAT';
  // Only the parts the declaration supplies are compared; missing fields get their own REQUIRED error elsewhere.
  if (person.idNumber !== undefined && certNumber.slice(0, 18) !== person.idNumber) return 'CERT_NUMBER_MISMATCH';
  if (person.category !== undefined && certNumber.charAt(18) !== String(person.category)) return 'CERT_NUMBER_MISMATCH';
  if (person.grade !== undefined && certNumber.charAt(19) !== String(person.grade)) return 'CERT_NUMBER_MISMATCH';
  return null;
}

export function checkVeteranCertNumber(certNumber: string): 'FORMAT' | null {
  return VETERAN_CERT_PATTERN.test(certNumber) ? null : 'FORMAT';
}
