/**
 * Public holidays per country, and China's adjusted working weekends.
 *
 * - China: `chinese-days` carries the State Council's yearly schedule (holidays and the weekend
 *   days declared working days) for 2004 through its last published year, CN_SCHEDULE_LAST_YEAR.
 *   After that, the statutory holidays computed by `date-holidays` (lunar dates included) are used
 *   and no weekend is a working day, since those are only known once announced.
 * - Every other country: the national public holidays of `date-holidays` (regional ones are not
 *   counted: a Rome officer works on Milan's patron saint's day). Half-day and observance
 *   entries do not count.
 */
import chineseDays from 'chinese-days';
import Holidays from 'date-holidays';
import { CHINA_LUNAR_DATES } from './china-lunar-dates';
import { addDays, localDate } from './time';

const CN_SCHEDULE_FIRST_YEAR = 2004;
/** The last year the installed schedule covers: every covered year lists New Year's Day. */
export const CN_SCHEDULE_LAST_YEAR = (() => {
  let year = CN_SCHEDULE_FIRST_YEAR;
  while (chineseDays.getDayDetail(`${year + 1}-01-01`).name.includes(',')) year++;
  return year;
})();

export interface DayKind {
  /** A public holiday: nobody of that country works. */
  holiday: boolean;
  /** A weekend day declared a working day (China). */
  workingWeekend: boolean;
  name?: string;
}

const byCountryYear = new Map<string, Map<string, string>>();

function publicHolidays(country: string, year: number): Map<string, string> {
  const key = `${country}:${year}`;
  let days = byCountryYear.get(key);
  if (!days) {
    days = new Map();
    try {
      const hd = new Holidays(country);
      for (const h of hd.getHolidays(year) || []) {
        if (h.type === 'public' && h.date.endsWith('00:00:00')) days.set(h.date.slice(0, 10), h.name);
      }
    } catch {
      // A country the library does not know has no holidays here.
    }
    byCountryYear.set(key, days);
  }
  return days;
}

/**
 * China's statutory days off under the rules in force since 2025, for years the published
 * arrangement does not cover yet: New Year's Day; the Spring Festival's eve and first three days;
 * Qingming (its solar term); 1–2 May; Dragon Boat (5th of the 5th lunar month); Mid-Autumn (15th
 * of the 8th); 1–3 October; and, as the law requires, one weekday off after a festival for each of
 * its days that falls on a weekend. Without the State Council's moved weekends, which nobody can
 * know in advance. The lunar dates come from a table generated with `chinese-days` in China's zone (that
 * library reads the process's own zone, and gives other dates elsewhere). (`date-holidays` lists three Spring Festival days and one for Labour Day, and counts
 * days off for only women, youth, children or the army as public ones, so it is not used here.)
 */
const chinaByYear = new Map<number, Map<string, string>>();
function chinaStatutoryHolidays(year: number): Map<string, string> {
  let days = chinaByYear.get(year);
  if (days) return days;
  days = new Map();
  // Past the committed table (2100): the lunar dates date-holidays computes, whose first Spring
  // Festival day is the eve. (It is right for most years, not all: 2033's Mid-Autumn, for one.)
  const fromLibrary = (re: RegExp) => [...publicHolidays('CN', year)].find(([, n]) => re.test(n))?.[0];
  const [newYear, qingming, dragonBoat, midAutumn] = CHINA_LUNAR_DATES[year] ?? [
    addDays(fromLibrary(/春节/) ?? `${year}-01-31`, 1),
    fromLibrary(/清明/),
    fromLibrary(/端午/),
    fromLibrary(/中秋/),
  ];
  const festivals: [string | undefined, number, string][] = [
    [`${year}-01-01`, 1, '元旦'],
    [addDays(newYear, -1), 4, '春节'],
    [qingming, 1, '清明节'],
    [`${year}-05-01`, 2, '劳动节'],
    [dragonBoat, 1, '端午节'],
    [midAutumn, 1, '中秋节'],
    [`${year}-10-01`, 3, '国庆节'],
  ];
  const ordered = festivals
    .filter((f): f is [string, number, string] => f[0] !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [first, length, name] of ordered) {
    // A day off for everyone that falls on a Saturday or Sunday is made up on the next working
    // days (全国年节及纪念日放假办法, art. 6): 2027's Spring Festival Saturday and Sunday make
    // 9 and 10 February days off, its National Day weekend 4 and 5 October.
    let owed = 0;
    let last = first;
    for (let i = 0; i < length; i++) {
      last = addDays(first, i);
      if (days.has(last)) continue;
      days.set(last, name);
      if (isWeekend(last)) owed++;
    }
    for (let date = addDays(last, 1); owed > 0; date = addDays(date, 1)) {
      if (isWeekend(date) || days.has(date)) continue;
      days.set(date, name);
      owed--;
    }
  }
  chinaByYear.set(year, days);
  return days;
}

function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** What a local date ("2020-10-01") is in a country. */
export function dayKind(country: string, date: string): DayKind {
  const year = Number(date.slice(0, 4));
  if (country === 'CN' && year >= CN_SCHEDULE_FIRST_YEAR && year <= CN_SCHEDULE_LAST_YEAR) {
    const d = chineseDays.getDayDetail(date);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const named = d.name.includes(',');
    return {
      holiday: !d.work && named,
      workingWeekend: d.work && weekend,
      ...(named ? { name: d.name.split(',')[1] ?? d.name } : {}),
    };
  }
  const name = (country === 'CN' ? chinaStatutoryHolidays(year) : publicHolidays(country, year)).get(date);
  return name ? { holiday: true, workingWeekend: false, name } : { holiday: false, workingWeekend: false };
}

/** The public holidays (by local date) a person in `zone` and `country` has within [from, to). */
export function holidaysBetween(
  country: string,
  zone: string,
  from: number,
  to: number,
): { date: string; name: string }[] {
  const out: { date: string; name: string }[] = [];
  const last = localDate(to - 1, zone);
  for (let date = localDate(from, zone); date <= last; date = addDays(date, 1)) {
    const kind = dayKind(country, date);
    if (kind.holiday) out.push({ date, name: kind.name ?? '' });
  }
  return out;
}
