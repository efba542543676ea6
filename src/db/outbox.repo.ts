/** The mail queue: rows to send, claimed by the worker, marked sent or failed. */
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from './client';
import { outbox } from './schema';

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;

export function insertMail(db: Db, row: NewOutboxRow): void {
  db.insert(outbox).values(row).run();
}

/** The oldest due mails, at most `limit`. */
export function dueMails(db: Db, now: number, limit: number): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(outbox.nextAttemptAt, outbox.createdAt)
    .limit(limit)
    .all();
}

/** Claims a mail for sending; false when another worker took it first. */
export function claimMail(db: Db, id: string, now: number): boolean {
  const res = db
    .update(outbox)
    .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    .run();
  return res.changes === 1;
}

export function markSent(db: Db, id: string, now: number): void {
  db.update(outbox).set({ status: 'sent', sentAt: now, lastError: null }).where(eq(outbox.id, id)).run();
}

export function markRetry(db: Db, id: string, nextAttemptAt: number, error: string): void {
  db.update(outbox)
    .set({ status: 'pending', nextAttemptAt, lastError: error })
    .where(eq(outbox.id, id))
    .run();
}

export function markFailed(db: Db, id: string, error: string): void {
  db.update(outbox).set({ status: 'failed', lastError: error }).where(eq(outbox.id, id)).run();
}

/**
 * A mail left 'sending' by a process that died may or may not have gone out. It is sent again
 * with the same Message-ID, so the receiving side can drop the copy: at least once, never lost.
 */
export function releaseStaleClaims(db: Db): number {
  return db.update(outbox).set({ status: 'pending' }).where(eq(outbox.status, 'sending')).run().changes;
}

export function retryNow(db: Db, ids: string[], now: number): number {
  if (!ids.length) return 0;
  return db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt: now })
    .where(and(inArray(outbox.id, ids), inArray(outbox.status, ['failed', 'pending'])))
    .run().changes;
}

export function listMails(
  db: Db,
  opts: { to?: string; status?: OutboxRow['status']; limit: number },
): OutboxRow[] {
  const conds = [];
  if (opts.to) conds.push(eq(outbox.toAddress, opts.to));
  if (opts.status) conds.push(eq(outbox.status, opts.status));
  return db
    .select()
    .from(outbox)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(outbox.createdAt), desc(sql`rowid`))
    .limit(opts.limit)
    .all();
}

export function findMail(db: Db, id: string): OutboxRow | undefined {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}

/** How many mails are in each state. */
export function countByStatus(db: Db): Record<OutboxRow['status'], number> {
  const out = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of db
    .select({ status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .groupBy(outbox.status)
    .all()) {
    out[r.status] = r.n;
  }
  return out;
}
