import { describe, it, expect } from 'vitest';
import {
  checkDisabilityCertNumber,
  checkVeteranCertNumber,
  disabilityCertNumber,
} from '../../domain/identifiers/cert-number.ts';
import { isPhoneNumber } from '../../domain/identifiers/phone.ts';

const ID = '11010519491231002X';
const CERT = '11010519491231002X42';

describe('disabilityCertNumber', () => {
  it('appends the category and grade digits to the ID number', () => {
    expect(disabilityCertNumber(ID, 4, 2)).toBe(CERT);
    expect(disabilityCertNumber(ID, 7, 1)).toHaveLength(20);
  });

  it('refuses a category or grade out of range, or a malformed ID', () => {
    expect(() => disabilityCertNumber(ID, 8, 2)).toThrow(Error);
    expect(() => disabilityCertNumber(ID, 0, 2)).toThrow(Error);
    expect(() => disabilityCertNumber(ID, 4, 5)).toThrow(Error);
    expect(() => disabilityCertNumber(ID, 4, 1.5)).toThrow(Error);
    expect(() => disabilityCertNumber('11010519491231002x', 4, 2)).toThrow(Error);
  });
});

describe('checkDisabilityCertNumber', () => {
  it('accepts a number that agrees with the person', () => {
    expect(checkDisabilityCertNumber(CERT, { idNumber: ID, category: 4, grade: 2 })).toBeNull();
  });

  it('compares only the parts that are given', () => {
    expect(checkDisabilityCertNumber(CERT, {})).toBeNull();
    expect(checkDisabilityCertNumber(CERT, { idNumber: ID })).toBeNull();
    expect(checkDisabilityCertNumber(CERT, { grade: 2 })).toBeNull();
    expect(checkDisabilityCertNumber(CERT, { category: 4 })).toBeNull();
  });

  it('reports a different holder, category or grade as CERT_NUMBER_MISMATCH', () => {
    expect(checkDisabilityCertNumber(CERT, { idNumber: '330106199001010011' })).toBe('CERT_NUMBER_MISMATCH');
    expect(checkDisabilityCertNumber(CERT, { idNumber: ID, category: 3, grade: 2 })).toBe('CERT_NUMBER_MISMATCH');
    expect(checkDisabilityCertNumber(CERT, { idNumber: ID, category: 4, grade: 1 })).toBe('CERT_NUMBER_MISMATCH');
    expect(checkDisabilityCertNumber(CERT, { grade: 3 })).toBe('CERT_NUMBER_MISMATCH');
  });

  it('reports a malformed number as FORMAT', () => {
    expect(checkDisabilityCertNumber(ID, { idNumber: ID })).toBe('FORMAT'); // first generation: the ID only
    expect(checkDisabilityCertNumber('11010519491231002X82', {})).toBe('FORMAT'); // category 8
    expect(checkDisabilityCertNumber('11010519491231002X45', {})).toBe('FORMAT'); // grade 5
    expect(checkDisabilityCertNumber('11010519491231002X02', {})).toBe('FORMAT'); // category 0
    expect(checkDisabilityCertNumber('11010519491231002x42', {})).toBe('FORMAT');
    expect(checkDisabilityCertNumber(`${CERT}1`, {})).toBe('FORMAT');
  });
});

describe('checkVeteranCertNumber', () => {
  it('accepts letters, digits, Chinese characters and hyphens, 6–32 long', () => {
    expect(checkVeteranCertNumber('浙军残字第000123号')).toBeNull();
    expect(checkVeteranCertNumber('JA-2019-0001')).toBeNull();
    expect(checkVeteranCertNumber('abc123')).toBeNull();
    expect(checkVeteranCertNumber('A'.repeat(32))).toBeNull();
  });

  it('rejects short, long, blank or punctuated numbers', () => {
    expect(checkVeteranCertNumber('A1234')).toBe('FORMAT');
    expect(checkVeteranCertNumber('A'.repeat(33))).toBe('FORMAT');
    expect(checkVeteranCertNumber('')).toBe('FORMAT');
    expect(checkVeteranCertNumber('浙军 000123')).toBe('FORMAT');
    expect(checkVeteranCertNumber('000123;DROP')).toBe('FORMAT');
    expect(checkVeteranCertNumber('浙军残字（000123）')).toBe('FORMAT');
  });
});

describe('isPhoneNumber', () => {
  it('accepts mobiles and fixed lines with area code', () => {
    expect(isPhoneNumber('13800000000')).toBe(true);
    expect(isPhoneNumber('19912345678')).toBe(true);
    expect(isPhoneNumber('0571-85781153')).toBe(true);
    expect(isPhoneNumber('010-1234567')).toBe(true);
    expect(isPhoneNumber('0571-85781153-8012')).toBe(true);
  });

  it('rejects other shapes', () => {
    expect(isPhoneNumber('12800000000')).toBe(false); // no 12x mobile prefix
    expect(isPhoneNumber('1380000000')).toBe(false);
    expect(isPhoneNumber('138000000001')).toBe(false);
    expect(isPhoneNumber('85781153')).toBe(false); // no area code
    expect(isPhoneNumber('057185781153')).toBe(false); // no separator
    expect(isPhoneNumber('0571-123456')).toBe(false);
    expect(isPhoneNumber('0571-85781153-1234567')).toBe(false);
    expect(isPhoneNumber('+8613800000000')).toBe(false);
    expect(isPhoneNumber('')).toBe(false);
  });
});
