import { describe, expect, it } from 'vitest';
import { maskFields, maskIdNumber, maskNumbersInText, maskPhone, personalFields } from '../../platform/masking.ts';

describe('masking personal numbers', () => {
  it('keeps the region and the last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('masks mobile and fixed-line phones', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0571-85781153')).toBe('0571-******53');
  });

  it('masks personal fields at any depth and leaves the rest', () => {
    const declaration = {
      employer: { name: '某某公司', legalRepIdNumber: '11010519491231002X' },
      employees: [{ name: '张三', idNumber: '11010519491231002X', certNumber: '11010519491231002X43', phone: '13812345678' }],
    };
    expect(maskFields(declaration, personalFields)).toEqual({
      employer: { name: '某某公司', legalRepIdNumber: '1101**********002X' },
      employees: [{ name: '张三', idNumber: '1101**********002X', certNumber: '1101************2X43', phone: '138****5678' }],
    });
    expect(declaration.employees[0]?.idNumber).toBe('11010519491231002X');
  });

  it('masks ID and certificate numbers inside free text, and nothing else', () => {
    expect(maskNumbersInText('unknown person 11010519491231002X and cert 11010519491231002X43; order 12345')).toBe(
      'unknown person 1101**********002X and cert 1101************2X43; order 12345',
    );
    expect(maskNumbersInText('uscc 91350100M000100Y43 ok')).toBe('uscc 91350100M000100Y43 ok');
  });
});
