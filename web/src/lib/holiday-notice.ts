// Reads the State Council General Office's notice of a year's holiday arrangement (国务院办公厅关于××年部分节假日安排
// 的通知) as policy staff paste it: each festival's days off ("1月1日（周四）至3日（周六）放假调休") and its make-up
// working days ("1月4日（周日）上班"). What it reads is shown to them to check before anything is published.

export interface NoticeDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface ReadNotice {
  days: NoticeDay[];
  /** Festival lines that named no day this reader understood: for the person to enter by hand. */
  unread: string[];
}

const ITEM = /(?:^|\n|。)\s*[一二三四五六七八九十]+、\s*([^：:\n]+)[：:]([^\n]*)/g;
const DATE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/g;

const pad = (n: number) => String(n).padStart(2, '0');

function isoDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? `${year}-${pad(month)}-${pad(day)}` : undefined;
}

/** The dates a clause names in order, a bare "3日" taking the month before it (and December→January the next year). */
function datesIn(clause: string, year: number): string[] {
  const out: string[] = [];
  let month: number | undefined;
  let y = year;
  for (const m of clause.matchAll(DATE)) {
    if (m[1]) y = Number(m[1]);
    const nextMonth = m[2] ? Number(m[2]) : month;
    if (nextMonth === undefined) continue;
    if (month !== undefined && nextMonth < month && !m[1]) y++;
    month = nextMonth;
    const iso = isoDay(y, month, Number(m[3]));
    if (iso) out.push(iso);
  }
  return out;
}

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && out.length < 31; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** The days a notice for `year` names: each festival's days off and its make-up working days. */
export function readHolidayNotice(text: string, year: number): ReadNotice {
  const days = new Map<string, NoticeDay>();
  const unread: string[] = [];
  // Parentheses hold the weekday and the lunar date: not days of the arrangement.
  const plain = text.replace(/（[^）]*）|\([^)]*\)/g, '');
  for (const item of plain.matchAll(ITEM)) {
    const name = item[1]!.trim();
    const body = item[2]!;
    let found = false;
    for (const sentence of body.split(/[。；;]/)) {
      if (/放假/.test(sentence)) {
        const dates = datesIn(sentence.split(/放假/)[0]!, year);
        const range = /至/.test(sentence) && dates.length >= 2 ? daysBetween(dates[0]!, dates[1]!) : dates;
        for (const day of range) days.set(day, { day, kind: 'holiday', name });
        found ||= range.length > 0;
      } else if (/上班/.test(sentence)) {
        for (const day of datesIn(sentence, year)) days.set(day, { day, kind: 'workday', name: `${name}调休上班` });
      }
    }
    if (!found) unread.push(name);
  }
  return { days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)), unread };
}
