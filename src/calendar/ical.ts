/**
 * iCalendar text for invites and feeds, pure. The rules calendar clients hold us to:
 * - one VEVENT whose UID never changes for a session, SEQUENCE = the session's sequence, and a
 *   DTSTAMP we set (ical-generator would otherwise make a random UID, SEQUENCE 0 and "now");
 * - instants written in UTC from epoch milliseconds: a JavaScript Date together with a
 *   `timezone` makes ical-generator write the server's own clock time under that zone;
 * - METHOD:REQUEST for a new or changed session, METHOD:CANCEL with STATUS:CANCELLED for a
 *   cancelled one, and the mail's `method=` must be the same (the transport uses this value);
 * - a feed is METHOD:PUBLISH, with cancelled sessions kept and marked, so that subscribers drop them;
 *   RFC 5546 allows no ATTENDEE in a PUBLISH, so the people and their answers are in its DESCRIPTION;
 * - ORGANIZER is the recipient's own reply address (src/services/reply-addresses.ts): that is where
 *   their calendar client mails Accept / Decline (a REPLY) or another time (a COUNTER).
 * test/calendar/libical.test.ts runs every object made here through libical's RFC 5546 check.
 */
import ical, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  type ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { withoutControlCharacters } from '../domain/text';

export interface CalendarPerson {
  name: string;
  email: string;
  role: 'host' | 'attendee';
  partstat: 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';
}

export interface CalendarSession {
  uid: string;
  title: string;
  description: string;
  startAt: number;
  endAt: number;
  status: 'confirmed' | 'cancelled';
  sequence: number;
  updatedAt: number;
  lobbyUrl: string;
  people: CalendarPerson[];
  /** The name clients show as the organizer, and the address their answers go to. */
  organizer: { name: string; email: string };
}

export type InviteMethod = 'REQUEST' | 'CANCEL';

/**
 * A name inside a quoted parameter (CN="…"). RFC 5545 has no escape there: ical-generator writes
 * `\"`, which clients read as the closing quote, so a name with `";` could rewrite the address
 * after it. Quotes become apostrophes and control characters spaces.
 */
function paramText(name: string): string {
  return withoutControlCharacters(name).replace(/"/g, "'");
}

/** A TEXT value that ical-generator writes as given (the calendar's name): escaped per RFC 5545. */
function escapedText(text: string): string {
  return withoutControlCharacters(text).replace(/[\\;,]/g, (c) => `\\${c}`);
}

const PARTSTAT: Record<CalendarPerson['partstat'], ICalAttendeeStatus> = {
  'NEEDS-ACTION': ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  DECLINED: ICalAttendeeStatus.DECLINED,
  TENTATIVE: ICalAttendeeStatus.TENTATIVE,
};

const ANSWER: Record<CalendarPerson['partstat'], string> = {
  'NEEDS-ACTION': 'no answer yet / 尚未答复',
  ACCEPTED: 'accepted / 已接受',
  DECLINED: 'declined / 已拒绝',
  TENTATIVE: 'tentative / 暂定',
};

/** For a feed, where RFC 5546 allows no ATTENDEE: who is invited, and what each answered. */
function peopleText(people: CalendarPerson[]): string {
  if (!people.length) return '';
  const lines = people.map((p) => `- ${withoutControlCharacters(p.name)}: ${ANSWER[p.partstat]}`);
  return ['People / 参会者：', ...lines].join('\n');
}

function addEvent(cal: ICalCalendar, s: CalendarSession, forFeed = false): void {
  const cancelled = s.status === 'cancelled';
  cal.createEvent({
    id: s.uid,
    sequence: s.sequence,
    stamp: new Date(s.updatedAt),
    start: new Date(s.startAt),
    end: new Date(s.endAt),
    summary: s.title,
    description: [s.description, forFeed ? peopleText(s.people) : '', `Lobby / 会议大厅: ${s.lobbyUrl}`]
      .filter(Boolean)
      .join('\n\n'),
    url: s.lobbyUrl,
    organizer: { email: s.organizer.email, name: paramText(s.organizer.name) },
    attendees: (forFeed ? [] : s.people).map((p) => ({
      name: paramText(p.name),
      email: p.email,
      rsvp: true,
      role: p.role === 'host' ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
      status: PARTSTAT[p.partstat],
    })),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    alarms: cancelled ? [] : [{ type: ICalAlarmType.display, trigger: 15 * 60 }],
  });
}

const PROD_ID = { company: 'Twinning', product: 'Twinning', language: 'EN' } as const;

/** The invite for a session: REQUEST while it stands, CANCEL once cancelled. */
export function sessionInvite(s: CalendarSession): { method: InviteMethod; content: string } {
  const method: InviteMethod = s.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const cal = ical({
    prodId: PROD_ID,
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  addEvent(cal, s);
  return { method, content: withFinalLineEnd(cal.toString()) };
}

/** A person's feed: every session, cancelled ones marked. */
export function feedCalendar(name: string, sessions: CalendarSession[]): string {
  const cal = ical({
    prodId: PROD_ID,
    method: ICalCalendarMethod.PUBLISH,
    name: escapedText(`Twinning · ${name}`),
    ttl: 15 * 60,
  });
  for (const s of sessions) addEvent(cal, s, true);
  return withFinalLineEnd(cal.toString());
}

/**
 * RFC 5545 §3.1 ends every content line with CRLF, the last one (END:VCALENDAR) too; the
 * generator leaves that one bare, and strict parsers then drop or refuse the final line.
 */
function withFinalLineEnd(content: string): string {
  return content.endsWith('\r\n') ? content : `${content}\r\n`;
}

/** "Twinning <no-reply@host>" → { name, email }. */
export function parseMailbox(from: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*)"?\s*<([^>]+)>\s*$/.exec(from);
  return m
    ? { name: m[1]!.trim() || 'Twinning', email: m[2]!.trim() }
    : { name: 'Twinning', email: from.trim() };
}
