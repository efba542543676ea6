/**
 * Which reminders fall due in a stretch of time. Pure: the caller passes the sessions that start
 * soon and the stretch it has not looked at yet; nothing here reads a clock.
 */
import { MINUTE_MS } from './time';

export interface ReminderCandidate {
  sessionId: string;
  participantId: string;
  startAt: number;
  /**
   * When the session got its current time (its booking, or its last change): a reminder due
   * before this was never owed, and is not sent late.
   */
  since: number;
}

export interface DueReminder {
  sessionId: string;
  participantId: string;
  startAt: number;
  offsetMinutes: number;
  dueAt: number;
}

/**
 * The reminders due in `(from, now]`, one per person and session at most: when several of a
 * person's reminders fell due together (the server was down when the first was due), only the
 * nearest to the start goes, since the earlier one would say the same thing later than it should.
 * Nothing goes once the session has started.
 */
export function remindersDue(
  candidates: readonly ReminderCandidate[],
  offsetsMinutes: readonly number[],
  from: number,
  now: number,
): DueReminder[] {
  const out: DueReminder[] = [];
  for (const c of candidates) {
    if (c.startAt <= now) continue;
    let best: DueReminder | null = null;
    for (const offset of offsetsMinutes) {
      const dueAt = c.startAt - offset * MINUTE_MS;
      if (dueAt > now || dueAt <= from || dueAt < c.since) continue;
      if (!best || offset < best.offsetMinutes) {
        best = {
          sessionId: c.sessionId,
          participantId: c.participantId,
          startAt: c.startAt,
          offsetMinutes: offset,
          dueAt,
        };
      }
    }
    if (best) out.push(best);
  }
  return out;
}

/**
 * The Message-ID of one reminder: the same for the same person, session, offset and start, so
 * that the outbox's unique Message-ID lets exactly one instance queue it, once, across restarts.
 * A reschedule changes the start and so owes new reminders.
 */
export function reminderMessageId(r: DueReminder, domain: string): string {
  return `<reminder.${r.sessionId}.${r.participantId}.${r.offsetMinutes}.${r.startAt}@${domain}>`;
}
