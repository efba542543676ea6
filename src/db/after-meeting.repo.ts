/**
 * Queries of what happens around a meeting's time: the reminders before it, the question after it
 * and the follow-up months later. Plain queries, no decisions.
 */
import { and, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from './client';
import type { sessionOutcomes } from './schema';

export type OutcomeRow = typeof sessionOutcomes.$inferSelect;

/** The people of confirmed sessions starting in `(from, to]`, with when the session got its time. */
export async function peopleStartingBetween(db: Db, from: number, to: number) {
  const { sessions: s, sessionPeople: sp } = db.t;
  return db
    .select({
      sessionId: s.id,
      participantId: sp.participantId,
      startAt: s.startAt,
      since: s.updatedAt,
    })
    .from(s)
    .innerJoin(sp, eq(sp.sessionId, s.id))
    .where(and(gt(s.startAt, from), lte(s.startAt, to), eq(s.status, 'confirmed'), eq(sp.active, true)));
}

/** Which of these Message-IDs are in the outbox already. */
export async function existingMessageIds(db: Db, ids: string[]): Promise<Set<string>> {
  const { outbox } = db.t;
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .select({ messageId: outbox.messageId })
      .from(outbox)
      .where(inArray(outbox.messageId, ids.slice(i, i + 500)));
    for (const r of rows) found.add(r.messageId);
  }
  return found;
}

/**
 * Puts mails in the outbox unless their Message-ID is there already; returns the Message-IDs this
 * call put in. The unique index decides between instances racing for the same reminder.
 */
export async function insertMailsOnce(db: Db, rows: (typeof db.t.outbox.$inferInsert)[]): Promise<string[]> {
  const { outbox } = db.t;
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const got = await db
      .insert(outbox)
      .values(rows.slice(i, i + 200))
      .onConflictDoNothing({ target: outbox.messageId })
      .returning({ messageId: outbox.messageId });
    out.push(...got.map((r) => r.messageId));
  }
  return out;
}

/** Confirmed meetings (not webinars) whose end fell in `(from, to]`, with their people. */
export async function meetingsEndedBetween(db: Db, from: number, to: number, maxLengthMs: number) {
  const { sessions: s, sessionPeople: sp } = db.t;
  return db
    .select({ sessionId: s.id, participantId: sp.participantId })
    .from(s)
    .innerJoin(sp, eq(sp.sessionId, s.id))
    .where(
      and(
        // The start index narrows the search; the end decides.
        gt(s.startAt, from - maxLengthMs),
        lte(s.startAt, to),
        gt(s.endAt, from),
        lte(s.endAt, to),
        eq(s.kind, 'meeting'),
        eq(s.status, 'confirmed'),
        eq(sp.active, true),
      ),
    );
}

/**
 * Marks the question after a meeting as asked for these people, once: only rows not asked before
 * are marked and returned, so that of two instances only one mails each person.
 */
export async function claimQuestions(
  db: Db,
  pairs: { sessionId: string; participantId: string }[],
  now: number,
): Promise<OutcomeRow[]> {
  const { sessionOutcomes: o } = db.t;
  const claimed: OutcomeRow[] = [];
  for (let i = 0; i < pairs.length; i += 200) {
    const chunk = pairs.slice(i, i + 200);
    await db.insert(o).values(chunk).onConflictDoNothing();
    const sessionIds = [...new Set(chunk.map((p) => p.sessionId))];
    const people = new Set(chunk.map((p) => `${p.sessionId}:${p.participantId}`));
    const rows = await db
      .update(o)
      .set({ askedAt: now })
      .where(and(inArray(o.sessionId, sessionIds), isNull(o.askedAt)))
      .returning();
    claimed.push(...rows.filter((r) => people.has(`${r.sessionId}:${r.participantId}`)));
  }
  return claimed;
}

/** Whether anyone waits for the follow-up: read first, so that an idle pass takes no write lock. */
export async function followUpsWaiting(db: Db, endedBy: number): Promise<boolean> {
  const { sessionOutcomes: o, sessions: s } = db.t;
  const rows = await db
    .select({ id: o.sessionId })
    .from(o)
    .innerJoin(s, eq(s.id, o.sessionId))
    .where(and(eq(o.result, 'cooperation-possible'), isNull(o.followUpAskedAt), lte(s.endAt, endedBy)))
    .limit(1);
  return rows.length > 0;
}

/** Those who saw cooperation possible at meetings that ended by `endedBy`, not yet asked again. */
export async function claimFollowUps(db: Db, endedBy: number, now: number): Promise<OutcomeRow[]> {
  const { sessionOutcomes: o, sessions: s } = db.t;
  const due = db.select({ id: s.id }).from(s).where(lte(s.endAt, endedBy));
  return db
    .update(o)
    .set({ followUpAskedAt: now })
    .where(and(eq(o.result, 'cooperation-possible'), isNull(o.followUpAskedAt), inArray(o.sessionId, due)))
    .returning();
}

export async function outcomesOf(db: Db, sessionIds: string[]): Promise<OutcomeRow[]> {
  if (!sessionIds.length) return [];
  const { sessionOutcomes: o } = db.t;
  return db.select().from(o).where(inArray(o.sessionId, sessionIds));
}

export async function findOutcome(
  db: Db,
  sessionId: string,
  participantId: string,
): Promise<OutcomeRow | undefined> {
  const { sessionOutcomes: o } = db.t;
  const [row] = await db
    .select()
    .from(o)
    .where(and(eq(o.sessionId, sessionId), eq(o.participantId, participantId)))
    .limit(1);
  return row;
}

export async function saveResult(
  db: Db,
  key: { sessionId: string; participantId: string },
  v: { result: NonNullable<OutcomeRow['result']>; note: string; at: number },
): Promise<void> {
  const { sessionOutcomes: o } = db.t;
  // A result other than cooperation-possible withdraws any follow-up stage given after it.
  const withdrawn =
    v.result === 'cooperation-possible' ? {} : { stage: null, stageNote: '', stageAnsweredAt: null };
  await db
    .insert(o)
    .values({ ...key, result: v.result, note: v.note, answeredAt: v.at })
    .onConflictDoUpdate({
      target: [o.sessionId, o.participantId],
      set: { result: v.result, note: v.note, answeredAt: v.at, ...withdrawn },
    });
}

export async function saveStage(
  db: Db,
  key: { sessionId: string; participantId: string },
  v: { stage: NonNullable<OutcomeRow['stage']>; note: string; at: number },
): Promise<void> {
  const { sessionOutcomes: o } = db.t;
  await db
    .insert(o)
    .values({ ...key, stage: v.stage, stageNote: v.note, stageAnsweredAt: v.at })
    .onConflictDoUpdate({
      target: [o.sessionId, o.participantId],
      set: { stage: v.stage, stageNote: v.note, stageAnsweredAt: v.at },
    });
}

/** Every lobby stay in these sessions, for attendance. */
export async function staysIn(db: Db, sessionIds: string[]) {
  if (!sessionIds.length) return [];
  const { lobbyAttendance: a } = db.t;
  return db
    .select({
      sessionId: a.sessionId,
      participantId: a.participantId,
      joinedAt: a.joinedAt,
      leftAt: a.leftAt,
    })
    .from(a)
    .where(inArray(a.sessionId, sessionIds));
}

/** What a mail to these people needs: name, address, language, zone and city. */
export async function contactsOf(db: Db, ids: string[]) {
  const { participants: p } = db.t;
  const out: {
    id: string;
    name: string;
    email: string;
    organisation: string;
    city: string;
    timeZone: string;
    locale: 'en' | 'zh';
  }[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    out.push(
      ...(await db
        .select({
          id: p.id,
          name: p.name,
          email: p.email,
          organisation: p.organisation,
          city: p.city,
          timeZone: p.timeZone,
          locale: p.locale,
        })
        .from(p)
        .where(inArray(p.id, unique.slice(i, i + 500)))),
    );
  }
  return out;
}

/** These sessions, with every active person of each and their role. */
export async function sessionsWithPeople(db: Db, ids: string[]) {
  const { sessions: s, sessionPeople: sp } = db.t;
  const unique = [...new Set(ids)];
  const sessions: (typeof s.$inferSelect)[] = [];
  const people: { sessionId: string; participantId: string; role: 'host' | 'attendee' }[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    sessions.push(...(await db.select().from(s).where(inArray(s.id, chunk))));
    people.push(
      ...(await db
        .select({ sessionId: sp.sessionId, participantId: sp.participantId, role: sp.role })
        .from(sp)
        .where(and(inArray(sp.sessionId, chunk), eq(sp.active, true)))),
    );
  }
  return { sessions, people };
}
