/**
 * Cooperation projects over HTTP: partners and organizers create, see and change them; anyone else
 * gets 404; bad input gets a 4xx with its code; every stage change is kept with its date.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  as,
  bookMeeting,
  connect,
  makeTestApp,
  register,
  registerUnconfirmed,
  romeYantaiNice,
  type TestApp,
  testClock,
} from '../helpers/app';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function programme() {
  t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z') });
  const { rome, yantai, nice } = await romeYantaiNice(t.app);
  const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
  await connect(t.app, rome, yantai);
  await connect(t.app, nice, yantai);
  // Monday 10 May 2027: 10:15 in Rome and 16:15 in Yantai; 11:00 in Nice and 17:00 in Yantai.
  const romeYantai = (
    await bookMeeting(t.app, rome.sid, yantai.participant.id, '2027-05-10T08:15:00Z')
  ).json().id;
  const niceYantai = (
    await bookMeeting(t.app, nice.sid, yantai.participant.id, '2027-05-10T09:00:00Z')
  ).json().id;
  return { rome, yantai, nice, org, romeYantai, niceYantai };
}

const post = (sid: string, payload: Record<string, unknown>) =>
  as(t.app, sid)({ method: 'POST', url: '/api/projects', payload });
const get = (sid: string, id: string) => as(t.app, sid)({ method: 'GET', url: `/api/projects/${id}` });
const patch = (sid: string, id: string, payload: Record<string, unknown>) =>
  as(t.app, sid)({ method: 'PATCH', url: `/api/projects/${id}`, payload });
const list = async (sid: string) =>
  (await as(t.app, sid)({ method: 'GET', url: '/api/projects' }))
    .json()
    .projects.map((p: { id: string }) => p.id);

describe('cooperation projects', () => {
  it('a partner records a project from a meeting; partners and organizers see it, a stranger gets 404', async () => {
    const { rome, yantai, nice, org, romeYantai } = await programme();
    const res = await post(rome.sid, {
      title: '  Precision agriculture pilot  ',
      summary: 'Sensors in the vineyards of Yantai.',
      partners: [yantai.participant.id],
      sectors: ['precision-agriculture', 'wine-viticulture'],
      sessions: [romeYantai],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p.title).toBe('Precision agriculture pilot');
    expect(p.stage).toBe('idea');
    // The creator is a partner without naming themself; the sides are told apart.
    expect(p.partners.map((x: { id: string }) => x.id).sort()).toEqual(
      [rome.participant.id, yantai.participant.id].sort(),
    );
    expect(p.partners.map((x: { side: string }) => x.side).sort()).toEqual(['cn', 'eu']);
    expect(p.sessions.map((s: { id: string }) => s.id)).toEqual([romeYantai]);
    expect(p.stages).toEqual([{ stage: 'idea', at: '2027-05-10T06:00:00.000Z' }]);

    expect((await get(yantai.sid, p.id)).statusCode).toBe(200);
    expect((await get(org.sid, p.id)).statusCode).toBe(200);
    const stranger = await get(nice.sid, p.id);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().code).toBe('PROJECT_NOT_FOUND');
    expect((await patch(nice.sid, p.id, { title: 'Mine now' })).statusCode).toBe(404);
    expect(await list(nice.sid)).toEqual([]);
    expect(await list(yantai.sid)).toEqual([p.id]);
    expect(await list(org.sid)).toEqual([p.id]);
    expect((await t.app.inject({ method: 'GET', url: `/api/projects/${p.id}` })).statusCode).toBe(401);
  });

  it('keeps every stage change with its date; the other side and organizers may change it', async () => {
    const { rome, yantai, org } = await programme();
    const p = (
      await post(rome.sid, { title: 'Vine and wine institute', partners: [yantai.participant.id] })
    ).json();
    // Logins last 30 days: every change here falls within them.
    t.clock.set('2027-05-20T10:00:00Z');
    const signed = await patch(yantai.sid, p.id, { stage: 'mou-signed', summary: 'Signed in Yantai.' });
    expect(signed.statusCode, signed.body).toBe(200);
    t.clock.set('2027-06-02T10:00:00Z');
    // The same stage again is no change and leaves no new line in the history.
    await patch(org.sid, p.id, { stage: 'mou-signed' });
    const runningRes = await patch(org.sid, p.id, { stage: 'running' });
    expect(runningRes.statusCode, runningRes.body).toBe(200);
    const running = runningRes.json();
    expect(running.stage).toBe('running');
    expect(running.summary).toBe('Signed in Yantai.');
    expect(running.stages).toEqual([
      { stage: 'idea', at: '2027-05-10T06:00:00.000Z' },
      { stage: 'mou-signed', at: '2027-05-20T10:00:00.000Z' },
      { stage: 'running', at: '2027-06-02T10:00:00.000Z' },
    ]);
    // An organizer's changes do not make them a partner.
    expect(running.partners.map((x: { id: string }) => x.id)).not.toContain(org.participant.id);
    // A partner who edits the list stays on it.
    const edited = (await patch(yantai.sid, p.id, { partners: [rome.participant.id] })).json();
    expect(edited.partners.map((x: { id: string }) => x.id).sort()).toEqual(
      [rome.participant.id, yantai.participant.id].sort(),
    );
  });

  it('an organizer records a project for others without being a partner, from any meeting', async () => {
    const { yantai, nice, org, niceYantai } = await programme();
    const res = await post(org.sid, {
      title: 'Soft landing offices',
      partners: [nice.participant.id, yantai.participant.id],
      sessions: [niceYantai],
      stage: 'proposal',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().partners).toHaveLength(2);
    expect(await list(nice.sid)).toEqual([res.json().id]);
  });

  it('refuses bad input with a code, and changes nothing', async () => {
    const { rome, yantai, nice, niceYantai } = await programme();
    const base = { title: 'A project', partners: [yantai.participant.id] };
    const code = async (payload: Record<string, unknown>, status: number) => {
      const res = await post(rome.sid, payload);
      expect(res.statusCode, res.body).toBe(status);
      return res.json().code;
    };
    expect(await code({ ...base, title: '   ' }, 422)).toBe('INVALID_PROJECT_TITLE');
    expect(await code({ ...base, title: 'x'.repeat(201) }, 422)).toBe('INVALID_PROJECT_TITLE');
    expect(await code({ ...base, stage: 'launched' }, 422)).toBe('UNKNOWN_PROJECT_STAGE');
    expect(await code({ ...base, partners: ['no-such-person'] }, 422)).toBe('PROJECT_PARTNER_NOT_FOUND');
    expect(await code({ ...base, sectors: ['mining'] }, 422)).toBe('UNKNOWN_SECTOR');
    expect(await code({ ...base, summary: 's'.repeat(4001) }, 422)).toBe('PROJECT_SUMMARY_TOO_LONG');
    // A meeting the creator was not in is not theirs to cite.
    expect(await code({ ...base, sessions: [niceYantai] }, 422)).toBe('PROJECT_SESSION_NOT_FOUND');
    expect(await code({ ...base, sessions: ['nope'] }, 422)).toBe('PROJECT_SESSION_NOT_FOUND');
    expect(await code({ ...base, colour: 'red' }, 400)).toBeTruthy();
    // An unconfirmed person is as unknown as a missing one.
    const ghost = await registerUnconfirmed(t.app, { email: 'ghost@example.org' });
    expect(await code({ ...base, partners: [ghost.participant.id] }, 422)).toBe('PROJECT_PARTNER_NOT_FOUND');
    expect(await list(rome.sid)).toEqual([]);
    // …and cannot record a project.
    const unconfirmed = await post(ghost.sid, { title: 'Hidden' });
    expect(unconfirmed.statusCode).toBe(403);
    expect(unconfirmed.json().code).toBe('EMAIL_NOT_CONFIRMED');

    const p = (await post(rome.sid, base)).json();
    const bad = await patch(rome.sid, p.id, { stage: 'finished', title: 'Renamed' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('UNKNOWN_PROJECT_STAGE');
    expect((await get(rome.sid, p.id)).json().title).toBe('A project');
    expect((await patch(rome.sid, p.id, { title: '' })).json().code).toBe('INVALID_PROJECT_TITLE');
    void nice;
  });

  it('offers as partners the people one met or connected with', async () => {
    const { rome, yantai, nice } = await programme();
    const res = await as(t.app, rome.sid)({ method: 'GET', url: '/api/projects/candidates' });
    expect(res.statusCode).toBe(200);
    expect(res.json().people.map((p: { id: string }) => p.id)).toEqual([yantai.participant.id]);
    const forYantai = (
      await as(t.app, yantai.sid)({ method: 'GET', url: '/api/projects/candidates' })
    ).json();
    expect(forYantai.people.map((p: { id: string }) => p.id).sort()).toEqual(
      [rome.participant.id, nice.participant.id].sort(),
    );
  });
});
