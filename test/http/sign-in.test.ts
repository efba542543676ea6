import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSender } from '../../src/mail/transport';
import { as, makeTestApp, register, sidFrom, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

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

async function withMail(env: Record<string, string> = {}) {
  t = await makeTestApp({ env, mailSender: createSmtpSender(smtp.url) });
  return t;
}

function linkIn(text: string): URL {
  const m = /(http:\/\/twinning\.test\/auth\/verify\?token=[\w%-]+)/.exec(text);
  if (!m) throw new Error(`no sign-in link in: ${text}`);
  return new URL(m[1]!);
}

async function askLink(app: TestApp['app'], email: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email } });
  expect(res.statusCode).toBe(202);
  const mail = await smtp.waitFor((m) => m.to.includes(email) && /sign-in|登录/.test(m.parsed.subject ?? ''));
  smtp.received.splice(smtp.received.indexOf(mail), 1);
  return { mail, token: linkIn(mail.parsed.text ?? '').searchParams.get('token')! };
}

describe('sign-in by mailed link', () => {
  it('goes end to end through a real SMTP server, in both languages', async () => {
    await withMail();
    const email = `lucia.${Date.now()}@pts-granada.example`;
    const { participant } = await register(t.app, { email, name: 'Lucía', locale: 'zh' });
    const { mail, token } = await askLink(t.app, email);
    expect(mail.parsed.subject).toBe('Twinning 登录链接 · Your Twinning sign-in link');
    expect(mail.parsed.html).toContain('登录');
    expect(mail.parsed.text).toContain('Sign in');
    expect(mail.parsed.messageId).toMatch(/@twinning\.test>?$/);
    expect(token.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url

    // Opening the link (as a mail scanner would) uses nothing up, and leaks no referrer.
    const page = await t.app.inject({ method: 'GET', url: `/auth/verify?token=${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');

    const verified = await t.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } });
    expect(verified.statusCode).toBe(204);
    const sid = sidFrom(verified)!;
    const me = await as(t.app, sid)({ method: 'GET', url: '/api/me' });
    expect(me.json().participant.id).toBe(participant.id);

    // Used once: a second use is refused and gives no login.
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('INVALID_TOKEN');
    expect(sidFrom(again)).toBeUndefined();
  });

  it('answers 202 for an unknown email and mails nobody', async () => {
    await withMail();
    const before = smtp.received.length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ghost@nowhere.example' },
    });
    expect(res.statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received.length).toBe(before);
  });

  it('refuses a token after its 10 minutes', async () => {
    await withMail();
    const email = `late.${Date.now()}@example.org`;
    await register(t.app, { email });
    const { token } = await askLink(t.app, email);
    t.clock.advance(10 * 60 * 1000 + 1);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_TOKEN');
  });

  it('refuses a forged token', async () => {
    await withMail();
    for (const token of ['x', 'A'.repeat(43), '../../etc']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('INVALID_TOKEN');
    }
  });

  it('gives a new login id at each sign-in, and logout ends it on the server', async () => {
    await withMail();
    const email = `two.${Date.now()}@example.org`;
    const first = await register(t.app, { email });
    const { token } = await askLink(t.app, email);
    const second = sidFrom(
      await t.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } }),
    )!;
    expect(second).not.toBe(first.sid);

    const out = await as(t.app, second)({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect((await as(t.app, second)({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    // The other login is untouched.
    expect((await as(t.app, first.sid)({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
  });

  it('makes an ORGANIZER_EMAILS address an organizer at sign-in, even one registered before', async () => {
    await withMail();
    await register(t.app, { email: 'later-organizer@example.org' });
    await t.app.close();
    const db = t.db;
    // Same database, now with the email listed as an organizer's.
    const { buildApp } = await import('../../src/app');
    const { loadConfig } = await import('../../src/config');
    const app = await buildApp(
      loadConfig({
        NODE_ENV: 'test',
        PUBLIC_URL: 'http://twinning.test',
        ORGANIZER_EMAILS: 'later-organizer@example.org',
      }),
      { db: db.db, mailSender: createSmtpSender(smtp.url), clock: t.clock },
    );
    try {
      const { token } = await askLink(app, 'later-organizer@example.org');
      const sid = sidFrom(await app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } }))!;
      expect((await as(app, sid)({ method: 'GET', url: '/api/me' })).json().participant.role).toBe(
        'organizer',
      );
    } finally {
      await app.close();
    }
  });
});

describe('protections', () => {
  it('rate-limits sign-in requests per email', async () => {
    await withMail({ LOGIN_LIMIT_PER_EMAIL: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'target@example.org' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().code).toBe('RATE_LIMITED');
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    // Another email from the same address is still served.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'other@example.org' },
    });
    expect(other.statusCode).toBe(202);
  });

  it('rate-limits sign-in requests per address, whatever the email', async () => {
    await withMail({ LOGIN_LIMIT_PER_ADDRESS: '4' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `n${i}@example.org` },
        remoteAddress: '203.0.113.7',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 429, 429]);
  });

  it('refuses a state change from another site with 403 CROSS_ORIGIN', async () => {
    await withMail();
    const { sid } = await register(t.app);
    const evil = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: `sid=${sid}`, origin: 'https://evil.example' },
      payload: { name: 'Pwned' },
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('CROSS_ORIGIN');
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `sid=${sid}`, 'sec-fetch-site': 'cross-site', referer: 'https://evil.example/page' },
    });
    expect(form.statusCode).toBe(403);
    const me = await as(t.app, sid)({ method: 'GET', url: '/api/me' });
    expect(me.json().participant.name).toBe('Giulia Conti');
  });

  it('keeps login secrets out of the database: only hashes are stored', async () => {
    await withMail();
    const { sid } = await register(t.app);
    const rows = await t.db.rows<{ id_hash: string }>(sql`select id_hash from logins`);
    expect(rows.length).toBe(1);
    expect(rows[0]!.id_hash).not.toBe(sid);
    const dump = JSON.stringify(await t.db.rows(sql`select * from logins, sign_in_tokens`));
    expect(dump).not.toContain(sid);
  });
});

describe('the dev mailbox', () => {
  it('shows queued mail when no SMTP server is configured, and is gone in production', async () => {
    t = await makeTestApp({ env: { PUBLIC_URL: 'http://localhost:3000' } });
    const email = `box.${Date.now()}@example.org`;
    await register(t.app, { email });
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email } });
    const box = await t.app.inject({
      method: 'GET',
      url: `/api/dev/mailbox?to=${encodeURIComponent(email)}`,
    });
    expect(box.statusCode).toBe(200);
    const kinds = box.json().mails.map((m: { kind: string }) => m.kind);
    expect(kinds).toEqual(['sign-in', 'confirm-email']);
    expect(box.json().mails[0].status).toBe('pending');
    await t.close();

    t = await makeTestApp({ env: { NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:3000' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/dev/mailbox' })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/dev/login-as', payload: { participantId: 'x' } }))
        .statusCode,
    ).toBe(404);
  });

  it('is off for a server others can reach, even outside production', async () => {
    t = await makeTestApp({ env: { PUBLIC_URL: 'https://twinning.example.org' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/dev/mailbox' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/dev/people' })).statusCode).toBe(404);
    const asAnyone = await t.app.inject({
      method: 'POST',
      url: '/api/dev/login-as',
      payload: { participantId: 'x' },
      headers: { origin: 'https://twinning.example.org' },
    });
    expect(asAnyone.statusCode).toBe(404);
  });
});
