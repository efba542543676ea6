/**
 * Reminders before sessions. A pass looks at the stretch of time since the last one, finds the
 * reminders that fell due in it (src/domain/reminders.ts) and puts each in the outbox once.
 *
 * Why a pass over sessions rather than mails queued at booking with a not-before time: the mail is
 * written when it is due, so it carries the session's title, the other side and the person's
 * language and zone as they are then; and a reschedule, a cancellation or an erasure needs no
 * change in the booking code: a cancelled session is not found, a moved one has a new start and so
 * owes new reminders, an erased person has no row. "Once" is the outbox's unique Message-ID,
 * derived from session, person, offset and start: of several instances (or a restart that looks
 * again at a stretch already seen) exactly one insert succeeds.
 */
import { randomUUID } from 'node:crypto';
import * as repo from '../db/after-meeting.repo';
import {
  type DueReminder,
  type ReminderCandidate,
  reminderMessageId,
  remindersDue,
} from '../domain/reminders';
import { MINUTE_MS } from '../domain/time';
import { reminderMail } from '../mail/templates/reminder';
import type { ServiceContext } from './context';
import { loadMailContext } from './mail-context';

export interface ReminderPassResult {
  due: number;
  queued: number;
}

export function createRemindersService(ctx: ServiceContext) {
  const { db, config } = ctx;
  const domain = new URL(config.publicUrl).hostname || 'localhost';
  const offsets = config.reminderMinutes;
  const lobbyUrl = (id: string) => `${config.publicUrl}/sessions/${id}/lobby`;

  /** Queues the reminders due in `(from, now]`; returns how many were due and how many this pass queued. */
  async function pass(from: number, now: number): Promise<ReminderPassResult> {
    if (!offsets.length || from >= now) return { due: 0, queued: 0 };
    // Per offset, only the sessions that put that reminder in the stretch: a narrow range of the
    // start index each, however far ahead the longest reminder reaches.
    const candidates = new Map<string, ReminderCandidate>();
    for (const o of offsets) {
      for (const c of await repo.peopleStartingBetween(db, from + o * MINUTE_MS, now + o * MINUTE_MS)) {
        candidates.set(`${c.sessionId}:${c.participantId}`, c);
      }
    }
    const due = remindersDue([...candidates.values()], offsets, from, now);
    if (!due.length) return { due: 0, queued: 0 };
    const withIds = due.map((r) => ({ r, messageId: reminderMessageId(r, domain) }));
    const sent = await repo.existingMessageIds(
      db,
      withIds.map((x) => x.messageId),
    );
    const fresh = withIds.filter((x) => !sent.has(x.messageId));
    if (!fresh.length) return { due: due.length, queued: 0 };
    const mc = await loadMailContext(
      db,
      fresh.map((x) => x.r.sessionId),
      fresh.map((x) => x.r.participantId),
    );
    const rows = fresh.flatMap(({ r, messageId }) => {
      const mail = render(mc, r);
      return mail ? [{ ...mail, messageId }] : [];
    });
    const queued = await db.write(
      () =>
        repo.insertMailsOnce(
          db,
          rows.map((m) => outboxRow(m, now)),
        ),
      {
        isolation: 'read committed',
      },
    );
    if (queued.length) ctx.mailQueued();
    return { due: due.length, queued: queued.length };
  }

  function render(mc: Awaited<ReturnType<typeof loadMailContext>>, r: DueReminder) {
    const s = mc.session(r.sessionId);
    const me = mc.contact(r.participantId);
    if (!s || !me || s.status !== 'confirmed' || s.startAt !== r.startAt) return null;
    return {
      kind: 'session-reminder',
      to: me,
      sessionId: s.id,
      ...reminderMail({
        to: me,
        title: s.title,
        startAt: s.startAt,
        endAt: s.endAt,
        offsetMinutes: r.offsetMinutes,
        others: mc.othersOf(s.id, me.id),
        lobbyUrl: lobbyUrl(s.id),
      }),
    };
  }

  return { pass };
}

type Rendered = {
  kind: string;
  to: { id: string; name: string; email: string };
  sessionId: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
};

/** An outbox row due now, with the Message-ID that makes it once-only. */
export function outboxRow(m: Rendered, now: number) {
  return {
    id: randomUUID(),
    messageId: m.messageId,
    kind: m.kind,
    toAddress: m.to.email,
    toName: m.to.name,
    subject: m.subject,
    text: m.text,
    html: m.html,
    ical: null,
    icalMethod: null,
    status: 'pending' as const,
    nextAttemptAt: now,
    participantId: m.to.id,
    sessionId: m.sessionId,
    createdAt: now,
  };
}

export type RemindersService = ReturnType<typeof createRemindersService>;
