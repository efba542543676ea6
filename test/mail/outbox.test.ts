/**
 * The outbox against a real SMTP server on loopback: temporary refusals and a server that is down
 * delay a mail and never lose it, a 5xx marks it failed with the server's words, a restart resumes
 * sending, the Message-ID never changes, and organizers see all of it and can retry.
 */

import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { DEFAULT_LEASE_MS } from '../../src/mail/outbox';
import { createSmtpSender } from '../../src/mail/transport';
import { as, makeTestApp, person, register, type TestApp, testClock } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createTestStore } from '../helpers/store';

let smtp: TestSmtp;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(async () => {
  await t?.close();
});

type Row = {
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string;
  next_attempt_at: number;
};
const rowsTo = (address: string) =>
  t.db.rows<Row>(
    sql`SELECT status, attempts, last_error, message_id, next_attempt_at FROM outbox WHERE to_address = ${address}`,
  );

async function until<T>(f: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function signInMailTo(email: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email } });
  expect(res.statusCode).toBe(202);
}

describe('the outbox', () => {
  for (const [publicUrl, delivery] of [
    ['http://localhost:3000', 'dev-mailbox'],
    ['http://twinning.test', 'held'],
  ] as const) {
    it(`says where mail goes without an SMTP server: ${delivery} for ${publicUrl}`, async () => {
      t = await makeTestApp({ env: { PUBLIC_URL: publicUrl }, mailSender: null });
      const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Elena Rossi' });
      const list = await as(t.app, org.sid)({ method: 'GET', url: '/api/admin/outbox' });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ delivery, counts: { sent: 0 } });
      expect(list.json().counts.pending).toBeGreaterThan(0);
    });
  }

  it('retries after 451 answers with growing waits, then delivers once with the same Message-ID', async () => {
    t = await makeTestApp({ clock: testClock(), mailSender: createSmtpSender(smtp.url) });
    const { participant } = await register(t.app, { email: 'retry.me@example.org' });
    await until(() => smtp.received.find((m) => m.to.includes('retry.me@example.org')));
    smtp.refuseNext(2, 451, 'greylisted, try again later');
    await signInMailTo(participant.email);
    const first = await until(async () =>
      (await rowsTo(participant.email)).find((r) => r.attempts === 1 && r.status === 'pending'),
    );
    expect(first.last_error).toMatch(/451|greylisted/);
    // 30 s, then 60 s: the next attempt waits for the clock.
    expect(first.next_attempt_at - t.clock()).toBe(30_000);
    t.clock.advance(30_000);
    t.app.outbox!.kick();
    const second = await until(async () =>
      (await rowsTo(participant.email)).find((r) => r.attempts === 2 && r.status === 'pending'),
    );
    expect(second.next_attempt_at - t.clock()).toBe(60_000);
    t.clock.advance(60_000);
    t.app.outbox!.kick();
    const sent = await until(async () =>
      (await rowsTo(participant.email)).find((r) => r.status === 'sent' && r.attempts === 3),
    );
    const copies = smtp.received.filter((m) => m.parsed.messageId === sent.message_id);
    expect(copies).toHaveLength(1);
  });

  it('marks a mail failed on a 5xx answer, with the server’s words, and an organizer retries it', async () => {
    t = await makeTestApp({ clock: testClock(), mailSender: createSmtpSender(smtp.url) });
    const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Elena Rossi' });
    const someone = await register(t.app, { email: 'gone.away@example.org' });
    await until(() => smtp.received.find((m) => m.to.includes('gone.away@example.org')));
    smtp.rejectRecipient('gone.away@example.org');
    await signInMailTo('gone.away@example.org');
    const failed = await until(async () =>
      (await rowsTo('gone.away@example.org')).find((r) => r.status === 'failed'),
    );
    expect(failed.last_error).toMatch(/550|mailbox unavailable/);

    const list = await as(t.app, org.sid)({ method: 'GET', url: '/api/admin/outbox?status=failed' });
    expect(list.statusCode).toBe(200);
    expect(list.json().counts.failed).toBe(1);
    expect(list.json().delivery).toBe('sent');
    const mail = list.json().mails[0];
    expect(mail).toMatchObject({ to: 'gone.away@example.org', status: 'failed', attempts: 1 });

    // Nobody else sees the outbox.
    const peek = await as(t.app, someone.sid)({ method: 'GET', url: '/api/admin/outbox' });
    expect(peek.statusCode).toBe(403);
    const unknown = await as(t.app, org.sid)({ method: 'POST', url: '/api/admin/outbox/nope/retry' });
    expect(unknown.json().code).toBe('MAIL_NOT_FOUND');

    // The mailbox is fixed; the organizer retries; the same Message-ID arrives.
    smtp.acceptRecipient('gone.away@example.org');
    const retried = await as(t.app, org.sid)({ method: 'POST', url: `/api/admin/outbox/${mail.id}/retry` });
    expect(retried.statusCode).toBe(200);
    expect(['pending', 'sending']).toContain(retried.json().status);
    const arrived = await smtp.waitFor((m) => m.parsed.messageId === mail.messageId);
    expect(arrived.to).toEqual(['gone.away@example.org']);
    const again = await as(t.app, org.sid)({ method: 'POST', url: `/api/admin/outbox/${mail.id}/retry` });
    expect(again.json().code).toBe('MAIL_ALREADY_SENT');
  });

  it('keeps mail while the server is down, and sends it after a restart', async () => {
    // A port with nothing listening: every attempt is a refused connection, a temporary failure.
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const db = await createTestStore();
    const clock = testClock();
    const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'http://twinning.test', OUTBOX_POLL_MS: '50' });
    const down = await buildApp(config, {
      db: db.db,
      clock,
      mailSender: createSmtpSender(`smtp://127.0.0.1:${closed}`),
    });
    await down.ready();
    const res = await down.inject({
      method: 'POST',
      url: '/api/participants',
      payload: person({ name: 'Lucía García', email: 'lucia@ugr.example', city: 'Granada', country: 'ES' }),
    });
    expect(res.statusCode).toBe(201);
    const waiting = await until(async () =>
      (await db.rows<Row>(sql`SELECT status, attempts, last_error FROM outbox`)).find(
        (r) => r.attempts >= 1 && r.status === 'pending',
      ),
    );
    expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);
    await down.close();

    // The process comes back with a working mail server: the waiting mail goes out.
    clock.advance(60 * 60_000);
    const up = await buildApp(config, { db: db.db, clock, mailSender: createSmtpSender(smtp.url) });
    await up.ready();
    const mail = await smtp.waitFor((m) => m.to.includes('lucia@ugr.example'));
    const [row] = await db.rows<Row>(sql`SELECT status, message_id FROM outbox`);
    expect(mail.parsed.messageId).toBe(row!.message_id);
    await until(
      async () => (await db.rows<Row>(sql`SELECT status FROM outbox`))[0]!.status === 'sent' || undefined,
    );
    await up.close();
    await db.close();
  });

  it('sends again, with the same Message-ID, a mail a killed process left between sending and recording', async () => {
    const db = await createTestStore();
    const clock = testClock();
    const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'http://twinning.test', OUTBOX_POLL_MS: '50' });
    // The first process queued the mail and claimed it, then died before recording the result.
    const first = await buildApp(config, { db: db.db, clock, mailSender: null });
    await first.ready();
    await first.inject({
      method: 'POST',
      url: '/api/participants',
      payload: person({ name: 'Pierre Martin', email: 'pierre@nice.example', city: 'Nice', country: 'FR' }),
    });
    await first.close();
    // Its claim still holds for a while: nobody sends the mail until it lapses.
    await db.rows(
      sql`UPDATE outbox SET status = 'sending', attempts = 1, claim_token = 'dead', claimed_until = ${clock() + DEFAULT_LEASE_MS}`,
    );
    const [{ message_id }] = (await db.rows<Row>(sql`SELECT message_id FROM outbox`)) as [Row];

    const second = await buildApp(config, { db: db.db, clock, mailSender: createSmtpSender(smtp.url) });
    await second.ready();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.some((m) => m.to.includes('pierre@nice.example'))).toBe(false);
    clock.advance(DEFAULT_LEASE_MS + 1000);
    second.outbox!.kick();
    const mail = await smtp.waitFor((m) => m.to.includes('pierre@nice.example'));
    expect(mail.parsed.messageId).toBe(message_id);
    await until(
      async () => (await db.rows<Row>(sql`SELECT status FROM outbox`))[0]!.status === 'sent' || undefined,
    );
    await second.close();
    await db.close();
  });
});
