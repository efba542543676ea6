/** The mail queue: rows to send, claimed by the worker, marked sent or failed. */
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from './client';
import type { outbox } from './schema';

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;

export async function insertMail(db: Db, row: NewOutboxRow): Promise<void> {
  await db.insert(db.t.outbox).values(row);
}

/** The oldest due mails, at most `limit`. */
export async function dueMails(db: Db, now: number, limit: number): Promise<OutboxRow[]> {
  const { outbox } = db.t;
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(outbox.nextAttemptAt, outbox.createdAt)
    .limit(limit);
}

/** Claims a mail for sending; false when another worker took it first. */
export async function claimMail(db: Db, id: string, now: number): Promise<boolean> {
  const { outbox } = db.t;
  const rows = await db
    .update(outbox)
    .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    .returning({ id: outbox.id });
  return rows.length === 1;
}

export async function markSent(db: Db, id: string, now: number): Promise<void> {
  const { outbox } = db.t;
  await db.update(outbox).set({ status: 'sent', sentAt: now, lastError: null }).where(eq(outbox.id, id));
}

export async function markRetry(db: Db, id: string, nextAttemptAt: number, error: string): Promise<void> {
  const { outbox } = db.t;
  await db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt, lastError: error })
    .where(eq(outbox.id, id));
}

export async function markFailed(db: Db, id: string, error: string): Promise<void> {
  const { outbox } = db.t;
  await db.update(outbox).set({ status: 'failed', lastError: error }).where(eq(outbox.id, id));
}

/**
 * A mail left 'sending' by a process that died may or may not have gone out. It is sent again
 * with the same Message-ID, so the receiving side can drop the copy: at least once, never lost.
 */
export async function releaseStaleClaims(db: Db): Promise<number> {
  const { outbox } = db.t;
  const rows = await db
    .update(outbox)
    .set({ status: 'pending' })
    .where(eq(outbox.status, 'sending'))
    .returning({ id: outbox.id });
  return rows.length;
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
