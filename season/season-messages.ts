// Every sentence the filing-season API shows a person: its field catalogue for the shared message mechanism, and
// the refusal of a filing outside the certification period. Simplified Chinese, English on request.
import type { IsoDate } from '../platform/china-date.ts';
import { createFieldMessages, type Locale } from '../platform/field-messages.ts';
import type { FilingSeason, MonthDay } from './filing-season.ts';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '03-01' → '3 月 1 日' / '1 March'. */
export function spokenMonthDay(monthDay: MonthDay, locale: Locale): string {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  return locale === 'zh' ? `${month} 月 ${day} 日` : `${day} ${monthNames[month - 1]}`;
}

/** '2026-03-01' → '2026 年 3 月 1 日' / '1 March 2026'. */
export function spokenDate(date: IsoDate, locale: Locale): string {
  const year = Number(date.slice(0, 4));
  return locale === 'zh' ? `${year} 年 ${spokenMonthDay(date.slice(5), locale)}` : `${spokenMonthDay(date.slice(5), locale)} ${year}`;
}

const md = (value: unknown, locale: Locale) => spokenMonthDay(String(value), locale);

export const seasonMessages = createFieldMessages({
  root: ['年审时间设置', 'the filing season'],
  labels: {
    certification: ['年审认证期', 'certification period'],
    concentrated: ['集中申报期', 'concentrated filing period'],
    start: ['开始日期', 'start'],
    end: ['结束日期', 'end'],
    note: ['变更依据', 'note'],
  },
  prefixes: {
    certification: ['年审认证期', 'certification period '],
    concentrated: ['集中申报期', 'concentrated filing period '],
  },
  formatHints: {
    start: ['应为 MM-DD 格式的有效月日，如 03-01', 'must be a real month and day written MM-DD, e.g. 03-01'],
    end: ['应为 MM-DD 格式的有效月日，如 12-31', 'must be a real month and day written MM-DD, e.g. 12-31'],
  },
  templates: {
    DATE_ORDER: [
      (f, p) => `${f}不能早于开始日期 ${md(p.start, 'zh')}（期间须在同一自然年内）`,
      (f, p) => `${f} must not be before the start, ${md(p.start, 'en')} (a period lies within one calendar year)`,
    ],
    OUTSIDE_CERTIFICATION: [
      (f, p) => `${f}应在年审认证期（${md(p.start, 'zh')}至 ${md(p.end, 'zh')}）之内`,
      (f, p) => `${f} must lie within the certification period (${md(p.start, 'en')} to ${md(p.end, 'en')})`,
    ],
  },
});

/** The refusal of a filing outside the certification period: the title names the period, the detail the next opening. */
export function outsideCertificationText(
  season: FilingSeason,
  today: IsoDate,
  nextOpensOn: IsoDate,
  locale: Locale,
): { title: string; detail: string } {
  const { start, end } = season.certification;
  if (locale === 'zh') {
    return {
      title: `年审认证时间为每年 ${md(start, 'zh')}至 ${md(end, 'zh')}，当前不在认证期内`,
      detail: `今天是 ${spokenDate(today, 'zh')}（北京时间），下一个认证期自 ${spokenDate(nextOpensOn, 'zh')}开始，届时再提交申报。`,
    };
  }
  return {
    title: `Annual certification runs from ${md(start, 'en')} to ${md(end, 'en')} each year; filings are not accepted now`,
    detail: `Today is ${spokenDate(today, 'en')} (China time); the next certification period opens on ${spokenDate(nextOpensOn, 'en')}.`,
  };
}
