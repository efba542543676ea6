/** A real SMTP server on loopback that keeps what it receives, parsed, and can be told to refuse. */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  to: string[];
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Answers the next n deliveries with this code (421, 451, 550 …). */
  refuseNext(n: number, code: number, message?: string): void;
  /** Refuses these recipients with 550. */
  rejectRecipient(address: string): void;
  acceptRecipient(address: string): void;
  /** The next delivery to this address is taken in and never answered (a sender that dies mid-send). */
  holdNext(address: string): void;
  /** How many deliveries are being held unanswered. */
  held(): number;
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let refusals: { left: number; code: number; message: string } | null = null;
  const rejected = new Set<string>();
  const toHold = new Set<string>();
  let holding = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (rejected.has(address.address.toLowerCase())) {
        const err = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const rcpt = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const hold = rcpt.find((a) => toHold.has(a));
        if (hold) {
          toHold.delete(hold);
          holding++;
          return; // no answer: the sender waits until it is killed
        }
        if (refusals && refusals.left > 0) {
          refusals.left--;
          const err = Object.assign(new Error(refusals.message), { responseCode: refusals.code });
          return cb(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        received.push({ raw, parsed, to: session.envelope.rcptTo.map((r) => r.address) });
        cb();
      });
    },
  });
  // A sender killed mid-message resets its connection: a mail server logs that and goes on.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    refuseNext(n, code, message = 'try again later') {
      refusals = { left: n, code, message };
    },
    rejectRecipient(address) {
      rejected.add(address.toLowerCase());
    },
    acceptRecipient(address) {
      rejected.delete(address.toLowerCase());
    },
    holdNext(address) {
      toHold.add(address.toLowerCase());
    },
    held: () => holding,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = received.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no matching mail within ${timeoutMs} ms (received ${received.length})`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Held deliveries keep their connections open: close them too.
        for (const c of (server as unknown as { connections?: Set<{ close(): void }> }).connections ?? [])
          c.close();
        server.close(() => resolve());
      }),
  };
}
