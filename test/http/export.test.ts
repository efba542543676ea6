/**
 * A person's own data: the export holds what they did (requests both ways, a booked meeting and
 * its answer, a lobby chat line and stay, an event with unavailable slots, the mails sent to them)
 * and nobody else's address.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  as,
  bookMeeting,
  connect,
  makeTestApp,
  register,
  romeYantaiNice,
  type TestApp,
  testClock,
} from '../helpers/app';
import { LobbyClient } from '../helpers/ws';

let t: TestApp;
const clients: LobbyClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => {});
  await t?.close();
});

// Monday 10 May 2027, 08:15 UTC: 10:15 in Rome, 16:15 in Yantai; the lobby opens at 08:00.
const START = '2027-05-10T08:15:00Z';

const cast = () => romeYantaiNice(t.app);
const book = (sid: string, withId: string) => bookMeeting(t.app, sid, withId, START);

const exportOf = async (sid: string) => {
  const res = await as(t.app, sid)({ method: 'GET', url: '/api/me/export' });
  expect(res.statusCode, res.body).toBe(200);
  return { res, data: res.json() };
};

describe('GET /api/me/export', () => {
  it('holds what the person did, readable, and nobody else’s email', async () => {
    t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z'), lobby: { leaveGraceMs: 0 } });
    const base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
    const { rome, yantai, nice } = await cast();

    // Rome asks Yantai, who accepts; Nice asks Rome, still pending.
    const accepted = await connect(t.app, rome, yantai);
    const pending = await as(
      t.app,
      nice.sid,
    )({
      method: 'POST',
      url: '/api/meeting-requests',
      payload: { to: rome.participant.id, message: 'Ports?' },
    });
    expect(pending.statusCode).toBe(201);

    // Rome books a meeting with Yantai and says in the lobby that they are there.
    const booked = await book(rome.sid, yantai.participant.id);
    expect(booked.statusCode).toBe(201);
    const sessionId = booked.json().id;
    t.clock.set('2027-05-10T08:05:00Z');
    const lobby = await LobbyClient.open(`${base}/ws/sessions/${sessionId}/lobby`, { sid: rome.sid });
    clients.push(lobby);
    await lobby.nextOf('snapshot');
    lobby.send({ type: 'chat', text: 'Buongiorno, I am in the lobby.' });
    await lobby.nextOf('chat');

    // An event Rome joined, with a slot they cannot make.
    const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
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
      },
    });
    expect(event.statusCode, event.body).toBe(201);
    const eventId = event.json().id;
    expect(
      (await as(t.app, rome.sid)({ method: 'POST', url: `/api/events/${eventId}/join` })).statusCode,
    ).toBe(204);
    const marked = await as(
      t.app,
      rome.sid,
    )({ method: 'PUT', url: `/api/events/${eventId}/unavailable`, payload: { slots: ['2027-05-11T09:00'] } });
    expect(marked.statusCode, marked.body).toBe(200);

    // Rome chooses not to see Nice in their matches.
    const hid = await as(
      t.app,
      rome.sid,
    )({ method: 'POST', url: '/api/matches/hidden', payload: { participantId: nice.participant.id } });
    expect(hid.statusCode, hid.body).toBeLessThan(300);

    // Lobby facts are written just after they happen: wait for the chat line to land.
    let found: Awaited<ReturnType<typeof exportOf>> | undefined;
    await vi.waitFor(async () => {
      found = await exportOf(rome.sid);
      expect(found.data.lobbyChat).toHaveLength(1);
    });
    const { res, data } = found!;

    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="twinning-export-2027-05-10.json"');

    expect(data.profile).toMatchObject({
      id: rome.participant.id,
      name: 'Giulia Conti',
      email: rome.participant.email,
      locale: 'en',
      confirmed: true,
      visible: true,
      createdAt: '2027-05-10T06:00:00.000Z',
    });
    expect(data.profile.workingHours[0]).toEqual({ day: 1, start: '09:00', end: '18:00' });

    expect(data.meetingRequests.sent).toEqual([
      expect.objectContaining({
        id: accepted,
        status: 'accepted',
        to: {
          id: yantai.participant.id,
          name: '王磊',
          organisation: 'Yantai University',
          city: 'Yantai',
          country: 'CN',
        },
      }),
    ]);
    expect(data.meetingRequests.received).toEqual([
      expect.objectContaining({
        id: pending.json().id,
        status: 'pending',
        message: 'Ports?',
        from: expect.objectContaining({ id: nice.participant.id, name: 'Pierre Martin', city: 'Nice' }),
      }),
    ]);

    expect(data.sessions).toEqual([
      expect.objectContaining({
        id: sessionId,
        kind: 'meeting',
        start: '2027-05-10T08:15:00.000Z',
        end: '2027-05-10T08:45:00.000Z',
        status: 'confirmed',
        role: 'host',
        answer: expect.any(String),
        bookedByYou: true,
        others: [expect.objectContaining({ id: yantai.participant.id, name: '王磊', role: 'host' })],
      }),
    ]);
    expect(data.lobbyChat).toEqual([
      {
        id: expect.any(String),
        sessionId,
        text: 'Buongiorno, I am in the lobby.',
        at: '2027-05-10T08:05:00.000Z',
      },
    ]);
    expect(data.lobbyAttendance).toEqual([
      expect.objectContaining({ sessionId, joinedAt: '2027-05-10T08:05:00.000Z' }),
    ]);
    expect(data.events).toEqual([
      expect.objectContaining({
        id: eventId,
        name: 'Healthy Cities matchmaking',
        unavailableSlots: ['2027-05-11T09:00'],
      }),
    ]);

    expect(data.logins.length).toBeGreaterThan(0);
    expect(data.logins[0]).toMatchObject({
      createdAt: expect.stringMatching(/^2027-/),
      expiresAt: expect.stringMatching(/^2027-/),
    });
    expect(data.hiddenPeople).toEqual([
      expect.objectContaining({
        id: nice.participant.id,
        name: 'Pierre Martin',
        hiddenAt: expect.any(String),
      }),
    ]);

    const kinds = data.mails.map((m: { kind: string }) => m.kind);
    expect(kinds).toEqual(expect.arrayContaining(['confirm-email', 'request-accepted', 'request-received']));
    for (const m of data.mails) {
      expect(m.to).toBe(rome.participant.email);
      expect(m).toMatchObject({
        subject: expect.any(String),
        text: expect.any(String),
        status: expect.any(String),
      });
      expect(m.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    }

    // Nobody else's contact details, anywhere in the file.
    for (const other of [yantai, nice, org]) expect(res.body).not.toContain(other.participant.email);
    expect(res.body.toLowerCase()).not.toContain('mailto:');
  });

  it('answers 401 without a login', async () => {
    t = await makeTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/me/export' });
    expect([res.statusCode, res.json().code]).toEqual([401, 'NOT_SIGNED_IN']);
  });
});
