/** The mail queue: rows to send, claimed by the worker, marked sent or failed. */
import { and, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import type { outbox } from './schema';

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;

export async function insertMail(db: Db, row: NewOutboxRow): Promise<void> {
  await db.insert(db.t.outbox).values(row);
}

/**
 * Claims up to `limit` mails for one worker: due pending ones, and ones whose earlier claim lapsed
 * (the worker that held it died mid-send: the mail goes again, with the same Message-ID). On
 * PostgreSQL several workers claim at once; SKIP LOCKED lets each take rows the others did not.
 */
export async function claimDue(
  db: Db,
  q: { now: number; limit: number; token: string; leaseMs: number },
): Promise<OutboxRow[]> {
  const { outbox } = db.t;
  const due = or(
    and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, q.now)),
    // A claim from before claims had leases has none: it lapsed long ago.
    and(eq(outbox.status, 'sending'), or(lt(outbox.claimedUntil, q.now), isNull(outbox.claimedUntil))),
  );
  const candidates = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(due)
    .orderBy(outbox.nextAttemptAt, outbox.createdAt)
    .limit(q.limit);
  // PostgreSQL's builder has FOR UPDATE SKIP LOCKED; SQLite has one writer and needs none.
  const pick =
    db.dialect === 'postgres'
      ? (candidates as unknown as { for(s: 'update', o: { skipLocked: true }): typeof candidates }).for(
          'update',
          { skipLocked: true },
        )
      : candidates;
  return db
    .update(outbox)
    .set({
      status: 'sending',
      attempts: sql`${outbox.attempts} + 1`,
      claimToken: q.token,
      claimedUntil: q.now + q.leaseMs,
    })
    .where(and(inArray(outbox.id, pick), due))
    .returning();
}

/** The holder of a claim records the result; false when its claim lapsed and passed to another. */
async function settle(
  db: Db,
  id: string,
  token: string,
  set: Partial<typeof db.t.outbox.$inferInsert>,
): Promise<boolean> {
  const { outbox } = db.t;
  const rows = await db
    .update(outbox)
    .set({ ...set, claimToken: null, claimedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.claimToken, token), eq(outbox.status, 'sending')))
    .returning({ id: outbox.id });
  return rows.length === 1;
}

export function markSent(db: Db, id: string, token: string, now: number): Promise<boolean> {
  return settle(db, id, token, { status: 'sent', sentAt: now, lastError: null });
}

/**
 * Records as sent the mails one claim delivered, in one statement: a mail a second apart from
 * its fellows costs one write, not one commit each. Returns how many the claim still held.
 */
export async function markSentMany(db: Db, ids: string[], token: string, now: number): Promise<number> {
  if (!ids.length) return 0;
  const { outbox } = db.t;
  const rows = await db
    .update(outbox)
    .set({ status: 'sent', sentAt: now, lastError: null, claimToken: null, claimedUntil: null })
    .where(and(inArray(outbox.id, ids), eq(outbox.claimToken, token), eq(outbox.status, 'sending')))
    .returning({ id: outbox.id });
  return rows.length;
}

export function markRetry(
  db: Db,
  id: string,
  token: string,
  nextAttemptAt: number,
  error: string,
): Promise<boolean> {
  return settle(db, id, token, { status: 'pending', nextAttemptAt, lastError: error });
}

export function markFailed(db: Db, id: string, token: string, error: string): Promise<boolean> {
  return settle(db, id, token, { status: 'failed', lastError: error });
}

export async function retryNow(db: Db, ids: string[], now: number): Promise<number> {
  if (!ids.length) return 0;
  const { outbox } = db.t;
  const rows = await db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt: now })
    .where(and(inArray(outbox.id, ids), inArray(outbox.status, ['failed', 'pending'])))
    .returning({ id: outbox.id });
  return rows.length;
}

export async function listMails(
  db: Db,
  opts: { to?: string; status?: OutboxRow['status']; limit: number },
): Promise<OutboxRow[]> {
  const { outbox } = db.t;
  const conds = [];
  if (opts.to) conds.push(eq(outbox.toAddress, opts.to));
  if (opts.status) conds.push(eq(outbox.status, opts.status));
  return db
    .select()
    .from(outbox)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(outbox.createdAt), desc(db.dialect === 'sqlite' ? sql`rowid` : sql`ctid`))
    .limit(opts.limit);
}

export async function findMail(db: Db, id: string): Promise<OutboxRow | undefined> {
  const { outbox } = db.t;
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id)).limit(1);
  return row;
}

/** How many mails are in each state. */
export async function countByStatus(db: Db): Promise<Record<OutboxRow['status'], number>> {
  const { outbox } = db.t;
  const out = { pending: 0, sending: 0, sent: 0, failed: 0 };
  const rows = await db
    .select({ status: outbox.status, n: sql<number>`cast(count(*) as integer)` })
    .from(outbox)
    .groupBy(outbox.status);
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}
