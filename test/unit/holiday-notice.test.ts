// Reading the State Council's holiday notice as policy staff paste it: days off as ranges (across a month or a new
// year), make-up working days, weekdays and lunar dates in parentheses ignored, and what cannot be read named.
import { describe, expect, it } from 'vitest';
import { readHolidayNotice } from '../../web/src/lib/holiday-notice.ts';

// The shape of the 2026 notice (国办发明电〔2025〕7号), its days as published.
const NOTICE_2026 = `各省、自治区、直辖市人民政府：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。`;

describe('readHolidayNotice', () => {
  it('reads every day off and every make-up working day of a notice', () => {
    const { days, unread } = readHolidayNotice(NOTICE_2026, 2026);
    expect(unread).toEqual([]);
    const holidays = days.filter((d) => d.kind === 'holiday');
    const workdays = days.filter((d) => d.kind === 'workday').map((d) => d.day);
    expect(holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(holidays.filter((d) => d.name === '春节').map((d) => d.day)).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
    expect(workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(days.find((d) => d.day === '2026-02-14')).toEqual({ day: '2026-02-14', kind: 'workday', name: '春节调休上班' });
  });

  it('follows a range across the month and the year, and names a festival it cannot read', () => {
    const { days, unread } = readHolidayNotice('一、元旦：12月31日至1月2日放假，共3天。\n二、某节：另行通知。', 2027);
    expect(days.map((d) => d.day)).toEqual(['2027-12-31', '2028-01-01', '2028-01-02']);
    expect(unread).toEqual(['某节']);
  });
});
