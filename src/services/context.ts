/** What every service is built from: the database, the clock, the configuration and the mail queue. */
import type { Config } from '../config';
import type { Db } from '../db/client';
import { isOverlapRefusal } from '../db/failures';
import { DomainError } from '../domain/errors';
import { type MailToQueue, queueMail } from '../mail/outbox';

export interface ServiceContext {
  db: Db;
  config: Config;
  /** Now, in epoch ms. Injected so that tests can move time. */
  clock: () => number;
  /** Queues a mail inside the current transaction. */
  queueMail(mail: MailToQueue): Promise<string>;
  /** Wakes the outbox worker after a transaction that queued mail has committed. */
  mailQueued(): void;
  /**
   * Tells in-memory state derived from the database (the match index, live lobbies) that a profile
   * or a session changed; call after the transaction committed.
   */
  changed(topic: ChangeTopic, id: string): Promise<void>;
  onChanged(topic: ChangeTopic, listener: (id: string) => void | Promise<void>): void;
  /** A change another instance made: only this instance's listeners hear it. */
  changedElsewhere(topic: ChangeTopic, id: string): Promise<void>;
  /** Where this instance's changes are told to the others (set when instances share Redis). */
  broadcast: ((topic: ChangeTopic, id: string) => Promise<void>) | null;
}

/** A profile or a session changed (by id), or something else that matches show ('matches'). */
export type ChangeTopic = 'profile' | 'session' | 'matches';

export function createServiceContext(
  db: Db,
  config: Config,
  clock: () => number,
  wakeOutbox: () => void,
): ServiceContext {
  const domain = new URL(config.publicUrl).hostname || 'localhost';
  const listeners: Record<ChangeTopic, ((id: string) => void | Promise<void>)[]> = {
    profile: [],
    session: [],
    matches: [],
  };
  const hear = async (topic: ChangeTopic, id: string) => {
    await Promise.all(listeners[topic].map((l) => l(id)));
  };
  const ctx: ServiceContext = {
    broadcast: null,
    // Awaited, so that the answer to a change comes after the match index has taken it in. The
    // other instances are told without waiting: a notice lost to Redis must not fail the change.
    changed: async (topic, id) => {
      await hear(topic, id);
      ctx.broadcast?.(topic, id).catch(() => {});
    },
    changedElsewhere: hear,
    onChanged: (topic, l) => listeners[topic].push(l),
    db,
    config,
    clock,
    queueMail: (mail) => queueMail(db, mail, clock(), domain),
    mailQueued: wakeOutbox,
  };
  return ctx;
}

/**
 * Runs a change as one transaction (see `Store.write`): on SQLite it takes the write lock before
 * reading, on PostgreSQL it is serializable and run again on a conflict, so two requests that
 * read-then-write cannot both pass their checks. Wakes the outbox once it committed.
 */
export async function write<T>(ctx: ServiceContext, fn: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await ctx.db.write(fn);
  } catch (err) {
    if (!isOverlapRefusal(err)) throw err;
    // PostgreSQL's exclusion constraint caught two confirmed sessions of one person at one time
    // that the checks in code let through (two instances racing). Run once more: the winner has
    // committed by now, so the checks see it and refuse with the names of whoever is taken, as
    // they do without a race (a store's write may run its function again anyway).
    try {
      result = await ctx.db.write(fn);
    } catch (again) {
      if (isOverlapRefusal(again))
        throw new DomainError('SLOT_TAKEN', 'Someone is already booked at that time.');
      throw again;
    }
  }
  ctx.mailQueued();
  return result;
}
