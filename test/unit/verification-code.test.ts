// The verification code on a certification confirmation: random and well-formed, read back from what a person
// types (case, spaces, dashes, full-width, I/L/O), and a mistyped character or swapped pair caught by the check.
import { describe, expect, it } from 'vitest';
import { MAX_CODE_INPUT, newVerificationCode, parseVerificationCode, VERIFICATION_CODE_PATTERN } from '../../certificates/verification-code.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const shape = new RegExp(VERIFICATION_CODE_PATTERN);

describe('new verification codes', () => {
  const codes = Array.from({ length: 2000 }, () => newVerificationCode());

  it('are four groups of four Crockford base-32 characters that parse as themselves', () => {
    for (const code of codes) {
      expect(code).toMatch(shape);
      expect(parseVerificationCode(code)).toEqual({ ok: true, code });
    }
  });

  it('do not repeat, and use the whole alphabet in every random position', () => {
    expect(new Set(codes).size).toBe(codes.length);
    const bodies = codes.map((c) => c.replace(/-/g, '').slice(0, 15));
    for (let position = 0; position < 15; position += 1) {
      // 2000 draws of 32 equally likely characters: every one shows up (missing any has odds below 1e-25).
      expect(new Set(bodies.map((b) => b[position])).size, `position ${position}`).toBe(32);
    }
  });
});

describe('reading a typed code', () => {
  const code = newVerificationCode();
  const plain = code.replace(/-/g, '');

  it('ignores case, spaces, dashes and full-width forms', () => {
    const typed = [
      code.toLowerCase(),
      plain,
      ` ${plain.slice(0, 8)} ${plain.slice(8)} `,
      code.replace(/-/g, ' - '),
      [...code].map((c) => (c === '-' ? '－' : String.fromCodePoint(c.codePointAt(0)! + 0xfee0))).join(''),
    ];
    for (const text of typed) expect(parseVerificationCode(text), text).toEqual({ ok: true, code });
  });

  it('reads I and L as 1 and O as 0, as Crockford base 32 does', () => {
    const body = '1A1B0C0D1E0F1G0';
    const check = checkFor(body);
    const canonical = `1A1B-0C0D-1E0F-1G0${check}`;
    expect(parseVerificationCode(`IA1B-OC0D-lE0F-iGo${check.toLowerCase()}`)).toEqual({ ok: true, code: canonical });
  });

  it('catches every single mistyped character', () => {
    for (let i = 0; i < plain.length; i += 1) {
      for (const c of ALPHABET) {
        if (c === plain[i]) continue;
        const typed = plain.slice(0, i) + c + plain.slice(i + 1);
        expect(parseVerificationCode(typed), typed).toEqual({ ok: false, reason: 'CODE_CHECKSUM' });
      }
    }
  });

  it('catches most swaps of neighbouring characters', () => {
    let swaps = 0;
    let caught = 0;
    for (let n = 0; n < 200; n += 1) {
      const body = newVerificationCode().replace(/-/g, '');
      for (let i = 0; i < body.length - 1; i += 1) {
        if (body[i] === body[i + 1]) continue;
        swaps += 1;
        const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
        if (!parseVerificationCode(swapped).ok) caught += 1;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.95);
  });

  it.each([
    ['empty', ''],
    ['too short', '7K3M-9QXT-2B4R'],
    ['too long', `${newVerificationCode()}-A`],
    ['U, which base 32 leaves out', 'UUUU-UUUU-UUUU-UUUU'],
    ['punctuation', '7K3M_9QXT_2B4R_8HJW'],
    ['a NUL', `${newVerificationCode().slice(0, 18)}\u0000`],
    ['Chinese', '验证码验证码验证码验证码验证码验证'],
    ['an emoji', '😀😀😀😀-😀😀😀😀-😀😀😀😀-😀😀😀😀'],
    ['a lone surrogate', `${newVerificationCode().slice(0, 18)}\ud800`],
    ['a huge input', 'A'.repeat(100_000)],
    ['input just over the limit', ' '.repeat(MAX_CODE_INPUT - 18) + newVerificationCode()],
  ])('refuses %s as malformed', (_what, text) => {
    expect(parseVerificationCode(text)).toEqual({ ok: false, reason: 'FORMAT' });
  });

  it('refuses anything that is not text', () => {
    for (const value of [undefined, null, 42, ['7K3M-9QXT-2B4R-8HJW'], { code: 'x' }]) {
      expect(parseVerificationCode(value)).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });
});

/** The check character for a body, found the way a person would: the one of 32 that parses. */
function checkFor(body: string): string {
  const found = [...ALPHABET].find((c) => parseVerificationCode(body + c).ok);
  if (!found) throw new Error(`no check character for ${body}`);
  return found;
}
