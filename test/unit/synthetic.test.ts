import { describe, it, expect } from 'vitest';
import { checkIdNumber, birthDateOf, isMale } from '../../domain/identifiers/id-number.ts';
import { checkUscc, registrationRegionOf, UNIT_NATURES } from '../../domain/identifiers/uscc.ts';
import { isPhoneNumber } from '../../domain/identifiers/phone.ts';
import { checkRegionCode, isZhejiang } from '../../domain/regions.ts';
import {
  seededRandom,
  syntheticIdNumber,
  syntheticMobile,
  syntheticName,
  syntheticPerson,
  syntheticUnitName,
  syntheticUscc,
} from '../../domain/synthetic.ts';

const DRAWS = 1000;
const TODAY = new Date(2026, 0, 1);

describe('seededRandom', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = Array.from({ length: 20 }, () => a());
    const seqB = Array.from({ length: 20 }, () => b());
    const seqC = Array.from({ length: 20 }, () => c());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('stays in [0, 1) and spreads over the range', () => {
    const rand = seededRandom(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = rand();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(800);
  });
});

describe('synthetic identifiers pass the checkers', () => {
  it('ID numbers: valid, in a Zhejiang county and the default birth range', () => {
    const rand = seededRandom(1);
    for (let i = 0; i < DRAWS; i++) {
      const id = syntheticIdNumber(rand);
      expect(checkIdNumber(id, TODAY), id).toBeNull();
      expect(checkRegionCode(id.slice(0, 6), 'county'), id).toBeNull();
      expect(isZhejiang(id)).toBe(true);
      const birth = birthDateOf(id);
      expect(birth >= '1966-01-01' && birth <= '2004-12-31', birth).toBe(true);
    }
  });

  it('ID numbers honour region, birth range and sex', () => {
    const rand = seededRandom(2);
    for (let i = 0; i < DRAWS; i++) {
      const male = i % 2 === 0;
      const id = syntheticIdNumber(rand, { regionCode: '340104', birthFrom: '2000-02-28', birthTo: '2000-03-01', male });
      expect(checkIdNumber(id, TODAY), id).toBeNull();
      expect(id.startsWith('340104')).toBe(true);
      expect(['2000-02-28', '2000-02-29', '2000-03-01']).toContain(birthDateOf(id));
      expect(isMale(id)).toBe(male);
    }
  });

  it('ID numbers refuse a reversed birth range or a malformed region', () => {
    const rand = seededRandom(3);
    expect(() => syntheticIdNumber(rand, { birthFrom: '2000-01-02', birthTo: '2000-01-01' })).toThrow(Error);
    expect(() => syntheticIdNumber(rand, { regionCode: '3301' })).toThrow(Error);
  });

  it('persons agree with their own ID number', () => {
    const rand = seededRandom(4);
    for (let i = 0; i < DRAWS; i++) {
      const p = syntheticPerson(rand);
      expect(checkIdNumber(p.idNumber, TODAY)).toBeNull();
      expect(p.birthDate).toBe(birthDateOf(p.idNumber));
      expect(p.male).toBe(isMale(p.idNumber));
      expect(p.name).toMatch(/^\p{Script=Han}{2,3}$/u);
    }
  });

  it('USCCs: valid, with the requested type code and region', () => {
    const rand = seededRandom(5);
    const prefixes = ['11', '12', '51', '52', '53', '91', '92', '93'] as const;
    for (let i = 0; i < DRAWS; i++) {
      const uscc = syntheticUscc(rand);
      expect(checkUscc(uscc), uscc).toBeNull();
      expect(uscc.startsWith('91')).toBe(true);
      expect(checkRegionCode(registrationRegionOf(uscc), 'county')).toBeNull();
      const prefix = prefixes[i % prefixes.length]!;
      const other = syntheticUscc(rand, { prefix, regionCode: '330106' });
      expect(checkUscc(other), other).toBeNull();
      expect(other.slice(0, 8)).toBe(`${prefix}330106`);
    }
  });

  it('mobiles are phone numbers', () => {
    const rand = seededRandom(6);
    for (let i = 0; i < DRAWS; i++) {
      const mobile = syntheticMobile(rand);
      expect(isPhoneNumber(mobile), mobile).toBe(true);
      expect(mobile).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  it('names have two or three Chinese characters and vary', () => {
    const rand = seededRandom(8);
    const names = new Set<string>();
    for (let i = 0; i < DRAWS; i++) {
      const name = syntheticName(rand);
      expect(name).toMatch(/^\p{Script=Han}{2,3}$/u);
      names.add(name);
    }
    expect(names.size).toBeGreaterThan(500);
  });
});

describe('syntheticUnitName', () => {
  const suffixes: Record<string, RegExp> = {
    enterprise: /有限公司$/,
    individual_business: /（个体工商户）$/,
    farmer_cooperative: /专业合作社$/,
    government_agency: /局$/,
    public_institution: /中心$/,
    social_organization: /(协会|商会|促进会)$/,
    private_non_enterprise: /(学校|幼儿园)$/,
    foundation: /基金会$/,
    other: /服务社$/,
  };

  it('names each nature with a matching suffix and the place', () => {
    const rand = seededRandom(9);
    for (const nature of UNIT_NATURES) {
      for (let i = 0; i < 50; i++) {
        const name = syntheticUnitName(rand, nature, '330106');
        expect(name, name).toMatch(suffixes[nature]!);
        expect(name.startsWith('杭州')).toBe(true);
      }
    }
  });

  it('names a county-level city on its own and a unit outside Zhejiang after its province', () => {
    const rand = seededRandom(10);
    expect(syntheticUnitName(rand, 'public_institution', '330782').startsWith('义乌市')).toBe(true);
    expect(syntheticUnitName(rand, 'enterprise', '340104').startsWith('安徽')).toBe(true);
  });
});

describe('determinism', () => {
  function batch(seed: number) {
    const rand = seededRandom(seed);
    return Array.from({ length: 50 }, () => ({
      person: syntheticPerson(rand),
      uscc: syntheticUscc(rand, { prefix: '52' }),
      unit: syntheticUnitName(rand, 'enterprise', '330212'),
      mobile: syntheticMobile(rand),
    }));
  }

  it('gives the same people and units for the same seed', () => {
    expect(batch(2025)).toEqual(batch(2025));
    expect(batch(2025)).not.toEqual(batch(2026));
  });
});
