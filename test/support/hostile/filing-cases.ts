// Bad declarations for POST /api/filings, as data: each case edits a valid synthetic filing (or its JSON text) and
// names the status and the field problems the answer must carry. Generated where the rule is mechanical (every
// field with every wrong type, every required field missing), written out where the case needs thought.
import { syntheticFiling } from '../../../filings/declaration/synthetic-filing.ts';
import { idCheckCharacter } from '../../../domain/identifiers/id-number.ts';
import { USCC_ALPHABET } from '../../../domain/identifiers/uscc.ts';
import { deleteAt, escapeToken, getAt, setAt, type Json } from './pointer.ts';
import type { FieldExpectation } from './refusal.ts';

export interface FilingCase {
  name: string;
  /** Edits the valid filing in place. */
  edit?: (filing: Json) => void;
  /** Edits the filing's JSON text after the edit (for what JSON.stringify cannot write). */
  raw?: (json: string) => string;
  /** Builds the valid starting point instead of the default two-employee filing. */
  base?: (seed: number) => Json;
  /** 400 unless said otherwise. */
  status?: number;
  errors?: FieldExpectation[];
}

/** The review year the synthetic filings use; within the open season's years (2015 – this year). */
export const YEAR = 2025;
const THIS_YEAR = new Date().getUTCFullYear();

const ANY_CODE = undefined;
const set = (pointer: string, value: Json) => (f: Json) => setAt(f, pointer, value);

/** A case that sets one field and expects one problem at that field. */
function at(pointer: string, value: Json, code: string | readonly string[] | undefined, label?: string): FilingCase {
  const shown = label ?? (typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : JSON.stringify(value));
  return { name: `${pointer} = ${shown}`, edit: set(pointer, value), errors: [{ path: pointer, code }] };
}

/** A case that sets a structured value and expects the problem at a field inside it (`inner` is relative). */
function nested(pointer: string, value: Json, inner: string, code: string): FilingCase {
  return { name: `${pointer} = ${JSON.stringify(value)}`, edit: set(pointer, value), errors: [{ path: pointer + inner, code }] };
}

/** A case that puts a literal the JSON writer cannot produce (1e400, -0) at a field. */
function literal(pointer: string, text: string, code: string | readonly string[]): FilingCase {
  const marker = `@@raw-${Math.random().toString(36).slice(2)}@@`;
  return { name: `${pointer} = ${text} (raw JSON)`, edit: set(pointer, marker), raw: (json) => json.replace(JSON.stringify(marker), text), errors: [{ path: pointer, code }] };
}

// ---------------------------------------------------------------------------------------------------------------
// Every field with values of the wrong type.

const EMPLOYEE = '/employees/1';

// Optional fields the synthetic filing leaves out, with a value of the right type, so they get wrong types too.
const OPTIONAL_SAMPLES: Record<string, Json> = {
  '/receivingRegionCode': '330106',
  '/commitment/materials': ['营业执照副本'],
  '/commitment/materials/0': '营业执照副本',
  [`${EMPLOYEE}/socialInsurance`]: { pension: true, medical: true, insuredRegionCode: '330106' },
  [`${EMPLOYEE}/socialInsurance/pension`]: true,
  [`${EMPLOYEE}/socialInsurance/medical`]: true,
  [`${EMPLOYEE}/socialInsurance/insuredRegionCode`]: '330106',
  [`${EMPLOYEE}/contributions`]: { pensionMonths: 12, medicalMonths: 12, pensionAmount: 9600, medicalAmount: 4800 },
  [`${EMPLOYEE}/contributions/pensionMonths`]: 12,
  [`${EMPLOYEE}/contributions/medicalMonths`]: 12,
  [`${EMPLOYEE}/contributions/pensionAmount`]: 9600,
  [`${EMPLOYEE}/contributions/medicalAmount`]: 4800,
};

/** The fields of a valid filing, by pointer, with a value of the right type. */
function typedFields(): [string, Json][] {
  const sample = syntheticFiling(0) as Json;
  const fields: [string, Json][] = [];
  for (const key of Object.keys(sample)) fields.push([`/${key}`, sample[key]]);
  for (const key of Object.keys(sample.employer)) fields.push([`/employer/${key}`, sample.employer[key]]);
  for (const key of Object.keys(sample.employees[1])) fields.push([`${EMPLOYEE}/${key}`, sample.employees[1][key]]);
  for (const key of Object.keys(sample.commitment)) fields.push([`/commitment/${key}`, sample.commitment[key]]);
  for (const [pointer, value] of Object.entries(OPTIONAL_SAMPLES)) fields.push([pointer, value]);
  return fields;
}

/** Values of other JSON types than the valid one's; null counts as "wrong type" or "missing". */
function wrongValues(pointer: string, valid: Json): { label: string; value: Json; codes: readonly string[] }[] {
  const FORMAT = ['FORMAT'];
  const NULL = ['FORMAT', 'REQUIRED'];
  // 参保信息 and 缴费信息 may be the paper form's free text (docs/contracts.md §1), so a string is no wrong type there.
  if (pointer.endsWith('/socialInsurance') || pointer.endsWith('/contributions')) {
    return [
      { label: 'a number', value: 42, codes: FORMAT },
      { label: 'a boolean', value: true, codes: FORMAT },
      { label: 'an array', value: ['养老'], codes: FORMAT },
    ];
  }
  if (Array.isArray(valid)) return [
    { label: 'an object', value: { 0: valid[0] }, codes: FORMAT },
    { label: 'a string', value: String(valid[0] ?? 'x'), codes: FORMAT },
    { label: 'null', value: null, codes: NULL },
  ];
  switch (typeof valid) {
    case 'string':
      return [
        { label: 'a number', value: /^\d+$/.test(valid) && valid.length < 16 ? Number(valid) : 42, codes: FORMAT },
        { label: 'null', value: null, codes: NULL },
        { label: 'an array', value: [valid], codes: FORMAT },
      ];
    case 'number':
      return [
        { label: 'a numeric string', value: String(valid), codes: FORMAT },
        { label: 'null', value: null, codes: NULL },
        { label: 'a boolean', value: true, codes: FORMAT },
      ];
    case 'boolean':
      return [
        { label: 'a string', value: String(valid), codes: FORMAT },
        { label: 'a number', value: valid ? 1 : 0, codes: FORMAT },
        { label: 'null', value: null, codes: NULL },
      ];
    default:
      return [
        { label: 'a string', value: '[object Object]', codes: FORMAT },
        { label: 'an array', value: [valid], codes: FORMAT },
        { label: 'null', value: null, codes: NULL },
      ];
  }
}

export const wrongTypeCases: FilingCase[] = typedFields().flatMap(([pointer, valid]) =>
  wrongValues(pointer, valid).map(({ label, value, codes }) => ({
    name: `${pointer} as ${label}`,
    edit: set(pointer, value),
    errors: [{ path: pointer, code: codes }],
  })),
);

// ---------------------------------------------------------------------------------------------------------------
// Every required field missing.

const REQUIRED_FIELDS = [
  '/year', '/channel', '/employer', '/employees', '/commitment',
  ...['uscc', 'name', 'unitNature', 'economicType', 'industryCode', 'regionCode', 'dpfAuthority', 'taxAuthority', 'legalRepName',
    'legalRepIdNumber', 'legalRepPhone', 'handlerName', 'handlerPhone', 'levyPaymentType', 'registeredAddress', 'businessAddress',
    'averageStaffCount', 'averageAnnualWage'].map((k) => `/employer/${k}`),
  ...['name', 'idNumber', 'hukouRegionCode', 'certType', 'certNumber', 'disabilityGrade', 'education', 'phone', 'jobPost',
    'annualWage', 'employmentType', 'employedFrom', 'employedTo'].map((k) => `/employees/0/${k}`),
  // Required by the rules rather than the schema: a disability certificate's category, a contract's dates.
  '/employees/0/disabilityCategory', '/employees/0/contractStart', '/employees/0/contractEnd',
  ...['signer', 'signedAt', 'accepted'].map((k) => `/commitment/${k}`),
];

export const missingFieldCases: FilingCase[] = REQUIRED_FIELDS.map((pointer) => ({
  name: `${pointer} missing`,
  edit: (f) => deleteAt(f, pointer),
  errors: [{ path: pointer, code: 'REQUIRED' }],
}));

// ---------------------------------------------------------------------------------------------------------------
// Fields the declaration does not have: reported at their own pointer, escaped as RFC 6901 says.

function unknownField(parent: string, key: string): FilingCase {
  const pointer = `${parent}/${escapeToken(key)}`;
  return {
    name: `unknown field ${JSON.stringify(key)} under ${parent || '/'}`,
    edit: (f) => {
      const target = parent ? getAt(f, parent) : f;
      Object.defineProperty(target, key, { value: 'x', enumerable: true, writable: true, configurable: true });
    },
    errors: [{ path: pointer, code: 'UNKNOWN_FIELD' }],
  };
}

export const unknownFieldCases: FilingCase[] = [
  unknownField('', 'status'),
  unknownField('', 'id'),
  unknownField('/employer', 'isVerified'),
  unknownField('/employees/1', 'weight'),
  unknownField('/commitment', 'stamp'),
  unknownField('', 'a/b'),
  unknownField('', 'a~b'),
  unknownField('/employer', '__proto__'),
  unknownField('', 'constructor'),
  unknownField('', '\u0000'),
  {
    name: 'unknown field __proto__ at the root, as JSON text',
    raw: (json) => `{"__proto__":{"admin":true},${json.slice(1)}`,
    errors: [{ path: '/__proto__', code: 'UNKNOWN_FIELD' }],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Numbers at and past their bounds, floats where integers belong, NaN-like strings.

export const boundaryCases: FilingCase[] = [
  at('/year', -1, 'YEAR_RANGE'),
  at('/year', 0, 'YEAR_RANGE'),
  at('/year', 2014, 'YEAR_RANGE'),
  at('/year', THIS_YEAR + 1, 'YEAR_RANGE'),
  at('/year', 1e20, 'YEAR_RANGE'),
  at('/year', Number.MAX_SAFE_INTEGER, 'YEAR_RANGE'),
  at('/year', 2025.5, 'FORMAT'),
  at('/year', 2024.999999, 'FORMAT'),
  at('/year', 'NaN', 'FORMAT'),
  at('/year', 'Infinity', 'FORMAT'),
  at('/year', '2025', 'FORMAT'),
  literal('/year', '1e400', 'FORMAT'),
  literal('/year', '-0', 'YEAR_RANGE'),
  literal('/year', '20250000000000000000000000000000', 'YEAR_RANGE'),
  at('/employer/averageStaffCount', -1, 'FORMAT'),
  at('/employer/averageStaffCount', -0.5, 'FORMAT'),
  // A unit that declares employed disabled persons has staff: the quota (×1.5%) of zero staff is no quota.
  at('/employer/averageStaffCount', 0, ANY_CODE),
  at('/employer/averageStaffCount', 10_000_001, 'FORMAT'),
  at('/employer/averageStaffCount', 1e308, 'FORMAT'),
  at('/employer/averageStaffCount', '-0', 'FORMAT'),
  literal('/employer/averageStaffCount', '1e400', 'FORMAT'),
  at('/employer/averageAnnualWage', -0.01, 'FORMAT'),
  at('/employer/averageAnnualWage', 0, ANY_CODE),
  at('/employer/averageAnnualWage', 100_000_001, 'FORMAT'),
  at('/employer/averageAnnualWage', 'NaN', 'FORMAT'),
  at('/employees/0/annualWage', -1, 'FORMAT'),
  at('/employees/0/annualWage', 100_000_001, 'FORMAT'),
  at('/employees/0/annualWage', '6e4', 'FORMAT'),
  literal('/employees/0/annualWage', '-1e400', 'FORMAT'),
  at('/employees/0/disabilityCategory', 0, 'CATEGORY_RANGE'),
  at('/employees/0/disabilityCategory', 8, 'CATEGORY_RANGE'),
  at('/employees/0/disabilityCategory', -4, 'CATEGORY_RANGE'),
  at('/employees/0/disabilityCategory', 1e20, 'CATEGORY_RANGE'),
  at('/employees/0/disabilityCategory', 4.5, 'FORMAT'),
  at('/employees/0/disabilityGrade', 0, 'GRADE_RANGE'),
  at('/employees/0/disabilityGrade', 5, 'GRADE_RANGE'),
  at('/employees/0/disabilityGrade', -3, 'GRADE_RANGE'),
  at('/employees/0/disabilityGrade', 3.5, 'FORMAT'),
  {
    name: 'veteran certificate grade 11',
    edit: (f) => Object.assign(f.employees[0], { certType: 'veteran', certNumber: '浙军残字000123', disabilityGrade: 11, disabilityCategory: undefined }),
    errors: [{ path: '/employees/0/disabilityGrade', code: 'GRADE_RANGE' }],
  },
  nested('/employees/0/contributions', { pensionMonths: 13 }, '/pensionMonths', 'FORMAT'),
  nested('/employees/0/contributions', { pensionMonths: -1 }, '/pensionMonths', 'FORMAT'),
  nested('/employees/0/contributions', { medicalMonths: 6.5 }, '/medicalMonths', 'FORMAT'),
  nested('/employees/0/contributions', { pensionAmount: -100 }, '/pensionAmount', 'FORMAT'),
  nested('/employees/0/socialInsurance', { insuredRegionCode: '33010６' }, '/insuredRegionCode', 'FORMAT'),
  at('/employees', [], 'ITEM_COUNT', '[] (no employee)'),
  {
    name: 'one employee more than MAX_EMPLOYEES_PER_FILING',
    base: (seed) => syntheticFiling(seed, { employees: 51 }),
    errors: [{ path: '/employees', code: 'TOO_MANY_EMPLOYEES' }],
  },
  at('/commitment/materials', Array.from({ length: 21 }, (_, i) => `材料${i + 1}`), 'ITEM_COUNT', '21 materials'),
  at('/employees/0/name', '王'.repeat(51), 'FORMAT', '51 characters'),
  at('/employer/name', '某'.repeat(201), 'FORMAT', '201 characters'),
  at('/employer/registeredAddress', 'x'.repeat(100_000), 'FORMAT', '100 000 characters'),
];

// ---------------------------------------------------------------------------------------------------------------
// Check digits and formats of identifiers.

const ID_CHARS = '0123456789X';
/** The same string with its last (check) character replaced by the next one of `alphabet`. */
const nextCheck = (value: string, alphabet: string) => value.slice(0, -1) + alphabet.charAt((alphabet.indexOf(value.slice(-1)) + 1) % alphabet.length);
/** An ID number whose check digit is right but whose birth date is `birth` (YYYYMMDD). */
const idBornOn = (id: string, birth: string) => {
  const body = id.slice(0, 6) + birth + id.slice(14, 17);
  return body + idCheckCharacter(body);
};
const FULL_WIDTH = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export const checkDigitCases: FilingCase[] = [
  { name: 'USCC check character wrong', edit: (f) => (f.employer.uscc = nextCheck(f.employer.uscc, USCC_ALPHABET)), errors: [{ path: '/employer/uscc', code: 'USCC_CHECKSUM' }] },
  {
    name: 'USCC check character wrong (two steps off)',
    edit: (f) => (f.employer.uscc = nextCheck(nextCheck(f.employer.uscc, USCC_ALPHABET), USCC_ALPHABET)),
    errors: [{ path: '/employer/uscc', code: 'USCC_CHECKSUM' }],
  },
  {
    name: 'USCC with two body characters swapped',
    edit: (f) => {
      const u: string = f.employer.uscc;
      // Positions 9 and 10 (the organisation code) differ in every synthetic code worth testing; swap them.
      f.employer.uscc = u.slice(0, 8) + u[9] + u[8] + u.slice(10);
      if (f.employer.uscc === u) f.employer.uscc = nextCheck(u, USCC_ALPHABET);
    },
    errors: [{ path: '/employer/uscc', code: 'USCC_CHECKSUM' }],
  },
  { name: 'USCC in lower case', edit: (f) => (f.employer.uscc = f.employer.uscc.toLowerCase()), errors: [{ path: '/employer/uscc', code: 'FORMAT' }] },
  { name: 'USCC with a forbidden letter (I)', edit: (f) => (f.employer.uscc = `${f.employer.uscc.slice(0, 10)}I${f.employer.uscc.slice(11)}`), errors: [{ path: '/employer/uscc', code: 'FORMAT' }] },
  { name: 'USCC of 17 characters', edit: (f) => (f.employer.uscc = f.employer.uscc.slice(0, 17)), errors: [{ path: '/employer/uscc', code: 'FORMAT' }] },
  { name: 'USCC of 19 characters', edit: (f) => (f.employer.uscc = `${f.employer.uscc}0`), errors: [{ path: '/employer/uscc', code: 'FORMAT' }] },
  { name: 'USCC in full-width characters', edit: (f) => (f.employer.uscc = FULL_WIDTH(f.employer.uscc)), errors: [{ path: '/employer/uscc', code: 'FORMAT' }] },
  { name: 'USCC with a space inside', edit: (f) => (f.employer.uscc = `${f.employer.uscc.slice(0, 9)} ${f.employer.uscc.slice(9)}`), errors: [{ path: '/employer/uscc', code: 'FORMAT' }] },
  { name: 'employee ID number check digit wrong', edit: (f) => (f.employees[0].idNumber = nextCheck(f.employees[0].idNumber, ID_CHARS)), errors: [{ path: '/employees/0/idNumber', code: 'ID_CHECKSUM' }] },
  { name: 'second employee ID number check digit wrong', edit: (f) => (f.employees[1].idNumber = nextCheck(f.employees[1].idNumber, ID_CHARS)), errors: [{ path: '/employees/1/idNumber', code: 'ID_CHECKSUM' }] },
  { name: 'legal representative ID number check digit wrong', edit: (f) => (f.employer.legalRepIdNumber = nextCheck(f.employer.legalRepIdNumber, ID_CHARS)), errors: [{ path: '/employer/legalRepIdNumber', code: 'ID_CHECKSUM' }] },
  { name: 'ID number with a lower-case x', edit: (f) => (f.employees[0].idNumber = `${f.employees[0].idNumber.slice(0, 17)}x`), errors: [{ path: '/employees/0/idNumber', code: ['FORMAT', 'ID_CHECKSUM'] }] },
  { name: 'ID number born on 30 February', edit: (f) => (f.employees[0].idNumber = idBornOn(f.employees[0].idNumber, '19900230')), errors: [{ path: '/employees/0/idNumber', code: 'ID_BIRTHDATE' }] },
  { name: 'ID number born in 2099', edit: (f) => (f.employees[0].idNumber = idBornOn(f.employees[0].idNumber, '20990101')), errors: [{ path: '/employees/0/idNumber', code: 'ID_BIRTHDATE' }] },
  { name: 'ID number born in 1850', edit: (f) => (f.employer.legalRepIdNumber = idBornOn(f.employer.legalRepIdNumber, '18500101')), errors: [{ path: '/employer/legalRepIdNumber', code: 'ID_BIRTHDATE' }] },
  { name: 'old 15-digit ID number', edit: (f) => (f.employees[0].idNumber = f.employees[0].idNumber.slice(0, 6) + f.employees[0].idNumber.slice(8, 17)), errors: [{ path: '/employees/0/idNumber', code: 'FORMAT' }] },
  { name: 'ID number in full-width digits', edit: (f) => (f.employees[0].idNumber = FULL_WIDTH(f.employees[0].idNumber)), errors: [{ path: '/employees/0/idNumber', code: 'FORMAT' }] },
  { name: 'ID number in Arabic-Indic digits', edit: (f) => (f.employees[0].idNumber = f.employees[0].idNumber.replace(/\d/g, (d: string) => String.fromCharCode(0x0660 + Number(d)))), errors: [{ path: '/employees/0/idNumber', code: 'FORMAT' }] },
  {
    name: 'certificate number with a wrong category digit',
    edit: (f) => (f.employees[0].certNumber = `${f.employees[0].certNumber.slice(0, 18)}5${f.employees[0].certNumber.slice(19)}`),
    errors: [{ path: '/employees/0/certNumber', code: 'CERT_NUMBER_MISMATCH' }],
  },
  {
    name: 'certificate number with a wrong grade digit',
    edit: (f) => (f.employees[0].certNumber = `${f.employees[0].certNumber.slice(0, 19)}1`),
    errors: [{ path: '/employees/0/certNumber', code: 'CERT_NUMBER_MISMATCH' }],
  },
  {
    name: "certificate number whose ID part's check digit is wrong",
    edit: (f) => (f.employees[0].certNumber = nextCheck(f.employees[0].certNumber.slice(0, 18), ID_CHARS) + f.employees[0].certNumber.slice(18)),
    errors: [{ path: '/employees/0/certNumber', code: ['CERT_NUMBER_MISMATCH', 'ID_CHECKSUM'] }],
  },
  {
    name: "another person's certificate number",
    edit: (f) => (f.employees[0].certNumber = f.employees[1].certNumber),
    errors: [{ path: '/employees/0/certNumber', code: 'CERT_NUMBER_MISMATCH' }],
  },
  {
    name: 'ID number and certificate number with the same wrong check digit',
    edit: (f) => {
      const e = f.employees[0];
      e.idNumber = nextCheck(e.idNumber, ID_CHARS);
      e.certNumber = e.idNumber + e.certNumber.slice(18);
    },
    errors: [{ path: '/employees/0/idNumber', code: 'ID_CHECKSUM' }],
  },
  { name: 'certificate number of 19 characters', edit: (f) => (f.employees[0].certNumber = f.employees[0].certNumber.slice(0, 19)), errors: [{ path: '/employees/0/certNumber', code: 'FORMAT' }] },
  { name: 'certificate number with category digit 9', edit: (f) => (f.employees[0].certNumber = `${f.employees[0].certNumber.slice(0, 18)}93`), errors: [{ path: '/employees/0/certNumber', code: 'FORMAT' }] },
  { name: 'certificate number in full-width digits', edit: (f) => (f.employees[0].certNumber = FULL_WIDTH(f.employees[0].certNumber)), errors: [{ path: '/employees/0/certNumber', code: 'FORMAT' }] },
  {
    name: 'veteran certificate number of punctuation',
    edit: (f) => Object.assign(f.employees[0], { certType: 'veteran', certNumber: '!!--;;', disabilityGrade: 5, disabilityCategory: undefined }),
    errors: [{ path: '/employees/0/certNumber', code: 'FORMAT' }],
  },
  at('/employer/legalRepPhone', '1234567890', 'PHONE_FORMAT'),
  at('/employer/handlerPhone', '0571-123', 'PHONE_FORMAT'),
  at('/employees/0/phone', '21234567890', 'PHONE_FORMAT'),
  at('/employees/0/phone', '１３８００１３８０００', 'PHONE_FORMAT'),
  at('/employer/regionCode', '330100', 'REGION_UNKNOWN'),
  at('/employer/regionCode', '999999', 'REGION_UNKNOWN'),
  at('/employer/regionCode', '33010', 'FORMAT'),
  at('/employer/dpfAuthority', '000000', 'REGION_UNKNOWN'),
  at('/receivingRegionCode', '110000', 'REGION_UNKNOWN'),
  at('/employees/0/hukouRegionCode', 'abcdef', 'FORMAT'),
  at('/employer/industryCode', 'Z', 'FORMAT'),
  at('/employer/industryCode', 'C1', 'FORMAT'),
  at('/employer/industryCode', 'c33', 'FORMAT'),
];

// ---------------------------------------------------------------------------------------------------------------
// Dates, enumerations and the rules between fields.

export const ruleCases: FilingCase[] = [
  at('/employees/0/employedFrom', '2025-02-29', 'FORMAT'),
  at('/employees/0/employedFrom', '2025-13-01', 'FORMAT'),
  at('/employees/0/employedFrom', '2025-1-1', 'FORMAT'),
  at('/employees/0/employedFrom', '20250101', 'FORMAT'),
  at('/employees/0/employedFrom', '2025-01-01T00:00:00Z', 'FORMAT'),
  at('/employees/0/employedFrom', '2024-06-01', 'DATE_OUTSIDE_YEAR'),
  {
    name: 'employedTo before employedFrom',
    edit: (f) => Object.assign(f.employees[0], { employedFrom: '2025-03-01', employedTo: '2025-01-01' }),
    errors: [{ path: '/employees/0/employedTo', code: 'DATE_ORDER' }],
  },
  at('/employees/0/contractEnd', '2020-12-31', 'DATE_ORDER'),
  at('/commitment/signedAt', '2026-04-31', 'FORMAT'),
  at('/commitment/accepted', false, 'COMMITMENT_MISSING'),
  at('/channel', 'fax', 'FORMAT'),
  at('/channel', 'ONLINE', 'FORMAT'),
  at('/employer/unitNature', 'Enterprise', 'FORMAT'),
  at('/employer/economicType', 'state owned', 'FORMAT'),
  at('/employees/0/certType', 'military', 'FORMAT'),
  at('/employees/0/education', 'phd', 'FORMAT'),
  at('/employees/0/employmentType', '', 'FORMAT'),
];

// ---------------------------------------------------------------------------------------------------------------
// Unicode tricks in text and identifiers.

export const unicodeCases: FilingCase[] = [
  at('/employees/0/name', '张\u0000三', 'FORMAT', 'NUL inside'),
  at('/employer/name', '杭州某某科技有限公司\u0000', 'FORMAT', 'NUL at the end'),
  at('/employer/registeredAddress', '\u0000', 'FORMAT', 'only NUL'),
  at('/employer/taxAuthority', '税务局\u0000\u0000', 'FORMAT', 'NULs'),
  at('/employees/0/jobPost', '仓库\u0000管理员', 'FORMAT', 'NUL inside'),
  at('/commitment/signer', '李\u0000四', 'FORMAT', 'NUL inside'),
  nested('/commitment/materials', ['营业执照\u0000'], '/0', 'FORMAT'),
  at('/employees/0/name', '张\ud800三', 'FORMAT', 'lone high surrogate'),
  at('/employer/businessAddress', '杭州\udc00', 'FORMAT', 'lone low surrogate'),
  at('/employees/0/jobPost', '仓库\ud83d', 'FORMAT', 'emoji cut in half'),
  at('/employees/0/name', '张\u0007三', 'FORMAT', 'BEL control character'),
  at('/employees/0/name', '张\u001b[31m三', 'FORMAT', 'ANSI escape sequence'),
  at('/employer/name', '某某公司\r\nX-Injected: 1', 'FORMAT', 'CR LF'),
  at('/employees/0/name', '张\u007f三', 'FORMAT', 'DEL control character'),
  at('/employees/0/name', '张\u0085三', 'FORMAT', 'C1 control character (NEL)'),
  at('/employees/0/name', '张\u200b三', 'FORMAT', 'zero-width space'),
  at('/employer/handlerName', '\u200d\u200c', 'FORMAT', 'only zero-width joiners'),
  at('/employees/0/name', '\ufeff张三', 'FORMAT', 'byte-order mark'),
  at('/employees/0/name', '\u202e三张', 'FORMAT', 'right-to-left override'),
  at('/employer/name', '公司\u2066名称\u2069', 'FORMAT', 'bidi isolates'),
  at('/employees/0/name', '   ', 'REQUIRED', 'only spaces'),
  at('/employees/0/name', '\u3000\u3000', 'REQUIRED', 'only ideographic spaces'),
  at('/employer/legalRepName', ' \t ', ['REQUIRED', 'FORMAT'], 'spaces and a tab'),
  at('/commitment/signer', '  ', 'REQUIRED', 'only spaces'),
  at('/employer/name', '    ', 'REQUIRED', 'only spaces'),
  at('/employees/0/name', '', ['REQUIRED', 'FORMAT'], 'empty'),
  at('/employees/0/idNumber', '\u200b', 'FORMAT', 'zero-width space only'),
  { name: 'ID number with a zero-width space inside', edit: (f) => (f.employees[0].idNumber = `${f.employees[0].idNumber.slice(0, 9)}\u200b${f.employees[0].idNumber.slice(9)}`), errors: [{ path: '/employees/0/idNumber', code: 'FORMAT' }] },
  { name: 'ID number with a trailing NUL', edit: (f) => (f.employees[0].idNumber = `${f.employees[0].idNumber}\u0000`), errors: [{ path: '/employees/0/idNumber', code: 'FORMAT' }] },
  { name: 'USCC with a trailing NUL', edit: (f) => (f.employer.uscc = `${f.employer.uscc}\u0000`), errors: [{ path: '/employer/uscc', code: 'FORMAT' }] },
  { name: 'USCC with a right-to-left override', edit: (f) => (f.employer.uscc = `\u202e${f.employer.uscc}`), errors: [{ path: '/employer/uscc', code: 'FORMAT' }] },
];

export const filingCaseGroups: Record<string, FilingCase[]> = {
  'wrong type of every field': wrongTypeCases,
  'every required field missing': missingFieldCases,
  'unknown fields': unknownFieldCases,
  'boundary numbers': boundaryCases,
  'check digits and identifier formats': checkDigitCases,
  'dates, enumerations and cross-field rules': ruleCases,
  'unicode tricks': unicodeCases,
};
