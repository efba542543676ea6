import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countParticipants } from '../../src/db/participants.repo';
import { as, confirmationToken, makeTestApp, person, register, sidFrom, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const post = (payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/participants', payload: payload as object });

describe('POST /api/participants', () => {
  it('registers unconfirmed and signed in; once confirmed others see the profile, never the email', async () => {
    const res = await post(person({ email: 'Giulia@Example.org' }));
    expect(res.statusCode).toBe(201);
    const cookie = res.cookies.find((c) => c.name === 'sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = res.json().participant;
    expect(me).toMatchObject({
      email: 'giulia@example.org',
      side: 'eu',
      role: 'participant',
      timeZone: 'Europe/Rome',
      confirmed: false,
    });
    expect(me.calendarUrl).toMatch(/^http:\/\/twinning\.test\/calendar\/[\w-]{20,}\.ics$/);

    const other = await register(t.app, {
      email: 'wang@example.cn',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
    });
    const hidden = await as(t.app, other.sid)({ method: 'GET', url: `/api/participants/${me.id}` });
    expect([hidden.statusCode, hidden.json().code]).toEqual([404, 'PARTICIPANT_NOT_FOUND']);
    const token = confirmationToken(t.app, 'giulia@example.org');
    await t.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } });
    const pub = await as(t.app, other.sid)({ method: 'GET', url: `/api/participants/${me.id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().participant.email).toBeUndefined();
    expect(pub.json().participant.name).toBe('Giulia Conti');
  });

  it('keeps working hours as given, in the participant’s own zone', async () => {
    const hours = [
      { day: 1, start: '08:30', end: '12:00' },
      { day: 1, start: '14:00', end: '17:30' },
    ];
    const res = await post(person({ workingHours: hours }));
    expect(res.json().participant.workingHours).toEqual(hours);
  });

  it('gives the organizer role to ORGANIZER_EMAILS once the address is confirmed', async () => {
    const res = await post(person({ email: 'Organizer@twinning.test' }));
    expect(res.json().participant.role).toBe('participant');
    const { sid } = await register(t.app, { email: 'organizer+2@twinning.test' });
    expect(sid).toBeDefined();
    const token = confirmationToken(t.app, 'organizer@twinning.test');
    const verified = await t.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } });
    const me = await as(t.app, sidFrom(verified))({ method: 'GET', url: '/api/me' });
    expect(me.json().participant).toMatchObject({ role: 'organizer', confirmed: true });
  });

  it.each([
    ['an invalid zone', { timeZone: 'Europe/Rom' }, 422, 'INVALID_TIME_ZONE'],
    ['a country that does not exist', { country: 'XX' }, 422, 'INVALID_COUNTRY'],
    ['a language that does not exist', { languages: ['en', 'qq'] }, 422, 'INVALID_LANGUAGE'],
    ['a sector not in the taxonomy', { sectors: ['mining'] }, 422, 'UNKNOWN_SECTOR'],
    ['an interest not in the taxonomy', { offers: ['bribes'] }, 422, 'UNKNOWN_INTEREST'],
    [
      'reversed working hours',
      { workingHours: [{ day: 1, start: '17:00', end: '09:00' }] },
      422,
      'INVALID_WORKING_HOURS',
    ],
    [
      'overlapping working hours',
      {
        workingHours: [
          { day: 1, start: '09:00', end: '13:00' },
          { day: 1, start: '10:00', end: '11:00' },
        ],
      },
      422,
      'INVALID_WORKING_HOURS',
    ],
    ['an email that is not one', { email: 'giulia at rome' }, 422, 'INVALID_EMAIL'],
    ['an extra field', { password: 'x' }, 400, 'UNKNOWN_FIELD'],
    ['a wrong type', { languages: 'en' }, 400, 'INVALID_TYPE'],
    ['a number for a string', { name: 42 }, 400, 'INVALID_TYPE'],
    [
      'a day that is not an integer',
      { workingHours: [{ day: '1', start: '09:00', end: '18:00' }] },
      400,
      'INVALID_TYPE',
    ],
  ])('refuses %s with %i %s and stores nothing', async (_what, change, status, code) => {
    const res = await post(person(change));
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ statusCode: status, code });
    expect(res.json().message).toBeTypeOf('string');
    expect(sidFrom(res)).toBeUndefined();
    expect(countParticipants(t.db.db)).toBe(0);
  });

  it('refuses a missing field with MISSING_FIELD naming it', async () => {
    const { timeZone: _omit, ...rest } = person();
    const res = await post(rest);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'MISSING_FIELD', message: 'timeZone is required.' });
  });

  it('refuses a duplicate email, whatever its case, with 409 EMAIL_TAKEN', async () => {
    await post(person({ email: 'dup@example.org' }));
    const res = await post(person({ email: 'DUP@example.org', name: 'Someone Else' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('EMAIL_TAKEN');
    expect(countParticipants(t.db.db)).toBe(1);
  });

  it('refuses a 10 MB body with 413 BODY_TOO_LARGE', async () => {
    const res = await post(person({ bio: 'x'.repeat(10 * 1024 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('BODY_TOO_LARGE');
    expect(countParticipants(t.db.db)).toBe(0);
  });

  it('refuses a body that is not JSON with 400 INVALID_JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/participants',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_JSON');
  });
});

describe('the own profile', () => {
  it('is 401 without a login, and editable with one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me' })).json().code).toBe('NOT_SIGNED_IN');
    const { sid } = await register(t.app);
    const req = as(t.app, sid);
    const patched = await req({
      method: 'PATCH',
      url: '/api/me',
      payload: { city: 'Viterbo', workingHours: [{ day: 2, start: '10:00', end: '16:00' }], locale: 'zh' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().participant).toMatchObject({
      city: 'Viterbo',
      locale: 'zh',
      workingHours: [{ day: 2, start: '10:00', end: '16:00' }],
    });
    expect((await req({ method: 'GET', url: '/api/me' })).json().participant.city).toBe('Viterbo');
  });

  it('refuses bad changes and keeps the profile as it was', async () => {
    const { sid } = await register(t.app);
    const req = as(t.app, sid);
    const bad = await req({ method: 'PATCH', url: '/api/me', payload: { timeZone: 'Rome', city: 'Nice' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('INVALID_TIME_ZONE');
    expect((await req({ method: 'GET', url: '/api/me' })).json().participant.city).toBe('Rome');
    const email = await req({ method: 'PATCH', url: '/api/me', payload: { email: 'x@y.org' } });
    expect(email.json().code).toBe('UNKNOWN_FIELD');
  });

  it('can only be someone’s own: there is no way to change another person', async () => {
    const a = await register(t.app);
    const b = await register(t.app, { name: 'Li Na' });
    await as(t.app, b.sid)({ method: 'PATCH', url: '/api/me', payload: { name: 'Li Na 李娜' } });
    const aNow = await as(t.app, a.sid)({ method: 'GET', url: '/api/me' });
    expect(aNow.json().participant.name).toBe('Giulia Conti');
    const put = await as(
      t.app,
      b.sid,
    )({ method: 'PATCH', url: `/api/participants/${a.participant.id}`, payload: {} });
    expect(put.statusCode).toBe(404);
  });

  it('resets the calendar URL so that the old one no longer matches', async () => {
    const { sid, participant } = await register(t.app);
    const req = as(t.app, sid);
    const reset = await req({ method: 'POST', url: '/api/me/calendar-url' });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().calendarUrl).not.toBe(participant.calendarUrl);
    expect((await req({ method: 'GET', url: '/api/me' })).json().participant.calendarUrl).toBe(
      reset.json().calendarUrl,
    );
  });
});

describe('GET /api/participants/:id', () => {
  it('needs a login and answers 404 for an unknown id', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/participants/x' })).statusCode).toBe(401);
    const { sid } = await register(t.app);
    const res = await as(t.app, sid)({ method: 'GET', url: '/api/participants/nobody' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PARTICIPANT_NOT_FOUND');
  });
});
