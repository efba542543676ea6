/**
 * A mailed invite's links work without a login: the answer page's details (which session, when
 * in each person's time, with whom) and the calendar file, both signed with the link's token.
 * A broken link gives a browser a page that says so, never raw JSON.
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

// Monday 10:15 in Rome (CEST, +2), 16:15 in Yantai (+8).
const START = '2027-05-10T08:15:00Z';

/** The links of the newest invite mailed to an address. */
async function inviteLinks(email: string) {
  const mail = (await t.app.services.dev.mailbox(email, 10)).find((m) => m.kind === 'session-new');
  const text = mail!.text;
  const ics = new URL(/(http:\/\/twinning\.test\/api\/sessions\/\S+\/invite\.ics\?\S+)/.exec(text)![1]!);
  const accept = new URL(
    /(http:\/\/twinning\.test\/sessions\/\S+\/respond\?answer=accept\S*)/.exec(text)![1]!,
  );
  return { ics, accept, p: accept.searchParams.get('p')!, t: accept.searchParams.get('t')! };
}

describe('invite links without a login', () => {
  it('shows the meeting, both local times and who else before the answer, and opens the calendar file', async () => {
    const { rome, yantai } = await romeYantaiNice(t.app);
    const requestId = await connect(t.app, rome, yantai);
    const booked = await as(
      t.app,
      rome.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: { kind: 'meeting', with: [yantai.participant.id], start: START, duration: 30, requestId },
    });
    expect(booked.statusCode).toBe(201);
    const id = booked.json().id;
    const links = await inviteLinks(yantai.participant.email);
    expect(links.p).toBe(yantai.participant.id);

    const inv = await t.app.inject({
      method: 'GET',
      url: `/api/sessions/${id}/invitation?p=${links.p}&t=${links.t}`,
    });
    expect(inv.statusCode).toBe(200);
    const body = inv.json();
    expect(body).toMatchObject({
      id,
      you: yantai.participant.id,
      status: 'confirmed',
      start: '2027-05-10T08:15:00.000Z',
    });
    expect(body.videoUrl).toBeUndefined();
    const byId = new Map(body.people.map((p: { id: string }) => [p.id, p]));
    expect(byId.get(yantai.participant.id)).toMatchObject({
      localStart: '2027-05-10T16:15:00+08:00',
      city: 'Yantai',
    });
    expect(byId.get(rome.participant.id)).toMatchObject({
      name: 'Giulia Conti',
      localStart: '2027-05-10T10:15:00+02:00',
      answer: 'ACCEPTED',
    });
    expect(body.icsUrl).toBe(links.ics.toString());

    // The calendar file from the mail, as a phone's mail app opens it: no cookie.
    const ics = await t.app.inject({ method: 'GET', url: `${links.ics.pathname}${links.ics.search}` });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.body).toContain('BEGIN:VEVENT');

    // Someone else's token, or a doctored one: refused; a browser gets a page, a client JSON.
    const forged = `${links.ics.pathname}?p=${rome.participant.id}&t=${links.t}`;
    const page = await t.app.inject({ method: 'GET', url: forged, headers: { accept: 'text/html,*/*' } });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['x-error-code']).toBe('INVALID_TOKEN');
    expect(page.body).toContain('This calendar link does not work');
    const json = await t.app.inject({ method: 'GET', url: forged });
    expect([json.statusCode, json.json().code]).toEqual([400, 'INVALID_TOKEN']);
    const noLogin = await t.app.inject({
      method: 'GET',
      url: `/api/sessions/${id}/invite.ics`,
      headers: { accept: 'text/html' },
    });
    expect(noLogin.statusCode).toBe(401);
    expect(noLogin.headers['content-type']).toMatch(/^text\/html/);
    const badInvitation = await t.app.inject({
      method: 'GET',
      url: `/api/sessions/${id}/invitation?p=${links.p}&t=nope`,
    });
    expect([badInvitation.statusCode, badInvitation.json().code]).toEqual([400, 'INVALID_TOKEN']);
  });

  it('shows a webinar registrant its hosts and themself, never the other registrants', async () => {
    const { sid: orgSid } = await register(t.app, {
      email: 'organizer@twinning.test',
      name: 'Programme office',
    });
    const { rome, yantai, nice } = await romeYantaiNice(t.app);
    const w = await as(
      t.app,
      orgSid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'webinar',
        title: 'Healthy cities webinar',
        hosts: [rome.participant.id],
        start: '2027-05-12T08:00:00Z',
        duration: 60,
      },
    });
    expect(w.statusCode).toBe(201);
    const id = w.json().id;
    for (const p of [yantai, nice])
      expect(
        (await as(t.app, p.sid)({ method: 'POST', url: `/api/sessions/${id}/register` })).statusCode,
      ).toBe(201);
    const mail = (await t.app.services.dev.mailbox(nice.participant.email, 10)).find(
      (m) => m.kind === 'session-registered',
    );
    const accept = new URL(/(http:\/\/twinning\.test\/sessions\/\S+\/respond\?\S+)/.exec(mail!.text)![1]!);
    const inv = await t.app.inject({
      method: 'GET',
      url: `/api/sessions/${id}/invitation?p=${accept.searchParams.get('p')}&t=${accept.searchParams.get('t')}`,
    });
    expect(inv.statusCode).toBe(200);
    expect(
      inv
        .json()
        .people.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([rome.participant.id, nice.participant.id].sort());
  });
});
