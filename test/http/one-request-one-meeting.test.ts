/**
 * One request, one meeting: a request knows the meeting booked from it, a second booking from it is
 * refused until the first is cancelled, a new request to someone already accepted is refused, the
 * booker's own answer is "accepted", and an event leaves out pairs who already have a meeting
 * unless its organizer asks otherwise.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, connect, makeTestApp, register, romeYantaiNice, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

// Monday 10:15 in Rome, 16:15 in Yantai: inside both working days.
const START = '2027-05-10T08:15:00Z';
const LATER = '2027-05-10T09:00:00Z';

const book = (sid: string, withId: string, start: string, requestId?: string) =>
  as(
    t.app,
    sid,
  )({
    method: 'POST',
    url: '/api/sessions',
    payload: { kind: 'meeting', with: [withId], start, duration: 30, ...(requestId ? { requestId } : {}) },
  });

describe('one request, one meeting', () => {
  it('links the meeting to its request, refuses a second booking, allows one after a cancellation', async () => {
    const { rome, yantai } = await romeYantaiNice(t.app);
    const requestId = await connect(t.app, rome, yantai);

    const first = await book(yantai.sid, rome.participant.id, START, requestId);
    expect(first.statusCode).toBe(201);
    const sessionId = first.json().id;

    // The booker said yes by booking; the other side has not answered yet.
    const people = first.json().people as { id: string; answer: string }[];
    expect(people.find((p) => p.id === yantai.participant.id)?.answer).toBe('ACCEPTED');
    expect(people.find((p) => p.id === rome.participant.id)?.answer).toBe('NEEDS-ACTION');

    // Both sides see the meeting on the request, in the list and alone.
    const list = (await as(t.app, rome.sid)({ method: 'GET', url: '/api/meeting-requests' })).json();
    expect(list.outgoing[0].meeting).toEqual({
      sessionId,
      start: START.replace('Z', '.000Z'),
      end: '2027-05-10T08:45:00.000Z',
    });
    const one = (
      await as(t.app, yantai.sid)({ method: 'GET', url: `/api/meeting-requests/${requestId}` })
    ).json();
    expect(one.meeting.sessionId).toBe(sessionId);

    // And on the match.
    const matches = (await as(t.app, rome.sid)({ method: 'GET', url: '/api/matches' })).json();
    const match = matches.matches.find(
      (m: { participant: { id: string } }) => m.participant.id === yantai.participant.id,
    );
    expect(match.request).toMatchObject({ id: requestId, status: 'accepted', meeting: { sessionId } });

    // A second booking from the same request, by either side, is refused and points to the first.
    for (const [sid, other] of [
      [rome.sid, yantai.participant.id],
      [yantai.sid, rome.participant.id],
    ] as const) {
      const again = await book(sid, other, LATER, requestId);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: 'REQUEST_ALREADY_BOOKED',
        details: [{ field: 'session', code: 'REQUEST_ALREADY_BOOKED', message: sessionId }],
      });
    }

    // Once the meeting is cancelled, the request may be booked again.
    const cancelled = await as(t.app, rome.sid)({ method: 'POST', url: `/api/sessions/${sessionId}/cancel` });
    expect(cancelled.statusCode).toBe(200);
    const after = (
      await as(t.app, rome.sid)({ method: 'GET', url: `/api/meeting-requests/${requestId}` })
    ).json();
    expect(after.meeting).toBeNull();
    const rebooked = await book(rome.sid, yantai.participant.id, LATER, requestId);
    expect(rebooked.statusCode).toBe(201);
    const again = (await as(t.app, rome.sid)({ method: 'GET', url: '/api/matches' })).json();
    expect(
      again.matches.find((m: { participant: { id: string } }) => m.participant.id === yantai.participant.id)
        .request.meeting.sessionId,
    ).toBe(rebooked.json().id);
  });

  it('refuses a new request to someone already accepted, either way, pointing to the accepted one', async () => {
    const { rome, yantai, nice } = await romeYantaiNice(t.app);
    const requestId = await connect(t.app, rome, yantai);
    for (const [sid, to] of [
      [rome.sid, yantai.participant.id],
      [yantai.sid, rome.participant.id],
    ] as const) {
      const res = await as(t.app, sid)({ method: 'POST', url: '/api/meeting-requests', payload: { to } });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'ALREADY_CONNECTED',
        details: [{ field: 'request', code: 'ALREADY_CONNECTED', message: requestId }],
      });
    }
    // Someone else is still free to ask.
    const other = await as(
      t.app,
      nice.sid,
    )({ method: 'POST', url: '/api/meeting-requests', payload: { to: yantai.participant.id } });
    expect(other.statusCode).toBe(201);
  });
});

describe('events and pairs who already have a meeting', () => {
  const EVENT = {
    name: 'Healthy Cities matchmaking',
    timeZone: 'Europe/Rome',
    days: ['2027-05-11'],
    windows: [{ start: '09:00', end: '11:00' }],
    slotMinutes: 20,
    breakMinutes: 0,
  };

  it('skips a booked pair by default and places it again when the organizer says so', async () => {
    const { sid: orgSid } = await register(t.app, {
      email: 'organizer@twinning.test',
      name: 'Programme office',
    });
    const org = as(t.app, orgSid);
    const { rome, yantai, nice } = await romeYantaiNice(t.app);
    const created = await org({ method: 'POST', url: '/api/events', payload: EVENT });
    expect(created.statusCode).toBe(201);
    expect(created.json().bookedPairs).toBe('skip');
    const id = created.json().id;
    for (const p of [rome, yantai, nice])
      expect((await as(t.app, p.sid)({ method: 'POST', url: `/api/events/${id}/join` })).statusCode).toBe(
        204,
      );

    // Rome and Yantai booked a meeting already; Rome and Nice only accepted a request.
    const booked = await connect(t.app, rome, yantai);
    expect((await book(rome.sid, yantai.participant.id, START, booked)).statusCode).toBe(201);
    await connect(t.app, nice, rome);

    const run = await org({ method: 'POST', url: `/api/events/${id}/schedule` });
    expect(run.statusCode).toBe(200);
    const pairs = async () =>
      (
        (await org({ method: 'GET', url: `/api/events/${id}` })).json().meetings as {
          people: { id: string }[];
        }[]
      )
        .map((m) =>
          m.people
            .map((p) => p.id)
            .sort()
            .join('|'),
        )
        .sort();
    const romeNice = [rome.participant.id, nice.participant.id].sort().join('|');
    const romeYantai = [rome.participant.id, yantai.participant.id].sort().join('|');
    expect(await pairs()).toEqual([romeNice]);

    const bad = await org({ method: 'PATCH', url: `/api/events/${id}`, payload: { bookedPairs: 'twice' } });
    expect(bad.statusCode).toBe(400);
    const patched = await org({
      method: 'PATCH',
      url: `/api/events/${id}`,
      payload: { bookedPairs: 'include' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().bookedPairs).toBe('include');
    expect((await org({ method: 'POST', url: `/api/events/${id}/schedule` })).statusCode).toBe(200);
    expect(await pairs()).toEqual([romeNice, romeYantai].sort());
  });
});
