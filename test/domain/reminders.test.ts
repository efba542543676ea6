import { describe, expect, it } from 'vitest';
import { reminderMessageId, remindersDue } from '../../src/domain/reminders';

const start = Date.parse('2027-03-30T07:30:00Z');
const c = { sessionId: 's', participantId: 'p', startAt: start, since: start - 3 * 86_400_000 };
const min = 60_000;

describe('remindersDue', () => {
  it('finds each reminder in the stretch that holds its due time, and none outside', () => {
    const dayBefore = start - 1440 * min;
    expect(remindersDue([c], [1440, 15], dayBefore - 10_000, dayBefore)).toEqual([
      { sessionId: 's', participantId: 'p', startAt: start, offsetMinutes: 1440, dueAt: dayBefore },
    ]);
    expect(remindersDue([c], [1440, 15], dayBefore, dayBefore + 10_000)).toEqual([]);
    expect(remindersDue([c], [1440, 15], start - 16 * min, start - 15 * min)[0]?.offsetMinutes).toBe(15);
  });

  it('sends only the nearest when several fell due together (after a stop), and none after the start', () => {
    expect(remindersDue([c], [1440, 15], start - 2 * 86_400_000, start - 5 * min)).toEqual([
      expect.objectContaining({ offsetMinutes: 15 }),
    ]);
    expect(remindersDue([c], [1440, 15], start - 2 * 86_400_000, start + min)).toEqual([]);
  });

  it('does not send late a reminder due before the session got its time', () => {
    const booked = { ...c, since: start - 23 * 60 * min };
    expect(remindersDue([booked], [1440], start - 2 * 86_400_000, start - 10 * min)).toEqual([]);
  });

  it('names each reminder by session, person, offset and start, so a reschedule owes new ones', () => {
    const [r] = remindersDue([c], [15], start - 16 * min, start - 15 * min);
    expect(reminderMessageId(r!, 'twinning.test')).toBe(`<reminder.s.p.15.${start}@twinning.test>`);
  });
});
