/**
 * DELETE /api/me end to end, with a real SMTP server and real websocket clients: Rome (Giulia) has
 * a meeting with Yantai that is over, one under way, one tomorrow, requests both ways, a chat line
 * and an outcome note. After the erasure the other side has the CANCEL for tomorrow, the meeting
 * under way goes on without her, no table holds her name, address or text, her old links are
 * refused, and the same address registers afresh.
 */
import { type SQL, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSmtpSender } from '../../src/mail/transport';
import {
  as,
  bookMeeting,
  confirmationToken,
  connect,
  makeTestApp,
  register,
  romeYantaiNice,
  type TestApp,
  testClock,
} from '../helpers/app';
import { type ReceivedMail, startSmtp, type TestSmtp } from '../helpers/smtp';
import { LobbyClient } from '../helpers/ws';

let smtp: TestSmtp;
let t: TestApp;
const clients: LobbyClient[] = [];
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => {});
  await t?.close();
});

const calendarOf = (m: ReceivedMail) => {
  const part = m.parsed.attachments.find((a) => a.filename === 'invite.ics')!;
  const comp = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  return { comp, event: comp.getFirstSubcomponent('vevent')!, text: part.content.toString('utf8') };
};

/** Every row of every table of the product, as text: what "held nowhere" is checked against. */
async function everyRow(): Promise<{ table: string; row: string }[]> {
  const tables = (
    t.db.db.dialect === 'sqlite'
      ? await t.db.rows<{ name: string }>(
          sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`,
        )
      : await t.db.rows<{ name: string }>(
          sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        )
  ).map((r) => r.name);
  expect(tables).toContain('participants');
  const out: { table: string; row: string }[] = [];
  for (const table of tables) {
    for (const row of await t.db.rows<Record<string, unknown>>(sql.raw(`SELECT * FROM "${table}"`) as SQL)) {
      out.push({ table, row: JSON.stringify(row) });
    }
  }
  return out;
}

/** The outbox has sent everything queued (so that no mail is mid-send during the erasure). */
async function outboxDrained(): Promise<void> {
  await vi.waitFor(
    async () => {
      const [r] = await t.db.rows<{ n: number }>(
        sql`SELECT cast(count(*) as integer) AS n FROM outbox WHERE status <> 'sent'`,
      );
      expect(Number(r!.n)).toBe(0);
    },
    { timeout: 8000, interval: 50 },
  );
}

describe('DELETE /api/me', () => {
  it('cancels what is to come, leaves a live meeting going, and leaves nothing of the person', async () => {
    // Monday 10 May 2027, 06:00 UTC: 08:00 in Rome (CEST), 14:00 in Yantai (CST).
    t = await makeTestApp({
      clock: testClock('2027-05-10T06:00:00Z'),
      mailSender: createSmtpSender(smtp.url),
      lobby: { leaveGraceMs: 0 },
    });
    const base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
    const { rome, yantai, nice } = await romeYantaiNice(t.app);
    const NAME = 'Giulia Conti';
    const EMAIL = rome.participant.email as string;
    const BIO = 'Runs the Lazio open-data sandbox since 2019.';
    const BIO_ZH = '自2019年起负责拉齐奥开放数据沙盒。';
    const CHAT = 'Quanto costa il progetto pilota?';
    const NOTE = 'Follow up with the port authority in June.';
    const MESSAGE = 'Giulia here: shall we talk about cold-chain logistics?';
    const bios = { bio: BIO, bioTranslation: BIO_ZH };
    expect((await as(t.app, rome.sid)({ method: 'PATCH', url: '/api/me', payload: bios })).statusCode).toBe(
      200,
    );
    const lyon = await register(t.app, {
      name: 'Camille Laurent',
      email: `camille.${Date.now()}@lyon.example`,
      city: 'Lyon',
      country: 'FR',
      timeZone: 'Europe/Paris',
    });

    await connect(t.app, rome, yantai);
    // 07:00Z is 09:00 in Rome and 15:00 in Yantai; 08:15Z and tomorrow 08:00Z likewise in hours.
    const past = (await bookMeeting(t.app, rome.sid, yantai.participant.id, '2027-05-10T07:00:00Z')).json();
    const live = (await bookMeeting(t.app, yantai.sid, rome.participant.id, '2027-05-10T08:15:00Z')).json();
    const tomorrow = (
      await bookMeeting(t.app, rome.sid, yantai.participant.id, '2027-05-11T08:00:00Z')
    ).json();
    expect([past.id, live.id, tomorrow.id].every(Boolean)).toBe(true);
    // Requests open both ways: Nice asked Rome; Rome asked Lyon, with a message.
    const fromNice = await as(
      t.app,
      nice.sid,
    )({
      method: 'POST',
      url: '/api/meeting-requests',
      payload: { to: rome.participant.id, message: 'Ports?' },
    });
    const toLyon = await as(
      t.app,
      rome.sid,
    )({
      method: 'POST',
      url: '/api/meeting-requests',
      payload: { to: lyon.participant.id, message: MESSAGE },
    });
    expect([fromNice.statusCode, toLyon.statusCode]).toEqual([201, 201]);

    // The first meeting: Rome says something in its lobby, then it is over; she writes a note.
    t.clock.set('2027-05-10T07:05:00Z');
    const first = await LobbyClient.open(`${base}/ws/sessions/${past.id}/lobby`, { sid: rome.sid });
    clients.push(first);
    await first.nextOf('snapshot');
    first.send({ type: 'chat', text: CHAT });
    await first.nextOf('chat');
    await first.close();
    await t.app.services.lobby.flush();
    await t.db.rows(
      sql`INSERT INTO session_outcomes (session_id, participant_id, result, note, stage_note) VALUES (${past.id}, ${rome.participant.id}, 'cooperation-possible', ${NOTE}, ${NOTE})`,
    );

    // Her secrets before the erasure: the feed URL, a fresh sign-in link, tomorrow's Accept link.
    const me = (await as(t.app, rome.sid)({ method: 'GET', url: '/api/me' })).json().participant;
    const feedPath = new URL(me.calendarUrl).pathname;
    expect((await t.app.inject({ method: 'GET', url: feedPath })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: EMAIL } })).statusCode,
    ).toBe(202);
    const signInToken = await confirmationToken(t.app, EMAIL);
    const invite = (await t.app.services.dev.mailbox(EMAIL, 50)).find(
      (m) => m.kind === 'session-new' && m.text.includes(live.id),
    );
    const accept = /respond\?answer=accept&p=([\w-]+)&t=([\w-]+)/.exec(invite!.text)!;
    expect(accept[1]).toBe(rome.participant.id);

    // The second meeting is under way: both are in its lobby.
    t.clock.set('2027-05-10T08:20:00Z');
    const romeTab = await LobbyClient.open(`${base}/ws/sessions/${live.id}/lobby`, { sid: rome.sid });
    const yantaiTab = await LobbyClient.open(`${base}/ws/sessions/${live.id}/lobby`, { sid: yantai.sid });
    clients.push(romeTab, yantaiTab);
    await romeTab.nextOf('snapshot');
    await yantaiTab.nextOf('snapshot');
    await outboxDrained();
    const participantsBefore = await t.db.rows(sql`SELECT cast(count(*) as integer) AS n FROM participants`);

    // Without a login: 401, for the export as for the erasure.
    expect((await t.app.inject({ method: 'DELETE', url: '/api/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me/export' })).statusCode).toBe(401);

    const erased = await as(t.app, rome.sid)({ method: 'DELETE', url: '/api/me' });
    expect(erased.statusCode, erased.body).toBe(204);
    expect(erased.cookies.find((c) => c.name === 'sid')?.value).toBe('');

    // The live lobby closes for her and goes on for Yantai.
    expect(await romeTab.waitClosed()).toEqual({ code: 4401, reason: 'ACCOUNT_ERASED' });
    await yantaiTab.nextOf('presence', (f) => f.state === 'left');
    yantaiTab.send({ type: 'chat', text: 'Still here.' });
    expect((await yantaiTab.nextOf('chat', (f) => f.text === 'Still here.')).text).toBe('Still here.');
    expect(yantaiTab.closed).toBeNull();

    // Yantai gets tomorrow's cancellation (same UID, METHOD:CANCEL) that no longer lists her.
    const cancel = await smtp.waitFor(
      (m) => m.to.includes(yantai.participant.email) && /method=CANCEL/i.test(m.raw),
    );
    const cal = calendarOf(cancel);
    expect(cal.comp.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cal.event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(String(cal.event.getFirstPropertyValue('uid'))).toContain(tomorrow.id);
    expect(cancel.raw).not.toContain(EMAIL);
    expect(cancel.raw).not.toContain(NAME);
    const sessionsNow = await as(t.app, yantai.sid)({ method: 'GET', url: '/api/me/sessions' });
    const byId = new Map(
      (sessionsNow.json().sessions as { id: string; status: string }[]).map((s) => [s.id, s]),
    );
    expect(byId.get(tomorrow.id)?.status).toBe('cancelled');
    expect(byId.get(live.id)?.status).toBe('confirmed');

    // The meeting that is over shows a former participant, nameless.
    const pastView = (await as(t.app, yantai.sid)({ method: 'GET', url: `/api/sessions/${past.id}` })).json();
    expect(pastView.people.find((p: { id: string }) => p.id === rome.participant.id)).toMatchObject({
      name: '',
      former: true,
    });

    // Requests both ways withdrawn; the counts keep their rows.
    const lyonsRequests = (await as(t.app, lyon.sid)({ method: 'GET', url: '/api/meeting-requests' })).json();
    expect(JSON.stringify(lyonsRequests)).not.toContain(MESSAGE);
    const statuses = await t.db.rows<{ status: string }>(
      sql`SELECT status FROM meeting_requests WHERE id IN (${fromNice.json().id}, ${toLyon.json().id})`,
    );
    expect(statuses.map((r) => r.status)).toEqual(['withdrawn', 'withdrawn']);
    expect(await t.db.rows(sql`SELECT cast(count(*) as integer) AS n FROM participants`)).toEqual(
      participantsBefore,
    );

    // Her old login, sign-in link, feed and Accept link: refused as unknown, changing nothing.
    expect((await as(t.app, rome.sid)({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const verify = await t.app.inject({
      method: 'POST',
      url: '/api/auth/verify',
      payload: { token: signInToken },
    });
    expect(verify.statusCode).toBeGreaterThanOrEqual(400);
    expect(verify.cookies.find((c) => c.name === 'sid' && c.value)).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: feedPath })).statusCode).toBe(404);
    const rsvp = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${live.id}/rsvp`,
      payload: { answer: 'decline', participantId: accept[1], token: accept[2] },
    });
    expect([rsvp.statusCode, rsvp.json().code]).toEqual([400, 'INVALID_TOKEN']);
    const [partstat] = await t.db.rows<{ partstat: string }>(
      sql`SELECT partstat FROM session_people WHERE session_id = ${live.id} AND participant_id = ${rome.participant.id}`,
    );
    expect(partstat?.partstat).toBe('NEEDS-ACTION');

    // Gone from matches and from the organizers' lists.
    const matches = await as(t.app, yantai.sid)({ method: 'GET', url: '/api/matches' });
    expect(matches.body).not.toContain(rome.participant.id);
    const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
    const list = await as(t.app, org.sid)({ method: 'GET', url: '/api/admin/participants' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(rome.participant.id);
    const csv = await as(t.app, org.sid)({ method: 'GET', url: '/api/admin/participants.csv' });
    expect(csv.body).not.toContain(EMAIL);
    expect(
      (await as(t.app, org.sid)({ method: 'GET', url: `/api/participants/${rome.participant.id}` }))
        .statusCode,
    ).toBe(404);

    // No table holds her name, address or any text she wrote (a late chat line included).
    await t.app.services.lobby.flush();
    await outboxDrained();
    await vi.waitFor(async () => {
      const leftovers = (await everyRow()).filter(({ row }) =>
        [NAME, EMAIL, BIO, BIO_ZH, CHAT, NOTE, MESSAGE].some((s) => row.includes(s)),
      );
      expect(leftovers).toEqual([]);
    });

    // The address registers afresh, as a new and empty account.
    const again = await register(t.app, { name: NAME, email: EMAIL });
    expect(again.participant.id).not.toBe(rome.participant.id);
    const fresh = (await as(t.app, again.sid)({ method: 'GET', url: '/api/me/export' })).json();
    expect(fresh.profile.email).toBe(EMAIL);
    expect(fresh.sessions).toEqual([]);
    expect(fresh.meetingRequests).toEqual({ sent: [], received: [] });
    expect(fresh.lobbyChat).toEqual([]);
    // …and erasing twice is nothing special: the new account goes the same way.
    expect((await as(t.app, again.sid)({ method: 'DELETE', url: '/api/me' })).statusCode).toBe(204);
    expect((await register(t.app, { name: NAME, email: EMAIL })).participant.id).toBeTruthy();
  }, 30_000);

  it('leaves the erased person out of a meeting lobby opened afterwards, as out of one open then', async () => {
    // Monday 10 May 2027, 08:20 UTC: a meeting of Rome and Yantai under way since 08:15.
    t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z'), lobby: { leaveGraceMs: 0 } });
    const base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
    const { rome, yantai } = await romeYantaiNice(t.app);
    await connect(t.app, rome, yantai);
    const live = (await bookMeeting(t.app, yantai.sid, rome.participant.id, '2027-05-10T08:15:00Z')).json();
    t.clock.set('2027-05-10T08:20:00Z');
    // Nobody is in the lobby when she erases her account: the room is built afterwards.
    expect((await as(t.app, rome.sid)({ method: 'DELETE', url: '/api/me' })).statusCode).toBe(204);

    const tab = await LobbyClient.open(`${base}/ws/sessions/${live.id}/lobby`, { sid: yantai.sid });
    clients.push(tab);
    const snapshot = await tab.nextOf('snapshot');
    const ids = (snapshot.participants as { id: string }[]).map((p) => p.id);
    expect(ids).toEqual([yantai.participant.id]);
  });

  it('takes a webinar attendee off the webinar without cancelling it', async () => {
    t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z') });
    const { rome, yantai } = await romeYantaiNice(t.app);
    const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
    const webinar = await as(
      t.app,
      org.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'webinar',
        title: 'Smart ports',
        hosts: [yantai.participant.id],
        start: '2027-05-12T07:00:00Z',
        duration: 60,
      },
    });
    expect(webinar.statusCode, webinar.body).toBe(201);
    const id = webinar.json().id;
    expect(
      (await as(t.app, rome.sid)({ method: 'POST', url: `/api/sessions/${id}/register` })).statusCode,
    ).toBeLessThan(300);
    expect((await as(t.app, rome.sid)({ method: 'DELETE', url: '/api/me' })).statusCode).toBe(204);
    const view = (await as(t.app, yantai.sid)({ method: 'GET', url: `/api/sessions/${id}` })).json();
    expect(view.status).toBe('confirmed');
    expect(view.people.map((p: { id: string }) => p.id)).not.toContain(rome.participant.id);
  });
});

describe('a hidden person', () => {
  it('cannot send requests (SENDER_HIDDEN) until shown again', async () => {
    t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z') });
    const { rome, yantai } = await romeYantaiNice(t.app);
    await as(t.app, rome.sid)({ method: 'PATCH', url: '/api/me', payload: { visible: false } });
    const send = () =>
      as(
        t.app,
        rome.sid,
      )({ method: 'POST', url: '/api/meeting-requests', payload: { to: yantai.participant.id } });
    const refused = await send();
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'SENDER_HIDDEN']);
    await as(t.app, rome.sid)({ method: 'PATCH', url: '/api/me', payload: { visible: true } });
    expect((await send()).statusCode).toBe(201);
  });
});
