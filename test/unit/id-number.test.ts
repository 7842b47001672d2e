import { describe, it, expect } from 'vitest';
import { birthDateOf, checkIdNumber, idCheckCharacter, isMale } from '../../domain/identifiers/id-number.ts';

const VALID = '11010519491231002X';
const TODAY = new Date(2026, 3, 1); // 2026-04-01, local time

describe('idCheckCharacter', () => {
  it('computes X for the published example', () => {
    expect(idCheckCharacter(VALID.slice(0, 17))).toBe('X');
  });

  it('computes a digit check character', () => {
    // Digit 17 has weight 2: 2 → 1 lowers Σ by 2, so Σ mod 11 moves from 2 ('X') to 0 ('1').
    expect(idCheckCharacter('11010519491231001')).toBe('1');
  });

  it('rejects a body that is not 17 digits', () => {
    expect(() => idCheckCharacter('1101051949123100')).toThrow(Error);
    expect(() => idCheckCharacter('1101051949123100A')).toThrow(Error);
  });
});

describe('checkIdNumber', () => {
  it('accepts the known valid example', () => {
    expect(checkIdNumber(VALID, TODAY)).toBeNull();
  });

  it('detects every single-character change', () => {
    const birthPositions = new Set([6, 7, 8, 9, 10, 11, 12, 13]);
    for (let pos = 0; pos < 18; pos++) {
      const alternatives = pos === 17 ? '0123456789X' : '0123456789';
      for (const ch of alternatives) {
        if (ch === VALID.charAt(pos)) continue;
        const changed = VALID.slice(0, pos) + ch + VALID.slice(pos + 1);
        const problem = checkIdNumber(changed, TODAY);
        if (birthPositions.has(pos)) expect(['ID_CHECKSUM', 'ID_BIRTHDATE'], changed).toContain(problem);
        else expect(problem, changed).toBe('ID_CHECKSUM');
      }
    }
  });

  it('reports lowercase x, letters and wrong length as FORMAT', () => {
    expect(checkIdNumber('11010519491231002x', TODAY)).toBe('FORMAT');
    expect(checkIdNumber('1101051949123100A2', TODAY)).toBe('FORMAT');
    expect(checkIdNumber('X10105194912310022', TODAY)).toBe('FORMAT');
    expect(checkIdNumber(VALID.slice(0, 17), TODAY)).toBe('FORMAT');
    expect(checkIdNumber(`${VALID}1`, TODAY)).toBe('FORMAT');
    expect(checkIdNumber('110105491231002', TODAY)).toBe('FORMAT'); // first-generation 15-digit number
  });

  it('reports an impossible calendar date as ID_BIRTHDATE even when the check digit fits', () => {
    const feb30 = '33010619900230001';
    expect(checkIdNumber(feb30 + idCheckCharacter(feb30), TODAY)).toBe('ID_BIRTHDATE');
    const month13 = '33010619901301001';
    expect(checkIdNumber(month13 + idCheckCharacter(month13), TODAY)).toBe('ID_BIRTHDATE');
    const feb29NonLeap = '33010620230229001';
    expect(checkIdNumber(feb29NonLeap + idCheckCharacter(feb29NonLeap), TODAY)).toBe('ID_BIRTHDATE');
  });

  it('accepts 29 February of a leap year', () => {
    const body = '33010620000229001';
    expect(checkIdNumber(body + idCheckCharacter(body), TODAY)).toBeNull();
  });

  it('reports a birth date after today or before 1900 as ID_BIRTHDATE', () => {
    const tomorrow = '33010620260402001';
    expect(checkIdNumber(tomorrow + idCheckCharacter(tomorrow), TODAY)).toBe('ID_BIRTHDATE');
    const today = '33010620260401001';
    expect(checkIdNumber(today + idCheckCharacter(today), TODAY)).toBeNull();
    const old = '33010618991231001';
    expect(checkIdNumber(old + idCheckCharacter(old), TODAY)).toBe('ID_BIRTHDATE');
    const earliest = '33010619000101001';
    expect(checkIdNumber(earliest + idCheckCharacter(earliest), TODAY)).toBeNull();
  });

  it('checks the birth date before the check digit', () => {
    // Feb 30 with a wrong check character: the date is the more useful message.
    const body = '33010619900230001';
    const wrong = idCheckCharacter(body) === '0' ? '1' : '0';
    expect(checkIdNumber(body + wrong, TODAY)).toBe('ID_BIRTHDATE');
  });

  it('uses the current date when today is not given', () => {
    const future = `330106${new Date().getFullYear() + 1}0101001`;
    expect(checkIdNumber(future + idCheckCharacter(future))).toBe('ID_BIRTHDATE');
  });
});

describe('birthDateOf and isMale', () => {
  it('reads the birth date', () => {
    expect(birthDateOf(VALID)).toBe('1949-12-31');
  });

  it('reads the sex from digit 17', () => {
    expect(isMale(VALID)).toBe(false); // digit 17 is 2
    const male = '33010619900101001';
    expect(isMale(male + idCheckCharacter(male))).toBe(true);
  });
});
