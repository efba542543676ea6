/**
 * Slot proposals: times on a 15-minute grid inside everyone's free working time, ranked by comfort
 * for everyone (well inside the day beats the edges) with fairness between them (a slot that is
 * comfortable for one side and at the edge for the other ranks below one that is fair to both).
 * When there is none, the reason, and the closest times outside working hours, marked.
 */
import { type AvailabilityPerson, freeIntervals, workingIntervals } from './availability';
import { intersect } from './intervals';
import { DAY_MS, type Interval, localClock, MINUTE_MS } from './time';

export const SLOT_GRID_MINUTES = 15;
/** How far ahead anyone may search: a year. */
export const SEARCH_HORIZON_DAYS = 365;
/** The longest range one search may cover. */
export const MAX_SEARCH_RANGE_DAYS = 31;
export const MAX_DURATION_MINUTES = 8 * 60;
/** Proposed slots do not crowd one day: at most this many per day of the first person. */
const PER_DAY = 3;
/** Margin from the edge of a working stretch after which a time counts as fully comfortable. */
const COMFORT_MARGIN_MINUTES = 90;
/** Outside working hours, suggestions stay inside these local hours for everyone. */
const AWAKE = { from: 7 * 60, to: 22 * 60 };

export interface Slot {
  start: number;
  end: number;
  score: number;
  /** Comfort per person, 0 (at the very edge) to 1 (well inside their day). */
  comfort: Record<string, number>;
}

export interface Suggestion {
  start: number;
  end: number;
  /** Who would be outside their working hours, and by how many minutes. */
  outside: Record<string, number>;
}

export type NoSlotReason = 'NO_COMMON_WORKING_HOURS' | 'HOLIDAYS' | 'ALL_BUSY' | 'TOO_SHORT';

export interface SlotResult {
  slots: Slot[];
  reason?: NoSlotReason;
  suggestions: Suggestion[];
}

export interface SlotQuery {
  people: AvailabilityPerson[];
  busy: ReadonlyMap<string, readonly Interval[]>;
  from: number;
  to: number;
  durationMinutes: number;
  limit?: number;
}

const GRID_MS = SLOT_GRID_MINUTES * MINUTE_MS;
const ceilToGrid = (ms: number) => Math.ceil(ms / GRID_MS) * GRID_MS;

/** How comfortable [start, end) is for someone whose working time is `stretches`. */
function comfortIn(stretches: readonly Interval[], start: number, end: number): number {
  const s = stretches.find((i) => i.start <= start && end <= i.end);
  if (!s) return 0;
  const margin = Math.min(start - s.start, s.end - end) / MINUTE_MS;
  return Math.min(1, margin / COMFORT_MARGIN_MINUTES);
}

/** Mean comfort minus the gap between the most and least comfortable: fair beats lopsided. */
export function slotScore(comforts: number[], dayIndex: number): number {
  const mean = comforts.reduce((a, b) => a + b, 0) / comforts.length;
  const spread = Math.max(...comforts) - Math.min(...comforts);
  // Sooner is slightly better: one day later costs what 1 % of comfort does.
  const score = 0.5 + 0.5 * mean - 0.25 * spread - 0.01 * dayIndex;
  return Math.max(0, Math.round(score * 1000) / 1000);
}

function pickSpread<T extends { start: number; end: number }>(ranked: T[], zone: string, limit: number): T[] {
  const chosen: T[] = [];
  const perDay = new Map<string, number>();
  for (const s of ranked) {
    if (chosen.length >= limit) break;
    if (chosen.some((c) => c.start < s.end && s.start < c.end)) continue;
    const day = localClock(s.start, zone).date;
    const n = perDay.get(day) ?? 0;
    if (n >= PER_DAY) continue;
    perDay.set(day, n + 1);
    chosen.push(s);
  }
  return chosen;
}

export function proposeSlots(q: SlotQuery): SlotResult {
  const limit = q.limit ?? 10;
  const duration = q.durationMinutes * MINUTE_MS;
  const working = q.people.map((p) => workingIntervals(p, q.from, q.to));
  const free = q.people.map((p) => freeIntervals(p, q.busy.get(p.id) ?? [], q.from, q.to));
  let common: Interval[] = [{ start: q.from, end: q.to }];
  for (const f of free) common = intersect(common, f);

  const candidates: Slot[] = [];
  for (const stretch of common) {
    for (let start = ceilToGrid(stretch.start); start + duration <= stretch.end; start += GRID_MS) {
      const end = start + duration;
      const comforts = working.map((w) => comfortIn(w, start, end));
      const dayIndex = Math.floor((start - q.from) / DAY_MS);
      candidates.push({
        start,
        end,
        score: slotScore(comforts, dayIndex),
        comfort: Object.fromEntries(q.people.map((p, i) => [p.id, Math.round(comforts[i]! * 100) / 100])),
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.start - b.start);
  const first = q.people[0]!;
  const slots = pickSpread(candidates, first.timeZone, limit);
  if (slots.length) return { slots, suggestions: [] };

  return { slots, reason: diagnose(q, working, common), suggestions: suggestOutside(q, working) };
}

/** Why nothing fits: no shared hours at all, holidays, bookings, or shared time too short. */
function diagnose(q: SlotQuery, working: Interval[][], commonFree: Interval[]): NoSlotReason {
  // Weekly hours alone, holidays ignored: a country-less copy of each person.
  const plain = q.people.map((p) => workingIntervals({ ...p, country: 'ZZ' }, q.from, q.to));
  let weekly: Interval[] = [{ start: q.from, end: q.to }];
  for (const w of plain) weekly = intersect(weekly, w);
  if (!weekly.length) return 'NO_COMMON_WORKING_HOURS';
  let withHolidays: Interval[] = [{ start: q.from, end: q.to }];
  for (const w of working) withHolidays = intersect(withHolidays, w);
  if (!withHolidays.length) return 'HOLIDAYS';
  if (!commonFree.length) return 'ALL_BUSY';
  return 'TOO_SHORT';
}

/** Times when everyone is awake and nobody booked, least outside working hours first. */
function suggestOutside(q: SlotQuery, working: Interval[][]): Suggestion[] {
  const duration = q.durationMinutes * MINUTE_MS;
  const out: (Suggestion & { cost: number })[] = [];
  for (let start = ceilToGrid(q.from); start + duration <= q.to; start += GRID_MS * 2) {
    const end = start + duration;
    let awake = true;
    let cost = 0;
    const outside: Record<string, number> = {};
    for (let i = 0; i < q.people.length && awake; i++) {
      const p = q.people[i]!;
      const a = localClock(start, p.timeZone).minutes;
      const b = a + q.durationMinutes;
      if (a < AWAKE.from || b > AWAKE.to) awake = false;
      if ((q.busy.get(p.id) ?? []).some((x) => x.start < end && start < x.end)) awake = false;
      const inside = intersect(working[i]!, [{ start, end }]).reduce((s, x) => s + (x.end - x.start), 0);
      const minutes = Math.round((duration - inside) / MINUTE_MS);
      if (minutes > 0) outside[p.id] = minutes;
      cost += minutes;
    }
    if (awake) out.push({ start, end, outside, cost });
  }
  out.sort((a, b) => a.cost - b.cost || a.start - b.start);
  return pickSpread(out, q.people[0]!.timeZone, 5).map(({ cost: _c, ...s }) => s);
}

export interface CoverageSlot {
  start: number;
  end: number;
  /** Share of registrants for whom the slot is inside working hours, 0–1. */
  coverage: number;
  available: string[];
  byCity: Record<string, { available: number; total: number }>;
}

/**
 * Webinar times: inside every host's free working time, ranked by the share of registrants
 * (people with a city) for whom the time is inside their own working hours.
 */
export function webinarSlots(q: {
  hosts: AvailabilityPerson[];
  busy: ReadonlyMap<string, readonly Interval[]>;
  registrants: (AvailabilityPerson & { city: string })[];
  from: number;
  to: number;
  durationMinutes: number;
  limit?: number;
}): CoverageSlot[] {
  const duration = q.durationMinutes * MINUTE_MS;
  let common: Interval[] = [{ start: q.from, end: q.to }];
  for (const h of q.hosts) common = intersect(common, freeIntervals(h, q.busy.get(h.id) ?? [], q.from, q.to));
  const working = q.registrants.map((r) => workingIntervals(r, q.from, q.to));
  const totals = new Map<string, number>();
  for (const r of q.registrants) totals.set(r.city, (totals.get(r.city) ?? 0) + 1);
  const cursors = working.map(() => 0);
  const out: CoverageSlot[] = [];
  for (const stretch of common) {
    for (let start = ceilToGrid(stretch.start); start + duration <= stretch.end; start += GRID_MS) {
      const end = start + duration;
      const available: string[] = [];
      const byCity: Record<string, { available: number; total: number }> = {};
      for (const [city, total] of totals) byCity[city] = { available: 0, total };
      for (let i = 0; i < working.length; i++) {
        // Candidates come in time order: each registrant's cursor only moves forward.
        const w = working[i]!;
        let c = cursors[i]!;
        while (c < w.length && w[c]!.end < end) c++;
        cursors[i] = c;
        const s = w[c];
        if (s && s.start <= start && end <= s.end) {
          const r = q.registrants[i]!;
          available.push(r.id);
          byCity[r.city]!.available++;
        }
      }
      const coverage = q.registrants.length
        ? Math.round((available.length / q.registrants.length) * 1000) / 1000
        : 0;
      out.push({ start, end, coverage, available, byCity });
    }
  }
  out.sort((a, b) => b.coverage - a.coverage || a.start - b.start);
  const first = q.hosts[0] ?? q.registrants[0];
  return first ? pickSpread(out, first.timeZone, q.limit ?? 10) : out.slice(0, q.limit ?? 10);
}
