// The verification code printed on a certification confirmation: anyone holding the paper can type it into the
// public page and see whether the certificate is genuine and still the unit's current one. 15 random Crockford
// base-32 characters (75 bits: not guessable, not enumerable) and a check character, shown as XXXX-XXXX-XXXX-XXXX.
import { randomInt } from 'node:crypto';

// Crockford's base 32: no I, L, O or U, so nothing reads as another character (or spells a word).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_LENGTH = 15;
const GROUP = 4;
/** The longest text the parser looks at: a typed code with spaces and dashes fits many times over. */
export const MAX_CODE_INPUT = 64;

/** A code as stored and printed: `XXXX-XXXX-XXXX-XXXX`, a regular expression for schemas and routes. */
export const VERIFICATION_CODE_PATTERN = '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$';

/**
 * The check character of Luhn mod 32 over the characters' values: it catches every mistyped single character
 * and most swaps of two neighbours — the mistakes of someone copying a code from paper.
 */
function checkCharacter(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i -= 1) {
    const addend = factor * ALPHABET.indexOf(body[i] as string);
    sum += Math.floor(addend / ALPHABET.length) + (addend % ALPHABET.length);
    factor = factor === 2 ? 1 : 2;
  }
  return ALPHABET[(ALPHABET.length - (sum % ALPHABET.length)) % ALPHABET.length] as string;
}

function grouped(chars: string): string {
  return (chars.match(new RegExp(`.{1,${GROUP}}`, 'g')) as string[]).join('-');
}

/** A new random code, from the operating system's cryptographic random source. */
export function newVerificationCode(): string {
  let body = '';
  for (let i = 0; i < RANDOM_LENGTH; i += 1) body += ALPHABET[randomInt(ALPHABET.length)];
  return grouped(body + checkCharacter(body));
}

export type ParsedCode = { ok: true; code: string } | { ok: false; reason: 'FORMAT' | 'CODE_CHECKSUM' };

/**
 * A code as someone typed it, in its printed form: case, spaces, dashes and full-width characters do not matter,
 * and I/L read as 1, O as 0 (Crockford's rule). Anything else, or a wrong check character, is refused.
 */
export function parseVerificationCode(input: unknown): ParsedCode {
  if (typeof input !== 'string' || input.length > MAX_CODE_INPUT) return { ok: false, reason: 'FORMAT' };
  const chars = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―]/gu, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (chars.length !== RANDOM_LENGTH + 1 || [...chars].some((c) => !ALPHABET.includes(c))) return { ok: false, reason: 'FORMAT' };
  const body = chars.slice(0, RANDOM_LENGTH);
  if (checkCharacter(body) !== chars.slice(RANDOM_LENGTH)) return { ok: false, reason: 'CODE_CHECKSUM' };
  return { ok: true, code: grouped(chars) };
}
