import { describe, it, expect } from 'vitest';
import {
  USCC_ALPHABET,
  UNIT_NATURES,
  checkUscc,
  registrarOf,
  registrationRegionOf,
  unitNaturesAllowedFor,
  usccCheckCharacter,
} from '../../domain/identifiers/uscc.ts';

const VALID = '91350100M000100Y43';

describe('usccCheckCharacter', () => {
  it('computes the check character of the published example', () => {
    expect(usccCheckCharacter(VALID.slice(0, 17))).toBe('3');
  });

  it('maps a check value of 31 to 0', () => {
    // Σ ≡ 0 (mod 31) gives 31 − 0 = 31, which the standard writes as '0'.
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });

  it('rejects a wrong length or a character outside the alphabet', () => {
    expect(() => usccCheckCharacter('9135010')).toThrow(Error);
    expect(() => usccCheckCharacter('91350100M000100YI')).toThrow(/not allowed/);
  });
});

describe('checkUscc', () => {
  it('accepts the known valid example', () => {
    expect(checkUscc(VALID)).toBeNull();
  });

  it('detects every single-character substitution', () => {
    let variants = 0;
    for (let pos = 0; pos < 18; pos++) {
      for (const ch of USCC_ALPHABET) {
        if (ch === VALID.charAt(pos)) continue;
        const changed = VALID.slice(0, pos) + ch + VALID.slice(pos + 1);
        expect(checkUscc(changed), changed).toBe('USCC_CHECKSUM');
        variants++;
      }
    }
    expect(variants).toBe(18 * 30);
  });

  it('detects a swap of two adjacent different characters', () => {
    const swapped = VALID.slice(0, 8) + VALID.charAt(9) + VALID.charAt(8) + VALID.slice(10);
    expect(checkUscc(swapped)).toBe('USCC_CHECKSUM');
  });

  it('reports lowercase as FORMAT', () => {
    expect(checkUscc(VALID.toLowerCase())).toBe('FORMAT');
    expect(checkUscc('91350100m000100Y43')).toBe('FORMAT');
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('reports the excluded letter %s as FORMAT', (letter) => {
    expect(checkUscc(`91350100${letter}000100Y43`)).toBe('FORMAT');
  });

  it('reports a wrong length, spaces and empty input as FORMAT', () => {
    expect(checkUscc(VALID.slice(0, 17))).toBe('FORMAT');
    expect(checkUscc(`${VALID}0`)).toBe('FORMAT');
    expect(checkUscc(` ${VALID}`)).toBe('FORMAT');
    expect(checkUscc('')).toBe('FORMAT');
  });
});

describe('registrar and unit nature', () => {
  it('names the registrar from the first character', () => {
    expect(registrarOf('91330106MA2AAAAA00')).toBe('samr');
    expect(registrarOf('11330106MA2AAAAA00')).toBe('org');
    expect(registrarOf('52330106MA2AAAAA00')).toBe('civil');
    expect(registrarOf('A1330106MA2AAAAA00')).toBeNull();
    expect(registrarOf('')).toBeNull();
  });

  it('allows exactly the nature of a known type code, plus other', () => {
    const expected: Record<string, string> = {
      '91': 'enterprise',
      '92': 'individual_business',
      '93': 'farmer_cooperative',
      '11': 'government_agency',
      '12': 'public_institution',
      '51': 'social_organization',
      '52': 'private_non_enterprise',
      '53': 'foundation',
    };
    for (const [prefix, nature] of Object.entries(expected)) {
      expect([...unitNaturesAllowedFor(`${prefix}3301060000000000`)].sort()).toEqual([nature, 'other'].sort());
    }
  });

  it("allows the registrar's natures for an 'other' type code", () => {
    expect(unitNaturesAllowedFor('19330106000000000X')).toEqual(['government_agency', 'public_institution', 'other']);
    expect(unitNaturesAllowedFor('59330106000000000X')).toEqual([
      'social_organization',
      'private_non_enterprise',
      'foundation',
      'other',
    ]);
    expect(unitNaturesAllowedFor('99330106000000000X')).toEqual(['enterprise', 'individual_business', 'farmer_cooperative', 'other']);
  });

  it('allows only other for an unknown registrar', () => {
    expect(unitNaturesAllowedFor('N1330106000000000X')).toEqual(['other']);
  });

  it('a 91 code does not allow the natures of other registrars', () => {
    const allowed = unitNaturesAllowedFor(VALID);
    expect(allowed).not.toContain('government_agency');
    expect(allowed).not.toContain('individual_business');
  });

  it('lists nine natures, each allowed somewhere', () => {
    expect(UNIT_NATURES).toHaveLength(9);
    const reachable = new Set(['91', '92', '93', '11', '12', '51', '52', '53'].flatMap((p) => unitNaturesAllowedFor(`${p}0000000000000000`)));
    expect([...reachable].sort()).toEqual([...UNIT_NATURES].sort());
  });

  it('reads the registration region from characters 3–8', () => {
    expect(registrationRegionOf(VALID)).toBe('350100');
  });
});
