/**
 * A matchmaking event's rules as plain data: its settings (days, daily windows in a reference
 * zone, slot length, break, room limit), the slots they make, the slots each person cannot make
 * on their own (asleep, on a public holiday), and the agenda a person reads with its gaps.
 * Wall-clock arithmetic goes through `time.ts`.
 */
import { DomainError, type FieldProblem, throwIfProblems } from './errors';
import { dayKind } from './holidays';
import type { Instance } from './scheduler';
import {
  addDays,
  canonicalTimeZone,
  FIRST_DAY,
  formatClockMinutes,
  instantOf,
  isPlannableDate,
  isValidTimeZone,
  LAST_DAY,
  localClock,
  MINUTE_MS,
  parseClockMinutes,
} from './time';

export const EVENT_LIMITS = {
  name: 200,
  description: 4000,
  days: 14,
  windowsPerDay: 4,
  slotsTotal: 400,
  slotMinutes: [10, 120] as const,
  breakMinutes: 60,
  parallelLimit: 10_000,
};

/** Someone is asked to meet only between these local hours, whatever window an organizer opens. */
export const AWAKE_FROM_MINUTES = 7 * 60;
export const AWAKE_UNTIL_MINUTES = 22 * 60;
/** A must-meet outweighs any number of ordinary requests of one person. */
export const MUST_MEET_WEIGHT = 1000;

export interface EventWindow {
  start: string;
  end: string;
}

export interface EventSettings {
  name: string;
  description: string;
  timeZone: string;
  days: string[];
  windows: EventWindow[];
  slotMinutes: number;
  breakMinutes: number;
  parallelLimit: number | null;
  joinPolicy: 'open' | 'invited';
  /**
   * Accepted requests whose two people already share a meeting (booked, or met): skipped by the
   * scheduler ('skip', the default), or placed again ('include').
   */
  bookedPairs?: 'skip' | 'include';
}

export interface EventSlot {
  /** Stable: the reference zone's local date and time, "2027-05-11T09:00". */
  id: string;
  start: number;
  end: number;
  day: string;
  window: number;
}

function problem(field: string, code: FieldProblem['code'], message: string): FieldProblem {
  return { field, code, message };
}

/** Checks and normalises an event's settings; throws with every problem listed. */
export function validateEventSettings(input: EventSettings): EventSettings {
  const problems: FieldProblem[] = [];
  const name = input.name.trim();
  if (!name || name.length > EVENT_LIMITS.name)
    problems.push(problem('name', 'INVALID_NAME', `A name of 1 to ${EVENT_LIMITS.name} characters.`));
  if (input.description.length > EVENT_LIMITS.description)
    problems.push(problem('description', 'INVALID_EVENT', 'The description is too long.'));
  if (!isValidTimeZone(input.timeZone))
    problems.push(problem('timeZone', 'INVALID_TIME_ZONE', `"${input.timeZone}" is not an IANA time zone.`));
  const days = [...new Set(input.days)].sort();
  if (days.length === 0 || days.length > EVENT_LIMITS.days)
    problems.push(problem('days', 'INVALID_EVENT_DAYS', `From 1 to ${EVENT_LIMITS.days} days.`));
  for (const d of days)
    if (!isPlannableDate(d))
      problems.push(
        problem(
          'days',
          'INVALID_EVENT_DAYS',
          `"${d}" is not a calendar date from ${FIRST_DAY} to ${LAST_DAY}.`,
        ),
      );
  const windows = [...input.windows].sort((a, b) => a.start.localeCompare(b.start));
  if (windows.length === 0 || windows.length > EVENT_LIMITS.windowsPerDay)
    problems.push(
      problem('windows', 'INVALID_EVENT_WINDOWS', `From 1 to ${EVENT_LIMITS.windowsPerDay} windows a day.`),
    );
  let previousEnd = -1;
  for (const w of windows) {
    const s = parseClockMinutes(w.start);
    const e = parseClockMinutes(w.end, true);
    if (s === null || e === null || e <= s) {
      const malformed = !/^\d\d:\d\d$/.test(w.start) || !/^\d\d:\d\d$/.test(w.end);
      problems.push(
        problem(
          'windows',
          'INVALID_EVENT_WINDOWS',
          malformed
            ? `${w.start}–${w.end}: write each window as HH:mm–HH:mm, e.g. 09:00–11:00.`
            : `${w.start}–${w.end} is not a window of one day.`,
        ),
      );
      continue;
    }
    if (s < previousEnd)
      problems.push(
        problem('windows', 'INVALID_EVENT_WINDOWS', `${w.start}–${w.end} overlaps the window before it.`),
      );
    previousEnd = e;
  }
  const [minSlot, maxSlot] = EVENT_LIMITS.slotMinutes;
  if (
    !Number.isInteger(input.slotMinutes) ||
    input.slotMinutes < minSlot ||
    input.slotMinutes > maxSlot ||
    input.slotMinutes % 5
  )
    problems.push(
      problem('slotMinutes', 'INVALID_SLOT_LENGTH', `A multiple of 5 from ${minSlot} to ${maxSlot} minutes.`),
    );
  if (
    !Number.isInteger(input.breakMinutes) ||
    input.breakMinutes < 0 ||
    input.breakMinutes > EVENT_LIMITS.breakMinutes
  )
    problems.push(
      problem('breakMinutes', 'INVALID_SLOT_LENGTH', `A break of 0 to ${EVENT_LIMITS.breakMinutes} minutes.`),
    );
  if (
    input.parallelLimit !== null &&
    (!Number.isInteger(input.parallelLimit) ||
      input.parallelLimit < 1 ||
      input.parallelLimit > EVENT_LIMITS.parallelLimit)
  )
    problems.push(
      problem(
        'parallelLimit',
        'INVALID_PARALLEL_LIMIT',
        'A whole number of rooms, at least 1, or none for no limit.',
      ),
    );
  if (input.joinPolicy !== 'open' && input.joinPolicy !== 'invited')
    problems.push(problem('joinPolicy', 'INVALID_EVENT', 'joinPolicy is open or invited.'));
  if (input.bookedPairs !== undefined && input.bookedPairs !== 'skip' && input.bookedPairs !== 'include')
    problems.push(problem('bookedPairs', 'INVALID_EVENT', 'bookedPairs is skip or include.'));
  throwIfProblems(problems);
  const settings = { ...input, name, days, windows, timeZone: canonicalTimeZone(input.timeZone) };
  const count = eventSlots(settings).length;
  if (count === 0)
    throw new DomainError('INVALID_EVENT_WINDOWS', 'No slot fits in these windows.', [
      problem('windows', 'INVALID_EVENT_WINDOWS', 'No slot fits in these windows.'),
    ]);
  if (count > EVENT_LIMITS.slotsTotal) {
    const message = `These settings make ${count} slots; an event has at most ${EVENT_LIMITS.slotsTotal}.`;
    throw new DomainError('INVALID_EVENT_WINDOWS', message, [
      problem('windows', 'INVALID_EVENT_WINDOWS', message),
    ]);
  }
  return settings;
}

/**
 * The slots of an event: in every window of every day, one slot after another with the break
 * between them, as long as a whole slot fits. Each window's times are read in the reference zone
 * on that date, so a window stays 09:00 in Rome across Europe's clock change.
 *
 * On a clock-change night the slots follow the wall clock and never overlap:
 * - spring forward: a start time the clocks skip (02:00–02:59 in New York on 2027-03-14) makes no
 *   slot; otherwise it would be the same instant as the slot an hour later and one person could
 *   be booked twice at once. A slot that would start before the previous one ends, or end after
 *   the window does (possible when a slot runs across the gap), is dropped too.
 * - fall back: a repeated hour (02:00–02:59 in Brussels on 2026-10-25) has its slots once, at its
 *   first occurrence; its second pass makes no slots and is a pause of one hour before the next
 *   slot (03:00). Slot ids are wall-clock times and stay unique.
 */
export function eventSlots(
  e: Pick<EventSettings, 'timeZone' | 'days' | 'windows' | 'slotMinutes' | 'breakMinutes'>,
): EventSlot[] {
  const slots: EventSlot[] = [];
  // Days outside the plannable years (stored before they were refused) make nothing.
  for (const day of e.days.filter(isPlannableDate)) {
    e.windows.forEach((w, window) => {
      const from = parseClockMinutes(w.start);
      const until = parseClockMinutes(w.end, true);
      if (from === null || until === null) return;
      // A slot running across a spring gap could end after the window does by the clock.
      const windowEnd =
        until === 24 * 60 ? instantOf(addDays(day, 1), 0, e.timeZone) : instantOf(day, until, e.timeZone);
      let previousEnd = Number.NEGATIVE_INFINITY;
      for (let t = from; t + e.slotMinutes <= until; t += e.slotMinutes + e.breakMinutes) {
        const start = instantOf(day, t, e.timeZone);
        const read = localClock(start, e.timeZone);
        if (read.date !== day || read.minutes !== t) continue; // skipped by the clocks
        if (start < previousEnd || start + e.slotMinutes * MINUTE_MS > windowEnd) continue;
        previousEnd = start + e.slotMinutes * MINUTE_MS;
        slots.push({
          id: `${day}T${formatClockMinutes(t)}`,
          start,
          end: start + e.slotMinutes * MINUTE_MS,
          day,
          window,
        });
      }
    });
  }
  return slots.sort((a, b) => a.start - b.start);
}

/** A window of one day as the clocks of a zone read it. */
export interface LocalWindow {
  day: string;
  window: number;
  start: number;
  end: number;
  local: { zone: string; date: string; start: string; end: string }[];
}

/** Each window of each day in the reference zone and in every given zone: what the event page shows. */
export function windowsInZones(
  e: Pick<EventSettings, 'timeZone' | 'days' | 'windows'>,
  zones: string[],
): LocalWindow[] {
  const all = [e.timeZone, ...zones.filter((z) => z !== e.timeZone)];
  const out: LocalWindow[] = [];
  for (const day of e.days.filter(isPlannableDate)) {
    e.windows.forEach((w, window) => {
      const s = parseClockMinutes(w.start);
      const en = parseClockMinutes(w.end, true);
      if (s === null || en === null) return;
      const start = instantOf(day, s, e.timeZone);
      const end = en === 24 * 60 ? instantOf(addDays(day, 1), 0, e.timeZone) : instantOf(day, en, e.timeZone);
      out.push({
        day,
        window,
        start,
        end,
        local: all.map((zone) => {
          const a = localClock(start, zone);
          const b = localClock(end, zone);
          return {
            zone,
            date: a.date,
            start: formatClockMinutes(a.minutes),
            end: formatClockMinutes(b.minutes),
          };
        }),
      });
    });
  }
  return out;
}

export type AutoUnavailableReason = 'ASLEEP' | 'HOLIDAY' | 'BOOKED';

/**
 * The slots a person cannot make without saying so: outside 07:00–22:00 where they are, on a
 * public holiday of their country, or while they are booked elsewhere.
 */
export function autoUnavailable(
  person: { country: string; timeZone: string },
  slots: EventSlot[],
  busy: { start: number; end: number }[],
): Map<string, AutoUnavailableReason> {
  return withBookings(calendarUnavailable(person, slots), slots, busy);
}

/**
 * The slots ruled out by where someone is alone (asleep, or a public holiday): the same for
 * everyone of one zone and country, so a caller with many people works it out once per pair.
 * This is the costly part (two wall-clock conversions a slot).
 */
export function calendarUnavailable(
  person: { country: string; timeZone: string },
  slots: EventSlot[],
): Map<string, AutoUnavailableReason> {
  const out = new Map<string, AutoUnavailableReason>();
  for (const s of slots) {
    const a = localClock(s.start, person.timeZone);
    const b = localClock(s.end - 1, person.timeZone);
    if (a.date !== b.date || a.minutes < AWAKE_FROM_MINUTES || b.minutes >= AWAKE_UNTIL_MINUTES)
      out.set(s.id, 'ASLEEP');
    else if (dayKind(person.country, a.date).holiday) out.set(s.id, 'HOLIDAY');
  }
  return out;
}

/** The calendar's reasons plus BOOKED for the other slots that overlap a booking (a new map). */
export function withBookings(
  calendar: ReadonlyMap<string, AutoUnavailableReason>,
  slots: EventSlot[],
  busy: { start: number; end: number }[],
): Map<string, AutoUnavailableReason> {
  const out = new Map<string, AutoUnavailableReason>();
  for (const s of slots) {
    const reason = calendar.get(s.id);
    if (reason) out.set(s.id, reason);
    else if (busy.some((x) => x.start < s.end && s.start < x.end)) out.set(s.id, 'BOOKED');
  }
  return out;
}

export interface EventMeetingInput {
  id: string;
  participants: string[];
  weight: number;
  mustMeet: boolean;
  lockedSlot: string | null;
}

/**
 * The scheduler's instance for an event.
 *
 * The scheduler calls two slots adjacent when one ends where the next starts, and a person's
 * meetings in slots that are not adjacent a break. An event's slots within a window are apart by
 * its changeover break (five minutes, say), so each slot here runs on to the start of the next
 * one of its window: meetings back to back with the planned changeover are not a break, and the
 * search closes the real gaps. Across windows and days, and where the clocks skipped a slot, the
 * slots stay apart.
 */
export function eventInstance(
  slots: EventSlot[],
  people: { id: string; unavailable: Iterable<string> }[],
  meetings: EventMeetingInput[],
  parallelLimit: number | null,
  breakMinutes: number,
): Instance {
  return {
    slots: slots.map((s, i) => {
      const next = slots[i + 1];
      const joined =
        next !== undefined &&
        next.day === s.day &&
        next.window === s.window &&
        next.start >= s.end &&
        next.start - s.end <= breakMinutes * MINUTE_MS;
      return {
        id: s.id,
        start: new Date(s.start).toISOString(),
        end: new Date(joined ? next.start : s.end).toISOString(),
      };
    }),
    participants: people.map((p) => ({ id: p.id, unavailable: [...p.unavailable] })),
    meetings: meetings.map((m) => ({
      id: m.id,
      participants: m.participants,
      weight: m.mustMeet ? MUST_MEET_WEIGHT * Math.max(1, m.weight) : m.weight,
      ...(m.lockedSlot ? { lockedSlot: m.lockedSlot } : {}),
    })),
    ...(parallelLimit === null ? {} : { parallelLimit }),
  };
}

export interface AgendaEntry<T> {
  start: number;
  end: number;
  item: T;
  /** Minutes free before this entry since the previous one ended the same local day; null: first of the day. */
  gapBefore: number | null;
}

/** A person's entries in time order with the free time between them, by their own calendar day. */
export function agenda<T>(
  entries: { start: number; end: number; item: T }[],
  zone: string,
): AgendaEntry<T>[] {
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  return sorted.map((e, i) => {
    const prev = sorted[i - 1];
    const sameDay = prev && localClock(prev.end, zone).date === localClock(e.start, zone).date;
    return { ...e, gapBefore: prev && sameDay ? Math.round((e.start - prev.end) / MINUTE_MS) : null };
  });
}
