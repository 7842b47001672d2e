// Deterministic generator of SYNTHETIC people and units for seeds, fixtures and examples.
// Every value is drawn at random from generic lists; none describes a real person or unit.
import { idCheckCharacter } from './identifiers/id-number.ts';
import { usccCheckCharacter, USCC_ALPHABET, type UnitNature } from './identifiers/uscc.ts';
import { provinceCodeOf, regionName, zhejiangCounties, isZhejiang } from './regions.ts';

export type Random = () => number;

// mulberry32: tiny, fast and good enough for test data; the same seed always yields the same stream.
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInt(rand: Random, minInclusive: number, maxInclusive: number): number {
  return minInclusive + Math.floor(rand() * (maxInclusive - minInclusive + 1));
}

function pick<T>(rand: Random, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function digits(rand: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(randomInt(rand, 0, 9));
  return out;
}

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林',
  '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '邓', '冯', '韩', '曹', '曾', '彭', '潘', '袁', '蒋', '蔡',
  '余', '杜', '叶', '程', '沈', '魏', '吕', '丁', '姚', '卢', '钱', '汪', '金', '方', '施', '应', '楼', '俞',
];
const GIVEN_CHARS = [
  '伟', '芳', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞',
  '平', '刚', '桂', '英', '华', '玉', '萍', '红', '建', '文', '辉', '宁', '晨', '欣', '佳', '琳', '浩', '宇',
  '婷', '雪', '鹏', '斌', '海', '燕', '飞', '亮', '志', '俊', '丹', '蕾', '凯', '航', '琪', '悦', '思', '晓',
];

export function syntheticName(rand: Random): string {
  const givenLength = rand() < 0.7 ? 2 : 1;
  let name = pick(rand, SURNAMES);
  for (let i = 0; i < givenLength; i++) name += pick(rand, GIVEN_CHARS);
  return name;
}

const DAY_MS = 86_400_000;

function isoToDays(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${iso}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

function daysToIso(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function randomZhejiangCounty(rand: Random): string {
  return pick(rand, zhejiangCounties()).code;
}

export interface SyntheticIdOptions {
  regionCode?: string;
  birthFrom?: string;
  birthTo?: string;
  male?: boolean;
}

export function syntheticIdNumber(rand: Random, opts: SyntheticIdOptions = {}): string {
  const region = opts.regionCode ?? randomZhejiangCounty(rand);
  if (!/^\d{6}$/.test(region)) throw new Error(`Not a 6-digit region code: ${region}`);
  const from = isoToDays(opts.birthFrom ?? '1966-01-01');
  const to = isoToDays(opts.birthTo ?? '2004-12-31');
  if (to < from) throw new Error('birthTo is before birthFrom');
  const birth = daysToIso(randomInt(rand, from, to)).replaceAll('-', '');
  const male = opts.male ?? rand() < 0.5;
  // Digit 17 carries the sex: odd for men, even for women.
  const sexDigit = 2 * randomInt(rand, 0, 4) + (male ? 1 : 0);
  const body = `${region}${birth}${digits(rand, 2)}${sexDigit}`;
  return body + idCheckCharacter(body);
}

export function syntheticPerson(
  rand: Random,
  opts: SyntheticIdOptions = {},
): { name: string; idNumber: string; birthDate: string; male: boolean } {
  const name = syntheticName(rand);
  const idNumber = syntheticIdNumber(rand, opts);
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return { name, idNumber, birthDate, male: Number(idNumber.charAt(16)) % 2 === 1 };
}

// Organisation code (GB 11714) check character, so chars 9–17 of a synthetic USCC look like a real one.
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
function orgCodeCheck(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8.charAt(i), 36) * ORG_CODE_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export type SyntheticUsccPrefix = '11' | '12' | '51' | '52' | '53' | '91' | '92' | '93';

export function syntheticUscc(rand: Random, opts: { prefix?: SyntheticUsccPrefix; regionCode?: string } = {}): string {
  const prefix = opts.prefix ?? '91';
  const region = opts.regionCode ?? randomZhejiangCounty(rand);
  if (!/^\d{6}$/.test(region)) throw new Error(`Not a 6-digit region code: ${region}`);
  // Post-2015 organisation codes start with a letter or digit from the USCC alphabet.
  let org = pick(rand, USCC_ALPHABET.slice(10).split(''));
  for (let i = 1; i < 8; i++) org += pick(rand, USCC_ALPHABET.split(''));
  const body = `${prefix}${region}${org}${orgCodeCheck(org)}`;
  return body + usccCheckCharacter(body);
}

const TRADE_CHARS = [
  '恒', '瑞', '鑫', '泰', '盛', '丰', '宏', '祥', '锦', '嘉', '信', '诚', '德', '康', '源', '卓', '启', '远',
  '辰', '禾', '澜', '岳', '星', '云', '朗', '睿', '拓', '骏', '晟', '湖', '溪', '峰', '川', '屿', '桐', '楠',
];
const INDUSTRIES = [
  '科技', '机械', '电子', '纺织', '食品', '物流', '建材', '服饰', '包装', '印刷', '贸易', '信息技术', '环保科技',
  '新材料', '五金', '家居', '汽车配件', '文化传媒',
];
const SHOPS = ['小吃店', '便利店', '理发店', '五金店', '水果店', '维修部', '洗衣店', '面馆'];
const PRODUCE = ['茶叶', '蔬菜', '水果', '中药材', '竹笋', '杨梅', '食用菌', '蜜蜂养殖'];
const AGENCY_KINDS = ['事务管理局', '服务保障局', '综合管理局'];
const INSTITUTION_KINDS = ['综合服务中心', '技术服务中心', '康复服务中心', '职业技能培训中心'];
const ASSOCIATION_KINDS = ['行业协会', '商会', '志愿者协会', '文化促进会'];
const SCHOOL_KINDS = ['培训学校', '职业技能培训学校', '艺术培训学校', '幼儿园'];
const FOUNDATION_KINDS = ['公益基金会', '助残基金会', '教育基金会'];

function tradeName(rand: Random): string {
  return pick(rand, TRADE_CHARS) + pick(rand, TRADE_CHARS);
}

// The place part of a unit name: full region name for public bodies, the short city name for businesses.
function placeNames(regionCode: string): { full: string; short: string } {
  if (isZhejiang(regionCode)) {
    const county = zhejiangCounties().find((c) => c.code === regionCode);
    // A county-level city (e.g. 海宁市) is named on its own; a district or county after its city.
    const full = county?.name.endsWith('市') ? county.name : (regionName(regionCode) ?? regionName(`${regionCode.slice(0, 4)}00`) ?? '浙江省');
    const city = regionName(`${regionCode.slice(0, 4)}00`) ?? '浙江省';
    return { full, short: city.replace(/[市省]$/, '') };
  }
  const province = regionName(provinceCodeOf(regionCode)) ?? '';
  return { full: province, short: province.replace(/(省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '') };
}

export function syntheticUnitName(rand: Random, nature: UnitNature, regionCode: string): string {
  const place = placeNames(regionCode);
  const trade = tradeName(rand);
  switch (nature) {
    case 'enterprise':
      return `${place.short}${trade}${pick(rand, INDUSTRIES)}${rand() < 0.8 ? '有限公司' : '股份有限公司'}`;
    case 'individual_business':
      return `${place.full}${trade}${pick(rand, SHOPS)}（个体工商户）`;
    case 'farmer_cooperative':
      return `${place.full}${trade}${pick(rand, PRODUCE)}专业合作社`;
    case 'government_agency':
      return `${place.full}${trade}${pick(rand, AGENCY_KINDS)}`;
    case 'public_institution':
      return `${place.full}${trade}${pick(rand, INSTITUTION_KINDS)}`;
    case 'social_organization':
      return `${place.full}${trade}${pick(rand, ASSOCIATION_KINDS)}`;
    case 'private_non_enterprise':
      return `${place.full}${trade}${pick(rand, SCHOOL_KINDS)}`;
    case 'foundation':
      return `${place.full}${trade}${pick(rand, FOUNDATION_KINDS)}`;
    case 'other':
      return `${place.full}${trade}服务社`;
  }
}

export function syntheticMobile(rand: Random): string {
  return `1${randomInt(rand, 3, 9)}${digits(rand, 9)}`;
}
