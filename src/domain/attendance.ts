/**
 * Attendance per person from their stays in a lobby: first arrival, last departure, time present
 * (overlapping stays counted once) and how many times they came.
 */
import { normalise, totalMs } from './intervals';

export interface Stay {
  participantId: string;
  joinedAt: number;
  admittedAt: number | null;
  /** Null while they are still there. */
  leftAt: number | null;
  removedAt: number | null;
}

export interface Attendance {
  participantId: string;
  firstJoinedAt: number;
  lastLeftAt: number | null;
  /** Minutes present, rounded to the nearest minute; stays still open count up to `now`. */
  minutesPresent: number;
  /** Minutes after a host let them in (the same as present for those let in at once). */
  minutesAdmitted: number;
  visits: number;
  present: boolean;
  removed: boolean;
}

export function summariseAttendance(stays: readonly Stay[], now: number): Attendance[] {
  const byPerson = new Map<string, Stay[]>();
  for (const s of stays) {
    const list = byPerson.get(s.participantId) ?? [];
    list.push(s);
    byPerson.set(s.participantId, list);
  }
  return [...byPerson.entries()]
    .map(([participantId, list]) => {
      const end = (s: Stay) => s.leftAt ?? now;
      const present = list.some((s) => s.leftAt === null);
      return {
        participantId,
        firstJoinedAt: Math.min(...list.map((s) => s.joinedAt)),
        lastLeftAt: present ? null : Math.max(...list.map(end)),
        minutesPresent: Math.round(
          totalMs(normalise(list.map((s) => ({ start: s.joinedAt, end: end(s) })))) / 60_000,
        ),
        minutesAdmitted: Math.round(
          totalMs(
            normalise(
              list
                .filter((s) => s.admittedAt !== null)
                .map((s) => ({ start: s.admittedAt as number, end: end(s) })),
            ),
          ) / 60_000,
        ),
        visits: list.length,
        present,
        removed: list.some((s) => s.removedAt !== null),
      };
    })
    .sort((a, b) => a.firstJoinedAt - b.firstJoinedAt);
}

/**
 * Whether a person was in the lobby at some moment of the session's scheduled time `[start, end)`:
 * someone who came only before the start, or only after the end, did not attend. A stay still
 * open counts up to `now`.
 */
export function presentDuring(
  stays: readonly Pick<Stay, 'joinedAt' | 'leftAt'>[],
  start: number,
  end: number,
  now: number,
): boolean {
  return stays.some((s) => s.joinedAt < end && (s.leftAt ?? now) > start);
}
