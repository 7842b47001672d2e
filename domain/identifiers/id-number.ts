// Resident identity number (公民身份号码), GB 11643-1999.

export type IdProblem = 'FORMAT' | 'ID_CHECKSUM' | 'ID_BIRTHDATE';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
// Uppercase X only: the standard prints X, and a lowercase x is most often a copy-paste slip.
const ID_PATTERN = /^\d{17}[\dX]$/;
const EARLIEST_BIRTH = '1900-01-01';

export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('ID number body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * WEIGHTS[i]!;
  return CHECK_CHARS.charAt(sum % 11);
}

export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

export function isMale(idNumber: string): boolean {
  return Number(idNumber.charAt(16)) % 2 === 1;
}

function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// The caller's local calendar day: a person born "today" in China must not be rejected because UTC lags.
function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function checkIdNumber(value: string, today: Date = new Date()): IdProblem | null {
  if (!ID_PATTERN.test(value)) return 'FORMAT';
  const birth = birthDateOf(value);
  if (!isCalendarDate(birth) || birth < EARLIEST_BIRTH || birth > localIsoDate(today)) return 'ID_BIRTHDATE';
  return idCheckCharacter(value.slice(0, 17)) === value.charAt(17) ? null : 'ID_CHECKSUM';
}
