/**
 * Reads the iTIP message (RFC 5546) in a calendar answer with ical.js, Mozilla's iCalendar parser:
 * the method, the event it is about (UID, SEQUENCE, DTSTAMP), the attendees with their answers,
 * and for a COUNTER the time proposed. Pure; anything it cannot read is an ItipError.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';

export interface ItipAttendee {
  email: string;
  partstat: string;
}

export interface ItipMessage {
  method: string;
  uid: string;
  sequence: number;
  /** DTSTAMP in epoch ms: when the answer was made in the client. */
  stampedAt: number | null;
  attendees: ItipAttendee[];
  /** DTSTART/DTEND (or DURATION) as instants, when they name one. */
  start: number | null;
  end: number | null;
  comment: string;
}

export class ItipError extends Error {}

/** `mailto:Wang@YTU.example` → `wang@ytu.example`. */
export function addressOf(calAddress: unknown): string {
  return String(calAddress ?? '')
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
}

/**
 * The instant of a DATE-TIME: UTC as written; under a TZID, by the VTIMEZONE the calendar carries
 * (Outlook writes Windows names such as "W. Europe Standard Time" with their rules) or else by the
 * IANA database; a floating or all-day value names no instant.
 */
function instantOf(prop: ICAL.Property | null, zones: Map<string, ICAL.Timezone>): number | null {
  if (!prop) return null;
  const value = prop.getFirstValue();
  if (!(value instanceof ICAL.Time) || value.isDate) return null;
  const tzid = prop.getParameter('tzid');
  const t = value.clone();
  if (typeof tzid === 'string' && tzid) {
    const zone = zones.get(tzid);
    if (zone) {
      t.zone = zone;
      return t.toUnixTime() * 1000;
    }
    const local = DateTime.fromObject(
      { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second },
      { zone: tzid.replace(/^\//, '') },
    );
    return local.isValid ? local.toMillis() : null;
  }
  return t.zone === ICAL.Timezone.utcTimezone ? t.toUnixTime() * 1000 : null;
}

export function parseItip(text: string): ItipMessage {
  let cal: ICAL.Component;
  try {
    cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (err) {
    throw new ItipError(`calendar does not parse: ${(err as Error).message}`);
  }
  if (cal.name !== 'vcalendar') throw new ItipError('not a VCALENDAR');
  const method = String(cal.getFirstPropertyValue('method') ?? '').toUpperCase();
  if (!method) throw new ItipError('no METHOD');
  const events = cal.getAllSubcomponents('vevent');
  if (events.length !== 1) throw new ItipError(`expected one VEVENT, found ${events.length}`);
  const ev = events[0]!;
  const uid = String(ev.getFirstPropertyValue('uid') ?? '').trim();
  if (!uid) throw new ItipError('no UID');
  const zones = new Map<string, ICAL.Timezone>();
  for (const vt of cal.getAllSubcomponents('vtimezone')) {
    const tzid = String(vt.getFirstPropertyValue('tzid') ?? '');
    if (tzid) zones.set(tzid, new ICAL.Timezone({ component: vt, tzid }));
  }
  const stampProp = ev.getFirstProperty('dtstamp');
  const start = instantOf(ev.getFirstProperty('dtstart'), zones);
  let end = instantOf(ev.getFirstProperty('dtend'), zones);
  const duration = ev.getFirstPropertyValue('duration');
  if (end === null && start !== null && duration instanceof ICAL.Duration) {
    end = start + duration.toSeconds() * 1000;
  }
  const sequence = Number(ev.getFirstPropertyValue('sequence') ?? 0);
  return {
    method,
    uid,
    sequence: Number.isInteger(sequence) ? sequence : 0,
    stampedAt: instantOf(stampProp, zones),
    attendees: ev.getAllProperties('attendee').map((p) => ({
      email: addressOf(p.getFirstValue()),
      partstat: String(p.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase(),
    })),
    start,
    end,
    comment: String(ev.getFirstPropertyValue('comment') ?? '').slice(0, 2000),
  };
}
