/**
 * Who may enter a session's lobby, what the lobby remembers in the database (attendance, chat, when
 * the call went live), and the attendance report.
 */
import * as lobbyRepo from '../db/lobby.repo';
import * as participantsRepo from '../db/participants.repo';
import * as sessionsRepo from '../db/sessions.repo';
import { type Attendance, summariseAttendance } from '../domain/attendance';
import { DomainError } from '../domain/errors';
import type { Admission, LobbyStore } from '../lobby/hub';
import { CHAT_HISTORY_LINES, type LobbyPerson, type LobbyRecord, type LobbySession } from '../lobby/room';
import type { Viewer } from './auth.service';
import type { ServiceContext } from './context';
import { csvTable } from './csv';
import { videoUrlOf } from './sessions.service';

function lobbyPerson(p: participantsRepo.ParticipantRecord): LobbyPerson {
  return {
    id: p.id,
    name: p.name,
    organisation: p.organisation,
    city: p.city,
    country: p.country,
    timeZone: p.timeZone,
  };
}

export interface AttendanceLine extends Attendance {
  person: LobbyPerson | null;
  role: 'host' | 'attendee' | 'organizer';
}

/**
 * `onWriteError` hears of a batch of lobby facts that could not be written (the database gone):
 * the live room goes on, and the facts are lost rather than retried forever.
 */
export function createLobbyService(
  ctx: ServiceContext,
  onWriteError: (err: unknown) => void = console.error,
) {
  const { db, config } = ctx;

  function lobbySession(s: sessionsRepo.SessionRow): LobbySession {
    return {
      id: s.id,
      kind: s.kind,
      title: s.title,
      startAt: s.startAt,
      endAt: s.endAt,
      videoUrl: videoUrlOf(config, s),
      liveAt: s.liveAt,
      endedAt: s.endedAt,
    };
  }

  /**
   * Lobby facts arrive one by one from the hub; they are written together once per turn of the
   * event loop, so that five thousand people arriving cost a few transactions, not thousands.
   */
  let queue: { sessionId: string; record: LobbyRecord }[] = [];
  let flushScheduled = false;

  async function writeQueued(): Promise<void> {
    flushScheduled = false;
    if (!queue.length) return;
    const batch = queue;
    queue = [];
    await db.write(async () => {
      for (const { sessionId, record: r } of batch) await writeRecord(sessionId, r);
    });
  }

  /**
   * Writes what is queued, after any batch already being written: a report or a room's history
   * read after this sees every fact recorded before it.
   */
  let flushing: Promise<void> = Promise.resolve();
  function flush(): Promise<void> {
    flushing = flushing.then(writeQueued, writeQueued);
    return flushing;
  }

  async function writeRecord(sessionId: string, r: LobbyRecord): Promise<void> {
    switch (r.kind) {
      case 'joined':
        await lobbyRepo.insertStay(db, sessionId, r.participantId, r.at, r.admitted);
        break;
      case 'admitted':
        await lobbyRepo.markAdmitted(db, sessionId, r.participantId, r.at);
        break;
      case 'left':
        await lobbyRepo.endStay(db, sessionId, r.participantId, r.at, r.removed ?? false);
        break;
      case 'chat':
        await lobbyRepo.insertChat(db, {
          id: r.line.id,
          sessionId,
          participantId: r.line.from.id,
          fromName: r.line.from.name,
          text: r.line.text,
          at: r.line.at,
        });
        break;
      case 'live':
        await lobbyRepo.setLive(db, sessionId, 'liveAt', r.at);
        break;
      case 'ended':
        await lobbyRepo.setLive(db, sessionId, 'endedAt', r.at);
        break;
    }
  }

  const store: LobbyStore = {
    async history(sessionId) {
      await flush();
      return {
        chat: (await lobbyRepo.recentChat(db, sessionId, CHAT_HISTORY_LINES)).map((c) => ({
          id: c.id,
          from: { id: c.participantId ?? '', name: c.fromName },
          text: c.text,
          at: c.at,
        })),
        admitted: await lobbyRepo.idsWith(db, sessionId, 'admittedAt'),
        removed: await lobbyRepo.idsWith(db, sessionId, 'removedAt'),
      };
    },
    record(sessionId, records) {
      for (const record of records) queue.push({ sessionId, record });
      if (!flushScheduled && queue.length) {
        flushScheduled = true;
        setImmediate(() => flush().catch(onWriteError));
      }
    },
  };

  /** The session, or why the viewer may not see its report. */
  async function reportable(viewer: Viewer, sessionId: string): Promise<sessionsRepo.SessionRow> {
    const s = await sessionsRepo.findSession(db, sessionId);
    if (!s) throw new DomainError('SESSION_NOT_FOUND');
    if (viewer.role === 'organizer') return s;
    const me = await sessionsRepo.personIn(db, sessionId, viewer.id);
    if (!me) throw new DomainError('SESSION_NOT_FOUND');
    if (me.role !== 'host') throw new DomainError('NOT_SESSION_HOST');
    return s;
  }

  async function attendance(viewer: Viewer, sessionId: string): Promise<AttendanceLine[]> {
    await reportable(viewer, sessionId);
    await flush();
    const lines = summariseAttendance(await lobbyRepo.staysOf(db, sessionId), ctx.clock());
    const roles = new Map((await sessionsRepo.peopleOf(db, sessionId)).map((p) => [p.participantId, p.role]));
    const people = new Map(
      (
        await participantsRepo.loadParticipants(
          db,
          lines.map((l) => l.participantId),
        )
      ).map((p) => [p.id, p]),
    );
    return lines.map((l) => {
      const p = people.get(l.participantId);
      return {
        ...l,
        person: p ? lobbyPerson(p) : null,
        role: roles.get(l.participantId) ?? 'organizer',
      };
    });
  }

  return {
    store,
    flush,
    lobbySession,

    /** The session as the lobby shows it, or null once it is cancelled or gone. */
    async liveSession(sessionId: string): Promise<LobbySession | null> {
      const s = await sessionsRepo.findSession(db, sessionId);
      return s && s.status === 'confirmed' ? lobbySession(s) : null;
    },

    /**
     * Whether a host removed this person from the session's lobby, which then refuses them for
     * good: a browser cannot read why an upgrade was refused, so the lobby page asks this.
     */
    async removedFromLobby(sessionId: string, participantId: string): Promise<boolean> {
      await flush();
      return await lobbyRepo.wasRemoved(db, sessionId, participantId);
    },

    /** Decides, before the upgrade, whether this viewer may enter this session's lobby, and as what. */
    async admission(viewer: Viewer | null, sessionId: string): Promise<Admission> {
      if (!viewer) throw new DomainError('NOT_SIGNED_IN');
      const s = await sessionsRepo.findSession(db, sessionId);
      if (!s) throw new DomainError('SESSION_NOT_FOUND');
      if (s.status === 'cancelled') throw new DomainError('SESSION_CANCELLED');
      const mine = await sessionsRepo.personIn(db, sessionId, viewer.id);
      if (!mine && viewer.role !== 'organizer') throw new DomainError('NOT_SESSION_PERSON');
      // Not flushed first: a removal still in the queue is known to the live room, which refuses.
      if (await lobbyRepo.wasRemoved(db, sessionId, viewer.id)) throw new DomainError('LOBBY_REMOVED');
      const me = await participantsRepo.loadParticipant(db, viewer.id);
      if (!me) throw new DomainError('NOT_SIGNED_IN');
      return {
        session: lobbySession(s),
        person: lobbyPerson(me),
        role: mine?.role === 'host' || viewer.role === 'organizer' ? 'host' : 'attendee',
        expected:
          s.kind === 'meeting'
            ? (
                await participantsRepo.loadParticipants(
                  db,
                  (await sessionsRepo.peopleOf(db, sessionId)).map((r) => r.participantId),
                )
              )
                // Someone who erased their account is no longer expected, as the room that was
                // open at the time forgot them (LobbyRoom.forget).
                .filter((p) => p.erasedAt === null)
                .map(lobbyPerson)
            : [],
      };
    },

    /**
     * Ends one session's open stays, after writing what is queued: with several instances, the
     * new owner of a room does this when it builds the room, which nobody is in yet.
     */
    async endOpenStays(sessionId: string): Promise<number> {
      await flush();
      return await lobbyRepo.endOpenStaysOf(db, sessionId, ctx.clock());
    },

    sessionsWithOpenStays: () => lobbyRepo.sessionsWithOpenStays(db),

    /** Closes the stays a stopped process left open; run before the server takes connections. */
    async recover(): Promise<number> {
      return await lobbyRepo.endOpenStays(db, ctx.clock());
    },

    attendance,

    async attendanceCsv(viewer: Viewer, sessionId: string): Promise<string> {
      const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
      return csvTable(
        [
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
        ],
        (await attendance(viewer, sessionId)).map((l) => [
          l.participantId,
          l.person?.name ?? '',
          l.person?.organisation ?? '',
          l.person?.city ?? '',
          l.person?.country ?? '',
          l.role,
          iso(l.firstJoinedAt),
          iso(l.lastLeftAt),
          l.minutesPresent,
          l.minutesAdmitted,
          l.visits,
          l.removed ? 'yes' : 'no',
        ]),
      );
    },
  };
}

export type LobbyService = ReturnType<typeof createLobbyService>;
