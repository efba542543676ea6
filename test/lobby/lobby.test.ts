/**
 * The lobby with real websocket clients against a listening server: refusals before the upgrade,
 * a 1:1 meeting, a webinar's waiting room, the video link only for the admitted, tabs and
 * reconnects, garbage and floods while someone else keeps talking, heartbeats, attendance.
 */

import net from 'node:net';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app';
import { as, connect, makeTestApp, register, type TestApp, testClock, yantaiPerson } from '../helpers/app';
import { LobbyClient, refusal } from '../helpers/ws';

/** The default room: 128 random bits, never the session's id (which lists show). */
const ROOM = /^https:\/\/meet\.jit\.si\/Twinning-[0-9a-f]{32}$/;

let t: TestApp;
let base: string;
const clients: LobbyClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => {});
  await t?.close();
});

// Monday 10 May 2027. Rome is on CEST (UTC+2), Yantai on CST (UTC+8); 08:15 UTC is 10:15 in Rome
// and 16:15 in Yantai. The lobby opens 15 minutes before, at 08:00 UTC.
const START = '2027-05-10T08:15:00Z';

async function setUp(lobby: AppDeps['lobby'] = {}) {
  t = await makeTestApp({
    clock: testClock('2027-05-10T06:00:00Z'),
    lobby: { leaveGraceMs: 0, ...lobby },
  });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = address.replace('http', 'ws');
  const stamp = Math.random().toString(36).slice(2, 8);
  const rome = await register(t.app, { name: 'Giulia Conti', email: `giulia.${stamp}@lazio.example` });
  const yantai = await register(t.app, yantaiPerson(`wang.${stamp}@ytu.example`));
  await connect(t.app, rome, yantai);
  return { rome, yantai };
}

async function meeting(fromSid: string, withId: string): Promise<string> {
  const res = await as(
    t.app,
    fromSid,
  )({
    method: 'POST',
    url: '/api/sessions',
    payload: { kind: 'meeting', with: [withId], start: START, duration: 30 },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function open(sessionId: string, sid: string, origin?: string | null) {
  const c = await LobbyClient.open(`${base}/ws/sessions/${sessionId}/lobby`, { sid, origin });
  clients.push(c);
  return c;
}

describe('lobby refusals before the upgrade', () => {
  it('refuses no cookie, an expired login, another origin, a stranger, unknown and cancelled sessions', async () => {
    const { rome, yantai } = await setUp();
    const stranger = await register(t.app, { name: 'Pierre Martin', city: 'Nice', country: 'FR' });
    const id = await meeting(rome.sid, yantai.participant.id);
    const url = `${base}/ws/sessions/${id}/lobby`;

    expect(await refusal(LobbyClient.open(url))).toEqual({ status: 401, code: 'NOT_SIGNED_IN' });
    expect(await refusal(LobbyClient.open(url, { sid: 'forged-login' }))).toEqual({
      status: 401,
      code: 'NOT_SIGNED_IN',
    });
    expect(await refusal(LobbyClient.open(url, { sid: rome.sid, origin: 'https://evil.example' }))).toEqual({
      status: 403,
      code: 'CROSS_ORIGIN',
    });
    expect(await refusal(LobbyClient.open(url, { sid: stranger.sid }))).toEqual({
      status: 403,
      code: 'NOT_SESSION_PERSON',
    });
    expect(
      await refusal(LobbyClient.open(`${base}/ws/sessions/no-such-session/lobby`, { sid: rome.sid })),
    ).toEqual({ status: 404, code: 'SESSION_NOT_FOUND' });

    // A script without a browser's Origin header cannot ride on anyone's cookie: it is let in.
    const script = await open(id, rome.sid, null);
    expect((await script.nextOf('snapshot')).type).toBe('snapshot');

    const cancelled = await as(t.app, rome.sid)({ method: 'POST', url: `/api/sessions/${id}/cancel` });
    expect(cancelled.statusCode).toBe(200);
    // Those inside are told and closed with 4404; newcomers are refused.
    expect((await script.nextOf('error')).code).toBe('SESSION_CANCELLED');
    expect((await script.waitClosed()).code).toBe(4404);
    expect(await refusal(LobbyClient.open(url, { sid: yantai.sid }))).toEqual({
      status: 409,
      code: 'SESSION_CANCELLED',
    });

    // Thirty-one days later the login has expired.
    t.clock.advance(31 * 24 * 60 * 60 * 1000);
    const other = await meeting(yantai.sid, rome.participant.id).catch(() => null);
    expect(other).toBeNull(); // signed out: booking is refused too
    expect(await refusal(LobbyClient.open(url, { sid: rome.sid }))).toEqual({
      status: 401,
      code: 'NOT_SIGNED_IN',
    });
  });
});

describe('a 1:1 meeting', () => {
  it('shows both people, carries chat as text, and lets either start and end the call', async () => {
    const { rome, yantai } = await setUp();
    const id = await meeting(rome.sid, yantai.participant.id);

    const r = await open(id, rome.sid);
    const first = await r.nextOf('snapshot');
    expect(first).toMatchObject({
      status: 'scheduled',
      session: {
        id,
        kind: 'meeting',
        startAt: '2027-05-10T08:15:00.000Z',
        opensAt: '2027-05-10T08:00:00.000Z',
      },
      you: { id: rome.participant.id, role: 'host', state: 'admitted' },
      serverTime: '2027-05-10T06:00:00.000Z',
    });
    expect(first.videoUrl).toBeUndefined();
    const people = first.participants as { id: string; present: boolean; city: string }[];
    expect(people.map((p) => [p.city, p.present]).sort()).toEqual([
      ['Rome', true],
      ['Yantai', false],
    ]);

    // Too early to start.
    r.send({ type: 'start' });
    expect((await r.nextOf('error')).code).toBe('LOBBY_NOT_OPEN');

    t.clock.set('2027-05-10T08:05:00Z');
    const y = await open(id, yantai.sid);
    const ys = await y.nextOf('snapshot');
    expect(ys.status).toBe('open');
    expect((ys.participants as { present: boolean }[]).every((p) => p.present)).toBe(true);
    const joined = await r.nextOf('presence');
    expect(joined).toMatchObject({
      state: 'joined',
      participant: {
        id: yantai.participant.id,
        name: '王磊',
        organisation: 'Yantai University',
        city: 'Yantai',
      },
    });

    const html = '<img src=x onerror=alert(1)> 你好, Giulia!';
    y.send({ type: 'chat', text: html });
    for (const c of [r, y]) {
      const line = await c.nextOf('chat');
      expect(line).toMatchObject({ text: html, from: { id: yantai.participant.id, name: '王磊' } });
      expect(line.at).toBe('2027-05-10T08:05:00.000Z');
    }

    y.send({ type: 'hand', raised: true });
    expect(await r.nextOf('hand')).toMatchObject({ participant: yantai.participant.id, raised: true });

    y.send({ type: 'start' });
    for (const c of [r, y]) {
      expect(await c.nextOf('status')).toMatchObject({
        status: 'live',
        videoUrl: expect.stringMatching(ROOM),
      });
    }
    // The call moves to a VooV link that works in mainland China: everyone admitted gets it.
    const voov = 'https://voovmeeting.com/dm/AbCdEf123';
    const bad = await as(
      t.app,
      yantai.sid,
    )({
      method: 'PATCH',
      url: `/api/sessions/${id}`,
      payload: { videoUrl: 'javascript:alert(1)' },
    });
    expect(bad.statusCode).toBe(400);
    const moved = await as(
      t.app,
      yantai.sid,
    )({
      method: 'PATCH',
      url: `/api/sessions/${id}`,
      payload: { videoUrl: voov },
    });
    expect(moved.statusCode).toBe(200);
    for (const c of [r, y])
      expect(await c.nextOf('status')).toMatchObject({ status: 'live', videoUrl: voov });

    r.send({ type: 'end' });
    for (const c of [r, y]) expect((await c.nextOf('status')).status).toBe('ended');
    await t.app.services.lobby.flush();
    const [row] = await t.db.rows<{ live_at: number; ended_at: number }>(
      sql`SELECT live_at, ended_at FROM sessions WHERE id = ${id}`,
    );
    expect(row!.live_at).toBe(Date.parse('2027-05-10T08:05:00Z'));
    expect(row!.ended_at).toBe(row!.live_at);
  });

  it('counts several tabs as one presence, and a reconnect finds the lobby as it is', async () => {
    const { rome, yantai } = await setUp();
    const id = await meeting(rome.sid, yantai.participant.id);
    t.clock.set('2027-05-10T08:05:00Z');
    const y = await open(id, yantai.sid);
    await y.nextOf('snapshot');

    const tab1 = await open(id, rome.sid);
    const tab2 = await open(id, rome.sid);
    await tab1.nextOf('snapshot');
    await tab2.nextOf('snapshot');
    await y.nextOf('presence', (f) => f.state === 'joined');
    tab1.send({ type: 'chat', text: 'Buongiorno from tab one' });
    expect((await tab2.nextOf('chat')).text).toBe('Buongiorno from tab one');
    y.send({ type: 'start' });
    await tab1.nextOf('status');

    await tab1.close();
    // One tab is still open: nobody sees Rome leave.
    y.send({ type: 'chat', text: 'still there?' });
    await tab2.nextOf('chat', (f) => f.text === 'still there?');
    expect(y.all('presence')).toEqual([]);

    await tab2.close();
    expect(await y.nextOf('presence')).toMatchObject({
      state: 'left',
      participant: { id: rome.participant.id },
    });

    // Back again: the live status, the video link and the chat so far.
    const back = await open(id, rome.sid);
    const snap = await back.nextOf('snapshot');
    expect(snap).toMatchObject({ status: 'live', videoUrl: expect.stringMatching(ROOM) });
    expect((snap.chat as { text: string }[]).map((c) => c.text)).toEqual([
      'Buongiorno from tab one',
      'still there?',
    ]);
    expect(await y.nextOf('presence')).toMatchObject({ state: 'joined' });
  });

  it('keeps a person present through a quick reload within the grace period', async () => {
    const { rome, yantai } = await setUp({ leaveGraceMs: 500 });
    const id = await meeting(rome.sid, yantai.participant.id);
    const y = await open(id, yantai.sid);
    await y.nextOf('snapshot');
    const r = await open(id, rome.sid);
    await y.nextOf('presence', (f) => f.state === 'joined');
    await r.close();
    const again = await open(id, rome.sid);
    await again.nextOf('snapshot');
    await new Promise((res) => setTimeout(res, 700));
    expect(y.all('presence')).toEqual([]);
  });
});

describe('a webinar', () => {
  async function webinar() {
    const { rome, yantai } = await setUp();
    const org = await register(t.app, {
      name: 'Elena Rossi',
      email: 'organizer@twinning.test',
      organisation: 'IUC Programme',
    });
    const kunming = await register(t.app, {
      name: '李娜',
      organisation: 'Kunming Institute of Botany',
      city: 'Kunming',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
    });
    const res = await as(
      t.app,
      org.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'webinar',
        title: 'Healthy cities: Rome and Yantai',
        hosts: [rome.participant.id],
        start: START,
        duration: 60,
      },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    for (const who of [yantai, kunming]) {
      const reg = await as(t.app, who.sid)({ method: 'POST', url: `/api/sessions/${id}/register` });
      expect(reg.statusCode).toBe(201);
    }
    t.clock.set('2027-05-10T08:05:00Z');
    return { id, host: rome, yantai, kunming, org };
  }

  it('keeps attendees waiting until a host admits them, and gives the link only to the admitted', async () => {
    const { id, host, yantai, kunming } = await webinar();
    const h = await open(id, host.sid);
    await h.nextOf('snapshot');

    const a = await open(id, yantai.sid);
    const aSnap = await a.nextOf('snapshot');
    expect(aSnap).toMatchObject({ you: { role: 'attendee', state: 'waiting' }, chat: [] });
    // An attendee sees the hosts, not the other attendees.
    expect((aSnap.participants as { id: string }[]).map((p) => p.id).sort()).toEqual(
      [host.participant.id, yantai.participant.id].sort(),
    );
    expect(await h.nextOf('presence')).toMatchObject({
      state: 'waiting',
      participant: { id: yantai.participant.id },
    });

    const b = await open(id, kunming.sid);
    await b.nextOf('snapshot');
    await h.nextOf('presence', (f) => (f.participant as { id: string }).id === kunming.participant.id);
    expect(a.all('presence')).toEqual([]); // attendees are not told of each other

    a.send({ type: 'chat', text: 'May I come in?' });
    expect((await a.nextOf('error')).code).toBe('LOBBY_WAITING');
    a.send({ type: 'start' });
    expect((await a.nextOf('error')).code).toBe('NOT_SESSION_HOST');
    a.send({ type: 'admit', participantId: yantai.participant.id });
    expect((await a.nextOf('error')).code).toBe('NOT_SESSION_HOST');

    h.send({ type: 'chat', text: 'Welcome, we start in five minutes' });
    await h.nextOf('chat');

    h.send({ type: 'start' });
    expect(await h.nextOf('status')).toMatchObject({ status: 'live', videoUrl: expect.any(String) });
    const waitingStatus = await a.nextOf('status');
    expect(waitingStatus.status).toBe('live');
    expect(waitingStatus.videoUrl).toBeUndefined();

    h.send({ type: 'admit', participantId: yantai.participant.id });
    const admitted = await a.nextOf('snapshot');
    expect(admitted).toMatchObject({ you: { state: 'admitted' }, status: 'live' });
    expect(admitted.videoUrl).toMatch(ROOM);
    expect(admitted.videoUrl).not.toContain(id);
    expect((admitted.chat as { text: string }[]).map((c) => c.text)).toEqual([
      'Welcome, we start in five minutes',
    ]);
    expect(b.all('snapshot')).toEqual([]);
    expect(b.frames.some((f) => 'videoUrl' in f)).toBe(false);

    h.send({ type: 'admit', participantId: yantai.participant.id });
    expect((await h.nextOf('error')).code).toBe('NOT_WAITING');

    // Admit everyone still waiting.
    h.send({ type: 'admit', all: true });
    expect((await b.nextOf('snapshot')).videoUrl).toBeDefined();

    // Removed: closed with 4403, and refused before the upgrade from then on.
    h.send({ type: 'remove', participantId: kunming.participant.id });
    expect((await b.nextOf('error')).code).toBe('LOBBY_REMOVED');
    expect((await b.waitClosed()).code).toBe(4403);
    expect(await refusal(LobbyClient.open(`${base}/ws/sessions/${id}/lobby`, { sid: kunming.sid }))).toEqual({
      status: 403,
      code: 'LOBBY_REMOVED',
    });

    h.send({ type: 'remove', participantId: host.participant.id });
    expect((await h.nextOf('error')).code).toBe('CANNOT_REMOVE_HOST');
  });

  it('tells a removed person, and only them, on the session that its lobby refuses them', async () => {
    const { id, host, yantai, kunming, org } = await webinar();
    const h = await open(id, host.sid);
    await h.nextOf('snapshot');
    const b = await open(id, kunming.sid);
    await b.nextOf('snapshot');
    h.send({ type: 'admit', participantId: kunming.participant.id });
    await b.nextOf('snapshot', (f) => (f.you as { state: string }).state === 'admitted');
    const get = (sid: string) => as(t.app, sid)({ method: 'GET', url: `/api/sessions/${id}` });
    expect((await get(kunming.sid)).json()).not.toHaveProperty('removedFromLobby');

    h.send({ type: 'remove', participantId: kunming.participant.id });
    expect((await b.waitClosed()).code).toBe(4403);
    // The browser cannot read the refused upgrade's 403; the session says why, to them alone.
    const removed = await get(kunming.sid);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ id, status: 'confirmed', removedFromLobby: true });
    for (const other of [host, yantai, org]) {
      const res = await get(other.sid);
      expect(res.statusCode).toBe(200);
      expect(res.json()).not.toHaveProperty('removedFromLobby');
      expect(res.body).not.toMatch(/removed/i);
    }
  });

  it('lets a denied attendee knock again, and an admitted one back in without waiting', async () => {
    const { id, host, yantai } = await webinar();
    const h = await open(id, host.sid);
    await h.nextOf('snapshot');
    const a = await open(id, yantai.sid);
    await a.nextOf('snapshot');
    h.send({ type: 'deny', participantId: yantai.participant.id });
    expect((await a.nextOf('error')).code).toBe('LOBBY_DENIED');
    expect((await a.waitClosed()).code).toBe(4403);

    const again = await open(id, yantai.sid);
    expect((await again.nextOf('snapshot')).you).toMatchObject({ state: 'waiting' });
    h.send({ type: 'admit', participantId: yantai.participant.id });
    await again.nextOf('snapshot', (f) => (f.you as { state: string }).state === 'admitted');
    await again.close();
    const third = await open(id, yantai.sid);
    expect((await third.nextOf('snapshot')).you).toMatchObject({ state: 'admitted' });
  });

  it('gives organizers the attendance report, and nobody else', async () => {
    const { id, host, yantai, kunming, org } = await webinar();
    const h = await open(id, host.sid);
    await h.nextOf('snapshot');
    const a = await open(id, yantai.sid);
    await a.nextOf('snapshot');
    t.clock.set('2027-05-10T08:10:00Z');
    h.send({ type: 'admit', participantId: yantai.participant.id });
    await a.nextOf('snapshot');
    t.clock.set('2027-05-10T08:50:00Z');
    await a.close();
    await h.nextOf('presence', (f) => f.state === 'left');

    const csv = await as(t.app, org.sid)({ method: 'GET', url: `/api/sessions/${id}/attendance.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = parse(csv.body, { bom: true }) as string[][];
    expect(header).toEqual([
      'participant_id',
      'name',
      'organisation',
      'city',
      'country',
      'role',
      'first_joined_utc',
      'last_left_utc',
      'minutes_present',
      'minutes_admitted',
      'visits',
      'removed',
    ]);
    expect(rows.find((r) => r[0] === yantai.participant.id)!.slice(1)).toEqual([
      '王磊',
      'Yantai University',
      'Yantai',
      'CN',
      'attendee',
      '2027-05-10T08:05:00.000Z',
      '2027-05-10T08:50:00.000Z',
      '45',
      '40',
      '1',
      'no',
    ]);

    const json = await as(t.app, host.sid)({ method: 'GET', url: `/api/sessions/${id}/attendance` });
    expect(json.statusCode).toBe(200);
    expect(
      json.json().find((l: { participantId: string }) => l.participantId === host.participant.id),
    ).toMatchObject({
      present: true,
      lastLeftAt: null,
    });
    const attendee = await as(
      t.app,
      kunming.sid,
    )({ method: 'GET', url: `/api/sessions/${id}/attendance.csv` });
    expect(attendee.statusCode).toBe(403);
    const stranger = await register(t.app, { name: 'Someone Else' });
    const s = await as(t.app, stranger.sid)({ method: 'GET', url: `/api/sessions/${id}/attendance` });
    expect(s.statusCode).toBe(404);
  });
});

describe('garbage and floods', () => {
  it('answers bad frames with errors, closes floods and oversize frames, and the other client keeps working', async () => {
    const { rome, yantai } = await setUp();
    const id = await meeting(rome.sid, yantai.participant.id);
    t.clock.set('2027-05-10T08:05:00Z');
    const good = await open(id, yantai.sid);
    await good.nextOf('snapshot');
    const bad = await open(id, rome.sid);
    await bad.nextOf('snapshot');

    bad.send('not json {');
    expect((await bad.nextOf('error')).code).toBe('INVALID_JSON');
    bad.send('[1,2,3]');
    expect((await bad.nextOf('error')).code).toBe('INVALID_FRAME');
    bad.send({ type: 'teleport' });
    expect((await bad.nextOf('error')).code).toBe('UNKNOWN_TYPE');
    bad.send({ type: 'chat', text: 42 });
    expect((await bad.nextOf('error')).code).toBe('INVALID_FRAME');
    bad.send({ type: 'chat', text: 'x'.repeat(2001) });
    expect((await bad.nextOf('error')).code).toBe('CHAT_TOO_LONG');
    bad.send({ type: 'chat', text: '   ' });
    expect((await bad.nextOf('error')).code).toBe('CHAT_EMPTY');
    bad.send({ type: 'admit', participantId: yantai.participant.id });
    expect((await bad.nextOf('error')).code).toBe('NOT_WAITING');
    bad.send(Buffer.from([1, 2, 3]));
    expect((await bad.nextOf('error')).code).toBe('INVALID_FRAME');
    bad.send({ type: 'ping' });
    expect((await bad.nextOf('pong')).type).toBe('pong');
    // 2,000 Chinese characters are 6,000 bytes but 2,000 characters: allowed.
    bad.send({ type: 'chat', text: '城'.repeat(2000) });
    expect(((await good.nextOf('chat')).text as string).length).toBe(2000);

    // A flood: the first lines pass, then CHAT_RATE_LIMITED, then the socket is closed (1008).
    for (let i = 0; i < 40; i++) bad.send({ type: 'chat', text: `spam ${i}` });
    expect((await bad.waitClosed()).code).toBe(1008);
    expect(bad.all('error').filter((e) => e.code === 'CHAT_RATE_LIMITED').length).toBeGreaterThan(10);
    const delivered = good.all('chat').length;
    expect(delivered).toBeLessThanOrEqual(5);

    good.send({ type: 'chat', text: 'Are you still there?' });
    expect((await good.nextOf('chat', (f) => f.text === 'Are you still there?')).text).toBeDefined();

    // An oversize frame closes with 1009; the other client is unaffected.
    const big = await open(id, rome.sid);
    await big.nextOf('snapshot');
    big.send({ type: 'chat', text: 'y'.repeat(17 * 1024) });
    expect((await big.waitClosed()).code).toBe(1009);
    good.send({ type: 'chat', text: 'and now?' });
    expect((await good.nextOf('chat', (f) => f.text === 'and now?')).text).toBe('and now?');
  });

  it('drops a connection that stops answering heartbeats', async () => {
    const { rome, yantai } = await setUp({ heartbeatMs: 100 });
    const id = await meeting(rome.sid, yantai.participant.id);
    const watcher = await open(id, yantai.sid);
    await watcher.nextOf('snapshot');

    // A client that completes the handshake and then never answers a ping (a dead network).
    const url = new URL(base);
    const socket = net.connect(Number(url.port), url.hostname);
    socket.write(
      [
        `GET /ws/sessions/${id}/lobby HTTP/1.1`,
        `Host: ${url.host}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        'Origin: http://twinning.test',
        `Cookie: sid=${rome.sid}`,
        '',
        '',
      ].join('\r\n'),
    );
    socket.resume(); // read and ignore what arrives, pings included, and answer nothing
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect(await watcher.nextOf('presence')).toMatchObject({ state: 'joined' });
    await ended;
    expect(await watcher.nextOf('presence')).toMatchObject({ state: 'left' });
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one person in many tabs', () => {
  it('gives all of one person’s tabs one chat allowance, not one each', async () => {
    const { rome, yantai } = await setUp();
    const id = await meeting(rome.sid, yantai.participant.id);
    t.clock.set('2027-05-10T08:05:00Z');
    const listener = await open(id, yantai.sid);
    await listener.nextOf('snapshot');
    // Five tabs (the most one person may keep open), each sending as fast as it can. The clock
    // stands still, so one tab alone would get exactly its burst of five lines through.
    const tabs: LobbyClient[] = [];
    for (let i = 0; i < 5; i++) {
      const tab = await open(id, rome.sid);
      await tab.nextOf('snapshot');
      tabs.push(tab);
    }
    for (let round = 0; round < 4; round++)
      for (const [i, tab] of tabs.entries()) tab.send({ type: 'chat', text: `tab ${i} line ${round}` });
    // Every one of the 20 lines is answered: relayed to everyone, or refused to its own tab.
    const lines = (f: { type: string; text?: unknown }) =>
      f.type === 'chat' && String(f.text).startsWith('tab ');
    const answered = () =>
      listener.frames.filter(lines).length +
      tabs.reduce((n, tab) => n + tab.all('error').filter((e) => e.code === 'CHAT_RATE_LIMITED').length, 0);
    for (let waited = 0; answered() < 20 && waited < 3000; waited += 20) await sleep(20);
    expect(listener.frames.filter(lines)).toHaveLength(5);
    expect(answered()).toBe(20);

    // Closing every tab and coming back does not refill the allowance either.
    for (const tab of tabs) await tab.close();
    const back = await open(id, rome.sid);
    await back.nextOf('snapshot');
    back.send({ type: 'chat', text: 'after a reload' });
    expect((await back.nextOf('error')).code).toBe('CHAT_RATE_LIMITED');
  });

  it('keeps at most five tabs of one person: the newest opens, the oldest is closed and told why', async () => {
    const { rome, yantai } = await setUp();
    const id = await meeting(rome.sid, yantai.participant.id);
    t.clock.set('2027-05-10T08:05:00Z');
    const listener = await open(id, yantai.sid);
    await listener.nextOf('snapshot');
    const tabs: LobbyClient[] = [];
    for (let i = 0; i < 5; i++) {
      const tab = await open(id, rome.sid);
      await tab.nextOf('snapshot');
      tabs.push(tab);
    }
    const sixth = await open(id, rome.sid);
    await sixth.nextOf('snapshot');
    expect((await tabs[0]!.nextOf('error')).code).toBe('TOO_MANY_TABS');
    expect(await tabs[0]!.waitClosed()).toEqual({ code: 4429, reason: 'TOO_MANY_TABS' });
    for (const tab of tabs.slice(1)) expect(tab.closed).toBeNull();
    expect(t.app.lobbies.stats().tabs).toBe(6);

    // Forty more tabs: never more than five of Rome's at once, and Rome never leaves.
    let newest = sixth;
    for (let i = 0; i < 40; i++) {
      newest = await open(id, rome.sid);
      await newest.nextOf('snapshot');
    }
    expect(t.app.lobbies.stats().tabs).toBe(6);
    expect((await sixth.waitClosed()).code).toBe(4429);
    newest.send({ type: 'hand', raised: true });
    await listener.nextOf('hand');
    expect(listener.all('presence').filter((f) => f.state === 'left')).toEqual([]);
  });
});
