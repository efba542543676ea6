/**
 * The one module that does wall-clock arithmetic. Everything else passes UTC instants (epoch
 * milliseconds) and names zones explicitly; nothing here reads the clock or the process's TZ.
 */
import { DateTime, IANAZone } from 'luxon';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const zoneCache = new Map<string, boolean>();

/** True for IANA zone names that this runtime knows ("Europe/Rome"); false for offsets and junk. */
export function isValidTimeZone(zone: string): boolean {
  const known = zoneCache.get(zone);
  if (known !== undefined) return known;
  // Offsets like "+02:00" or "UTC+8" are not places: they do not follow a city's DST rules.
  const valid = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone) && zone.includes('/') && IANAZone.isValidZone(zone);
  const result = valid || zone === 'UTC';
  zoneCache.set(zone, result);
  return result;
}

/**
 * A valid zone in the spelling of the zone database ("europe/rome" → "Europe/Rome"), so that one
 * zone is stored, shown and compared one way whatever its case on input.
 */
export function canonicalTimeZone(zone: string): string {
  if (!isValidTimeZone(zone)) return zone;
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/** "09:30" → 570; "24:00" → 1440 when allowed; null when not a wall-clock time. */
export function parseClockMinutes(text: string, allowEndOfDay = false): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 24 * 60 || (minutes === 24 * 60 && !allowEndOfDay)) return null;
  return minutes;
}

export function formatClockMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * The calendar the product works in: days from 2000-01-01 to 2099-12-31 and instants from
 * 2000-01-01T00:00Z up to (not including) 2100-01-01T00:00Z. Nobody plans a twinning meeting
 * outside it, and far beyond it date arithmetic breaks (year 9999 plus a day is not a valid
 * Date; years 0–99 are read by Date.UTC as 1900–1999).
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2099-12-31';
export const FIRST_INSTANT = Date.UTC(2000, 0, 1);
export const END_INSTANT = Date.UTC(2100, 0, 1);

/**
 * An ISO 8601 instant with an explicit offset or Z → epoch ms; null when missing, impossible or
 * outside the years 2000–2099 (UTC).
 */
export function parseInstant(text: string): number | null {
  // A bare local time would be read in the server's zone: refuse it rather than guess.
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return null;
  const dt = DateTime.fromISO(text, { setZone: true });
  if (!dt.isValid) return null;
  const ms = dt.toMillis();
  return ms >= FIRST_INSTANT && ms < END_INSTANT ? ms : null;
}

/** UTC ISO string ("2020-05-12T08:00:00.000Z"), the form the server writes instants in. */
export function toUtcIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The wall-clock time of an instant in a zone, with its offset: "2020-05-12T10:00:00+02:00". */
export function toLocalIso(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true }) ?? '';
}

/** Calendar date ("2020-05-12") of an instant in a zone. */
export function localDate(ms: number, zone: string): string {
  return localClock(ms, zone).date;
}

/**
 * Minutes after local midnight and ISO weekday of an instant in a zone. Plain arithmetic on the
 * cached offset: this runs for every slot and every explained match.
 */
export function localClock(ms: number, zone: string): { date: string; weekday: number; minutes: number } {
  const local = ms + offsetMinutes(ms, zone) * MINUTE_MS;
  const dayNumber = Math.floor(local / DAY_MS);
  const js = (((dayNumber + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return {
    date: dateOfDayNumber(dayNumber),
    weekday: js === 0 ? 7 : js,
    minutes: Math.floor((local - dayNumber * DAY_MS) / MINUTE_MS),
  };
}

const dateCache = new Map<number, string>();
/** "2020-05-12" for a count of days since 1970-01-01, remembered: few distinct days are asked. */
function dateOfDayNumber(day: number): string {
  let d = dateCache.get(day);
  if (d === undefined) {
    if (dateCache.size > 100_000) dateCache.clear();
    d = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateCache.set(day, d);
  }
  return d;
}

const QUARTER_MS = 15 * MINUTE_MS;
const offsetCache = new Map<string, Map<number, number>>();

/**
 * Offset from UTC in minutes of a zone at an instant (Rome in summer: 120). Zones change their
 * offset only at whole quarter hours of UTC (every rule in use since the early 20th century), so
 * the offset is asked of luxon once per zone and quarter hour and then remembered.
 */
export function offsetMinutes(ms: number, zone: string): number {
  let byQuarter = offsetCache.get(zone);
  if (!byQuarter) {
    byQuarter = new Map();
    offsetCache.set(zone, byQuarter);
  }
  const quarter = Math.floor(ms / QUARTER_MS);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    if (byQuarter.size > 200_000) byQuarter.clear();
    offset = DateTime.fromMillis(quarter * QUARTER_MS, { zone }).offset;
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/**
 * The instant at which a local wall-clock time happens in a zone.
 *
 * Change nights are resolved by one rule, the one RFC 5545 uses: a time that occurs twice (the
 * autumn hour) means its earlier occurrence; a time that does not exist (the spring gap) means the
 * instant it would be had the clocks not yet moved, which lands after the gap (02:30 → 03:30).
 */
export function instantOf(date: string, minutes: number, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const midnightUtcGuess = Date.UTC(y, mo - 1, d) + minutes * MINUTE_MS;
  // Try the offsets in force a day before and a day after; the earlier valid reading wins.
  const before = offsetMinutes(midnightUtcGuess - DAY_MS, zone);
  const after = offsetMinutes(midnightUtcGuess + DAY_MS, zone);
  const candidates = [...new Set([before, after])]
    .map((off) => midnightUtcGuess - off * MINUTE_MS)
    .filter((ms) => {
      const c = localClock(ms, zone);
      return c.date === date && c.minutes === minutes;
    })
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];
  // In the gap: read it with the offset before the change.
  return midnightUtcGuess - before * MINUTE_MS;
}

/** Adds whole days to an ISO date ("2020-03-28" + 1 → "2020-03-29"), zone-free. */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday (1 Monday … 7 Sunday) of an ISO date. */
export function weekdayOf(date: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const js = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return js === 0 ? 7 : js;
}

/** True when the text is a real calendar date in ISO form ("2021-02-29" is not). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/** True for a real ISO calendar date from FIRST_DAY to LAST_DAY, the days anything can be planned on. */
export function isPlannableDate(text: string): boolean {
  return isIsoDate(text) && text >= FIRST_DAY && text <= LAST_DAY;
}

/** A half-open interval [start, end) of epoch ms. */
export interface Interval {
  start: number;
  end: number;
}

export interface DayWindow {
  startMinute: number;
  endMinute: number;
}

/**
 * Daily windows (minutes after local midnight, in `zone`) made concrete as UTC intervals for
 * every local date from `fromDate` to `toDate` inclusive, DST-correct: each window is placed by
 * its own date's offset. `windowsOf` says which windows a date has (its weekday's, none on a
 * holiday). Touching intervals are merged (22:00–24:00 and 00:00–02:00 the next day are one
 * stretch of work).
 */
export function dailyWindowsToUtc(
  windowsOf: (date: string, weekday: number) => readonly DayWindow[],
  zone: string,
  fromDate: string,
  toDate: string,
): Interval[] {
  const out: Interval[] = [];
  for (let date = fromDate; date <= toDate; date = addDays(date, 1)) {
    for (const w of windowsOf(date, weekdayOf(date))) {
      const start = instantOf(date, w.startMinute, zone);
      const end =
        w.endMinute === 24 * 60 ? instantOf(addDays(date, 1), 0, zone) : instantOf(date, w.endMinute, zone);
      if (end > start) out.push({ start, end });
    }
  }
  out.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const i of out) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/** Weekly windows (ISO weekday and minutes, in `zone`) as UTC intervals; see dailyWindowsToUtc. */
export function weeklyWindowsToUtc(
  windows: readonly { day: number; startMinute: number; endMinute: number }[],
  zone: string,
  fromDate: string,
  toDate: string,
): Interval[] {
  return dailyWindowsToUtc((_, weekday) => windows.filter((w) => w.day === weekday), zone, fromDate, toDate);
}

/** The Monday (ISO date) of the week that holds `ms` in `zone`. */
export function mondayOf(ms: number, zone: string): string {
  const { date, weekday } = localClock(ms, zone);
  return addDays(date, 1 - weekday);
}
