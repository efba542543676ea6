/**
 * The impact report against a programme built by hand, where every figure can be counted on
 * fingers: who came (lobby stays written as the lobby writes them), what people answered
 * (outcome rows written directly), and projects recorded over HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { as, connect, makeTestApp, register, romeYantaiNice, type TestApp, testClock } from '../helpers/app';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const ms = (iso: string) => Date.parse(iso);

async function stay(sessionId: string, participantId: string, from: string, to: string | null) {
  const { lobbyAttendance } = t.db.db.t;
  await t.db.db.insert(lobbyAttendance).values({
    sessionId,
    participantId,
    joinedAt: ms(from),
    admittedAt: ms(from),
    leftAt: to === null ? null : ms(to),
  });
}

async function answer(
  sessionId: string,
  participantId: string,
  result: 'not-held' | 'no-interest' | 'informative' | 'cooperation-possible',
  stage?: 'no-contact' | 'in-talks' | 'agreement' | 'mou-signed' | 'pilot-launched',
) {
  const { sessionOutcomes } = t.db.db.t;
  await t.db.db.insert(sessionOutcomes).values({
    sessionId,
    participantId,
    result,
    answeredAt: t.clock(),
    stage: stage ?? null,
    stageAnsweredAt: stage ? t.clock() : null,
  });
}

/**
 * Rome, Yantai and Nice; three requests (two accepted); seven meetings booked in May and June 2027:
 * - M1 Rome–Yantai Mon 10 May 08:15Z: both in the lobby; Rome sees cooperation, later an MoU.
 * - M2 Nice–Yantai Mon 10 May 09:00Z: Nice came; Yantai only before the start → a no-show.
 * - M3 Rome–Yantai Tue 11 May 08:15Z: nobody in the lobby, Yantai says "informative" → held.
 * - M4 Rome–Yantai Wed 12 May: cancelled → not counted at all.
 * - M5 Nice–Yantai Thu 3 June 09:00Z: still ahead when the report is read (08:00Z) → booked only.
 * - M6 Rome–Yantai Thu 13 May: both came, one left and came back; cooperation, a pilot — but a
 *   project grew from it, so the project counts that pilot, not the meeting.
 * - M7 Rome–Yantai Mon 31 May 22:00Z: that is 1 June in Yantai and Kathmandu (where the tests run),
 *   but the report's months are UTC: May. Nobody came → a no-show.
 * Projects: P1 (Rome, Yantai; wine; from M6) went idea → running → stopped; P2 (Nice, Yantai,
 * recorded by an organizer in June) is a proposal.
 */
async function programme() {
  t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z') });
  const { rome, yantai, nice } = await romeYantaiNice(t.app);
  const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
  await connect(t.app, rome, yantai);
  await connect(t.app, nice, yantai);
  const pending = await as(
    t.app,
    rome.sid,
  )({ method: 'POST', url: '/api/meeting-requests', payload: { to: nice.participant.id } });
  expect(pending.statusCode).toBe(201);
  const book = async (sid: string, withId: string, start: string, duration = 30) => {
    const res = await as(
      t.app,
      sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: { kind: 'meeting', with: [withId], start, duration },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const R = rome.participant.id;
  const Y = yantai.participant.id;
  const N = nice.participant.id;
  const m1 = await book(rome.sid, Y, '2027-05-10T08:15:00Z');
  const m2 = await book(nice.sid, Y, '2027-05-10T09:00:00Z');
  const m3 = await book(rome.sid, Y, '2027-05-11T08:15:00Z');
  const m4 = await book(rome.sid, Y, '2027-05-12T08:15:00Z');
  const m5 = await book(nice.sid, Y, '2027-06-03T09:00:00Z');
  const m6 = await book(rome.sid, Y, '2027-05-13T08:15:00Z');
  expect((await as(t.app, rome.sid)({ method: 'POST', url: `/api/sessions/${m4}/cancel` })).statusCode).toBe(
    200,
  );

  await stay(m1, R, '2027-05-10T08:10:00Z', '2027-05-10T08:50:00Z');
  await stay(m1, Y, '2027-05-10T08:20:00Z', '2027-05-10T08:44:00Z');
  await stay(m2, N, '2027-05-10T08:58:00Z', '2027-05-10T09:30:00Z');
  await stay(m2, Y, '2027-05-10T08:45:00Z', '2027-05-10T09:00:00Z'); // left as it started: absent
  await stay(m6, R, '2027-05-13T08:15:00Z', null); // never closed: counts up to now
  await stay(m6, Y, '2027-05-13T08:00:00Z', '2027-05-13T08:10:00Z');
  await stay(m6, Y, '2027-05-13T08:40:00Z', '2027-05-13T08:50:00Z');

  t.clock.set('2027-05-14T09:00:00Z');
  await answer(m1, R, 'cooperation-possible', 'mou-signed');
  await answer(m1, Y, 'informative', 'in-talks');
  await answer(m2, N, 'not-held');
  await answer(m3, Y, 'informative');
  await answer(m6, R, 'cooperation-possible', 'pilot-launched');

  const p1 = await as(
    t.app,
    rome.sid,
  )({
    method: 'POST',
    url: '/api/projects',
    payload: { title: 'Smart vineyard', partners: [Y], sectors: ['wine-viticulture'], sessions: [m6] },
  });
  expect(p1.statusCode, p1.body).toBe(201);
  t.clock.set('2027-05-20T09:00:00Z');
  await as(
    t.app,
    yantai.sid,
  )({ method: 'PATCH', url: `/api/projects/${p1.json().id}`, payload: { stage: 'running' } });
  t.clock.set('2027-05-30T09:00:00Z');
  await as(
    t.app,
    yantai.sid,
  )({ method: 'PATCH', url: `/api/projects/${p1.json().id}`, payload: { stage: 'stopped' } });
  const m7 = await book(rome.sid, Y, '2027-05-31T08:00:00Z');
  // Move M7 to 22:00Z directly: outside anyone's working hours, but such a meeting can come from an event.
  const { sessions, sessionPeople } = t.db.db.t;
  const { eq } = await import('drizzle-orm');
  await t.db.db
    .update(sessions)
    .set({ startAt: ms('2027-05-31T22:00:00Z'), endAt: ms('2027-05-31T22:30:00Z') })
    .where(eq(sessions.id, m7));
  await t.db.db
    .update(sessionPeople)
    .set({ startAt: ms('2027-05-31T22:00:00Z'), endAt: ms('2027-05-31T22:30:00Z') })
    .where(eq(sessionPeople.sessionId, m7));

  t.clock.set('2027-06-02T09:00:00Z');
  const p2 = await as(
    t.app,
    org.sid,
  )({
    method: 'POST',
    url: '/api/projects',
    payload: { title: 'Soft landing', partners: [N, Y], stage: 'proposal', sectors: ['biotechnology'] },
  });
  expect(p2.statusCode, p2.body).toBe(201);
  t.clock.set('2027-06-03T08:00:00Z');
  return { rome, yantai, nice, org, m5 };
}

const report = async (sid: string, query = '') =>
  as(t.app, sid)({ method: 'GET', url: `/api/admin/impact${query}` });

describe('GET /api/admin/impact', () => {
  it('counts the funnel, city pairs, sectors and months of a hand-built programme', async () => {
    const { org, rome } = await programme();
    const res = await report(org.sid);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.funnel).toEqual({
      requests: 3,
      accepted: 2,
      meetingsBooked: 6, // M1 M2 M3 M5 M6 M7 (M4 cancelled)
      meetingsHeld: 3, // M1 M3 M6
      noShows: 2, // M2 M7
      cooperationPossible: 2, // M1 M6
      agreements: 2, // M1 (MoU answer) + P1 (reached running); M6's pilot is P1's
      mous: 2,
      pilots: 1, // P1, stopped later but it ran
      projects: 2,
    });
    expect(r.projectsByStage).toEqual({
      idea: 0,
      proposal: 1,
      'mou-signed': 0,
      running: 0,
      completed: 0,
      stopped: 1,
    });
    const pair = (a: string, b: string) =>
      r.byCityPair.find((p: { cities: string[] }) => p.cities.join() === [a, b].join());
    expect(pair('Rome', 'Yantai')).toMatchObject({
      requests: 1,
      accepted: 1,
      meetingsBooked: 4,
      meetingsHeld: 3,
      noShows: 1,
      agreements: 2,
      pilots: 1,
      projects: 1,
    });
    expect(pair('Nice', 'Yantai')).toMatchObject({ requests: 1, meetingsBooked: 2, noShows: 1, projects: 1 });
    expect(pair('Nice', 'Rome')).toMatchObject({ requests: 1, accepted: 0, meetingsBooked: 0 });
    expect(r.overTime.map((m: { month: string }) => m.month)).toEqual(['2027-05', '2027-06']);
    expect(r.overTime[0]).toMatchObject({ requests: 3, meetingsBooked: 5, noShows: 2, projects: 1 });
    expect(r.overTime[1]).toMatchObject({
      requests: 0,
      meetingsBooked: 1,
      meetingsHeld: 0,
      noShows: 0,
      projects: 1,
    });
    const wine = r.bySector.find((s: { sector: string }) => s.sector === 'wine-viticulture');
    expect(wine).toMatchObject({ projects: 1, pilots: 1 });
    // Everyone here works in smart cities: a request or meeting counts once under a sector both
    // of its people share, not once per person.
    const smart = r.bySector.find((s: { sector: string }) => s.sector === 'smart-city');
    expect(smart).toMatchObject({ requests: 3, accepted: 2, meetingsBooked: 6, meetingsHeld: 3, noShows: 2 });

    // Only organizers read it.
    expect((await report(rome.sid)).statusCode).toBe(403);
  });

  it('filters by city pair, sector and period, and refuses bad filters with a code', async () => {
    const { org } = await programme();
    const ny = (await report(org.sid, '?cities=Yantai,Nice')).json();
    expect(ny.funnel).toMatchObject({
      requests: 1,
      meetingsBooked: 2,
      meetingsHeld: 0,
      noShows: 1,
      projects: 1,
    });
    const june = (await report(org.sid, '?from=2027-06&to=2027-06')).json();
    expect(june.funnel).toMatchObject({ requests: 0, meetingsBooked: 1, projects: 1 });
    const wine = (await report(org.sid, '?sector=wine-viticulture')).json();
    expect(wine.funnel.projects).toBe(1);
    expect(wine.projectsByStage.stopped).toBe(1);

    const code = async (q: string) => (await report(org.sid, q)).json().code;
    expect(await code('?from=2027-13')).toBe('INVALID_PERIOD');
    expect(await code('?from=2027-06&to=2027-05')).toBe('INVALID_PERIOD');
    // Outside the product's calendar (2000–2099): year 0 would be read as 1900.
    expect(await code('?from=0000-01')).toBe('INVALID_PERIOD');
    expect(await code('?to=9999-12')).toBe('INVALID_PERIOD');
    expect(await code('?cities=Rome')).toBe('INVALID_CITY_PAIR');
    expect(await code('?sector=mining')).toBe('UNKNOWN_SECTOR');
  });

  it('gives the same figures as CSV, one row per group', async () => {
    const { org } = await programme();
    const res = await as(t.app, org.sid)({ method: 'GET', url: '/api/admin/impact.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('impact.csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      '"group","key","requests","accepted","meetingsBooked","meetingsHeld","noShows","cooperationPossible","agreements","mous","pilots","projects"',
    );
    expect(lines[1]).toBe('"total","","3","2","6","3","2","2","2","2","1","2"');
    expect(lines).toContain('"month","2027-06","0","0","1","0","0","0","0","0","0","1"');
    expect(lines).toContain('"project-stage","stopped","","","","","","","","","","1"');
  });
});
