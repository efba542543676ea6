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
  const name = publicHolidays(country, year).get(date);
  return name ? { holiday: true, workingWeekend: false, name } : { holiday: false, workingWeekend: false };
}
