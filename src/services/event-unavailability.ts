/**
 * Which of an event's slots each person cannot make: what they marked, and what the product
 * knows without asking (asleep or on a holiday where they are, booked elsewhere). The calendar
 * part depends only on a person's zone and country, so it is worked out once per pair: a
 * 5,000-person event has a few dozen pairs, and the wall-clock conversions were the cost.
 */
import type { Db } from '../db/client';
import * as sessionsRepo from '../db/sessions.repo';
import {
  type AutoUnavailableReason,
  calendarUnavailable,
  type EventSlot,
  withBookings,
} from '../domain/event';

export interface PersonInEvent {
  id: string;
  country: string;
  timeZone: string;
  /** The slots they marked themselves. */
  marked: readonly string[];
}

export interface Unavailability {
  marked: Set<string>;
  auto: Map<string, AutoUnavailableReason>;
}

/**
 * Each person's unavailable slots. Sessions in `ownSessions` (the event's own published
 * meetings) do not count as booked elsewhere.
 */
export function unavailabilityOf(
  db: Db,
  people: readonly PersonInEvent[],
  slots: EventSlot[],
  ownSessions: ReadonlySet<string>,
): Map<string, Unavailability> {
  const from = slots[0]?.start ?? 0;
  const to = slots.at(-1)?.end ?? 0;
  const busy = sessionsRepo.busyOf(
    db,
    people.map((p) => p.id),
    from,
    to,
  );
  const calendars = new Map<string, Map<string, AutoUnavailableReason>>();
  const out = new Map<string, Unavailability>();
  for (const p of people) {
    const key = `${p.timeZone}|${p.country}`;
    let calendar = calendars.get(key);
    if (!calendar) {
      calendar = calendarUnavailable(p, slots);
      calendars.set(key, calendar);
    }
    const elsewhere = (busy.get(p.id) ?? []).filter((b) => !ownSessions.has(b.sessionId));
    out.set(p.id, {
      marked: new Set(p.marked),
      auto: elsewhere.length ? withBookings(calendar, slots, elsewhere) : new Map(calendar),
    });
  }
  return out;
}

/** How many slots a person cannot make, for whatever reason (a slot counts once). */
export function unavailableCount(u: Unavailability | undefined): number {
  if (!u) return 0;
  let n = u.auto.size;
  for (const s of u.marked) if (!u.auto.has(s)) n++;
  return n;
}
