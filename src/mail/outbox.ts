/** Queueing mail in the caller's transaction, and the worker that sends it with retries. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import * as repo from '../db/outbox.repo';
import type { RenderedMail } from './templates/layout';
import { type MailSender, PermanentMailError } from './transport';

export interface MailToQueue extends RenderedMail {
  kind: string;
  to: { name: string; address: string };
  participantId?: string | null;
  sessionId?: string | null;
  ical?: { method: string; content: string } | null;
}

/** Writes a mail to the outbox; call it inside the transaction of the change that causes it. */
export async function queueMail(
  db: Db,
  mail: MailToQueue,
  now: number,
  messageIdDomain: string,
): Promise<string> {
  const id = randomUUID();
  await repo.insertMail(db, {
    id,
    messageId: `<${id}@${messageIdDomain}>`,
    kind: mail.kind,
    toAddress: mail.to.address,
    toName: mail.to.name,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ical: mail.ical?.content ?? null,
    icalMethod: mail.ical?.method ?? null,
    status: 'pending',
    nextAttemptAt: now,
    participantId: mail.participantId ?? null,
    sessionId: mail.sessionId ?? null,
    createdAt: now,
  });
  return id;
}

const GIVE_UP_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
export const DEFAULT_LEASE_MS = 5 * 60 * 1000;
const MAX_WAIT_MS = 60 * 60 * 1000;

/** How long to wait before attempt n+1: doubling from the first wait, at most an hour. */
export function retryDelayMs(attempts: number, firstWaitSeconds: number): number {
  return Math.min(firstWaitSeconds * 1000 * 2 ** Math.max(0, attempts - 1), MAX_WAIT_MS);
}

export interface OutboxWorkerOptions {
  db: Db;
  sender: MailSender;
  from: string;
  clock: () => number;
  retrySeconds: number;
  pollMs: number;
  /**
   * How long a claim holds: longer than any one send can take (nodemailer gives up on a silent
   * server within minutes). A worker that dies mid-send leaves its mails to others after this.
   */
  leaseMs?: number;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private again = false;

  constructor(private readonly o: OutboxWorkerOptions) {}

  /**
   * Starts draining. Nothing is released at start: a mail another live instance is sending stays
   * its own; one left by a dead process is taken again once its claim lapses.
   */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.kick();
  }

  /** Looks for due mail now (after a change queued some) rather than at the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain()
      // The database may be gone for a while: the next poll tries again, and nothing is lost.
      .catch((err: unknown) => this.o.log.error({ err }, 'outbox: cannot reach the database'))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          this.timer = setTimeout(() => this.kick(), this.o.pollMs);
        }
      });
  }

  /** Stops between messages: the one being sent finishes, nothing new starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.o.sender.close();
  }

  private async drain(): Promise<void> {
    const { db, clock } = this.o;
    while (!this.stopped) {
      const token = randomUUID();
      // Row locks (FOR UPDATE SKIP LOCKED) make the claim exact; serializable would make it clash
      // with every transaction that queues a mail.
      const claimed = await db.write(
        () =>
          repo.claimDue(db, { now: clock(), limit: 20, token, leaseMs: this.o.leaseMs ?? DEFAULT_LEASE_MS }),
        { isolation: 'read committed' },
      );
      if (claimed.length === 0) return;
      // Several in flight at once to fill the pooled connections.
      await Promise.all(claimed.map((row) => this.sendOne(row, token)));
    }
  }

  private async sendOne(row: repo.OutboxRow, token: string): Promise<void> {
    const { db, clock } = this.o;
    try {
      await this.o.sender.send({
        from: this.o.from,
        to: { name: row.toName, address: row.toAddress },
        subject: row.subject,
        text: row.text,
        html: row.html,
        messageId: row.messageId,
        ical: row.ical && row.icalMethod ? { method: row.icalMethod, content: row.ical } : undefined,
      });
      await repo.markSent(db, row.id, token, clock());
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // The claim counted this attempt already.
      const attempts = row.attempts;
      if (err instanceof PermanentMailError) {
        await repo.markFailed(db, row.id, token, message);
        this.o.log.warn({ mailId: row.id, kind: row.kind }, `mail refused: ${message}`);
      } else if (clock() - row.createdAt > GIVE_UP_AFTER_MS) {
        await repo.markFailed(db, row.id, token, `gave up after ${attempts} attempts: ${message}`);
        this.o.log.error({ mailId: row.id, kind: row.kind }, 'mail given up');
      } else {
        await repo.markRetry(
          db,
          row.id,
          token,
          clock() + retryDelayMs(attempts, this.o.retrySeconds),
          message,
        );
        this.o.log.warn({ mailId: row.id, attempts }, `mail delayed: ${message}`);
      }
    }
  }
}
