/**
 * A wall-clock date and time in a named zone → the instant, with the browser's Intl data only.
 * The offset is read at a first guess and again at the result, which settles across a DST change;
 * a time that does not exist (the hour skipped in spring) moves forward, as calendars do.
 */
const fmts = new Map<string, Intl.DateTimeFormat>();

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock of an instant in a zone, as numbers (one cached formatter per zone). */
export function wallClock(ms: number, zone: string): WallClock {
  let fmt = fmts.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    fmts.set(zone, fmt);
  }
  const p = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** "2027-05-11" from a wall clock. */
export function isoDateOf(c: WallClock): string {
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

/** "2027-05-11": the local date of an instant in a zone. */
export const isoDateIn = (ms: number, zone: string): string => isoDateOf(wallClock(ms, zone));

function offsetAt(ms: number, zone: string): number {
  const c = wallClock(ms, zone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** "2027-03-28" + "02:30" in "Europe/Rome" → epoch ms; null for text that is not a date or time. */
export function zonedInstant(date: string, time: string, zone: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const c = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !c) return null;
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], c[1], c[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da || h > 23 || mi > 59) return null;
  const first = wall - offsetAt(wall, zone);
  const second = wall - offsetAt(first, zone);
  // In a spring gap the two guesses straddle the change: take the later, which is after the gap.
  return Math.max(first, second);
}
