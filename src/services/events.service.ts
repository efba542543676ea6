/**
 * Matchmaking events: organizers set the days and windows, people join and mark what they cannot
 * make, accepted requests between them (and an organizer's must-meets) become meetings to place,
 * the scheduler places them, organizers lock and move, and publishing turns every placed meeting
 * into a session with invites through the outbox.
 */
import { randomUUID } from 'node:crypto';
import * as repo from '../db/events.repo';
import * as participantsRepo from '../db/participants.repo';
import * as requestMeetings from '../db/request-meetings.repo';
import * as sessionsRepo from '../db/sessions.repo';
import { DomainError } from '../domain/errors';
import {
  agenda,
  type EventSettings,
  type EventSlot,
  eventInstance,
  eventSlots,
  validateEventSettings,
  windowsInZones,
} from '../domain/event';
import { publishSteps } from '../domain/publish-order';
import { checkSchedule, DEFAULT_BUDGET_MS, type Instance, type UnscheduledReason } from '../domain/scheduler';
import { type ServiceContext, write } from './context';
import { type PersonInEvent, unavailabilityOf, unavailableCount } from './event-unavailability';
import { type createParticipantsService, mustBeConfirmed } from './participants.service';
import { readPeopleCsv } from './people-csv';
import type { SchedulerRunner } from './scheduler-runner';
import type { createSessionsService } from './sessions.service';

type Viewer = { id: string; role: string };
type Person = participantsRepo.ParticipantRecord;
export type EventRow = repo.EventRow;
export type EventMeetingRow = repo.EventMeetingRow;

export const MAX_WEIGHT = 100;

/**
 * Meetings published per transaction: a step takes about a tenth of a second, so the requests
 * waiting behind it are served within that, whatever the event's size.
 */
export const PUBLISH_BATCH = 25;

export interface PublishSummary {
  created: number;
  moved: number;
  cancelled: number;
  /** Meetings left unplaced because one of their people was booked at that time meanwhile. */
  conflicts: string[];
}

interface PublishStep extends PublishSummary {
  /** Sessions moved or cancelled, whose lobbies and pages are told once the step is done. */
  changed: string[];
}

export interface RunResult {
  placed: number;
  unplaced: number;
  weight: number;
  breaks: number;
  ms: number;
  reasons: Record<string, UnscheduledReason>;
}

function settingsOf(e: EventRow): EventSettings {
  return {
    name: e.name,
    description: e.description,
    timeZone: e.timeZone,
    days: e.days,
    windows: e.windows,
    slotMinutes: e.slotMinutes,
    breakMinutes: e.breakMinutes,
    parallelLimit: e.parallelLimit,
    joinPolicy: e.joinPolicy,
    bookedPairs: e.bookedPairs,
  };
}

const pair = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

export function createEventsService(
  ctx: ServiceContext,
  deps: {
    sessions: ReturnType<typeof createSessionsService>;
    participants: ReturnType<typeof createParticipantsService>;
    scheduler: SchedulerRunner;
    schedulerBudgetMs?: number;
  },
) {
  const { db } = ctx;
  /** Events whose scheduler run is under way in this process. */
  const running = new Set<string>();

  /** The people with these ids, by id. */
  async function peopleById(ids: Iterable<string>): Promise<Map<string, Person>> {
    return new Map((await participantsRepo.loadParticipants(db, [...new Set(ids)])).map((p) => [p.id, p]));
  }

  async function mustFind(id: string): Promise<EventRow> {
    const e = await repo.findEvent(db, id);
    if (!e) throw new DomainError('EVENT_NOT_FOUND');
    return e;
  }

  /**
   * One step of a publish, in its own transaction: these meetings of the event, in this order, as
   * they are now, each made a session (or moved, or cancelled) with its mails. `stillMoving` are
   * the event's sessions that this step and later ones move: not in the way of the others.
   */
  async function publishStep(
    viewer: Viewer,
    id: string,
    ids: readonly string[],
    stillMoving: readonly string[],
  ): Promise<PublishStep> {
    return await write(ctx, async () => {
      const e = await mustFind(id);
      const slots = slotMap(e);
      const found = new Map((await repo.meetingsById(db, id, ids)).map((m) => [m.id, m]));
      const meetings = ids.flatMap((m) => found.get(m) ?? []);
      const people = await peopleById(meetings.flatMap((m) => [m.aId, m.bId]));
      // Meetings trading slots overlap for a moment between their two moves: PostgreSQL's
      // double-booking guard judges the transaction's result, at commit, instead.
      await sessionsRepo.judgeOverlapsAtCommit(db);
      const out: PublishStep = { created: 0, moved: 0, cancelled: 0, conflicts: [], changed: [] };
      for (const m of meetings) {
        const slot = m.slotId ? slots.get(m.slotId) : undefined;
        if (!slot) {
          if (m.sessionId && (await deps.sessions.cancelForEvent(m.sessionId, 'event-schedule'))) {
            out.cancelled++;
            out.changed.push(m.sessionId);
          }
          if (m.sessionId) await repo.updateMeeting(db, m.id, { sessionId: null });
          continue;
        }
        const two = [m.aId, m.bId].map((p) => people.get(p));
        const orgs = two.map((p) => p?.organisation ?? '').join(' · ');
        const placed = await deps.sessions.placeForEvent({
          eventId: id,
          sessionId: m.sessionId,
          people: [m.aId, m.bId],
          known: two.flatMap((p) => (p ? [p] : [])),
          start: slot.start,
          end: slot.end,
          title: `${e.name}: ${orgs}`,
          createdBy: viewer.id,
          eventSessions: stillMoving,
        });
        if (!placed) {
          out.conflicts.push(m.id);
          await repo.updateMeeting(db, m.id, { slotId: null, locked: false, reason: 'BOOKED' });
          if (m.sessionId && (await deps.sessions.cancelForEvent(m.sessionId, 'event-schedule'))) {
            out.cancelled++;
            out.changed.push(m.sessionId);
            await repo.updateMeeting(db, m.id, { sessionId: null });
          }
          continue;
        }
        if (!m.sessionId || m.sessionId !== placed.id) out.created++;
        else if (placed.changed) {
          out.moved++;
          out.changed.push(placed.id);
        }
        if (m.sessionId !== placed.id) await repo.updateMeeting(db, m.id, { sessionId: placed.id });
      }
      return out;
    });
  }

  function mustOrganize(viewer: Viewer): void {
    if (viewer.role !== 'organizer') throw new DomainError('FORBIDDEN', 'Only organizers may do this.');
  }

  async function findMeeting(eventId: string, id: string): Promise<EventMeetingRow> {
    const m = await repo.findMeeting(db, eventId, id);
    if (!m) throw new DomainError('EVENT_MEETING_NOT_FOUND');
    return m;
  }

  /** The event's own published sessions: they do not count as booked elsewhere. */
  function ownSessions(meetings: EventMeetingRow[]): Set<string> {
    return new Set(meetings.map((m) => m.sessionId).filter((x): x is string => !!x));
  }

  /**
   * The windows table's columns: the reader's zone, then the zones most people are in; each with
   * its participants' own cities (the reader's first, then by how many people are there).
   */
  async function windowZones(id: string, reader: Person | undefined) {
    const people = new Map<string, number>();
    const byZone = new Map<string, { name: string; people: number }[]>();
    for (const c of await repo.citiesOfEvent(db, id)) {
      people.set(c.timeZone, (people.get(c.timeZone) ?? 0) + c.people);
      const list = byZone.get(c.timeZone) ?? [];
      const known = list.find((x) => x.name === c.city.trim());
      if (known) known.people += c.people;
      else list.push({ name: c.city.trim(), people: c.people });
      byZone.set(c.timeZone, list);
    }
    const zones = [...people.keys()].sort((a, b) => people.get(b)! - people.get(a)! || a.localeCompare(b));
    const cities = new Map(
      [...byZone].map(([zone, list]) => [
        zone,
        list.sort((a, b) => b.people - a.people || a.name.localeCompare(b.name)).map((c) => c.name),
      ]),
    );
    if (reader)
      cities.set(reader.timeZone, [
        reader.city,
        ...(cities.get(reader.timeZone) ?? []).filter((c) => c !== reader.city),
      ]);
    const headcount = new Map<string, number>();
    for (const list of byZone.values())
      for (const c of list) headcount.set(c.name, (headcount.get(c.name) ?? 0) + c.people);
    /** Column order: the reader's city, then the cities with more people. */
    const order = (a: string, b: string) =>
      Number(b === reader?.city) - Number(a === reader?.city) ||
      (headcount.get(b) ?? 0) - (headcount.get(a) ?? 0) ||
      a.localeCompare(b);
    return {
      zones: reader ? [reader.timeZone, ...zones.filter((z) => z !== reader.timeZone)] : zones,
      cities,
      order,
    };
  }

  /**
   * Zones whose clocks read the same for every window (Rome, Madrid, Paris and Brussels; Yantai,
   * Kunming and Liuzhou) fold into one column, labelled with all their cities: two columns fit a
   * phone where five would not.
   */
  function foldedWindows(e: EventRow, { zones, cities, order }: Awaited<ReturnType<typeof windowZones>>) {
    const windows = windowsInZones(settingsOf(e), zones);
    const readsOf = (zone: string) =>
      JSON.stringify(
        windows.map((w) => w.local.find((l) => l.zone === zone)).map((l) => [l?.date, l?.start, l?.end]),
      );
    const columns = new Map<string, { zone: string; cities: string[] }>();
    // The reader's zone first, so that their own city leads the column they read.
    for (const zone of new Set([...zones, ...(windows[0]?.local.map((l) => l.zone) ?? [])])) {
      const key = readsOf(zone);
      const column = columns.get(key) ?? { zone, cities: [] };
      for (const c of cities.get(zone) ?? []) if (!column.cities.includes(c)) column.cities.push(c);
      columns.set(key, column);
    }
    const kept = [...columns.values()].map((c) => ({ ...c, cities: c.cities.sort(order) }));
    return windows.map((w) => ({
      ...w,
      local: kept.map((col) => {
        const l = w.local.find((x) => x.zone === col.zone)!;
        return { ...l, city: col.cities[0] ?? null, cities: col.cities };
      }),
    }));
  }

  /** The scheduler's instance for an event as it stands, with the meetings it was built from. */
  async function instanceOf(e: EventRow): Promise<{ instance: Instance; meetings: EventMeetingRow[] }> {
    const slots = eventSlots(settingsOf(e));
    const people = await repo.peopleCards(db, e.id);
    // Meetings their people cancelled wait for an organizer: not placed again on their own.
    const meetings = (await repo.meetingsOfEvent(db, e.id)).filter(
      (m) => !(m.reason === 'CANCELLED' && m.slotId === null),
    );
    const unavailable = await unavailabilityOf(db, people, slots, ownSessions(meetings));
    const instance = eventInstance(
      slots,
      people.map((p) => {
        const u = unavailable.get(p.id);
        return { id: p.id, unavailable: new Set([...(u?.marked ?? []), ...(u?.auto.keys() ?? [])]) };
      }),
      meetings.map((m) => ({
        id: m.id,
        participants: [m.aId, m.bId],
        weight: m.weight,
        mustMeet: m.mustMeet,
        lockedSlot: m.locked ? m.slotId : null,
      })),
      e.parallelLimit,
      e.breakMinutes,
    );
    return { instance, meetings };
  }

  /**
   * Accepted requests between two of the event's people become meetings to place (once); unless
   * the organizer chose otherwise, not for two people who already share a meeting elsewhere.
   */
  async function syncRequests(e: EventRow): Promise<void> {
    const ids = (await repo.peopleOfEvent(db, e.id)).map((r) => r.participantId);
    const existing = new Set((await repo.meetingsOfEvent(db, e.id)).map((m) => `${m.aId}|${m.bId}`));
    if (e.bookedPairs !== 'include')
      for (const p of await requestMeetings.pairsWithMeetings(db, ids, e.id)) existing.add(p);
    const now = ctx.clock();
    const rows = [];
    for (const r of await repo.acceptedRequestsAmong(db, ids)) {
      const [a, b] = pair(r.fromId, r.toId);
      if (existing.has(`${a}|${b}`)) continue;
      existing.add(`${a}|${b}`);
      rows.push({ id: randomUUID(), eventId: e.id, aId: a, bId: b, requestId: r.id, createdAt: now });
    }
    await repo.insertMeetings(db, rows);
  }

  function slotMap(e: EventRow): Map<string, EventSlot> {
    return new Map(eventSlots(settingsOf(e)).map((s) => [s.id, s]));
  }

  function meetingView(
    m: EventMeetingRow,
    people: Map<string, Pick<Person, 'name' | 'organisation' | 'city' | 'timeZone'>>,
  ) {
    const who = (id: string) => {
      const p = people.get(id);
      return {
        id,
        name: p?.name ?? '',
        organisation: p?.organisation ?? '',
        city: p?.city ?? '',
        timeZone: p?.timeZone ?? 'UTC',
      };
    };
    return {
      id: m.id,
      people: [who(m.aId), who(m.bId)],
      source: m.requestId ? ('request' as const) : ('organizer' as const),
      weight: m.weight,
      mustMeet: m.mustMeet,
      slot: m.slotId,
      locked: m.locked,
      reason: m.reason,
      sessionId: m.sessionId,
    };
  }

  /** The organizers' lists: everyone with their counts, and every meeting. */
  async function everyone(id: string, slots: EventSlot[]) {
    const people = await repo.peopleCards(db, id);
    const meetings = await repo.meetingsOfEvent(db, id);
    const published = await repo.publishedStarts(db, id);
    const unavailable = await unavailabilityOf(db, people, slots, ownSessions(meetings));
    const tally = new Map<string, { meetings: number; placed: number }>();
    for (const m of meetings)
      for (const p of [m.aId, m.bId]) {
        const t = tally.get(p) ?? { meetings: 0, placed: 0 };
        t.meetings++;
        if (m.slotId) t.placed++;
        tally.set(p, t);
      }
    const byId = new Map(people.map((p) => [p.id, p]));
    // For a meeting left out because its people were booked: who, so the organizer knows whom to
    // ask. Left out that way, each time both can make has a meeting of one of them; that need not
    // be one person's every such time, still less every slot of theirs.
    const busy = new Map<string, Set<string>>();
    for (const m of meetings)
      if (m.slotId) for (const p of [m.aId, m.bId]) busy.set(p, (busy.get(p) ?? new Set()).add(m.slotId));
    const blocked = (p: string, s: string) => {
      const u = unavailable.get(p);
      return Boolean(u?.marked.has(s) || u?.auto.has(s));
    };
    const booked = (p: string, s: string) => Boolean(busy.get(p)?.has(s));
    const peopleFull = (m: EventMeetingRow) => !m.slotId && m.reason === 'PEOPLE_FULL';
    /** Booked at every time both can make. */
    const fullOf = (m: EventMeetingRow): string[] => {
      if (!peopleFull(m)) return [];
      const open = slots.filter((s) => !blocked(m.aId, s.id) && !blocked(m.bId, s.id));
      return [m.aId, m.bId].filter((p) => open.every((s) => booked(p, s.id)));
    };
    /** Without a free slot in the whole event: booked at every one they can make. */
    const noFreeSlotOf = (m: EventMeetingRow): string[] =>
      fullOf(m).filter((p) => slots.every((s) => blocked(p, s.id) || booked(p, s.id)));
    return {
      participants: people.map((p) => ({
        id: p.id,
        name: p.name,
        email: p.email,
        organisation: p.organisation,
        city: p.city,
        country: p.country,
        side: p.side,
        timeZone: p.timeZone,
        unavailable: unavailableCount(unavailable.get(p.id)),
        meetings: tally.get(p.id)?.meetings ?? 0,
        placed: tally.get(p.id)?.placed ?? 0,
      })),
      // Where each published meeting is as its people know it, so that the page can say how many
      // of them publishing again would move (and mail an update about).
      meetings: meetings.map((m) => {
        const start = published.get(m.id);
        return {
          ...meetingView(m, byId),
          full: fullOf(m),
          noFreeSlot: noFreeSlotOf(m),
          publishedStart: start === undefined ? null : new Date(start).toISOString(),
          // Placed (by hand, or before they said so) where one of its people cannot be.
          cannotMake: m.slotId ? [m.aId, m.bId].filter((p) => blocked(p, m.slotId!)) : [],
        };
      }),
    };
  }

  return {
    async create(viewer: Viewer, input: EventSettings): Promise<EventRow> {
      mustOrganize(viewer);
      const settings = validateEventSettings(input);
      const now = ctx.clock();
      const id = randomUUID();
      await repo.insertEvent(db, { id, ...settings, createdBy: viewer.id, createdAt: now, updatedAt: now });
      return await mustFind(id);
    },

    async list(viewer: Viewer) {
      const { events, joined } = await repo.listEvents(db, viewer.id);
      return events
        .filter((e) => viewer.role === 'organizer' || e.joinPolicy === 'open' || joined.has(e.id))
        .map((e) => {
          const slots = eventSlots(settingsOf(e));
          return { event: e, joined: joined.has(e.id), slots: slots.length, start: slots[0]?.start ?? null };
        });
    },

    /**
     * The event as its page shows it. A participant's page costs their own slots only, whatever
     * the event's size; organizers also get everyone (with a count of the slots each cannot
     * make) and every meeting.
     */
    async get(viewer: Viewer, id: string) {
      const e = await mustFind(id);
      const me = await repo.personInEvent(db, id, viewer.id);
      const organizer = viewer.role === 'organizer';
      if (!organizer && !me && e.joinPolicy === 'invited') throw new DomainError('EVENT_NOT_FOUND');
      const slots = eventSlots(settingsOf(e));
      const reader = await participantsRepo.loadParticipant(db, viewer.id);
      const columns = await windowZones(id, reader);
      const perSlot = new Map<string, number>();
      const summary = { meetings: 0, placed: 0, published: 0 };
      for (const row of await repo.meetingsPerSlot(db, id)) {
        summary.meetings += row.meetings;
        summary.published += row.published;
        if (row.slotId) {
          summary.placed += row.meetings;
          perSlot.set(row.slotId, row.meetings);
        }
      }
      const myMeetings = me ? await repo.meetingsOfPerson(db, id, viewer.id) : [];
      const mine =
        me && reader
          ? (
              await unavailabilityOf(
                db,
                [{ ...reader, marked: me.unavailable }],
                slots,
                ownSessions(myMeetings),
              )
            ).get(viewer.id)
          : undefined;
      // Once the organizers have scheduled, a person's own meetings that found no slot, and why:
      // otherwise an accepted request would simply be missing from their agenda.
      const waiting = e.scheduledAt === null ? [] : myMeetings.filter((m) => m.slotId === null);
      const partners = await peopleById(waiting.map((m) => (m.aId === viewer.id ? m.bId : m.aId)));
      const unplaced = waiting.flatMap((m) => {
        const other = partners.get(m.aId === viewer.id ? m.bId : m.aId);
        return other
          ? [
              {
                meetingId: m.id,
                with: { id: other.id, name: other.name, organisation: other.organisation, city: other.city },
                reason: m.reason ?? 'PEOPLE_FULL',
              },
            ]
          : [];
      });
      return {
        event: e,
        slots: slots.map((s) => ({ ...s, meetings: perSlot.get(s.id) ?? 0 })),
        windows: foldedWindows(e, columns),
        participantCount: await repo.countPeople(db, id),
        me: me
          ? {
              joined: true,
              unavailable: [...(mine?.marked ?? me.unavailable)],
              auto: Object.fromEntries(mine?.auto ?? []),
              unplaced,
            }
          : { joined: false, unavailable: [], auto: {}, unplaced: [] },
        summary,
        ...(organizer ? await everyone(id, slots) : {}),
      };
    },

    update(viewer: Viewer, id: string, patch: Partial<EventSettings>): Promise<EventRow> {
      mustOrganize(viewer);
      return write(ctx, async () => {
        const e = await mustFind(id);
        const settings = validateEventSettings({ ...settingsOf(e), ...patch });
        const before = eventSlots(settingsOf(e))
          .map((s) => `${s.id}/${s.end}`)
          .join();
        const after = eventSlots(settings)
          .map((s) => `${s.id}/${s.end}`)
          .join();
        if (before !== after && (await repo.meetingsOfEvent(db, id)).some((m) => m.slotId))
          throw new DomainError('EVENT_SETTINGS_LOCKED');
        await repo.updateEvent(db, id, { ...settings, updatedAt: ctx.clock() });
        return await mustFind(id);
      });
    },

    /** Clears every unlocked placement (not yet published ones): before changing the slots. */
    async clearSchedule(viewer: Viewer, id: string): Promise<void> {
      mustOrganize(viewer);
      await write(ctx, async () => {
        await mustFind(id);
        for (const m of await repo.meetingsOfEvent(db, id)) {
          if (m.sessionId)
            throw new DomainError(
              'EVENT_SETTINGS_LOCKED',
              'Published meetings stay; cancel them one by one.',
            );
          await repo.updateMeeting(db, m.id, { slotId: null, locked: false, reason: null });
        }
      });
    },

    async join(viewer: Viewer & { confirmed: boolean }, id: string): Promise<void> {
      mustBeConfirmed(viewer);
      const e = await mustFind(id);
      if (e.joinPolicy === 'invited' && viewer.role !== 'organizer')
        throw new DomainError('EVENT_INVITE_ONLY');
      await repo.addPeople(db, id, [viewer.id], ctx.clock());
    },

    /** Leaves (or, for organizers, removes someone from) an event; their unpublished meetings go. */
    async leave(viewer: Viewer, id: string, participantId = viewer.id): Promise<void> {
      if (participantId !== viewer.id) mustOrganize(viewer);
      await write(ctx, async () => {
        await mustFind(id);
        const theirs = await repo.meetingsOfPerson(db, id, participantId);
        if (theirs.some((m) => m.sessionId)) {
          // Said to the person leaving in words they can act on: cancelling is theirs to do.
          throw new DomainError(
            'EVENT_HAS_MEETINGS',
            participantId === viewer.id
              ? 'You have published meetings in this event: cancel them from your schedule first, then leave.'
              : undefined,
          );
        }
        for (const m of theirs) await repo.deleteMeeting(db, m.id);
        if (!(await repo.removePerson(db, id, participantId))) throw new DomainError('PARTICIPANT_NOT_FOUND');
      });
    },

    addPeople(viewer: Viewer, id: string, ids: string[]): Promise<number> {
      mustOrganize(viewer);
      return write(ctx, async () => {
        await mustFind(id);
        const unique = [...new Set(ids)];
        if ((await participantsRepo.loadParticipants(db, unique)).length !== unique.length)
          throw new DomainError('PARTICIPANT_NOT_FOUND');
        return await repo.addPeople(db, id, unique, ctx.clock());
      });
    },

    setUnavailable(viewer: Viewer, id: string, slotIds: string[]): Promise<string[]> {
      return write(ctx, async () => {
        const e = await mustFind(id);
        if (!(await repo.personInEvent(db, id, viewer.id)))
          throw new DomainError('NOT_EVENT_PARTICIPANT', 'Join the event first.');
        const slots = slotMap(e);
        const unique = [...new Set(slotIds)];
        const unknown = unique.find((s) => !slots.has(s));
        if (unknown) throw new DomainError('UNKNOWN_SLOT', `This event has no slot ${unknown}.`);
        await repo.setUnavailable(db, id, viewer.id, unique);
        return unique;
      });
    },

    addMeeting(
      viewer: Viewer,
      id: string,
      b: { participants: string[]; weight?: number; mustMeet?: boolean },
    ) {
      mustOrganize(viewer);
      return write(ctx, async () => {
        await mustFind(id);
        const [x, y] = b.participants;
        if (b.participants.length !== 2 || !x || !y || x === y)
          throw new DomainError('CANNOT_MEET_SELF', 'An event meeting is between two different people.');
        for (const p of [x, y])
          if (!(await repo.personInEvent(db, id, p)))
            throw new DomainError('NOT_EVENT_PARTICIPANT', `${p} has not joined the event.`);
        const weight = b.weight ?? 1;
        if (!Number.isInteger(weight) || weight < 1 || weight > MAX_WEIGHT)
          throw new DomainError('INVALID_WEIGHT');
        const [a, c] = pair(x, y);
        if ((await repo.meetingsOfPerson(db, id, a)).some((m) => m.aId === a && m.bId === c))
          throw new DomainError('EVENT_MEETING_EXISTS');
        const row = {
          id: randomUUID(),
          eventId: id,
          aId: a,
          bId: c,
          weight,
          mustMeet: b.mustMeet ?? true,
          createdAt: ctx.clock(),
        };
        await repo.insertMeetings(db, [row]);
        return await findMeeting(id, row.id);
      });
    },

    /**
     * Changes a meeting's weight or must-meet, locks or unlocks it, or moves it by hand to a slot
     * (which locks it there, so that the next run keeps it) or out of the schedule (`slot: null`).
     */
    updateMeeting(
      viewer: Viewer,
      id: string,
      meetingId: string,
      patch: { weight?: number; mustMeet?: boolean; locked?: boolean; slot?: string | null },
    ): Promise<EventMeetingRow> {
      mustOrganize(viewer);
      return write(ctx, async () => {
        const e = await mustFind(id);
        const m = await findMeeting(id, meetingId);
        const next: Partial<EventMeetingRow> = {};
        if (patch.weight !== undefined) {
          if (!Number.isInteger(patch.weight) || patch.weight < 1 || patch.weight > MAX_WEIGHT)
            throw new DomainError('INVALID_WEIGHT');
          next.weight = patch.weight;
        }
        if (patch.mustMeet !== undefined) next.mustMeet = patch.mustMeet;
        if (patch.slot !== undefined) {
          if (patch.slot === null) {
            Object.assign(next, { slotId: null, locked: false, reason: null });
          } else {
            const slots = slotMap(e);
            const slot = slots.get(patch.slot);
            if (!slot) throw new DomainError('UNKNOWN_SLOT', `This event has no slot ${patch.slot}.`);
            const people = await peopleById([m.aId, m.bId]);
            const both: PersonInEvent[] = [];
            for (const p of people.values()) {
              const row = await repo.personInEvent(db, id, p.id);
              if (row) both.push({ ...p, marked: row.unavailable });
            }
            const meetings = await repo.meetingsOfEvent(db, id);
            const u = await unavailabilityOf(db, both, [...slots.values()], ownSessions(meetings));
            const blocked = [...u.entries()].find(([, v]) => v.marked.has(slot.id) || v.auto.has(slot.id));
            // The organizer chose the slot on a page showing it in their own zone: the refusal says
            // who and why, without the slot's id (its wall clock in the event's zone) to confuse.
            if (blocked) {
              const who = people.get(blocked[0])?.name ?? blocked[0];
              const auto = blocked[1].auto.get(slot.id);
              const why = auto
                ? {
                    ASLEEP: 'it is at night where they are',
                    HOLIDAY: 'it is a public holiday where they are',
                    BOOKED: 'they are booked elsewhere then',
                  }[auto]
                : undefined;
              throw new DomainError(
                'SLOT_NOT_FREE',
                why
                  ? `${who} cannot make that slot: ${why}.`
                  : `${who} cannot make that slot: they marked it as one they cannot make.`,
              );
            }
            const others = meetings.filter((o) => o.id !== m.id && o.slotId === slot.id);
            const clash = others.find((o) => [o.aId, o.bId].some((p) => p === m.aId || p === m.bId));
            if (clash) {
              const who = [m.aId, m.bId].find((p) => p === clash.aId || p === clash.bId)!;
              throw new DomainError(
                'SLOT_NOT_FREE',
                `${people.get(who)?.name ?? who} already has another meeting of the event in that slot.`,
              );
            }
            if (e.parallelLimit !== null && others.length >= e.parallelLimit)
              throw new DomainError(
                'SLOT_NOT_FREE',
                `That slot already holds ${others.length} meetings, the event's limit.`,
              );
            Object.assign(next, { slotId: slot.id, locked: patch.locked ?? true, reason: null });
          }
        }
        if (patch.locked !== undefined && patch.slot === undefined) {
          if (patch.locked && !m.slotId)
            throw new DomainError('SLOT_NOT_FREE', 'Only a placed meeting can be locked.');
          next.locked = patch.locked;
        }
        await repo.updateMeeting(db, m.id, next);
        return await findMeeting(id, m.id);
      });
    },

    /** Removes a meeting from the event; its session, if published, is cancelled with mails. */
    async deleteMeeting(viewer: Viewer, id: string, meetingId: string): Promise<void> {
      mustOrganize(viewer);
      const cancelled = await write(ctx, async () => {
        const m = await findMeeting(id, meetingId);
        const done = m.sessionId ? await deps.sessions.cancelForEvent(m.sessionId, 'event-removed') : false;
        await repo.deleteMeeting(db, m.id);
        return done ? m.sessionId : null;
      });
      if (cancelled) await ctx.changed('session', cancelled);
    },

    /**
     * Runs the scheduler on every meeting (locked ones stay) and stores where each went and why
     * not. The search runs in a worker thread, outside any transaction; what it found is stored
     * only if the event is still as it was given to it (EVENT_CHANGED_DURING_RUN otherwise).
     * One run per event at a time (SCHEDULE_RUNNING).
     */
    async run(viewer: Viewer, id: string, opts: { seed?: number } = {}): Promise<RunResult> {
      mustOrganize(viewer);
      if (running.has(id)) throw new DomainError('SCHEDULE_RUNNING');
      running.add(id);
      try {
        const before = await write(ctx, async () => {
          const e = await mustFind(id);
          await syncRequests(e);
          return await instanceOf(e);
        });
        const result = await deps.scheduler.run(before.instance, {
          seed: opts.seed ?? 1,
          // Without a budget of its own the scheduler's default: an organizer waits for the answer.
          timeBudgetMs: deps.schedulerBudgetMs ?? DEFAULT_BUDGET_MS,
        });
        const problems = checkSchedule(before.instance, result);
        if (problems.length) throw new Error(`scheduler broke a rule: ${problems[0]}`);
        return write(ctx, async () => {
          const now = await instanceOf(await mustFind(id));
          // Someone marked a slot, a meeting was moved or added…: the schedule may break a rule.
          if (JSON.stringify(now.instance) !== JSON.stringify(before.instance))
            throw new DomainError('EVENT_CHANGED_DURING_RUN');
          const slotOf = new Map(result.assignments.map((a) => [a.meeting, a.slot]));
          for (const m of now.meetings) {
            const slotId = slotOf.get(m.id) ?? null;
            await repo.updateMeeting(db, m.id, {
              slotId,
              reason: slotId ? null : (result.reasons[m.id] ?? 'PEOPLE_FULL'),
              locked: slotId ? m.locked : false,
            });
          }
          await repo.updateEvent(db, id, { scheduledAt: ctx.clock() });
          return {
            placed: result.stats.scheduled,
            unplaced: result.unscheduled.length,
            weight: result.stats.weight,
            breaks: result.stats.breaks,
            ms: result.stats.ms,
            reasons: result.reasons,
          };
        });
      } finally {
        running.delete(id);
      }
    },

    /**
     * Every placed meeting becomes a session with invites (or its session moves); meetings no
     * longer placed have their sessions cancelled.
     *
     * A forum's thousand meetings take seconds to publish (a session, two invitations and their
     * calendar files each), and a transaction holds every other request meanwhile. So it goes in
     * steps of PUBLISH_BATCH meetings, each its own transaction, with other requests served between
     * them, in an order that never puts anyone in two sessions at once between two steps (meetings
     * trading slots go together). Each step reads its meetings afresh, so an edit or a second
     * publish in between is taken as it is. Every meeting is published whole or not at all: a
     * publish cut short (a crash) leaves the rest as they were, and publishing again finishes it.
     */
    async publish(viewer: Viewer, id: string): Promise<PublishSummary> {
      mustOrganize(viewer);
      const e = await mustFind(id);
      const slots = slotMap(e);
      const meetings = await repo.meetingsOfEvent(db, id);
      const published = await repo.publishedSpans(db, id);
      const steps = publishSteps(
        meetings.map((m) => {
          const slot = m.slotId ? slots.get(m.slotId) : undefined;
          return {
            id: m.id,
            people: [m.aId, m.bId],
            from: published.get(m.id) ?? null,
            to: slot ? { start: slot.start, end: slot.end } : null,
          };
        }),
        PUBLISH_BATCH,
      );
      const sessionOf = new Map(meetings.map((m) => [m.id, m.sessionId]));
      const total: PublishSummary = { created: 0, moved: 0, cancelled: 0, conflicts: [] };
      const changed: string[] = [];
      try {
        for (const [i, step] of steps.entries()) {
          // The database answers synchronously: without a turn of the event loop, requests that
          // arrived meanwhile would still wait for the whole publish.
          if (i) await new Promise((resolve) => setImmediate(resolve));
          const stillMoving = steps.slice(i).flatMap((s) => s.flatMap((m) => sessionOf.get(m) ?? []));
          const part = await publishStep(viewer, id, step, stillMoving);
          total.created += part.created;
          total.moved += part.moved;
          total.cancelled += part.cancelled;
          total.conflicts.push(...part.conflicts);
          changed.push(...part.changed);
        }
        await write(ctx, async () => {
          await mustFind(id);
          await repo.updateEvent(db, id, { publishedAt: ctx.clock() });
        });
      } finally {
        // Steps done stay done, even when a later one fails: their lobbies and pages are told.
        for (const s of changed) await ctx.changed('session', s);
      }
      return total;
    },

    /** One person's meetings in the event, in their zone, with the gaps between them. */
    async agenda(viewer: Viewer, id: string, participantId = viewer.id) {
      if (participantId !== viewer.id) mustOrganize(viewer);
      const e = await mustFind(id);
      const person = await participantsRepo.loadParticipant(db, participantId);
      if (!person || !(await repo.personInEvent(db, id, participantId)))
        throw new DomainError('NOT_EVENT_PARTICIPANT');
      const slots = slotMap(e);
      const theirs = (await repo.meetingsOfPerson(db, id, participantId)).filter(
        (m) => m.slotId && slots.has(m.slotId),
      );
      const others = await peopleById(theirs.map((m) => (m.aId === participantId ? m.bId : m.aId)));
      // A placement is a draft until published: when its people's invitations say otherwise (or
      // nothing yet), the agenda says so.
      const published = await repo.publishedStarts(db, id);
      const entries = theirs.map((m) => {
        const s = slots.get(m.slotId!)!;
        const other = others.get(m.aId === participantId ? m.bId : m.aId);
        const publishedStart = published.get(m.id);
        return {
          start: s.start,
          end: s.end,
          item: {
            meetingId: m.id,
            slot: s.id,
            sessionId: m.sessionId,
            publishedStart: publishedStart === undefined ? null : new Date(publishedStart).toISOString(),
            with: other
              ? {
                  id: other.id,
                  name: other.name,
                  organisation: other.organisation,
                  city: other.city,
                  timeZone: other.timeZone,
                }
              : null,
          },
        };
      });
      return { person, timeZone: person.timeZone, entries: await agenda(entries, person.timeZone) };
    },

    /** Every placed meeting (organizers) or one's own, as rows for a CSV file. */
    async agendaRows(
      viewer: Viewer,
      id: string,
    ): Promise<
      {
        start: number;
        end: number;
        slot: string;
        a: Person;
        b: Person;
        sessionId: string | null;
        /** When its people's invitations put it (null: not published yet). */
        publishedStart: number | null;
      }[]
    > {
      const e = await mustFind(id);
      const all = viewer.role === 'organizer';
      if (!all && !(await repo.personInEvent(db, id, viewer.id)))
        throw new DomainError('NOT_EVENT_PARTICIPANT');
      const slots = slotMap(e);
      const meetings = (
        all ? await repo.meetingsOfEvent(db, id) : await repo.meetingsOfPerson(db, id, viewer.id)
      ).filter((m) => m.slotId && slots.has(m.slotId));
      const people = await peopleById(meetings.flatMap((m) => [m.aId, m.bId]));
      const published = await repo.publishedStarts(db, id);
      return meetings
        .map((m) => {
          const s = slots.get(m.slotId!)!;
          return {
            start: s.start,
            end: s.end,
            slot: s.id,
            a: people.get(m.aId)!,
            b: people.get(m.bId)!,
            sessionId: m.sessionId,
            publishedStart: published.get(m.id) ?? null,
          };
        })
        .filter((r) => r.a && r.b)
        .sort((x, y) => x.start - y.start || x.a.name.localeCompare(y.a.name));
    },

    /**
     * Adds people from a CSV file (a header row; `email` required; for someone not registered
     * yet also name, organisation, city, country, time_zone, and optionally languages, sectors,
     * offers, seeks separated by `;`). Every row is checked first: one bad row imports nothing,
     * and the answer lists each bad row with its line.
     */
    async importPeople(
      viewer: Viewer,
      id: string,
      text: string,
    ): Promise<{ added: number; registered: number; already: number }> {
      mustOrganize(viewer);
      await mustFind(id);
      const { existing, toRegister } = await readPeopleCsv(db, text);
      const registered: string[] = [];
      const result = await write(ctx, async () => {
        for (const profile of toRegister) registered.push(await deps.participants.insertRegistered(profile));
        const all = [...existing, ...registered];
        const added = await repo.addPeople(db, id, all, ctx.clock());
        return { added, registered: registered.length, already: all.length - added };
      });
      for (const p of registered) await ctx.changed('profile', p);
      return result;
    },
  };
}
