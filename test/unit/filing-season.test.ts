// The filing season's pure rules: which proposed seasons are sound, and where a China date stands in a season.
import { describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../platform/china-date.ts';
import { dateIn, isMonthDay, seasonIssues, seasonStatus, type FilingSeason } from '../../season/filing-season.ts';
import { outsideCertificationText, seasonMessages } from '../../season/season-messages.ts';

// 浙残联发〔2022〕3号: certification 1 March – 31 December, concentrated filing 1 April – 30 June.
const notice: FilingSeason = { certification: { start: '03-01', end: '12-31' }, concentrated: { start: '04-01', end: '06-30' } };

const season = (cs: string, ce: string, ks: string, ke: string): FilingSeason => ({
  certification: { start: cs, end: ce },
  concentrated: { start: ks, end: ke },
});

const pairs = (s: FilingSeason) => seasonIssues(s).map((i) => `${i.path} ${i.code}`);

describe('isMonthDay', () => {
  it('accepts real month-days, 02-29 included', () => {
    for (const value of ['01-01', '02-28', '02-29', '03-01', '04-30', '12-31']) expect(isMonthDay(value), value).toBe(true);
  });
  it('refuses days no year has and other spellings', () => {
    for (const value of ['02-30', '04-31', '13-01', '00-10', '03-00', '3-1', '03/01', '2026-03-01', '', 301, null]) {
      expect(isMonthDay(value), String(value)).toBe(false);
    }
  });
});

describe('seasonIssues', () => {
  it('finds nothing wrong with the notice, a one-day period, or 02-29', () => {
    expect(seasonIssues(notice)).toEqual([]);
    expect(seasonIssues(season('03-01', '03-01', '03-01', '03-01'))).toEqual([]);
    expect(seasonIssues(season('02-29', '12-31', '02-29', '06-30'))).toEqual([]);
  });

  it('reports a month-day that is not a real date as FORMAT', () => {
    expect(pairs(season('02-30', '12-31', '04-01', '6-30'))).toEqual(['/certification/start FORMAT', '/concentrated/end FORMAT']);
  });

  it('refuses a period that ends before it starts (no period runs over New Year)', () => {
    expect(seasonIssues(season('11-01', '02-28', '04-01', '06-30'))).toEqual([
      { path: '/certification/end', code: 'DATE_ORDER', params: { start: '11-01' } },
    ]);
    expect(pairs(season('03-01', '12-31', '06-30', '04-01'))).toEqual(['/concentrated/end DATE_ORDER']);
  });

  it('refuses a concentrated period reaching outside the certification period, at either edge', () => {
    expect(seasonIssues(season('03-01', '12-31', '02-28', '06-30'))).toEqual([
      { path: '/concentrated/start', code: 'OUTSIDE_CERTIFICATION', params: { start: '03-01', end: '12-31' } },
    ]);
    expect(pairs(season('04-01', '06-30', '03-31', '07-01'))).toEqual([
      '/concentrated/start OUTSIDE_CERTIFICATION',
      '/concentrated/end OUTSIDE_CERTIFICATION',
    ]);
  });

  it('does not judge the concentrated period against a broken certification period', () => {
    expect(pairs(season('13-01', '12-31', '01-01', '06-30'))).toEqual(['/certification/start FORMAT']);
  });

  it('words each code for a person, in Chinese and in English', () => {
    const [order] = seasonIssues(season('11-01', '02-28', '04-01', '06-30'));
    expect(seasonMessages.messageFor(order!, 'zh')).toBe('年审认证期结束日期不能早于开始日期 11 月 1 日（期间须在同一自然年内）');
    const [outside] = seasonIssues(season('03-01', '12-31', '02-28', '06-30'));
    expect(seasonMessages.messageFor(outside!, 'zh')).toBe('集中申报期开始日期应在年审认证期（3 月 1 日至 12 月 31 日）之内');
    expect(seasonMessages.messageFor(outside!, 'en')).toBe(
      'concentrated filing period start must lie within the certification period (1 March to 31 December)',
    );
    expect(seasonMessages.messageFor({ path: '/certification/end', code: 'FORMAT' }, 'zh')).toBe(
      '年审认证期结束日期应为 MM-DD 格式的有效月日，如 12-31',
    );
  });
});

describe('dateIn', () => {
  it('puts 02-29 on the last day of February in a common year', () => {
    expect(dateIn(2028, '02-29')).toBe('2028-02-29');
    expect(dateIn(2026, '02-29')).toBe('2026-02-28');
    expect(dateIn(2100, '02-29')).toBe('2100-02-28');
    expect(dateIn(2026, '03-01')).toBe('2026-03-01');
  });
});

describe('seasonStatus', () => {
  it('is closed on 28 February and open on 1 March', () => {
    expect(seasonStatus(notice, '2026-02-28')).toEqual({
      inCertificationPeriod: false,
      inConcentratedPeriod: false,
      certificationYear: 2026,
      reviewYear: 2025,
      opensOn: '2026-03-01',
      closesOn: '2026-12-31',
      concentratedOpensOn: '2026-04-01',
      concentratedClosesOn: '2026-06-30',
      nextOpensOn: '2026-03-01',
    });
    expect(seasonStatus(notice, '2026-03-01')).toMatchObject({ inCertificationPeriod: true, inConcentratedPeriod: false, nextOpensOn: null });
  });

  it('is open on 31 December and closed on 1 January, the next year certifying the next year', () => {
    expect(seasonStatus(notice, '2026-12-31')).toMatchObject({ inCertificationPeriod: true, certificationYear: 2026, reviewYear: 2025 });
    expect(seasonStatus(notice, '2027-01-01')).toMatchObject({
      inCertificationPeriod: false,
      certificationYear: 2027,
      reviewYear: 2026,
      nextOpensOn: '2027-03-01',
    });
  });

  it('marks the concentrated period, both ends included', () => {
    expect(seasonStatus(notice, '2026-03-31').inConcentratedPeriod).toBe(false);
    expect(seasonStatus(notice, '2026-04-01').inConcentratedPeriod).toBe(true);
    expect(seasonStatus(notice, '2026-06-30').inConcentratedPeriod).toBe(true);
    expect(seasonStatus(notice, '2026-07-01')).toMatchObject({ inConcentratedPeriod: false, inCertificationPeriod: true });
  });

  it('points past a period that closed early in the year to next year', () => {
    const early = season('03-01', '11-30', '04-01', '06-30');
    expect(seasonStatus(early, '2026-12-15')).toMatchObject({ inCertificationPeriod: false, closesOn: '2026-11-30', nextOpensOn: '2027-03-01' });
  });

  it('takes the China date: 2026-02-28T16:30Z is already 1 March in China', () => {
    const instant = new Date('2026-02-28T16:30:00Z');
    expect(instant.getUTCDate()).toBe(28);
    expect(chinaDateOf(instant)).toBe('2026-03-01');
    expect(seasonStatus(notice, chinaDateOf(instant)).inCertificationPeriod).toBe(true);
    // And 2026-12-31T16:30Z is New Year's Day in China: closed.
    expect(seasonStatus(notice, chinaDateOf(new Date('2026-12-31T16:30:00Z'))).inCertificationPeriod).toBe(false);
  });

  it('follows a 02-29 start in leap and common years', () => {
    const leap = season('02-29', '12-31', '04-01', '06-30');
    expect(seasonStatus(leap, '2028-02-28').inCertificationPeriod).toBe(false);
    expect(seasonStatus(leap, '2028-02-29').inCertificationPeriod).toBe(true);
    expect(seasonStatus(leap, '2026-02-28')).toMatchObject({ inCertificationPeriod: true, opensOn: '2026-02-28' });
  });
});

describe('the refusal outside the period', () => {
  it('names the period in its title and the next opening in its detail', () => {
    expect(outsideCertificationText(notice, '2026-02-15', '2026-03-01', 'zh')).toEqual({
      title: '年审认证时间为每年 3 月 1 日至 12 月 31 日，当前不在认证期内',
      detail: '今天是 2026 年 2 月 15 日（北京时间），下一个认证期自 2026 年 3 月 1 日开始，届时再提交申报。',
    });
    expect(outsideCertificationText(notice, '2026-02-15', '2026-03-01', 'en').title).toBe(
      'Annual certification runs from 1 March to 31 December each year; filings are not accepted now',
    );
  });
});
