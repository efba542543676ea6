/**
 * "Show me to others" off takes a person out of matches, profile lookups, requests and new
 * bookings by participants, while organizers still see them and their booked sessions stand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  as,
  bookMeeting,
  connect,
  makeTestApp,
  person,
  register,
  romeYantaiNice,
  type TestApp,
  testClock,
} from '../helpers/app';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

// Monday 10 May 2027, 08:15 UTC: 10:15 in Rome, 16:15 in Yantai.
const START = '2027-05-10T08:15:00Z';

const cast = () => romeYantaiNice(t.app);
const book = (sid: string, withId: string) => bookMeeting(t.app, sid, withId, START);

describe('PATCH /api/me {visible}', () => {
  const matchIds = async (sid: string) =>
    (await as(t.app, sid)({ method: 'GET', url: '/api/matches' }))
      .json()
      .matches.map((m: { participant: { id: string } }) => m.participant.id);
  const setVisible = (sid: string, visible: unknown) =>
    as(t.app, sid)({ method: 'PATCH', url: '/api/me', payload: { visible } });

  it('takes the person out of matches, lookups and requests; organizers still see them; sessions stand', async () => {
    t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z') });
    const { rome, yantai, nice } = await cast();
    const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
    await connect(t.app, rome, yantai);
    const booked = await book(rome.sid, yantai.participant.id);
    expect(booked.statusCode).toBe(201);
    const sessionId = booked.json().id;
    expect(await matchIds(nice.sid)).toContain(yantai.participant.id);

    const hidden = await setVisible(yantai.sid, false);
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.json().participant).toMatchObject({ visible: false, name: '王磊' });
    expect((await as(t.app, yantai.sid)({ method: 'GET', url: '/api/me' })).json().participant.visible).toBe(
      false,
    );

    // Gone for others.
    expect(await matchIds(nice.sid)).not.toContain(yantai.participant.id);
    expect(await matchIds(rome.sid)).not.toContain(yantai.participant.id);
    const lookup = await as(
      t.app,
      nice.sid,
    )({ method: 'GET', url: `/api/participants/${yantai.participant.id}` });
    expect([lookup.statusCode, lookup.json().code]).toEqual([404, 'PARTICIPANT_NOT_FOUND']);
    const asked = await as(
      t.app,
      nice.sid,
    )({ method: 'POST', url: '/api/meeting-requests', payload: { to: yantai.participant.id } });
    expect([asked.statusCode, asked.json().code]).toEqual([404, 'PARTICIPANT_NOT_FOUND']);
    // Not newly bookable by a participant, even one already connected.
    const again = await as(
      t.app,
      rome.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'meeting',
        with: [yantai.participant.id],
        start: '2027-05-10T09:15:00Z',
        duration: 30,
      },
    });
    expect([again.statusCode, again.json().code]).toEqual([404, 'PARTICIPANT_NOT_FOUND']);

    // What was booked stands, for both of them.
    for (const sid of [rome.sid, yantai.sid]) {
      const s = await as(t.app, sid)({ method: 'GET', url: `/api/sessions/${sessionId}` });
      expect(s.statusCode).toBe(200);
      expect(s.json().status).toBe('confirmed');
    }

    // Organizers run the programme: they still find the person.
    const seen = await as(
      t.app,
      org.sid,
    )({ method: 'GET', url: `/api/participants/${yantai.participant.id}` });
    expect(seen.statusCode).toBe(200);

    // Shown again: back in matches and lookups, and may be asked.
    expect((await setVisible(yantai.sid, true)).json().participant.visible).toBe(true);
    expect(await matchIds(nice.sid)).toContain(yantai.participant.id);
    const back = await as(
      t.app,
      nice.sid,
    )({ method: 'GET', url: `/api/participants/${yantai.participant.id}` });
    expect(back.statusCode).toBe(200);
    const askedAgain = await as(
      t.app,
      nice.sid,
    )({ method: 'POST', url: '/api/meeting-requests', payload: { to: yantai.participant.id } });
    expect(askedAgain.statusCode).toBe(201);
  });

  it('refuses a visibility that is not a boolean', async () => {
    t = await makeTestApp();
    const p = await register(t.app, person());
    const res = await setVisible(p.sid, 'no');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toEqual(expect.any(String));
  });
});
