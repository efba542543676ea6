/**
 * Matchmaking events through the API: an organizer opens two mornings in Rome (afternoons in
 * Yantai), people join and mark what they cannot make, accepted requests and must-meets are
 * placed, a meeting is moved and locked, the event is published with one invite per person per
 * meeting, a second publication after a move sends updates, agendas show the gaps, CSV goes both
 * ways; and the bad inputs get their codes.
 */

import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUBLISH_BATCH } from '../../src/services/events.service';
import { as, makeTestApp, register, type TestApp, yantaiPerson } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const EVENT = {
  name: 'Healthy Cities matchmaking',
  timeZone: 'Europe/Rome',
  days: ['2027-05-11', '2027-05-12'],
  windows: [{ start: '09:00', end: '11:00' }],
  slotMinutes: 20,
  breakMinutes: 0,
  parallelLimit: 2,
};

async function organizer() {
  const { sid } = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
  return as(t.app, sid);
}

async function people(n: number) {
  const rome = [];
  const yantai = [];
  for (let i = 0; i < n; i++) {
    rome.push(await register(t.app, { email: `rome${i}@example.org`, name: `Rome ${i}` }));
    yantai.push(await register(t.app, yantaiPerson(`yantai${i}@example.org`, { name: `烟台 ${i}` })));
  }
  return { rome, yantai };
}

async function meet(from: { sid: string }, to: { sid: string; participant: { id: string } }) {
  const sent = await as(
    t.app,
    from.sid,
  )({ method: 'POST', url: '/api/meeting-requests', payload: { to: to.participant.id } });
  expect(sent.statusCode).toBe(201);
  const ok = await as(
    t.app,
    to.sid,
  )({ method: 'POST', url: `/api/meeting-requests/${sent.json().id}/accept` });
  expect(ok.statusCode).toBe(200);
}

const mails = (kind: string) =>
  t.db.rows<{ to_address: string }>(
    sql`SELECT to_address FROM outbox WHERE kind = ${kind} ORDER BY to_address`,
  );

describe('matchmaking events', () => {
  it('runs an event from creation to published agendas', async () => {
    const org = await organizer();
    const created = await org({ method: 'POST', url: '/api/events', payload: EVENT });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const { rome, yantai } = await people(3);

    // Everyone joins; the page shows each window in Rome and in Yantai (CEST +2, China +8).
    for (const p of [...rome, ...yantai]) {
      expect((await as(t.app, p.sid)({ method: 'POST', url: `/api/events/${id}/join` })).statusCode).toBe(
        204,
      );
    }
    const page = (await as(t.app, rome[0]!.sid)({ method: 'GET', url: `/api/events/${id}` })).json();
    expect(page.slots).toHaveLength(12);
    expect(page.slots[0]).toMatchObject({ id: '2027-05-11T09:00', start: '2027-05-11T07:00:00.000Z' });
    expect(page.windows[0].local).toEqual([
      {
        zone: 'Europe/Rome',
        date: '2027-05-11',
        start: '09:00',
        end: '11:00',
        city: 'Rome',
        cities: ['Rome'],
      },
      {
        zone: 'Asia/Shanghai',
        date: '2027-05-11',
        start: '15:00',
        end: '17:00',
        city: 'Yantai',
        cities: ['Yantai'],
      },
    ]);
    expect(page.participants).toBeUndefined();

    // Yantai 0 cannot make the first morning's first hour.
    const marked = ['2027-05-11T09:00', '2027-05-11T09:20', '2027-05-11T09:40'];
    const put = await as(
      t.app,
      yantai[0]!.sid,
    )({ method: 'PUT', url: `/api/events/${id}/unavailable`, payload: { slots: marked } });
    expect(put.statusCode).toBe(200);
    const wrong = await as(
      t.app,
      yantai[0]!.sid,
    )({ method: 'PUT', url: `/api/events/${id}/unavailable`, payload: { slots: ['2027-05-11T09:10'] } });
    expect(wrong.json().code).toBe('UNKNOWN_SLOT');

    // Everyone in Rome wants Yantai 0; Rome 1 also meets Yantai 1 and 2; a must-meet on top.
    for (const r of rome) await meet(r, yantai[0]!);
    await meet(rome[1]!, yantai[1]!);
    await meet(yantai[2]!, rome[1]!);
    const must = await org({
      method: 'POST',
      url: `/api/events/${id}/meetings`,
      payload: { participants: [rome[2]!.participant.id, yantai[2]!.participant.id] },
    });
    expect(must.statusCode).toBe(201);

    const run = await org({ method: 'POST', url: `/api/events/${id}/schedule` });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ placed: 6, unplaced: 0 });
    const full = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
    expect(full.meetings).toHaveLength(6);
    expect(full.participants).toHaveLength(6);
    // Never a marked slot for Yantai 0, never two meetings of one person in a slot, at most 2 per slot.
    const y0 = yantai[0]!.participant.id;
    const bySlot = new Map<string, string[][]>();
    for (const m of full.meetings) {
      const ids = m.people.map((p: { id: string }) => p.id);
      if (ids.includes(y0)) expect(marked).not.toContain(m.slot);
      bySlot.set(m.slot, [...(bySlot.get(m.slot) ?? []), ids]);
    }
    for (const list of bySlot.values()) {
      expect(list.length).toBeLessThanOrEqual(2);
      expect(new Set(list.flat()).size).toBe(list.flat().length);
    }

    // Moving by hand: into Yantai 0's marked slot is refused; into a free one locks it there.
    const target = full.meetings.find((m: { people: { id: string }[] }) => m.people.some((p) => p.id === y0));
    const refused = await org({
      method: 'PATCH',
      url: `/api/events/${id}/meetings/${target.id}`,
      payload: { slot: '2027-05-11T09:00' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('SLOT_NOT_FREE');
    // Who and why, without the slot's id (a wall clock in Rome, where the organizer may not be).
    expect(refused.json().message).toBe(
      '烟台 0 cannot make that slot: they marked it as one they cannot make.',
    );
    const used = new Set(full.meetings.map((m: { slot: string }) => m.slot));
    const free = page.slots
      .map((s: { id: string }) => s.id)
      .find((s: string) => !used.has(s) && !marked.includes(s));
    const moved = await org({
      method: 'PATCH',
      url: `/api/events/${id}/meetings/${target.id}`,
      payload: { slot: free },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ slotId: free, locked: true });
    await org({ method: 'POST', url: `/api/events/${id}/schedule?seed=9` });
    const again = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
    expect(again.meetings.find((m: { id: string }) => m.id === target.id).slot).toBe(free);

    // Publishing: one session per meeting, one invite per person per meeting.
    const pub = await org({ method: 'POST', url: `/api/events/${id}/publish` });
    expect(pub.json()).toMatchObject({ created: 6, moved: 0, cancelled: 0, conflicts: [] });
    const invites = await mails('session-new');
    expect(invites).toHaveLength(12);
    expect(invites.filter((m) => m.to_address === 'yantai0@example.org')).toHaveLength(3);
    // Publishing twice changes nothing and mails nobody.
    expect((await org({ method: 'POST', url: `/api/events/${id}/publish` })).json()).toMatchObject({
      created: 0,
      moved: 0,
    });
    expect(await mails('session-new')).toHaveLength(12);

    // Yantai 0's agenda, in Shanghai time, with the gaps between meetings.
    const agenda = (
      await as(t.app, yantai[0]!.sid)({ method: 'GET', url: `/api/events/${id}/agenda` })
    ).json();
    expect(agenda.timeZone).toBe('Asia/Shanghai');
    expect(agenda.entries).toHaveLength(3);
    expect(agenda.entries[0].gapBefore).toBeNull();
    for (const e of agenda.entries) expect(e.sessionId).toBeTruthy();
    const starts = agenda.entries.map((e: { start: string }) => Date.parse(e.start));
    for (let i = 1; i < starts.length; i++) {
      const sameDay = agenda.entries[i].start.slice(0, 10) === agenda.entries[i - 1].start.slice(0, 10);
      if (sameDay) expect(agenda.entries[i].gapBefore).toBe((starts[i] - starts[i - 1]) / 60_000 - 20);
    }
    // Another person's agenda is for organizers only.
    const peek = await as(
      t.app,
      yantai[1]!.sid,
    )({ method: 'GET', url: `/api/events/${id}/agenda?participant=${y0}` });
    expect(peek.statusCode).toBe(403);

    // A move after publishing updates the session: same session, a "changed" mail to both.
    const taken = new Set(again.meetings.map((m: { slot: string }) => m.slot));
    const other = again.meetings.find((m: { id: string }) => m.id !== target.id);
    const otherIds = other.people.map((p: { id: string }) => p.id);
    const busyOfOthers = new Set(
      again.meetings
        .filter((m: { people: { id: string }[] }) => m.people.some((p) => otherIds.includes(p.id)))
        .map((m: { slot: string }) => m.slot),
    );
    const spot = page.slots
      .map((s: { id: string }) => s.id)
      .find(
        (s: string) =>
          !taken.has(s) && !busyOfOthers.has(s) && !(otherIds.includes(y0) && marked.includes(s)),
      );
    expect(
      (await org({ method: 'PATCH', url: `/api/events/${id}/meetings/${other.id}`, payload: { slot: spot } }))
        .statusCode,
    ).toBe(200);
    // Until published again, the organizers' view says where its people still have it.
    const startOf = (slot: string) => page.slots.find((s: { id: string }) => s.id === slot).start;
    const pending = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
    expect(pending.meetings.find((m: { id: string }) => m.id === other.id)).toMatchObject({
      slot: spot,
      publishedStart: startOf(other.slot),
    });
    expect((await org({ method: 'POST', url: `/api/events/${id}/publish` })).json()).toMatchObject({
      created: 0,
      moved: 1,
    });
    const republished = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
    expect(republished.meetings.find((m: { id: string }) => m.id === other.id).publishedStart).toBe(
      startOf(spot),
    );
    expect(await mails('session-changed')).toHaveLength(2);

    // The agenda as CSV, with both sides' local times.
    const csv = await org({ method: 'GET', url: `/api/events/${id}/agenda.csv` });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.startsWith('\uFEFF"start_utc","end_utc"')).toBe(true); // every field quoted
    const [header, ...rows] = parse(csv.body, { bom: true }) as string[][];
    expect(header).toEqual([
      'start_utc',
      'end_utc',
      'slot',
      'a_name',
      'a_organisation',
      'a_city',
      'a_local_start',
      'b_name',
      'b_organisation',
      'b_city',
      'b_local_start',
      'session_id',
      'status',
      'published_start_utc',
    ]);
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r[12])).toEqual(Array(6).fill('published'));
    // Each row has Yantai's local start six hours after Rome's (both on summer time offsets).
    for (const row of rows) {
      const localOf = (city: string) => {
        const at = row[5] === city ? row[6]! : row[10]!;
        return Date.parse(`${at.replace(' ', 'T')}Z`);
      };
      const rome = localOf('Rome');
      const yantai = localOf('Yantai');
      expect(yantai - rome).toBe(6 * 3_600_000);
    }

    // Moved back and not published again: the row says where the invitations still have it.
    expect(
      (
        await org({
          method: 'PATCH',
          url: `/api/events/${id}/meetings/${other.id}`,
          payload: { slot: other.slot },
        })
      ).statusCode,
    ).toBe(200);
    const [, ...after] = parse((await org({ method: 'GET', url: `/api/events/${id}/agenda.csv` })).body, {
      bom: true,
    }) as string[][];
    const movedRows = after.filter((r) => r[12] !== 'published');
    expect(movedRows).toHaveLength(1);
    expect(movedRows[0]!.slice(0, 1).concat(movedRows[0]!.slice(12))).toEqual([
      startOf(other.slot),
      'moved',
      startOf(spot),
    ]);
    expect(after.filter((r) => r[12] === 'published')).toHaveLength(5);
  });

  it('keeps a meeting its people cancelled out of the schedule until an organizer places it again', async () => {
    const org = await organizer();
    const id = (await org({ method: 'POST', url: '/api/events', payload: EVENT })).json().id;
    const { rome, yantai } = await people(1);
    for (const p of [rome[0]!, yantai[0]!]) {
      await as(t.app, p.sid)({ method: 'POST', url: `/api/events/${id}/join` });
    }
    await meet(rome[0]!, yantai[0]!);
    await org({ method: 'POST', url: `/api/events/${id}/schedule` });
    expect((await org({ method: 'POST', url: `/api/events/${id}/publish` })).json()).toMatchObject({
      created: 1,
    });
    const [meeting] = (await org({ method: 'GET', url: `/api/events/${id}` })).json().meetings;
    expect(meeting.sessionId).toBeTruthy();

    // Rome cancels the meeting from its session page.
    const cancel = await as(
      t.app,
      rome[0]!.sid,
    )({ method: 'POST', url: `/api/sessions/${meeting.sessionId}/cancel` });
    expect(cancel.statusCode).toBe(200);
    const seen = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
    expect(seen.meetings[0]).toMatchObject({
      id: meeting.id,
      slot: null,
      reason: 'CANCELLED',
      sessionId: null,
      publishedStart: null,
    });
    expect(seen.summary).toMatchObject({ meetings: 1, placed: 0, published: 0 });
    // Wang's own page says which of his meetings has no slot, and why.
    const his = (await as(t.app, yantai[0]!.sid)({ method: 'GET', url: `/api/events/${id}` })).json();
    expect(his.me.unplaced).toEqual([
      {
        meetingId: meeting.id,
        with: expect.objectContaining({ id: rome[0]!.participant.id, name: 'Rome 0' }),
        reason: 'CANCELLED',
      },
    ]);

    // Running and publishing again book nothing behind the people's backs.
    const run = (await org({ method: 'POST', url: `/api/events/${id}/schedule` })).json();
    expect(run).toMatchObject({ placed: 0, unplaced: 0 });
    expect((await org({ method: 'POST', url: `/api/events/${id}/publish` })).json()).toMatchObject({
      created: 0,
      moved: 0,
      cancelled: 0,
    });
    expect(await mails('session-new')).toHaveLength(2);
    expect((await org({ method: 'GET', url: `/api/events/${id}` })).json().meetings[0].reason).toBe(
      'CANCELLED',
    );

    // The organizer decides to place it again: then it is published anew.
    const slot = seen.slots[3].id;
    const placed = await org({
      method: 'PATCH',
      url: `/api/events/${id}/meetings/${meeting.id}`,
      payload: { slot },
    });
    expect(placed.statusCode).toBe(200);
    expect((await org({ method: 'POST', url: `/api/events/${id}/publish` })).json()).toMatchObject({
      created: 1,
    });
    expect(await mails('session-new')).toHaveLength(4);

    // Leaving with a published meeting says what the person can do about it; once they cancel
    // it (which sets it aside), they may leave.
    const leave = () => as(t.app, yantai[0]!.sid)({ method: 'DELETE', url: `/api/events/${id}/join` });
    const refused = await leave();
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'EVENT_HAS_MEETINGS' });
    expect(refused.json().message).toContain('cancel them from your schedule first');
    const again = (await org({ method: 'GET', url: `/api/events/${id}` })).json().meetings[0];
    await as(t.app, yantai[0]!.sid)({ method: 'POST', url: `/api/sessions/${again.sessionId}/cancel` });
    expect((await leave()).statusCode).toBe(204);
  });

  it('republishes two meetings that trade slots as two moves, cancelling neither', async () => {
    const org = await organizer();
    const id = (await org({ method: 'POST', url: '/api/events', payload: EVENT })).json().id;
    const { rome, yantai } = await people(2);
    for (const p of [rome[0]!, yantai[0]!, yantai[1]!]) {
      await as(t.app, p.sid)({ method: 'POST', url: `/api/events/${id}/join` });
    }
    // Rome 0 meets both people of Yantai: two meetings, one person in both.
    await meet(rome[0]!, yantai[0]!);
    await meet(rome[0]!, yantai[1]!);
    await org({ method: 'POST', url: `/api/events/${id}/schedule` }); // the requests become meetings
    const page = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
    const [first, second] = page.meetings as { id: string }[];
    const [s1, s2] = [page.slots[0].id, page.slots[1].id];
    const place = (m: { id: string }, slot: string | null) =>
      org({ method: 'PATCH', url: `/api/events/${id}/meetings/${m.id}`, payload: { slot } });
    await place(first!, null);
    await place(second!, null);
    expect((await place(first!, s1)).statusCode).toBe(200);
    expect((await place(second!, s2)).statusCode).toBe(200);
    expect((await org({ method: 'POST', url: `/api/events/${id}/publish` })).json()).toMatchObject({
      created: 2,
    });
    // The organizer swaps them; each now goes where the other still is until both have moved.
    await place(second!, null);
    await place(first!, s2);
    await place(second!, s1);
    expect((await org({ method: 'POST', url: `/api/events/${id}/publish` })).json()).toEqual({
      created: 0,
      moved: 2,
      cancelled: 0,
      conflicts: [],
    });
    expect(await mails('session-cancelled')).toHaveLength(0);
    expect(await mails('session-changed')).toHaveLength(4);
  });

  it('publishes a big schedule in steps, answering other requests meanwhile, and publishing again changes nothing', async () => {
    const org = await organizer();
    // Two mornings of six slots, six people of each city all meeting each other: 36 meetings,
    // more than one step of a publish takes.
    const id = (
      await org({ method: 'POST', url: '/api/events', payload: { ...EVENT, parallelLimit: 6 } })
    ).json().id;
    const { rome, yantai } = await people(6);
    for (const p of [...rome, ...yantai])
      await as(t.app, p.sid)({ method: 'POST', url: `/api/events/${id}/join` });
    for (const r of rome) for (const y of yantai) await meet(r, y);
    const run = (await org({ method: 'POST', url: `/api/events/${id}/schedule` })).json();
    expect(run).toMatchObject({ placed: 36, unplaced: 0 });

    let published = false;
    const publishing = org({ method: 'POST', url: `/api/events/${id}/publish` }).then((res) => {
      published = true;
      return res;
    });
    // Asked once the publish has begun: answered between its steps, not after all of them.
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(published).toBe(false);
    const res = await publishing;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 36, moved: 0, cancelled: 0, conflicts: [] });
    expect(await mails('session-new')).toHaveLength(72);
    const page = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
    expect((page.meetings as { publishedStart: string | null }[]).every((m) => m.publishedStart)).toBe(true);

    const again = await org({ method: 'POST', url: `/api/events/${id}/publish` });
    expect(again.json()).toEqual({ created: 0, moved: 0, cancelled: 0, conflicts: [] });
    expect(await mails('session-new')).toHaveLength(72);
    expect(await mails('session-changed')).toHaveLength(0);

    // The organizer turns the schedule round: each meeting goes to the slot as far from the end as
    // it was from the start. Every meeting moves, each into the place another meeting of one of its
    // people leaves: each moves once, nobody is ever booked twice (PostgreSQL's guard would refuse
    // a step that did), and nothing is cancelled. Done by hand rather than by a second scheduler
    // run, whose answer depends on how far its time budget gets on the machine.
    const placed = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
    const slotIds = (placed.slots as { id: string }[]).map((s) => s.id);
    const mirrored = (placed.meetings as { id: string; slot: string }[]).map((m) => ({
      id: m.id,
      slot: slotIds[slotIds.length - 1 - slotIds.indexOf(m.slot)]!,
    }));
    for (const m of mirrored) {
      const res = await org({
        method: 'PATCH',
        url: `/api/events/${id}/meetings/${m.id}`,
        payload: { slot: null },
      });
      expect(res.statusCode).toBe(200);
    }
    for (const m of mirrored) {
      const res = await org({
        method: 'PATCH',
        url: `/api/events/${id}/meetings/${m.id}`,
        payload: { slot: m.slot },
      });
      expect(res.statusCode).toBe(200);
    }
    const moves = (await org({ method: 'POST', url: `/api/events/${id}/publish` })).json();
    expect(moves).toEqual({ created: 0, moved: 36, cancelled: 0, conflicts: [] });
    expect(moves.moved).toBeGreaterThan(PUBLISH_BATCH);
    expect(await mails('session-changed')).toHaveLength(2 * moves.moved);
    const after = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
    for (const m of after.meetings as { slot: string; publishedStart: string }[]) {
      const slot = (after.slots as { id: string; start: string }[]).find((s) => s.id === m.slot)!;
      expect(m.publishedStart).toBe(slot.start);
    }
  });

  it('gives an empty schedule for an event without accepted requests', async () => {
    const org = await organizer();
    const id = (await org({ method: 'POST', url: '/api/events', payload: EVENT })).json().id;
    const run = await org({ method: 'POST', url: `/api/events/${id}/schedule` });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ placed: 0, unplaced: 0 });
  });

  it('makes no slots at times New York skips (2027-03-14, spring forward) and never books one person twice at one instant', async () => {
    const org = await organizer();
    const created = await org({
      method: 'POST',
      url: '/api/events',
      payload: {
        ...EVENT,
        timeZone: 'America/New_York',
        days: ['2027-03-14'],
        windows: [{ start: '01:00', end: '04:00' }],
        parallelLimit: null,
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    // 01:00–04:00 in New York is 07:00–09:00 in Rome and 14:00–16:00 in Yantai: everyone awake.
    const { rome, yantai } = await people(7);
    for (const p of [...rome, ...yantai])
      await as(t.app, p.sid)({ method: 'POST', url: `/api/events/${id}/join` });
    const page = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
    // 02:00, 02:20 and 02:40 do not exist that night: six slots, six distinct instants.
    expect(page.slots.map((s: { id: string }) => s.id.slice(11))).toEqual([
      '01:00',
      '01:20',
      '01:40',
      '03:00',
      '03:20',
      '03:40',
    ]);
    expect(new Set(page.slots.map((s: { start: string }) => s.start)).size).toBe(6);

    // Seven people want Yantai 0, who has six instants to give: one meeting stays unplaced.
    for (const r of rome) await meet(r, yantai[0]!);
    const run = await org({ method: 'POST', url: `/api/events/${id}/schedule` });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ placed: 6, unplaced: 1 });
    const full = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
    const startOf = new Map(page.slots.map((s: { id: string; start: string }) => [s.id, s.start]));
    const seen = new Set<string>();
    for (const m of full.meetings.filter((x: { slot: string | null }) => x.slot)) {
      for (const p of m.people as { id: string }[]) {
        const key = `${p.id} ${startOf.get(m.slot)}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
    // The one left out says whose slots are all taken: Yantai 0's, not the Rome person's.
    const left = full.meetings.find((x: { slot: string | null }) => !x.slot);
    expect(left).toMatchObject({
      reason: 'PEOPLE_FULL',
      full: [yantai[0]!.participant.id],
      noFreeSlot: [yantai[0]!.participant.id],
    });
  });

  it('says who, if anyone, was booked at every time both could make, and who has no free slot left at all', async () => {
    const org = await organizer();
    // 09:00, 09:20 and 09:40 in Rome.
    const id = (
      await org({
        method: 'POST',
        url: '/api/events',
        payload: { ...EVENT, days: ['2027-05-11'], windows: [{ start: '09:00', end: '10:00' }] },
      })
    ).json().id;
    const [s1, s2, s3] = ['2027-05-11T09:00', '2027-05-11T09:20', '2027-05-11T09:40'];
    const { rome, yantai } = await people(4);
    for (const p of [...rome, ...yantai])
      await as(t.app, p.sid)({ method: 'POST', url: `/api/events/${id}/join` });
    const [a, b] = [rome[0]!, yantai[0]!];
    // B cannot make 09:40: A and B could both make 09:00 and 09:20.
    await as(t.app, b.sid)({ method: 'PUT', url: `/api/events/${id}/unavailable`, payload: { slots: [s3] } });
    const lockedMeeting = async (
      x: { participant: { id: string } },
      y: { participant: { id: string } },
      slot: string,
    ) => {
      const made = await org({
        method: 'POST',
        url: `/api/events/${id}/meetings`,
        payload: { participants: [x.participant.id, y.participant.id] },
      });
      expect(made.statusCode).toBe(201);
      const placed = await org({
        method: 'PATCH',
        url: `/api/events/${id}/meetings/${made.json().id}`,
        payload: { slot },
      });
      expect(placed.statusCode, placed.body).toBe(200);
    };
    await lockedMeeting(a, yantai[1]!, s1);
    await lockedMeeting(b, rome[1]!, s2);
    const pair = await org({
      method: 'POST',
      url: `/api/events/${id}/meetings`,
      payload: { participants: [a.participant.id, b.participant.id] },
    });
    const leftOut = async () => {
      expect((await org({ method: 'POST', url: `/api/events/${id}/schedule` })).statusCode).toBe(200);
      const page = (await org({ method: 'GET', url: `/api/events/${id}` })).json();
      return page.meetings.find((m: { id: string }) => m.id === pair.json().id);
    };

    // A is booked at 09:00 and free at 09:20, B the other way round: neither is "full".
    expect(await leftOut()).toMatchObject({ slot: null, reason: 'PEOPLE_FULL', full: [], noFreeSlot: [] });

    // A is booked at both times they share, yet still free at 09:40, which B cannot make.
    await lockedMeeting(a, yantai[2]!, s2);
    expect(await leftOut()).toMatchObject({
      slot: null,
      reason: 'PEOPLE_FULL',
      full: [a.participant.id],
      noFreeSlot: [],
    });

    // And with 09:40 booked too, A has no free slot left at all.
    await lockedMeeting(a, yantai[3]!, s3);
    expect(await leftOut()).toMatchObject({
      slot: null,
      reason: 'PEOPLE_FULL',
      full: [a.participant.id],
      noFreeSlot: [a.participant.id],
    });
  });

  it('imports people from CSV, all rows or none', async () => {
    const org = await organizer();
    const id = (
      await org({ method: 'POST', url: '/api/events', payload: { ...EVENT, joinPolicy: 'invited' } })
    ).json().id;
    const { rome } = await people(1);
    const header = 'email,name,organisation,city,country,time_zone,languages,sectors,offers,seeks';
    const bad = [
      header,
      'rome0@example.org,,,,,,,,,',
      'chen@kmu.example.cn,陈静,Kunming Medical University,Kunming,CN,Asia/Shanghai,zh;en,digital-health,,',
      'broken@example.org,Ana,Granada Health Park,Granada,ES,Europe/Granada,es,,,',
    ].join('\n');
    const refused = await org({
      method: 'POST',
      url: `/api/events/${id}/participants.csv`,
      headers: { 'content-type': 'text/csv' },
      payload: bad,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('INVALID_CSV');
    expect(refused.json().details).toEqual([
      expect.objectContaining({ field: 'line 4', code: 'INVALID_TIME_ZONE' }),
    ]);
    expect((await org({ method: 'GET', url: `/api/events/${id}` })).json().participants).toHaveLength(0);

    const good = bad.replace('Europe/Granada', 'Europe/Madrid');
    const ok = await org({
      method: 'POST',
      url: `/api/events/${id}/participants.csv`,
      headers: { 'content-type': 'text/csv' },
      payload: `\uFEFF${good}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ added: 3, registered: 2, already: 0 });
    expect((await mails('welcome')).map((m) => m.to_address)).toEqual(
      expect.arrayContaining(['chen@kmu.example.cn', 'broken@example.org']),
    );
    // Invited-only: a participant cannot join by themselves, nor see it unless added.
    const { sid } = await register(t.app, { email: 'outsider@example.org' });
    expect((await as(t.app, sid)({ method: 'POST', url: `/api/events/${id}/join` })).json().code).toBe(
      'EVENT_INVITE_ONLY',
    );
    expect((await as(t.app, sid)({ method: 'GET', url: `/api/events/${id}` })).statusCode).toBe(404);
    expect((await as(t.app, rome[0]!.sid)({ method: 'GET', url: `/api/events/${id}` })).statusCode).toBe(200);
    const notCsv = await org({
      method: 'POST',
      url: `/api/events/${id}/participants.csv`,
      headers: { 'content-type': 'text/csv' },
      payload: 'name\n"unclosed',
    });
    expect(notCsv.json().code).toBe('INVALID_CSV');
  });

  it('tells organizers who cannot make the slot a meeting was placed in, once they say so', async () => {
    const org = await organizer();
    const id = (await org({ method: 'POST', url: '/api/events', payload: EVENT })).json().id;
    const { rome, yantai } = await people(1);
    for (const p of [rome[0]!, yantai[0]!])
      await as(t.app, p.sid)({ method: 'POST', url: `/api/events/${id}/join` });
    const pair = [rome[0]!.participant.id, yantai[0]!.participant.id];
    expect(
      (await org({ method: 'POST', url: `/api/events/${id}/meetings`, payload: { participants: pair } }))
        .statusCode,
    ).toBe(201);
    const meetingOf = async () =>
      (await org({ method: 'GET', url: `/api/events/${id}` })).json().meetings[0] as {
        id: string;
        slot: string;
        cannotMake: string[];
      };
    const placed = await org({
      method: 'PATCH',
      url: `/api/events/${id}/meetings/${(await meetingOf()).id}`,
      payload: { slot: '2027-05-11T09:20' },
    });
    expect(placed.statusCode).toBe(200);
    expect((await meetingOf()).cannotMake).toEqual([]);
    // Yantai 0 says afterwards that 09:20 is out of the question: the meeting (locked) stays there.
    await as(
      t.app,
      yantai[0]!.sid,
    )({
      method: 'PUT',
      url: `/api/events/${id}/unavailable`,
      payload: { slots: ['2027-05-11T09:20'] },
    });
    expect(await meetingOf()).toMatchObject({ slot: '2027-05-11T09:20', cannotMake: [pair[1]] });
  });

  it('says of a refused CSV file what is wrong with it, by a code of its own', async () => {
    const org = await organizer();
    const id = (await org({ method: 'POST', url: '/api/events', payload: EVENT })).json().id;
    const header = 'email,name,organisation,city,country,time_zone,languages';
    const row = (email: string) => `${email},Ana,Granada Health Park,Granada,ES,Europe/Madrid,es`;
    const csv = async (payload: string) => {
      const res = await org({
        method: 'POST',
        url: `/api/events/${id}/participants.csv`,
        headers: { 'content-type': 'text/csv' },
        payload,
      });
      expect([res.statusCode, res.json().code]).toEqual([422, 'INVALID_CSV']);
      return res.json().details as { field: string; code: string; message: string }[];
    };
    // A row listed twice: which line, and that it is the address again (not a bad profile).
    expect(await csv([header, row('ana@example.org'), row('ANA@example.org')].join('\n'))).toEqual([
      { field: 'line 3', code: 'CSV_DUPLICATE_EMAIL', message: 'ana@example.org is listed twice.' },
    ]);
    // The file as a whole: one detail, field "file", with the message the answer gives.
    const file = async (payload: string, code: string) => {
      const details = await csv(payload);
      expect(details).toEqual([{ field: 'file', code, message: expect.any(String) }]);
    };
    await file(header, 'CSV_NO_ROWS');
    await file('name,city\nAna,Granada', 'CSV_NO_EMAIL_COLUMN');
    await file('email\n"unclosed', 'CSV_UNREADABLE');
    const many = [header, ...Array.from({ length: 5001 }, (_, i) => row(`p${i}@example.org`))].join('\n');
    await file(many, 'CSV_TOO_MANY_ROWS');
    expect((await org({ method: 'GET', url: `/api/events/${id}` })).json().participants).toHaveLength(0);
  });

  it('refuses bad events and strangers with stable codes', async () => {
    const org = await organizer();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...EVENT, timeZone: 'Mars/Olympus' }, 'INVALID_TIME_ZONE'],
      [{ ...EVENT, days: ['2027-02-30'] }, 'INVALID_EVENT_DAYS'],
      [{ ...EVENT, days: [] }, 'INVALID_EVENT_DAYS'],
      // Only 2000–2099: year 9999 made the event page answer 500, year 0 came back as 1900.
      [{ ...EVENT, days: ['9999-12-31'], windows: [{ start: '23:00', end: '24:00' }] }, 'INVALID_EVENT_DAYS'],
      [{ ...EVENT, days: ['0000-01-01'] }, 'INVALID_EVENT_DAYS'],
      [{ ...EVENT, days: ['2100-01-01'] }, 'INVALID_EVENT_DAYS'],
      [{ ...EVENT, windows: [{ start: '11:00', end: '09:00' }] }, 'INVALID_EVENT_WINDOWS'],
      [
        {
          ...EVENT,
          windows: [
            { start: '09:00', end: '11:00' },
            { start: '10:00', end: '12:00' },
          ],
        },
        'INVALID_EVENT_WINDOWS',
      ],
      [{ ...EVENT, windows: [{ start: '09:00', end: '09:10' }] }, 'INVALID_EVENT_WINDOWS'],
      [{ ...EVENT, slotMinutes: 7 }, 'INVALID_SLOT_LENGTH'],
      [{ ...EVENT, breakMinutes: -5 }, 'INVALID_SLOT_LENGTH'],
      [{ ...EVENT, parallelLimit: -1 }, 'INVALID_PARALLEL_LIMIT'],
    ];
    for (const [payload, code] of cases) {
      const res = await org({ method: 'POST', url: '/api/events', payload });
      expect(res.statusCode, code).toBe(422);
      expect(res.json().code, JSON.stringify(payload)).toBe(code);
    }
    // A time written otherwise than HH:mm is told so, not that the window is not one of a day.
    const unpadded = await org({
      method: 'POST',
      url: '/api/events',
      payload: { ...EVENT, windows: [{ start: '9:00', end: '11:00' }] },
    });
    expect([unpadded.statusCode, unpadded.json().code]).toEqual([422, 'INVALID_EVENT_WINDOWS']);
    expect(unpadded.json().message).toBe('9:00–11:00: write each window as HH:mm–HH:mm, e.g. 09:00–11:00.');
    expect(
      (await org({ method: 'POST', url: '/api/events', payload: { ...EVENT, slotMinutes: '20' } }))
        .statusCode,
    ).toBe(400);
    expect((await org({ method: 'GET', url: '/api/events/nope' })).json().code).toBe('EVENT_NOT_FOUND');

    const id = (await org({ method: 'POST', url: '/api/events', payload: EVENT })).json().id;
    const farDays = await org({
      method: 'PATCH',
      url: `/api/events/${id}`,
      payload: { days: ['9999-12-31'] },
    });
    expect([farDays.statusCode, farDays.json().code]).toEqual([422, 'INVALID_EVENT_DAYS']);
    expect((await org({ method: 'GET', url: `/api/events/${id}` })).statusCode).toBe(200);
    const { rome, yantai } = await people(1);
    const r = as(t.app, rome[0]!.sid);
    expect((await r({ method: 'POST', url: '/api/events', payload: EVENT })).statusCode).toBe(403);
    expect((await r({ method: 'POST', url: `/api/events/${id}/schedule` })).statusCode).toBe(403);
    expect((await r({ method: 'POST', url: `/api/events/${id}/publish` })).statusCode).toBe(403);
    expect(
      (await r({ method: 'PUT', url: `/api/events/${id}/unavailable`, payload: { slots: [] } })).json().code,
    ).toBe('NOT_EVENT_PARTICIPANT');
    // A meeting needs two people who joined; weights are 1–100.
    const add = (payload: Record<string, unknown>) =>
      org({ method: 'POST', url: `/api/events/${id}/meetings`, payload });
    expect(
      (await add({ participants: [rome[0]!.participant.id, yantai[0]!.participant.id] })).json().code,
    ).toBe('NOT_EVENT_PARTICIPANT');
    await r({ method: 'POST', url: `/api/events/${id}/join` });
    await as(t.app, yantai[0]!.sid)({ method: 'POST', url: `/api/events/${id}/join` });
    const pair = [rome[0]!.participant.id, yantai[0]!.participant.id];
    expect((await add({ participants: [pair[0]] })).json().code).toBe('CANNOT_MEET_SELF');
    expect((await add({ participants: pair, weight: 0 })).json().code).toBe('INVALID_WEIGHT');
    expect((await add({ participants: pair, weight: 3 })).statusCode).toBe(201);
    expect((await add({ participants: [...pair].reverse() })).json().code).toBe('EVENT_MEETING_EXISTS');
    const meetingId = (await org({ method: 'GET', url: `/api/events/${id}` })).json().meetings[0].id;
    const patch = (payload: Record<string, unknown>) =>
      org({ method: 'PATCH', url: `/api/events/${id}/meetings/${meetingId}`, payload });
    expect((await patch({ slot: '2031-01-01T09:00' })).json().code).toBe('UNKNOWN_SLOT');
    expect((await patch({ locked: true })).json().code).toBe('SLOT_NOT_FREE');
    // Once meetings are placed, the slots cannot change under them.
    await org({ method: 'POST', url: `/api/events/${id}/schedule` });
    const change = await org({ method: 'PATCH', url: `/api/events/${id}`, payload: { slotMinutes: 30 } });
    expect(change.json().code).toBe('EVENT_SETTINGS_LOCKED');
    expect(
      (await org({ method: 'PATCH', url: `/api/events/${id}`, payload: { name: 'Renamed' } })).statusCode,
    ).toBe(200);
    expect((await org({ method: 'DELETE', url: `/api/events/${id}/meetings/nope` })).json().code).toBe(
      'EVENT_MEETING_NOT_FOUND',
    );
  });
});
