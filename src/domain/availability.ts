/**
 * When a person works, as concrete UTC intervals: their weekly hours in their own zone, on the
 * real calendar (DST), without their country's public holidays, with China's declared working
 * weekends, and minus what is already booked.
 */
import { dayKind } from './holidays';
import { intersect, normalise, subtract } from './intervals';
import type { WeeklyWindow } from './profile';
import { addDays, DAY_MS, dailyWindowsToUtc, type Interval, localDate } from './time';

export interface AvailabilityPerson {
  id: string;
  timeZone: string;
  country: string;
  workingHours: readonly WeeklyWindow[];
}

/** The weekday whose hours a declared working weekend day follows: the first with any hours. */
function substituteWeekday(hours: readonly WeeklyWindow[]): number {
  for (let d = 1; d <= 5; d++) if (hours.some((w) => w.day === d)) return d;
  return 1;
}

/** Working time in [from, to), holidays taken out. */
export function workingIntervals(p: AvailabilityPerson, from: number, to: number): Interval[] {
  if (to <= from) return [];
  // A day either side in local dates: a zone far from UTC has its date start the day before.
  const firstDate = addDays(localDate(from, p.timeZone), -1);
  const lastDate = addDays(localDate(to, p.timeZone), 1);
  const substitute = substituteWeekday(p.workingHours);
  const raw = dailyWindowsToUtc(
    (date, weekday) => {
      const kind = dayKind(p.country, date);
      if (kind.holiday) return [];
      const day = kind.workingWeekend ? substitute : weekday;
      return p.workingHours.filter((w) => w.day === day);
    },
    p.timeZone,
    firstDate,
    lastDate,
  );
  return intersect(raw, [{ start: from, end: to }]);
}

/** Working time without the already booked intervals. */
export function freeIntervals(
  p: AvailabilityPerson,
  busy: readonly Interval[],
  from: number,
  to: number,
): Interval[] {
  return subtract(workingIntervals(p, from, to), normalise(busy));
}

/** Whether [start, end) lies inside one stretch of the person's working time. */
export function insideWorkingHours(p: AvailabilityPerson, start: number, end: number): boolean {
  const around = workingIntervals(p, start - DAY_MS, end + DAY_MS);
  return around.some((i) => i.start <= start && end <= i.end);
}
