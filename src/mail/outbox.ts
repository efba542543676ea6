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
/** Mails one claim takes: enough to keep the pooled connections busy between two claims. */
export const DEFAULT_CLAIM_SIZE = 100;
/**
 * Claims being sent at once: the next is claimed and handed to the pool while the last is still
 * going out, so the connections never wait for the database or for a batch's slowest mail.
 */
const CLAIMS_IN_FLIGHT = 2;
/**
 * How long deliveries gather before one write records them. On SQLite every commit waits for the
 * disk and holds the event loop; one per mail was most of the worker's time. A mail delivered in
 * this window and not yet recorded when the process dies goes again (same Message-ID) after its
 * lease, as one between delivery and its own write always could.
 */
const RECORD_EVERY_MS = 50;

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
  /** Mails per claim (DEFAULT_CLAIM_SIZE); all of a claim's mails go to the sender at once. */
  claimSize?: number;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private again = false;
  /** Sent mails waiting to be recorded; one write records all those that finished meanwhile. */
  private sentToRecord: Array<{ id: string; token: string; done: () => void; fail: (e: unknown) => void }> =
    [];
  private recording: Promise<void> | null = null;

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
    const inFlight = new Set<Promise<void>>();
    let failure: { err: unknown } | null = null;
    while (!this.stopped && !failure) {
      const token = randomUUID();
      // Row locks (FOR UPDATE SKIP LOCKED) make the claim exact; serializable would make it clash
      // with every transaction that queues a mail.
      const claimed = await db.write(
        () =>
          repo.claimDue(db, {
            now: clock(),
            limit: this.o.claimSize ?? DEFAULT_CLAIM_SIZE,
            token,
            leaseMs: this.o.leaseMs ?? DEFAULT_LEASE_MS,
          }),
        { isolation: 'read committed' },
      );
      if (claimed.length === 0) break;
      // All of a claim in flight at once to fill the pooled connections.
      const batch: Promise<void> = Promise.all(claimed.map((row) => this.sendOne(row, token))).then(
        () => {
          inFlight.delete(batch);
        },
        (err: unknown) => {
          inFlight.delete(batch);
          failure ??= { err };
        },
      );
      inFlight.add(batch);
      if (inFlight.size >= CLAIMS_IN_FLIGHT) await Promise.race(inFlight);
    }
    // Stopping, or nothing due: what was claimed is sent and recorded before the drain ends.
    await Promise.all(inFlight);
    if (failure) throw (failure as { err: unknown }).err;
  }

  /**
   * Records a delivered mail as sent. Deliveries that finish within RECORD_EVERY_MS, or while a
   * write is under way, are recorded together by the next write, one statement per claim.
   */
  private recordSent(id: string, token: string): Promise<void> {
    return new Promise((done, fail) => {
      this.sentToRecord.push({ id, token, done, fail });
      this.startRecording();
    });
  }

  private startRecording(): void {
    if (this.recording !== null) return;
    this.recording = this.recordAll().finally(() => {
      this.recording = null;
      if (this.sentToRecord.length) this.startRecording();
    });
  }

  private async recordAll(): Promise<void> {
    await new Promise((r) => setTimeout(r, RECORD_EVERY_MS));
    while (this.sentToRecord.length) {
      const taken = this.sentToRecord.splice(0);
      const byToken = new Map<string, typeof taken>();
      for (const s of taken) byToken.set(s.token, [...(byToken.get(s.token) ?? []), s]);
      for (const [token, group] of byToken) {
        try {
          await repo.markSentMany(
            this.o.db,
            group.map((s) => s.id),
            token,
            this.o.clock(),
          );
          for (const s of group) s.done();
        } catch (err) {
          for (const s of group) s.fail(err);
        }
      }
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
      return;
    }
    // A database that fails here leaves the mail claimed: it goes again, same Message-ID, when
    // the lease lapses (the one window in which a mail can arrive twice, as before).
    await this.recordSent(row.id, token);
  }
}
