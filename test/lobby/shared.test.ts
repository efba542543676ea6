/**
 * One lobby over several instances sharing one database and one Redis, with real websocket
 * clients on different instances: presence, chat, hands, the start of the call, the waiting room,
 * one person's tabs on two instances, changes made through another instance, and what happens
 * when the owner of a room loses Redis or a subscriber misses messages.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app';
import { as, connect, register, testClock } from '../helpers/app';
import { type Frame, LobbyClient, refusal } from '../helpers/ws';
import { type Instance, type Instances, redisAvailable, reopen, startInstances } from './instances';

const redisUp = await redisAvailable();

const START = '2027-05-10T08:15:00Z';
const ROOM = /^https:\/\/meet\.jit\.si\/Twinning-[0-9a-f]{32}$/;

let group: Instances | undefined;
const clients: LobbyClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => {});
  await group?.close();
  group = undefined;
});

async function setUp(count = 2, lobby: AppDeps['lobby'] = {}) {
  const clock = testClock('2027-05-10T06:00:00Z');
  group = await startInstances(count, { clock, lobby });
  const app = group.list[0]!.app;
  const stamp = Math.random().toString(36).slice(2, 8);
  const rome = await register(app, { name: 'Giulia Conti', email: `giulia.${stamp}@lazio.example` });
  const yantai = await register(app, {
    name: '王磊',
    email: `wang.${stamp}@ytu.example`,
    organisation: 'Yantai University',
    city: 'Yantai',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
  });
  await connect(app, rome, yantai);
  return { clock, app, rome, yantai, instances: group.list };
}

async function meeting(group: Instances, fromSid: string, withId: string): Promise<string> {
  const res = await as(
    group.list[0]!.app,
    fromSid,
  )({
    method: 'POST',
    url: '/api/sessions',
    payload: { kind: 'meeting', with: [withId], start: START, duration: 30 },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

function lobbyUrl(on: Instance, sessionId: string): string {
  return `${on.base}/ws/sessions/${sessionId}/lobby`;
}

async function open(on: Instance, sessionId: string, sid: string): Promise<LobbyClient> {
  const c = await LobbyClient.open(lobbyUrl(on, sessionId), { sid });
  clients.push(c);
  return c;
}

async function reopenOn(on: Instance, sessionId: string, sid: string) {
  const r = await reopen(lobbyUrl(on, sessionId), sid);
  clients.push(r.client);
  return r;
}

const ids = (f: Frame) =>
  (f.participants as { id: string; present: boolean }[]).filter((p) => p.present).map((p) => p.id);

describe.skipIf(!redisUp)('a lobby over several instances', () => {
  it('shows people on two instances to each other, carries chat, hands and the start between them', async () => {
    const { clock, rome, yantai, instances } = await setUp();
    const [a, b] = instances as [Instance, Instance];
    const id = await meeting(group!, rome.sid, yantai.participant.id);
    clock.set('2027-05-10T08:05:00Z');

    const r = await open(a, id, rome.sid);
    expect(await r.nextOf('snapshot')).toMatchObject({ status: 'open', you: { id: rome.participant.id } });
    const y = await open(b, id, yantai.sid);
    const ys = await y.nextOf('snapshot');
    expect(ids(ys).sort()).toEqual([rome.participant.id, yantai.participant.id].sort());
    expect(await r.nextOf('presence')).toMatchObject({
      state: 'joined',
      participant: { id: yantai.participant.id, city: 'Yantai' },
    });

    y.send({ type: 'chat', text: '你好, Giulia!' });
    r.send({ type: 'chat', text: 'Ciao!' });
    for (const c of [r, y]) {
      expect((await c.nextOf('chat', (f) => f.text === '你好, Giulia!')).from).toMatchObject({
        id: yantai.participant.id,
      });
      await c.nextOf('chat', (f) => f.text === 'Ciao!');
    }
    y.send({ type: 'hand', raised: true });
    expect(await r.nextOf('hand')).toMatchObject({ participant: yantai.participant.id, raised: true });

    y.send({ type: 'start' });
    for (const c of [r, y])
      expect(await c.nextOf('status')).toMatchObject({
        status: 'live',
        videoUrl: expect.stringMatching(ROOM),
      });

    // A change made through the instance that does not own the room reaches the room.
    const voov = 'https://voovmeeting.com/dm/AbCdEf123';
    const moved = await as(
      b.app,
      yantai.sid,
    )({ method: 'PATCH', url: `/api/sessions/${id}`, payload: { videoUrl: voov } });
    expect(moved.statusCode).toBe(200);
    for (const c of [r, y])
      expect(await c.nextOf('status')).toMatchObject({ status: 'live', videoUrl: voov });

    // Ping goes to the owner and back.
    y.send({ type: 'ping' });
    expect((await y.nextOf('pong')).serverTime).toBe('2027-05-10T08:05:00.000Z');

    await y.close();
    expect(await r.nextOf('presence')).toMatchObject({
      state: 'left',
      participant: { id: yantai.participant.id },
    });
    // The room runs at one instance; each instance counts the sockets it holds.
    expect(a.app.lobbies.stats().rooms + b.app.lobbies.stats().rooms).toBe(1);
    expect(a.app.lobbies.stats().tabs).toBe(1);
    expect(b.app.lobbies.stats().tabs).toBe(0);
  });

  it('keeps a webinar’s waiting room across instances: admit, the link only for the admitted, removal', async () => {
    const { clock, app, rome, yantai, instances } = await setUp(3);
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const org = await register(app, { name: 'Elena Rossi', email: 'organizer@twinning.test' });
    const kunming = await register(app, {
      name: '李娜',
      city: 'Kunming',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
    });
    const res = await as(
      app,
      org.sid,
    )({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        kind: 'webinar',
        title: 'Healthy cities',
        hosts: [rome.participant.id],
        start: START,
        duration: 60,
      },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    for (const who of [yantai, kunming]) {
      expect(
        (await as(app, who.sid)({ method: 'POST', url: `/api/sessions/${id}/register` })).statusCode,
      ).toBe(201);
    }
    clock.set('2027-05-10T08:05:00Z');

    const h = await open(a, id, rome.sid);
    await h.nextOf('snapshot');
    const y = await open(b, id, yantai.sid);
    expect(await y.nextOf('snapshot')).toMatchObject({ you: { role: 'attendee', state: 'waiting' } });
    expect(await h.nextOf('presence')).toMatchObject({
      state: 'waiting',
      participant: { id: yantai.participant.id },
    });
    const k = await open(c, id, kunming.sid);
    await k.nextOf('snapshot');
    await h.nextOf('presence', (f) => (f.participant as { id: string }).id === kunming.participant.id);

    h.send({ type: 'chat', text: 'Welcome' });
    await h.nextOf('chat');
    h.send({ type: 'start' });
    expect(await h.nextOf('status')).toMatchObject({ status: 'live', videoUrl: expect.stringMatching(ROOM) });
    const waiting = await y.nextOf('status');
    expect(waiting.status).toBe('live');
    expect(waiting.videoUrl).toBeUndefined();

    h.send({ type: 'admit', participantId: yantai.participant.id });
    const admitted = await y.nextOf('snapshot');
    expect(admitted).toMatchObject({ you: { state: 'admitted' }, status: 'live' });
    expect(admitted.videoUrl).toMatch(ROOM);
    expect((admitted.chat as { text: string }[]).map((l) => l.text)).toEqual(['Welcome']);
    expect(k.frames.some((f) => 'videoUrl' in f)).toBe(false);

    // Removed on the third instance: told and closed with 4403, and refused before the upgrade by
    // every instance from then on.
    h.send({ type: 'remove', participantId: kunming.participant.id });
    expect((await k.nextOf('error')).code).toBe('LOBBY_REMOVED');
    expect((await k.waitClosed()).code).toBe(4403);
    for (const on of [a, b, c]) {
      expect(await refusal(LobbyClient.open(lobbyUrl(on, id), { sid: kunming.sid }))).toEqual({
        status: 403,
        code: 'LOBBY_REMOVED',
      });
    }
  });

  it('counts one person’s tabs on two instances once, with one chat allowance and one tab cap', async () => {
    const { clock, rome, yantai, instances } = await setUp(2, {
      maxTabsPerPerson: 2,
      chat: { burst: 2, perSecond: 0.001 },
    });
    const [a, b] = instances as [Instance, Instance];
    const id = await meeting(group!, rome.sid, yantai.participant.id);
    clock.set('2027-05-10T08:05:00Z');

    const y = await open(a, id, yantai.sid);
    await y.nextOf('snapshot');
    const r1 = await open(a, id, rome.sid);
    await r1.nextOf('snapshot');
    await y.nextOf('presence', (f) => f.state === 'joined');
    const r2 = await open(b, id, rome.sid);
    expect(ids(await r2.nextOf('snapshot')).sort()).toEqual(
      [rome.participant.id, yantai.participant.id].sort(),
    );

    // Two lines from one tab, a third from the other: refused, the allowance is the person's.
    r1.send({ type: 'chat', text: 'one' });
    r1.send({ type: 'chat', text: 'two' });
    await y.nextOf('chat', (f) => f.text === 'two');
    r2.send({ type: 'chat', text: 'three' });
    expect((await r2.nextOf('error')).code).toBe('CHAT_RATE_LIMITED');

    // A third tab, on the other instance again: the oldest (on the first) is closed and told why.
    const r3 = await open(b, id, rome.sid);
    await r3.nextOf('snapshot');
    expect((await r1.nextOf('error')).code).toBe('TOO_MANY_TABS');
    expect((await r1.waitClosed()).code).toBe(4429);

    // Closing one of the two left is no leave; closing the last is.
    await r2.close();
    await r3.close();
    const left = await y.nextOf('presence', (f) => f.state === 'left');
    expect(left).toMatchObject({ participant: { id: rome.participant.id } });
    expect(y.all('presence')).toEqual([]);
    for (const on of [a, b]) await on.app.services.lobby.flush();
    const [stays] = await group!.store.rows<{ n: number | string }>(
      sql`SELECT count(*) AS n FROM lobby_attendance WHERE session_id = ${id} AND participant_id = ${rome.participant.id}`,
    );
    expect(Number(stays!.n)).toBe(1);
  });

  it('moves a room whose owner lost Redis: the clients reconnect to a fresh snapshot with the chat', async () => {
    const { clock, rome, yantai, instances } = await setUp();
    const [a, b] = instances as [Instance, Instance];
    const id = await meeting(group!, rome.sid, yantai.participant.id);
    clock.set('2027-05-10T08:05:00Z');

    // The first instance to need the room owns it.
    const r = await open(a, id, rome.sid);
    await r.nextOf('snapshot');
    const y = await open(b, id, yantai.sid);
    await y.nextOf('snapshot');
    y.send({ type: 'chat', text: 'before the loss' });
    await r.nextOf('chat');
    await y.nextOf('chat');

    // The owner's connections to Redis go: it can no longer renew its lease.
    const lost = Date.now();
    a.redis.disconnect();
    for (const c of [r, y]) expect((await c.waitClosed(5000)).code).toBe(1012);
    // Both come back (through the load balancer, here to the instance that still has Redis).
    const again = await reopenOn(b, id, yantai.sid);
    expect((again.snapshot.chat as { text: string }[]).map((l) => l.text)).toEqual(['before the loss']);
    const rAgain = await reopenOn(b, id, rome.sid);
    expect(ids(rAgain.snapshot).sort()).toEqual([rome.participant.id, yantai.participant.id].sort());
    const tookMs = Date.now() - lost;
    expect(tookMs).toBeLessThan(5000);

    rAgain.client.send({ type: 'chat', text: 'after' });
    expect((await again.client.nextOf('chat')).text).toBe('after');

    // The new owner ended the stays the old one left open; the ones open now are the new ones.
    await b.app.services.lobby.flush();
    const stays = await group!.store.rows<{ participant_id: string; left_at: unknown }>(
      sql`SELECT participant_id, left_at FROM lobby_attendance WHERE session_id = ${id} ORDER BY joined_at, id`,
    );
    expect(stays).toHaveLength(4);
    expect(stays.filter((s) => s.left_at === null)).toHaveLength(2);
  });

  it('closes the sockets of an instance whose subscriber reconnected, and the clients recover', async () => {
    const { clock, rome, yantai, instances } = await setUp();
    const [a, b] = instances as [Instance, Instance];
    const id = await meeting(group!, rome.sid, yantai.participant.id);
    clock.set('2027-05-10T08:05:00Z');
    const r = await open(a, id, rome.sid);
    await r.nextOf('snapshot');
    const y = await open(b, id, yantai.sid);
    await y.nextOf('snapshot');
    await r.nextOf('presence');

    // Redis drops the second instance's subscriber, as on a restart; ioredis reconnects it.
    const list = (await b.redis.client('LIST')) as string;
    const line = list.split('\n').find((l) => l.includes(`name=${group!.keyPrefix}sub:${b.id}`));
    const clientId = /id=(\d+)/.exec(line ?? '')?.[1];
    expect(clientId).toBeDefined();
    await b.redis.client('KILL', 'ID', clientId!);

    expect(await y.waitClosed(5000)).toEqual({ code: 1012, reason: 'LOBBY_RESYNC' });
    const again = await reopenOn(b, id, yantai.sid);
    expect(ids(again.snapshot).sort()).toEqual([rome.participant.id, yantai.participant.id].sort());
    again.client.send({ type: 'chat', text: 'still here' });
    expect((await r.nextOf('chat')).text).toBe('still here');
    // The owner's own socket was not concerned.
    expect(r.closed).toBeNull();
  });
  it('lets go of the tabs of an instance that lost Redis, so its people are seen to leave', async () => {
    const { clock, rome, yantai, instances } = await setUp();
    const [a, b] = instances as [Instance, Instance];
    const id = await meeting(group!, rome.sid, yantai.participant.id);
    clock.set('2027-05-10T08:05:00Z');
    const r = await open(a, id, rome.sid);
    await r.nextOf('snapshot');
    const y = await open(b, id, yantai.sid);
    await y.nextOf('snapshot');
    await r.nextOf('presence', (f) => f.state === 'joined');

    // The second instance can tell neither the owner of its sockets' closing nor renew its sign
    // of life: its own socket closes, and the owner lets the tab go once that sign lapses.
    b.redis.disconnect();
    expect((await y.waitClosed(5000)).code).toBe(1012);
    expect(await r.nextOf('presence', (f) => f.state === 'left', 5000)).toMatchObject({
      participant: { id: yantai.participant.id },
    });
    expect(r.closed).toBeNull();
  });

  it('hands the room over when its owner shuts down, after recording who left', async () => {
    const { clock, rome, yantai, instances } = await setUp();
    const [a, b] = instances as [Instance, Instance];
    const id = await meeting(group!, rome.sid, yantai.participant.id);
    clock.set('2027-05-10T08:05:00Z');
    const r = await open(a, id, rome.sid);
    await r.nextOf('snapshot');
    const y = await open(b, id, yantai.sid);
    await y.nextOf('snapshot');

    await a.close();
    expect(await y.waitClosed()).toEqual({ code: 1001, reason: 'SERVER_CLOSING' });
    const open0 = await group!.store.rows(
      sql`SELECT id FROM lobby_attendance WHERE session_id = ${id} AND left_at IS NULL`,
    );
    expect(open0).toEqual([]);
    const again = await reopenOn(b, id, yantai.sid);
    expect(ids(again.snapshot)).toEqual([yantai.participant.id]);
    expect(b.app.lobbies.stats()).toEqual({ rooms: 1, tabs: 1 });
  });

  it('tells everyone, on every instance, of a session cancelled through another instance', async () => {
    const { clock, rome, yantai, instances } = await setUp(3);
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const id = await meeting(group!, rome.sid, yantai.participant.id);
    clock.set('2027-05-10T08:05:00Z');
    const r = await open(a, id, rome.sid);
    await r.nextOf('snapshot');
    const y = await open(b, id, yantai.sid);
    await y.nextOf('snapshot');

    const cancelled = await as(c.app, rome.sid)({ method: 'POST', url: `/api/sessions/${id}/cancel` });
    expect(cancelled.statusCode).toBe(200);
    for (const client of [r, y]) {
      expect((await client.nextOf('error')).code).toBe('SESSION_CANCELLED');
      expect((await client.waitClosed()).code).toBe(4404);
    }
  });
});
