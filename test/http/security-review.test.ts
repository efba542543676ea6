/**
 * The findings of a security review, each as the attack it describes: registering as an organizer,
 * taking over an address before its owner, webinar invites that hand out everyone's address,
 * booking strangers, guessable video rooms, calendar and CSV injection, tokens in the logs, and a
 * load balancer's address shared by every client.
 */
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { feedCalendar } from '../../src/calendar/ical';
import { ConfigError, loadConfig } from '../../src/config';
import {
  as,
  confirmationToken,
  connect,
  makeTestApp,
  person,
  register,
  registerUnconfirmed,
  sidFrom,
  type TestApp,
  testClock,
  yantaiPerson,
} from '../helpers/app';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

// Monday 10 May 2027, 06:00 UTC: 08:00 in Rome, 14:00 in Yantai.
async function app(env: Record<string, string> = {}) {
  t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z'), env });
  return t;
}

const rome = (email = `giulia.${Math.random().toString(36).slice(2, 8)}@lazio.example`) =>
  register(t.app, { name: 'Giulia Conti', email });
const yantai = (email = `wang.${Math.random().toString(36).slice(2, 8)}@ytu.example`) =>
  register(t.app, yantaiPerson(email));

const book = (sid: string, payload: Record<string, unknown>) =>
  as(
    t.app,
    sid,
  )({
    method: 'POST',
    url: '/api/sessions',
    payload: { kind: 'meeting', start: '2027-05-11T08:00:00Z', duration: 30, ...payload },
  });

/** Every calendar object queued for an address, parsed. */
async function invitesTo(address: string): Promise<ICAL.Component[]> {
  const rows = await t.db.rows<{ ical: string }>(
    sql`select ical from outbox where to_address = ${address} and ical is not null order by created_at`,
  );
  return rows.map((r) => new ICAL.Component(ICAL.parse(r.ical)));
}

const attendeesOf = (cal: ICAL.Component) =>
  cal
    .getFirstSubcomponent('vevent')!
    .getAllProperties('attendee')
    .map((p) => String(p.getFirstValue()).toLowerCase());

describe('1. registering proves nothing until the mailed link is used', () => {
  it('gives no organizer role to someone who registers an organizer address', async () => {
    await app();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/participants',
      payload: person({ email: 'organizer@twinning.test' }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().participant).toMatchObject({ role: 'participant', confirmed: false });
    const admin = await as(t.app, sidFrom(res))({ method: 'GET', url: '/api/admin/overview' });
    expect(admin.statusCode).toBe(403);
  });

  it('ends the pre-registrant’s login and feed when the owner signs in by link', async () => {
    await app();
    const victim = 'lucia@pts-granada.example';
    const attacker = await registerUnconfirmed(t.app, { email: victim, name: 'Lucía Fernández' });
    const feed = attacker.participant.calendarUrl.replace('http://twinning.test', '');
    expect((await t.app.inject({ method: 'GET', url: feed })).statusCode).toBe(200);

    // The owner asks for a sign-in link and uses it.
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: victim } });
    const signIn = (await t.app.services.dev.mailbox(victim, 5)).find((m) => m.kind === 'sign-in')!;
    const token = decodeURIComponent(/token=([\w%-]+)/.exec(signIn.text)![1]!);
    const owner = await t.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } });
    expect(owner.statusCode).toBe(204);

    expect((await as(t.app, attacker.sid)({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: feed })).statusCode).toBe(404);
    const me = await as(t.app, sidFrom(owner))({ method: 'GET', url: '/api/me' });
    expect(me.json().participant.confirmed).toBe(true);
    expect(me.json().participant.calendarUrl).not.toContain(feed);
  });

  it('keeps an unconfirmed account from reaching anyone, and from being reached', async () => {
    await app();
    const org = await register(t.app, { email: 'organizer@twinning.test' });
    const y = await yantai();
    const fresh = await registerUnconfirmed(t.app, { email: 'new@lazio.example' });
    const asFresh = as(t.app, fresh.sid);

    const refusals = [
      await asFresh({ method: 'POST', url: '/api/meeting-requests', payload: { to: y.participant.id } }),
      await book(fresh.sid, { with: [y.participant.id] }),
    ];
    const event = await as(
      t.app,
      org.sid,
    )({
      method: 'POST',
      url: '/api/events',
      payload: {
        name: 'Healthy Cities matchmaking',
        timeZone: 'Europe/Rome',
        days: ['2027-05-11'],
        windows: [{ start: '09:00', end: '11:00' }],
        slotMinutes: 20,
        breakMinutes: 0,
        parallelLimit: 2,
      },
    });
    refusals.push(await asFresh({ method: 'POST', url: `/api/events/${event.json().id}/join` }));
    const webinar = await as(
      t.app,
      org.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'webinar',
        title: 'Healthy cities',
        hosts: [org.participant.id],
        start: '2027-05-12T08:00:00Z',
        duration: 60,
      },
    });
    refusals.push(await asFresh({ method: 'POST', url: `/api/sessions/${webinar.json().id}/register` }));
    for (const r of refusals) expect([r.statusCode, r.json().code]).toEqual([403, 'EMAIL_NOT_CONFIRMED']);

    // Nobody sees it or reaches it.
    const asY = as(t.app, y.sid);
    const profile = await asY({ method: 'GET', url: `/api/participants/${fresh.participant.id}` });
    expect(profile.statusCode).toBe(404);
    const matches = await asY({ method: 'GET', url: '/api/matches?limit=100' });
    expect(
      matches.json().matches.map((m: { participant: { id: string } }) => m.participant.id),
    ).not.toContain(fresh.participant.id);
    const request = await asY({
      method: 'POST',
      url: '/api/meeting-requests',
      payload: { to: fresh.participant.id },
    });
    expect([request.statusCode, request.json().code]).toEqual([404, 'PARTICIPANT_NOT_FOUND']);
    const slots = await asY({ method: 'GET', url: `/api/slots?with=${fresh.participant.id}` });
    expect(slots.statusCode).toBe(404);

    // The link confirms: the first request now goes through, and the old login is over.
    const token = await confirmationToken(t.app, 'new@lazio.example');
    const confirmed = await t.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } });
    expect((await asFresh({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const first = await as(
      t.app,
      sidFrom(confirmed),
    )({
      method: 'POST',
      url: '/api/meeting-requests',
      payload: { to: y.participant.id },
    });
    expect(first.statusCode).toBe(201);
    expect((await asY({ method: 'GET', url: `/api/participants/${fresh.participant.id}` })).statusCode).toBe(
      200,
    );
  });

  it('mails the confirmation link in the registrant’s language, valid for two days', async () => {
    await app();
    await registerUnconfirmed(t.app, yantaiPerson('li.na@kunming.example', { locale: 'zh' }));
    const mail = (await t.app.services.dev.mailbox('li.na@kunming.example', 5))[0]!;
    expect(mail.kind).toBe('confirm-email');
    expect(mail.subject).toContain('确认');
    const token = await confirmationToken(t.app, 'li.na@kunming.example');
    t.clock.advance(47 * 3_600_000);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } });
    expect(res.statusCode).toBe(204);
  });
});

describe('2. a webinar invite lists only its recipient', () => {
  it('hands no registrant another registrant’s or host’s address, in mail, file or feed', async () => {
    await app();
    const org = await register(t.app, { email: 'organizer@twinning.test' });
    const host = await rome('host@lazio.example');
    const a = await yantai('a@ytu.example');
    const b = await yantai('b@ytu.example');
    const created = await as(
      t.app,
      org.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'webinar',
        title: 'Wine and precision agriculture',
        hosts: [host.participant.id],
        start: '2027-05-12T08:00:00Z',
        duration: 60,
      },
    });
    const id = created.json().id;
    for (const p of [a, b]) {
      const r = await as(t.app, p.sid)({ method: 'POST', url: `/api/sessions/${id}/register` });
      expect(r.statusCode).toBe(201);
    }
    for (const address of ['a@ytu.example', 'b@ytu.example', 'host@lazio.example']) {
      const invites = await invitesTo(address);
      expect(invites.length).toBeGreaterThan(0);
      for (const cal of invites) expect(attendeesOf(cal)).toEqual([`mailto:${address}`]);
    }
    const file = await as(t.app, b.sid)({ method: 'GET', url: `/api/sessions/${id}/invite.ics` });
    expect(file.body).not.toContain('a@ytu.example');
    expect(file.body).not.toContain('host@lazio.example');
    const me = await as(t.app, b.sid)({ method: 'GET', url: '/api/me' });
    const feed = await t.app.inject({
      method: 'GET',
      url: me.json().participant.calendarUrl.replace('http://twinning.test', ''),
    });
    // The feed is a PUBLISH: it names no ATTENDEE at all, only the session.
    expect(feed.body).toContain('Wine and precision agriculture');
    expect(feed.body).not.toContain('a@ytu.example');
    expect(feed.body).not.toContain('host@lazio.example');
  });
});

describe('3. a participant books only people who accepted a request with them', () => {
  it('refuses strangers, checks the request named, and counts bookings against the daily limit', async () => {
    await app({ REQUESTS_PER_DAY: '3' });
    const r = await rome();
    const y = await yantai();
    const stranger = await yantai();
    const refused = await book(r.sid, {
      with: [stranger.participant.id],
      title: 'Urgent: verify your account',
    });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'NOT_CONNECTED']);

    // A pending request connects nobody yet; naming it is refused for what it is.
    const pending = await as(
      t.app,
      r.sid,
    )({
      method: 'POST',
      url: '/api/meeting-requests',
      payload: { to: y.participant.id },
    });
    const early = await book(r.sid, { with: [y.participant.id], requestId: pending.json().id });
    expect(early.statusCode).toBe(403);
    await as(t.app, y.sid)({ method: 'POST', url: `/api/meeting-requests/${pending.json().id}/accept` });

    const unknown = await book(r.sid, { with: [y.participant.id], requestId: 'no-such-request' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'REQUEST_NOT_FOUND']);
    const others = await rome();
    const theirs = await connect(t.app, others, stranger);
    const unrelated = await book(r.sid, { with: [y.participant.id], requestId: theirs });
    expect([unrelated.statusCode, unrelated.json().code]).toEqual([404, 'REQUEST_NOT_FOUND']);

    const ok = await book(r.sid, { with: [y.participant.id], requestId: pending.json().id });
    expect(ok.statusCode).toBe(201);
    expect(await t.db.rows(sql`select request_id from sessions where id = ${ok.json().id}`)).toEqual([
      { request_id: pending.json().id },
    ]);

    // One request and one booking used; one more of either is allowed, then no more today.
    const again = await book(r.sid, { with: [y.participant.id], start: '2027-05-11T09:00:00Z' });
    expect(again.statusCode).toBe(201);
    const over = await book(r.sid, { with: [y.participant.id], start: '2027-05-11T10:00:00Z' });
    expect([over.statusCode, over.json().code]).toEqual([429, 'DAILY_LIMIT_REACHED']);
    const overRequest = await as(
      t.app,
      r.sid,
    )({
      method: 'POST',
      url: '/api/meeting-requests',
      payload: { to: stranger.participant.id },
    });
    expect([overRequest.statusCode, overRequest.json().code]).toEqual([429, 'DAILY_LIMIT_REACHED']);
  });

  it('lets organizers book anyone', async () => {
    await app();
    const org = await register(t.app, { email: 'organizer@twinning.test' });
    const y = await yantai();
    const res = await book(org.sid, { with: [y.participant.id] });
    expect(res.statusCode).toBe(201);
  });
});

describe('4. a session’s video room cannot be guessed from its id', () => {
  it('makes each default room from a random secret', async () => {
    await app();
    const r = await rome();
    const y = await yantai();
    await connect(t.app, r, y);
    const first = await book(r.sid, { with: [y.participant.id] });
    const second = await book(r.sid, { with: [y.participant.id], start: '2027-05-11T09:00:00Z' });
    const urls = [];
    for (const s of [first, second]) {
      const v = await as(t.app, r.sid)({ method: 'GET', url: `/api/sessions/${s.json().id}` });
      const url = v.json().videoUrl as string;
      expect(url).toMatch(/^https:\/\/meet\.jit\.si\/Twinning-[0-9a-f]{32}$/);
      expect(url).not.toContain(s.json().id);
      urls.push(url);
    }
    expect(urls[0]).not.toBe(urls[1]);
  });

  it('refuses a video template that would put every session in one room', () => {
    expect(() => loadConfig({ VIDEO_URL_TEMPLATE: 'https://meet.example/ourroom' })).toThrow(ConfigError);
    expect(loadConfig({ VIDEO_URL_TEMPLATE: 'https://meet.example/{room}' }).videoUrlTemplate).toBe(
      'https://meet.example/{room}',
    );
  });
});

describe('8. control characters and calendar injection', () => {
  it('refuses a line break where one line belongs, and keeps it where a text runs over lines', async () => {
    await app();
    const injected = await t.app.inject({
      method: 'POST',
      url: '/api/participants',
      payload: person({ name: 'Mallory\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Free money' }),
    });
    expect([injected.statusCode, injected.json().code]).toEqual([400, 'CONTROL_CHARACTER']);
    expect(injected.json().details[0].field).toBe('name');
    const r = await rome();
    const patch = await as(
      t.app,
      r.sid,
    )({ method: 'PATCH', url: '/api/me', payload: { city: 'Rome\u0000' } });
    expect([patch.statusCode, patch.json().code]).toEqual([400, 'CONTROL_CHARACTER']);
    const bio = await as(
      t.app,
      r.sid,
    )({
      method: 'PATCH',
      url: '/api/me',
      payload: { bio: 'Smart City Lab.\nTechnology transfer.' },
    });
    expect(bio.statusCode).toBe(200);
    const [count] = await t.db.rows<{ n: number }>(
      sql`select cast(count(*) as integer) as n from participants`,
    );
    expect(count!.n).toBe(1);
  });

  it('keeps a name with quotes and semicolons from rewriting someone’s address in an invite', async () => {
    await app();
    const r = await register(t.app, {
      name: 'Mallory";CN=x:mailto:evil@attacker.example;X="',
      email: 'mallory@lazio.example',
    });
    const y = await yantai('wang@ytu.example');
    await connect(t.app, r, y);
    expect((await book(r.sid, { with: [y.participant.id] })).statusCode).toBe(201);
    const [cal] = await invitesTo('wang@ytu.example');
    expect(attendeesOf(cal!).sort()).toEqual(['mailto:mallory@lazio.example', 'mailto:wang@ytu.example']);
    expect(cal!.toString()).not.toContain('evil@attacker.example:');
  });

  it('escapes the feed’s name, so a name cannot add events to a feed', () => {
    const text = feedCalendar('Mallory\r\nBEGIN:VEVENT\r\nSUMMARY:x', []);
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getAllSubcomponents('vevent')).toHaveLength(0);
    expect(String(cal.getFirstPropertyValue('x-wr-calname'))).toContain('Mallory BEGIN:VEVENT');
  });
});

describe('9. CSV files that Excel in Italy, Spain and France opens safely', () => {
  it('quotes every field, so a semicolon cannot start a formula cell', async () => {
    await app();
    const org = await register(t.app, { email: 'organizer@twinning.test' });
    await register(t.app, { organisation: "Mallory;=cmd|' /C calc'!A0;" });
    const csv = await as(t.app, org.sid)({ method: 'GET', url: '/api/admin/participants.csv' });
    expect(csv.body).toContain(`"Mallory;=cmd|' /C calc'!A0;"`);
    // Read as a semicolon-separated file, as Excel does there: a `;` outside quotes starts a cell,
    // and no cell may start a formula.
    const cells = csv.body.split(/\r?\n/).flatMap((line) => {
      const out = [''];
      let quoted = false;
      for (const c of line) {
        if (c === '"') quoted = !quoted;
        if (c === ';' && !quoted) out.push('');
        else out[out.length - 1] += c;
      }
      return out;
    });
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });
});

describe('10. no token reaches the logs', () => {
  it('redacts sign-in, answer-link and feed tokens from request lines', async () => {
    const lines: string[] = [];
    t = await makeTestApp({
      env: { LOG_LEVEL: 'info' },
      logStream: { write: (line) => lines.push(line) },
    });
    for (const url of [
      '/auth/verify?token=SIGNINSECRET123',
      '/sessions/abc/respond?answer=accept&p=someone&t=RSVPSECRET456',
      '/calendar/FEEDSECRET789abcdefghijk.ics',
    ]) {
      await t.app.inject({ method: 'GET', url });
    }
    const log = lines.join('');
    expect(log).toContain('/calendar/[redacted]');
    expect(log).toContain('t=[redacted]');
    for (const secret of ['SIGNINSECRET123', 'RSVPSECRET456', 'FEEDSECRET789'])
      expect(log).not.toContain(secret);
  });
});

describe('12. behind a load balancer', () => {
  const signIns = async (forwardedFor: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: `someone.${Math.random()}@example.org` },
      headers: { 'x-forwarded-for': forwardedFor },
    });
    return res.statusCode;
  };

  it('counts sign-in attempts per client when TRUST_PROXY names the proxy', async () => {
    await app({ TRUST_PROXY: '127.0.0.1', LOGIN_LIMIT_PER_ADDRESS: '2' });
    expect([
      await signIns('203.0.113.1'),
      await signIns('203.0.113.1'),
      await signIns('203.0.113.1'),
    ]).toEqual([202, 202, 429]);
    // Another client behind the same proxy is not locked out.
    expect(await signIns('198.51.100.7')).toBe(202);
  });

  it('believes no X-Forwarded-For without TRUST_PROXY', async () => {
    await app({ LOGIN_LIMIT_PER_ADDRESS: '2' });
    expect([await signIns('203.0.113.1'), await signIns('198.51.100.7'), await signIns('192.0.2.9')]).toEqual(
      [202, 202, 429],
    );
  });

  it.each([
    ['10.0.0.1, 10.0.0.2', ['10.0.0.1', '10.0.0.2']],
    ['10.0.0.0/8,loopback', ['10.0.0.0/8', 'loopback']],
    ['2', 2],
  ])('reads TRUST_PROXY=%s', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each(['proxy.example', '10.0.0.1/99', '0', 'yes'])('refuses TRUST_PROXY=%s', (raw) => {
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(/TRUST_PROXY/);
  });
});
