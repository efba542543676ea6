/**
 * Every start time on offer: each 15-minute mark from which a meeting of the chosen length fits
 * inside everyone's free working time, grouped by the reader's calendar day, in date order. The
 * list and the time axis are both drawn from this, so they cover the same days.
 */
import { isoDateIn } from '../zoned';

const GRID_MS = 15 * 60_000;

export interface Interval {
  start: number;
  end: number;
}

/** Where everyone's intervals meet. */
export function intersectAll(people: { free: { start: string; end: string }[] }[]): Interval[] {
  let common: Interval[] | null = null;
  for (const p of people) {
    const mine = p.free.map((f) => ({ start: Date.parse(f.start), end: Date.parse(f.end) }));
    if (common === null) {
      common = mine;
      continue;
    }
    const next: Interval[] = [];
    for (const a of common)
      for (const b of mine) {
        const start = Math.max(a.start, b.start);
        const end = Math.min(a.end, b.end);
        if (start < end) next.push({ start, end });
      }
    common = next;
  }
  return (common ?? []).sort((a, b) => a.start - b.start);
}

/** The start times, as instants, by local date of the zone; days in date order. */
export function startsByDay(
  overlap: Interval[],
  durationMinutes: number,
  zone: string,
  notBefore: number,
): [string, number[]][] {
  const duration = durationMinutes * 60_000;
  const days = new Map<string, number[]>();
  for (const i of overlap) {
    for (
      let s = Math.ceil(Math.max(i.start, notBefore) / GRID_MS) * GRID_MS;
      s + duration <= i.end;
      s += GRID_MS
    ) {
      const day = isoDateIn(s, zone);
      const list = days.get(day) ?? [];
      list.push(s);
      days.set(day, list);
    }
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b));
}

/** The start of a day's list nearest to an instant (a click on the chart). */
export function nearestStart(starts: number[], at: number): number | undefined {
  let best: number | undefined;
  for (const s of starts) if (best === undefined || Math.abs(s - at) < Math.abs(best - at)) best = s;
  return best;
}
