// Unified social credit code (统一社会信用代码), GB 32100-2015.

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

// Uppercase only: the standard never uses lowercase, so a lowercase code is a typing error to report.
const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new Error(`USCC body must have 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new Error(`Character '${first17.charAt(i)}' at position ${i + 1} is not allowed in a USCC`);
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET.charAt(check);
}

export type UsccProblem = 'FORMAT' | 'USCC_CHECKSUM';

export function checkUscc(value: string): UsccProblem | null {
  if (!USCC_PATTERN.test(value)) return 'FORMAT';
  return usccCheckCharacter(value.slice(0, 17)) === value.charAt(17) ? null : 'USCC_CHECKSUM';
}

export type Registrar = 'org' | 'civil' | 'samr';

// Char 1 names the registering authority; the review asks that department about the unit's status.
const REGISTRAR_BY_CHAR: Readonly<Record<string, Registrar>> = { '1': 'org', '5': 'civil', '9': 'samr' };

export function registrarOf(uscc: string): Registrar | null {
  return REGISTRAR_BY_CHAR[uscc.charAt(0)] ?? null;
}

export type UnitNature =
  | 'enterprise'
  | 'individual_business'
  | 'farmer_cooperative'
  | 'government_agency'
  | 'public_institution'
  | 'social_organization'
  | 'private_non_enterprise'
  | 'foundation'
  | 'other';

export const UNIT_NATURES: readonly UnitNature[] = Object.freeze([
  'enterprise',
  'individual_business',
  'farmer_cooperative',
  'government_agency',
  'public_institution',
  'social_organization',
  'private_non_enterprise',
  'foundation',
  'other',
] as const);

const NATURE_BY_PREFIX: Readonly<Record<string, UnitNature>> = {
  '91': 'enterprise',
  '92': 'individual_business',
  '93': 'farmer_cooperative',
  '11': 'government_agency',
  '12': 'public_institution',
  '51': 'social_organization',
  '52': 'private_non_enterprise',
  '53': 'foundation',
};

const NATURES_BY_REGISTRAR: Readonly<Record<Registrar, readonly UnitNature[]>> = {
  samr: ['enterprise', 'individual_business', 'farmer_cooperative'],
  org: ['government_agency', 'public_institution'],
  civil: ['social_organization', 'private_non_enterprise', 'foundation'],
};

// 'other' stays allowed everywhere because the type codes 19/59/99 ("other") and units the
// declaration form cannot classify must still be able to file.
export function unitNaturesAllowedFor(uscc: string): readonly UnitNature[] {
  const exact = NATURE_BY_PREFIX[uscc.slice(0, 2)];
  if (exact) return [exact, 'other'];
  const registrar = registrarOf(uscc);
  return registrar ? [...NATURES_BY_REGISTRAR[registrar], 'other'] : ['other'];
}

export function registrationRegionOf(uscc: string): string {
  return uscc.slice(2, 8);
}
