/**
 * An instance killed (kill -9) in the middle of sending: the mails it had finished stay sent, the
 * one it was handing to the mail server is sent by another instance once the claim lapses, with
 * the same Message-ID, and nothing is sent twice that was not in flight.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestDatabase, pgAvailable } from '../helpers/postgres';
import { freePort, type ServerProcess, startServer } from '../helpers/server-process';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

const ready = await pgAvailable();
if (!ready) console.log('Outbox failover test skipped: PostgreSQL is not reachable on 127.0.0.1.');

describe.skipIf(!ready)('an instance killed while sending mail', () => {
  let database: Awaited<ReturnType<typeof createPgTestDatabase>>;
  let smtp: TestSmtp;
  let sql: pg.Client;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createPgTestDatabase();
    smtp = await startSmtp();
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    for (const s of servers) await s.stop('SIGKILL');
    await smtp?.close();
    await database?.drop();
  });

  it('sends the mail in flight again, once, from another instance', { timeout: 60_000 }, async () => {
    const publicUrl = `http://127.0.0.1:${await freePort()}`;
    const env = {
      DATABASE_URL: database.url,
      PUBLIC_URL: publicUrl,
      SMTP_URL: smtp.url,
      SEED_DEMO: '1',
      OUTBOX_POLL_MS: '100',
      OUTBOX_LEASE_SECONDS: '2',
      LOGIN_LIMIT_PER_ADDRESS: '100000',
      // The demo's sessions this week would owe reminders: only the sign-in mails are under test.
      REMINDER_MINUTES: 'none',
    };
    const a = await startServer(env);
    servers.push(a);
    const emails = (await sql.query('SELECT email FROM participants ORDER BY email LIMIT 6')).rows.map(
      (r: { email: string }) => r.email,
    );
    const inFlight = emails[5]!;
    const askLink = async (email: string) => {
      const res = await fetch(`${a.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: publicUrl },
        body: JSON.stringify({ email }),
      });
      expect(res.status).toBe(202);
    };
    // The demo data may mail others at start; only the mails to these six are counted.
    const ours = () => smtp.received.filter((m) => emails.some((e) => m.to.includes(e)));
    for (const email of emails.slice(0, 5)) await askLink(email);
    await smtp.waitFor(() => ours().length === 5, 10_000);
    smtp.holdNext(inFlight);
    await askLink(inFlight);
    // A has delivered five and is stuck handing over the sixth when it dies.
    for (let i = 0; ours().length < 5 || smtp.held() < 1; i++) {
      if (i > 200) throw new Error(`received ${ours().length}, held ${smtp.held()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await a.stop('SIGKILL');
    const stuck = await sql.query(`SELECT message_id, status FROM outbox WHERE to_address = $1`, [inFlight]);
    expect(stuck.rows[0].status).toBe('sending');

    const b = await startServer(env);
    servers.push(b);
    const mail = await smtp.waitFor((m) => m.to.includes(inFlight), 15_000);
    expect(mail.parsed.messageId).toBe(stuck.rows[0].message_id);
    await new Promise((r) => setTimeout(r, 500));
    const ids = ours().map((m) => m.parsed.messageId);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    const statuses = await sql.query(`SELECT DISTINCT status FROM outbox`);
    expect(statuses.rows.map((r: { status: string }) => r.status)).toEqual(['sent']);
  });
});
