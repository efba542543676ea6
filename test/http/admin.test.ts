/**
 * The organizers' overview: counts, participants with activity, requests and sessions with
 * filters, CSV exports that import again, a bulk import that checks every row first; the webinar
 * list everyone sees; and that a participant reaches none of the organizers' lists.
 */

import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, makeTestApp, register, type TestApp, yantaiPerson } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function programme() {
  const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
  const rome = await register(t.app, { email: 'giulia@example.org', name: 'Giulia Conti' });
  const granada = await register(t.app, {
    email: 'ana@example.org',
    name: 'Ana Martín',
    city: 'Granada',
    country: 'ES',
    timeZone: 'Europe/Madrid',
    organisation: 'Granada Health Science Park',
  });
  const yantai = await register(t.app, yantaiPerson('wang@example.cn'));
  const asOrg = as(t.app, org.sid);
  const asRome = as(t.app, rome.sid);
  const sent = await asRome({
    method: 'POST',
    url: '/api/meeting-requests',
    payload: { to: yantai.participant.id },
  });
  await as(t.app, yantai.sid)({ method: 'POST', url: `/api/meeting-requests/${sent.json().id}/accept` });
  await as(
    t.app,
    granada.sid,
  )({
    method: 'POST',
    url: '/api/meeting-requests',
    payload: { to: yantai.participant.id, message: '=HYPERLINK("http://evil")' },
  });
  // Tuesday 11 May 2027, 10:00 in Rome = 16:00 in Yantai.
  const booked = await asRome({
    method: 'POST',
    url: '/api/sessions',
    payload: { kind: 'meeting', with: [yantai.participant.id], start: '2027-05-11T08:00:00Z', duration: 30 },
  });
  expect(booked.statusCode).toBe(201);
  const webinar = await asOrg({
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
  expect(webinar.statusCode).toBe(201);
  return {
    org,
    rome,
    granada,
    yantai,
    asOrg,
    asRome,
    meetingId: booked.json().id,
    webinarId: webinar.json().id,
  };
}

describe('organizer overview', () => {
  it('counts people, requests, sessions ahead and mail', async () => {
    const { asOrg } = await programme();
    const res = await asOrg({ method: 'GET', url: '/api/admin/overview' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      participants: { total: 4, participant: 3, organizer: 1, byCountry: { IT: 2, ES: 1, CN: 1 } },
      requests: { pending: 1, accepted: 1, declined: 0 },
      upcomingSessions: { meeting: 1, webinar: 1 },
      events: 0,
    });
    expect(res.json().outbox.pending).toBeGreaterThan(0);
  });

  it('lists participants with their activity and searches without accents or case', async () => {
    const { asOrg, yantai } = await programme();
    const all = (await asOrg({ method: 'GET', url: '/api/admin/participants' })).json();
    expect(all.total).toBe(4);
    const wang = all.participants.find((p: { id: string }) => p.id === yantai.participant.id);
    expect(wang).toMatchObject({
      email: 'wang@example.cn',
      requestsReceived: 2,
      requestsAccepted: 1,
      requestsSent: 0,
      upcomingSessions: 1,
    });
    const found = (await asOrg({ method: 'GET', url: '/api/admin/participants?q=MARTIN' })).json();
    expect(found.participants.map((p: { name: string }) => p.name)).toEqual(['Ana Martín']);
    expect((await asOrg({ method: 'GET', url: '/api/admin/participants?q=granada' })).json().total).toBe(1);
    const limited = (await asOrg({ method: 'GET', url: '/api/admin/participants?limit=2' })).json();
    expect([limited.total, limited.participants.length]).toEqual([4, 2]);
  });

  it('lists requests and sessions with filters', async () => {
    const { asOrg, webinarId } = await programme();
    const pending = (await asOrg({ method: 'GET', url: '/api/admin/requests?status=pending' })).json();
    expect(pending.total).toBe(1);
    expect(pending.requests[0]).toMatchObject({
      status: 'pending',
      from: { city: 'Granada' },
      to: { city: 'Yantai' },
    });
    const webinars = (await asOrg({ method: 'GET', url: '/api/admin/sessions?kind=webinar' })).json();
    expect(webinars.sessions.map((s: { id: string }) => s.id)).toEqual([webinarId]);
    expect(webinars.sessions[0]).toMatchObject({ people: 1, hosts: [{ name: 'Giulia Conti' }], live: false });
    const all = (await asOrg({ method: 'GET', url: '/api/admin/sessions' })).json();
    expect(all.sessions.map((s: { kind: string }) => s.kind)).toEqual(['meeting', 'webinar']);
    // A window that ends before the webinar starts.
    const window = await asOrg({
      method: 'GET',
      url: `/api/admin/sessions?to=${encodeURIComponent('2027-05-12T00:00:00Z')}`,
    });
    expect(window.json().sessions.map((s: { kind: string }) => s.kind)).toEqual(['meeting']);
  });

  it('exports CSV that spreadsheets open safely and that imports again', async () => {
    const { asOrg } = await programme();
    const people = await asOrg({ method: 'GET', url: '/api/admin/participants.csv' });
    expect(people.statusCode).toBe(200);
    expect(people.headers['content-type']).toContain('text/csv');
    expect(people.body.startsWith('\uFEFF')).toBe(true);
    const rows = parse(people.body.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.email === 'wang@example.cn')).toMatchObject({
      name: '王磊',
      time_zone: 'Asia/Shanghai',
      languages: 'zh; en',
    });
    const requests = await asOrg({ method: 'GET', url: '/api/admin/requests.csv' });
    // A message that looks like a formula is written as text.
    expect(requests.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const sessions = await asOrg({ method: 'GET', url: '/api/admin/sessions.csv?kind=meeting' });
    const s = parse(sessions.body.slice(1), { columns: true }) as Record<string, string>[];
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ kind: 'meeting', start_utc: '2027-05-11T08:00:00.000Z', people: '2' });

    // The export, with one new person appended, imports again: only the new person is registered.
    const more = `${people.body}nice@example.fr,Claire Dubois,Nice Côte d'Azur Metropolis,Nice,FR,Europe/Paris,fr; en,smart-city,,\n`;
    const imported = await asOrg({
      method: 'POST',
      url: '/api/admin/participants.csv',
      headers: { 'content-type': 'text/csv' },
      payload: more,
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toEqual({ registered: 1, already: 4 });
    const [welcome] = await t.db.rows<{ n: number }>(
      sql`SELECT cast(count(*) as integer) AS n FROM outbox WHERE kind = 'welcome' AND to_address = 'nice@example.fr'`,
    );
    expect(welcome!.n).toBe(1);
  });

  it('imports nothing when one row is wrong, and says which', async () => {
    const { asOrg } = await programme();
    const csv = [
      'email,name,organisation,city,country,time_zone,languages',
      'a@example.org,A,Org,Rome,IT,Europe/Rome,it',
      'b@example.org,B,Org,Kunming,CN,Mars/Olympus,zh',
    ].join('\n');
    const res = await asOrg({
      method: 'POST',
      url: '/api/admin/participants.csv',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect([res.statusCode, res.json().code]).toEqual([422, 'INVALID_CSV']);
    expect(res.json().details).toEqual([
      expect.objectContaining({ field: 'line 3', code: 'INVALID_TIME_ZONE' }),
    ]);
    expect((await asOrg({ method: 'GET', url: '/api/admin/participants' })).json().total).toBe(4);
  });

  it('refuses participants, strangers and bad filters', async () => {
    const { asRome } = await programme();
    for (const url of [
      '/api/admin/overview',
      '/api/admin/participants',
      '/api/admin/participants.csv',
      '/api/admin/requests',
      '/api/admin/requests.csv',
      '/api/admin/sessions',
      '/api/admin/sessions.csv',
    ]) {
      const res = await asRome({ method: 'GET', url });
      expect([url, res.statusCode, res.json().code]).toEqual([url, 403, 'FORBIDDEN']);
      const anon = await t.app.inject({ method: 'GET', url });
      expect([url, anon.statusCode]).toEqual([url, 401]);
    }
    const post = await asRome({
      method: 'POST',
      url: '/api/admin/participants.csv',
      headers: { 'content-type': 'text/csv' },
      payload: 'email\nx@example.org\n',
    });
    expect(post.statusCode).toBe(403);
  });

  it('answers bad filters and bodies with 4xx codes', async () => {
    const { asOrg } = await programme();
    const cases: [string, number, string][] = [
      ['/api/admin/requests?status=lost', 400, 'VALIDATION_FAILED'],
      ['/api/admin/participants?limit=0', 400, 'VALIDATION_FAILED'],
      ['/api/admin/participants?limit=99999', 400, 'VALIDATION_FAILED'],
      ['/api/admin/sessions?kind=party', 400, 'VALIDATION_FAILED'],
      ['/api/admin/sessions?from=2027-02-30T10:00:00Z', 400, 'INVALID_INSTANT'],
      ['/api/admin/sessions?from=2027-05-11T10:00', 400, 'INVALID_INSTANT'],
      ['/api/admin/sessions?to=9999-12-31T00:00:00Z', 400, 'INVALID_INSTANT'],
      [
        `/api/admin/sessions?from=${encodeURIComponent('2027-05-12T00:00:00+08:00')}&to=2027-05-11T00:00:00Z`,
        400,
        'INVALID_RANGE',
      ],
    ];
    for (const [url, status, code] of cases) {
      const res = await asOrg({ method: 'GET', url });
      expect([url, res.statusCode, res.json().code]).toEqual([url, status, code]);
    }
    const notCsv = await asOrg({
      method: 'POST',
      url: '/api/admin/participants.csv',
      headers: { 'content-type': 'text/csv' },
      payload: 'email,name\n"unclosed,x\n',
    });
    expect([notCsv.statusCode, notCsv.json().code]).toEqual([422, 'INVALID_CSV']);
    const json = await asOrg({ method: 'POST', url: '/api/admin/participants.csv', payload: { email: 'x' } });
    expect([json.statusCode, json.json().code]).toEqual([400, 'UNSUPPORTED_MEDIA_TYPE']);
    const huge = await asOrg({
      method: 'POST',
      url: '/api/admin/participants.csv',
      headers: { 'content-type': 'text/csv' },
      payload: `email\n${'x'.repeat(3 * 1024 * 1024)}\n`,
    });
    expect(huge.statusCode).toBe(413);
  });
});

describe('webinar list', () => {
  it("shows webinars ahead with hosts, registrations and the caller's part", async () => {
    const { asRome, granada, webinarId } = await programme();
    const asAna = as(t.app, granada.sid);
    const before = (await asAna({ method: 'GET', url: '/api/webinars' })).json().webinars;
    expect(before).toEqual([
      expect.objectContaining({
        id: webinarId,
        title: 'Healthy cities webinar',
        registrants: 0,
        you: null,
        live: false,
        hosts: [expect.objectContaining({ name: 'Giulia Conti', city: 'Rome' })],
      }),
    ]);
    expect(
      (await asAna({ method: 'POST', url: `/api/sessions/${webinarId}/register` })).statusCode,
    ).toBeLessThan(300);
    const after = (await asAna({ method: 'GET', url: '/api/webinars' })).json().webinars;
    expect(after[0]).toMatchObject({ registrants: 1, you: 'attendee' });
    expect((await asRome({ method: 'GET', url: '/api/webinars' })).json().webinars[0].you).toBe('host');
    // The video link goes to hosts and organizers only; attendees get it in the lobby once live.
    const asAttendee = (await asAna({ method: 'GET', url: `/api/sessions/${webinarId}` })).json();
    expect(asAttendee.videoUrl).toBeUndefined();
    const asHost = (await asRome({ method: 'GET', url: `/api/sessions/${webinarId}` })).json();
    expect(asHost.videoUrl).toMatch(/^https:\/\//);
    const moved = await asRome({
      method: 'PATCH',
      url: `/api/sessions/${webinarId}`,
      payload: { videoUrl: 'https://meeting.tencent.com/dm/abc123' },
    });
    expect(moved.json().videoUrl).toBe('https://meeting.tencent.com/dm/abc123');
    const script = await asRome({
      method: 'PATCH',
      url: `/api/sessions/${webinarId}`,
      payload: { videoUrl: 'javascript:alert(1)' },
    });
    expect(script.statusCode).toBe(400);
    // Once it has ended it is no longer offered.
    t.clock.set('2027-05-12T09:00:00Z');
    expect((await asAna({ method: 'GET', url: '/api/webinars' })).json().webinars).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/webinars' })).statusCode).toBe(401);
  });
});
