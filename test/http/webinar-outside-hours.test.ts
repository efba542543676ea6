/**
 * A webinar outside a host's working hours: refused with OUTSIDE_WORKING_HOURS, then set when the
 * organizer says so (`outsideHours: true`); only organizers create webinars at all.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, makeTestApp, register, romeYantaiNice, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

// Wednesday 12 May 2027, 05:00 UTC: 07:00 in Rome (before work), 13:00 in Yantai.
const EARLY = '2027-05-12T05:00:00Z';

describe('a webinar outside a host’s hours, announced to those it suits', () => {
  it('warns first, then sets it on the organizer’s word; a participant cannot', async () => {
    const { sid } = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
    const { rome, yantai } = await romeYantaiNice(t.app);
    const body = {
      kind: 'webinar',
      title: 'Early webinar for Yantai',
      hosts: [rome.participant.id],
      start: EARLY,
      duration: 60,
    };
    const warned = await as(t.app, sid)({ method: 'POST', url: '/api/sessions', payload: body });
    expect(warned.statusCode).toBe(422);
    expect(warned.json()).toMatchObject({
      code: 'OUTSIDE_WORKING_HOURS',
      details: [{ field: rome.participant.id, code: 'OUTSIDE_WORKING_HOURS' }],
    });
    const set = await as(
      t.app,
      sid,
    )({ method: 'POST', url: '/api/sessions', payload: { ...body, outsideHours: true } });
    expect(set.statusCode).toBe(201);
    expect(set.json()).toMatchObject({ kind: 'webinar', start: '2027-05-12T05:00:00.000Z' });

    // The flag does not make a webinar anyone's to create.
    const participant = await as(
      t.app,
      yantai.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: { ...body, start: '2027-05-13T05:00:00Z', outsideHours: true },
    });
    expect([participant.statusCode, participant.json().code]).toEqual([403, 'FORBIDDEN']);
    const wrongType = await as(
      t.app,
      sid,
    )({ method: 'POST', url: '/api/sessions', payload: { ...body, outsideHours: 'yes' } });
    expect(wrongType.statusCode).toBe(400);

    // Announced to the people it suits: 13:00 in Yantai is inside Wang's day; 07:00 in Nice and
    // Rome is not; the host is in it already. Each is told once, however often it is announced.
    const id = set.json().id;
    const url = `/api/sessions/${id}/announcement`;
    expect((await as(t.app, sid)({ method: 'GET', url })).json()).toEqual({ recipients: 1 });
    expect((await as(t.app, sid)({ method: 'POST', url })).json()).toEqual({ sent: 1 });
    expect((await as(t.app, sid)({ method: 'POST', url })).json()).toEqual({ sent: 0 });
    const mail = (await t.app.services.dev.mailbox(yantai.participant.email, 10)).find(
      (m) => m.kind === 'webinar-announced',
    );
    expect(mail?.subject).toContain('Webinar: Early webinar for Yantai');
    expect(mail?.text).toContain('13:00');
    // The year is there (it may be months ahead), and the reader's city in each language.
    expect(mail?.text).toMatch(/20\d\d/);
    expect(mail?.text).toContain('您的时间，烟台');
    expect((await as(t.app, yantai.sid)({ method: 'POST', url })).statusCode).toBe(403);
  });
});
