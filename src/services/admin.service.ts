/**
 * What organizers see of the whole programme: counts for the overview, every participant, request
 * and session with filters, the same lists as CSV, and a people import that registers in bulk.
 */
import * as repo from '../db/admin.repo';
import { countByStatus } from '../db/outbox.repo';
import * as participantsRepo from '../db/participants.repo';
import { DomainError } from '../domain/errors';
import { DAY_MS, parseInstant, toUtcIso } from '../domain/time';
import { type ServiceContext, write } from './context';
import { csvTable } from './csv';
import type { createParticipantsService } from './participants.service';
import { PEOPLE_CSV_COLUMNS, readPeopleCsv } from './people-csv';

type Viewer = { id: string; role: string };
type Person = participantsRepo.ParticipantRecord;

const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
const SESSION_KINDS = ['meeting', 'webinar'] as const;

export interface ParticipantSummary {
  person: Person;
  requestsSent: number;
  requestsReceived: number;
  requestsAccepted: number;
  upcomingSessions: number;
}

export interface RequestSummary {
  request: repo.RequestRow;
  from: Person | undefined;
  to: Person | undefined;
}

export interface SessionSummary {
  session: repo.SessionRow;
  people: number;
  hosts: Person[];
}

function mustOrganize(viewer: Viewer): void {
  if (viewer.role !== 'organizer') throw new DomainError('FORBIDDEN', 'Only organizers may do this.');
}

/** Lower-cased, accent-free text for "contains" searches that find "Granada" from "granada". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** One collator for every sort: `localeCompare` builds a new one on each call. */
const byName = new Intl.Collator('en');

export function createAdminService(
  ctx: ServiceContext,
  deps: { participants: Pick<ReturnType<typeof createParticipantsService>, 'insertRegistered'> },
) {
  const { db } = ctx;
  const byIds = async (ids: string[]) =>
    new Map((await participantsRepo.loadParticipants(db, [...new Set(ids)])).map((p) => [p.id, p]));

  async function participants(viewer: Viewer, q: { q?: string; limit?: number }) {
    mustOrganize(viewer);
    const needle = fold(q.q?.trim() ?? '');
    // Search and sort on the bare rows; load whole records only for the people shown.
    const matching = (await repo.participantIndex(db))
      .filter(
        (p) =>
          !needle || fold([p.name, p.email, p.organisation, p.city, p.country].join(' ')).includes(needle),
      )
      .sort((a, b) => byName.compare(a.name, b.name));
    const ids = matching.slice(0, q.limit ?? matching.length).map((p) => p.id);
    const records = await byIds(ids);
    const tallies = await repo.requestTallies(db, ids);
    const upcoming = await repo.upcomingSessionTallies(db, ids, ctx.clock());
    const people: ParticipantSummary[] = ids.flatMap((id) => {
      const person = records.get(id);
      if (!person) return [];
      const t = tallies.get(id);
      return [
        {
          person,
          requestsSent: t?.sent ?? 0,
          requestsReceived: t?.received ?? 0,
          requestsAccepted: t?.accepted ?? 0,
          upcomingSessions: upcoming.get(id) ?? 0,
        },
      ];
    });
    return { total: matching.length, people };
  }

  async function requests(viewer: Viewer, q: { status?: repo.RequestRow['status']; limit: number }) {
    mustOrganize(viewer);
    const { rows, total } = await repo.listRequests(db, q);
    const people = await byIds(rows.flatMap((r) => [r.fromId, r.toId]));
    const list: RequestSummary[] = rows.map((request) => ({
      request,
      from: people.get(request.fromId),
      to: people.get(request.toId),
    }));
    return { total, requests: list };
  }

  async function sessions(
    viewer: Viewer,
    q: {
      kind?: repo.SessionRow['kind'];
      status?: repo.SessionRow['status'];
      from?: string;
      to?: string;
      limit: number;
    },
  ) {
    mustOrganize(viewer);
    const at = (raw: string | undefined, fallback: number | undefined) => {
      if (raw === undefined || raw === '') return fallback;
      const ms = parseInstant(raw);
      if (ms === null)
        throw new DomainError(
          'INVALID_INSTANT',
          `"${raw}" is not an ISO 8601 instant with an offset from the year 2000 to 2099.`,
        );
      return ms;
    };
    // By default: from a day ago, so that what just ended (and its attendance) is still listed.
    const since = at(q.from, ctx.clock() - DAY_MS)!;
    const before = at(q.to, undefined);
    if (before !== undefined && before <= since) throw new DomainError('INVALID_RANGE');
    const { rows, total } = await repo.listSessions(db, { ...q, since, before });
    const people = await byIds(rows.flatMap((r) => (r.hosts ? r.hosts.split(',') : [])));
    const list: SessionSummary[] = rows.map(({ people: n, hosts, ...session }) => ({
      session,
      people: n,
      hosts: (hosts ? hosts.split(',') : []).map((id) => people.get(id)).filter((p): p is Person => !!p),
    }));
    return { total, sessions: list };
  }

  return {
    async overview(viewer: Viewer) {
      mustOrganize(viewer);
      const byRole = { participant: 0, organizer: 0 };
      const byCountry: Record<string, number> = {};
      for (const r of await repo.participantCounts(db)) {
        byRole[r.role as keyof typeof byRole] += r.n;
        byCountry[r.country] = (byCountry[r.country] ?? 0) + r.n;
      }
      return {
        participants: { total: byRole.participant + byRole.organizer, ...byRole, byCountry },
        requests: repo.countBy(await repo.requestCounts(db), REQUEST_STATUSES),
        upcomingSessions: repo.countBy(await repo.upcomingSessionCounts(db, ctx.clock()), SESSION_KINDS),
        events: await repo.countEvents(db),
        outbox: await countByStatus(db),
      };
    },

    participants,
    requests,
    sessions,

    async participantsCsv(viewer: Viewer, q: { q?: string }): Promise<string> {
      const { people } = await participants(viewer, q);
      return csvTable(
        [
          ...PEOPLE_CSV_COLUMNS,
          'role',
          'registered_at',
          'requests_sent',
          'requests_received',
          'requests_accepted',
          'upcoming_sessions',
        ],
        people.map(({ person: p, ...n }) => [
          p.email,
          p.name,
          p.organisation,
          p.city,
          p.country,
          p.timeZone,
          p.languages.join('; '),
          p.sectors.join('; '),
          p.offers.join('; '),
          p.seeks.join('; '),
          p.role,
          toUtcIso(p.createdAt),
          n.requestsSent,
          n.requestsReceived,
          n.requestsAccepted,
          n.upcomingSessions,
        ]),
      );
    },

    async requestsCsv(viewer: Viewer, q: { status?: repo.RequestRow['status'] }): Promise<string> {
      const { requests: list } = await requests(viewer, { ...q, limit: 100_000 });
      return csvTable(
        [
          'id',
          'status',
          'created_at',
          'responded_at',
          'from_name',
          'from_email',
          'from_organisation',
          'from_city',
          'to_name',
          'to_email',
          'to_organisation',
          'to_city',
          'message',
        ],
        list.map(({ request: r, from, to }) => [
          r.id,
          r.status,
          toUtcIso(r.createdAt),
          r.respondedAt === null ? '' : toUtcIso(r.respondedAt),
          from?.name ?? '',
          from?.email ?? '',
          from?.organisation ?? '',
          from?.city ?? '',
          to?.name ?? '',
          to?.email ?? '',
          to?.organisation ?? '',
          to?.city ?? '',
          r.message,
        ]),
      );
    },

    async sessionsCsv(
      viewer: Viewer,
      q: { kind?: repo.SessionRow['kind']; status?: repo.SessionRow['status']; from?: string; to?: string },
    ): Promise<string> {
      const { sessions: list } = await sessions(viewer, { ...q, limit: 100_000 });
      return csvTable(
        ['id', 'kind', 'status', 'title', 'start_utc', 'end_utc', 'people', 'hosts', 'event_id'],
        list.map(({ session: s, people, hosts }) => [
          s.id,
          s.kind,
          s.status,
          s.title,
          toUtcIso(s.startAt),
          toUtcIso(s.endAt),
          people,
          hosts.map((h) => `${h.name} (${h.organisation}, ${h.city})`).join('; '),
          s.eventId ?? '',
        ]),
      );
    },

    /** Registers everyone in the file not registered yet (each gets the welcome mail). */
    async importParticipants(viewer: Viewer, text: string): Promise<{ registered: number; already: number }> {
      mustOrganize(viewer);
      const { existing, toRegister } = await readPeopleCsv(db, text);
      const ids = await write(ctx, async () => {
        const registered: string[] = [];
        for (const p of toRegister) registered.push(await deps.participants.insertRegistered(p));
        return registered;
      });
      for (const id of ids) await ctx.changed('profile', id);
      return { registered: ids.length, already: existing.length };
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
