/**
 * Matches for a person: the in-memory index of everyone's features, kept in step with profile
 * changes, and the viewer's own exclusions (people hidden either way) and request history.
 */
import * as participantsRepo from '../db/participants.repo';
import * as requestMeetings from '../db/request-meetings.repo';
import * as requestsRepo from '../db/requests.repo';
import { getSetting, putSetting } from '../db/settings.repo';
import { DomainError } from '../domain/errors';
import { type IndexedProfile, type MatchFilters, MatchIndex } from '../domain/match-index';
import { type Match, referenceWeek } from '../domain/matching';
import { DAY_MS } from '../domain/time';
import { type ServiceContext, write } from './context';

const SAME_SIDE_KEY = 'matching.same_side';
export const MAX_MATCH_LIMIT = 100;

type IndexedRecord = participantsRepo.ParticipantRecord & IndexedProfile;

export function indexedProfile(rec: participantsRepo.ParticipantRecord): IndexedRecord {
  // Organizers run the programme rather than take part; unconfirmed accounts, and those who
  // turned off "show me to others", are shown to nobody.
  return { ...rec, matchable: rec.role !== 'organizer' && rec.confirmedAt !== null && rec.visible };
}

export interface MatchView extends Match {
  participant: participantsRepo.ParticipantRecord;
  request: {
    id: string;
    status: requestsRepo.RequestStatus;
    direction: 'outgoing' | 'incoming';
    meeting?: requestMeetings.RequestMeeting | null;
  } | null;
}

export function createMatchingService(ctx: ServiceContext) {
  const { db } = ctx;
  let index: MatchIndex | null = null;
  /**
   * Bumped by every change that can alter anyone's matches (a profile, a hidden person, a request,
   * a setting), so that callers may keep rendered results while it stays the same.
   */
  let generation = 0;

  /** Built on first use; rebuilt when a new week starts, since overlaps follow the real calendar. */
  async function currentIndex(): Promise<MatchIndex> {
    const now = ctx.clock();
    if (index && index.weekStart === referenceWeek(now).start) return index;
    const fresh = new MatchIndex(now);
    for (const rec of await participantsRepo.loadParticipants(db)) fresh.upsert(indexedProfile(rec));
    index = fresh;
    return fresh;
  }

  return {
    /** Called after a profile was created or changed, once its transaction committed. */
    async profileChanged(id: string): Promise<void> {
      generation++;
      if (!index) return;
      const rec = await participantsRepo.loadParticipant(db, id);
      if (rec) index.upsert(indexedProfile(rec));
      else index.remove(id);
    },

    /** Something other than a profile changed that matches show (a request, a hidden person). */
    changed(): void {
      generation++;
    },

    generation: () => generation,

    async sameSideAllowed(): Promise<boolean> {
      return (await getSetting(db, SAME_SIDE_KEY)) === '1';
    },

    async setSameSideAllowed(allowed: boolean): Promise<void> {
      await write(ctx, async () => await putSetting(db, SAME_SIDE_KEY, allowed ? '1' : '0'));
      await ctx.changed('matches', '');
    },

    /**
     * The viewer's matches, and until when they hold if nothing changes: the end of the
     * reference week, or the first expiry of a pending request they show.
     */
    async matchesFor(
      viewerId: string,
      limit: number,
      filters: MatchFilters = {},
    ): Promise<{ matches: MatchView[]; validUntil: number; generation: number }> {
      const gen = generation;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MATCH_LIMIT)
        throw new DomainError('INVALID_LIMIT');
      const idx = await currentIndex();
      if (!idx.has(viewerId)) await this.profileChanged(viewerId);
      const exclude = new Set([
        ...(await requestsRepo.hiddenBy(db, viewerId)),
        ...(await requestsRepo.whoHid(db, viewerId)),
      ]);
      const matches = idx.topMatches(viewerId, {
        limit,
        sameSide: await this.sameSideAllowed(),
        exclude,
        filters,
      });
      const ids = matches.map((m) => m.id);
      // The index holds whole records (see indexedProfile): no need to read them again.
      const records = new Map(ids.map((id) => [id, idx.profile(id) as IndexedRecord | undefined]));
      const requests = new Map<string, MatchView['request']>();
      let validUntil = idx.weekStart + 7 * DAY_MS;
      for (const r of await requestsRepo.latestRequestsWith(db, viewerId, ids)) {
        if (r.status === 'pending') validUntil = Math.min(validUntil, r.expiresAt);
        const other = r.fromId === viewerId ? r.toId : r.fromId;
        if (!requests.has(other)) {
          requests.set(other, {
            id: r.id,
            status: r.status,
            direction: r.fromId === viewerId ? 'outgoing' : 'incoming',
          });
        }
      }
      // A match with an accepted request shows the meeting booked from it, if any.
      const booked = await requestMeetings.confirmedMeetingsOf(
        db,
        [...requests.values()].flatMap((r) => (r?.status === 'accepted' ? [r.id] : [])),
      );
      for (const r of requests.values()) if (r?.status === 'accepted') r.meeting = booked.get(r.id) ?? null;
      return {
        matches: matches
          .filter((m) => records.get(m.id))
          .map((m) => ({ ...m, participant: records.get(m.id)!, request: requests.get(m.id) ?? null })),
        validUntil,
        generation: gen,
      };
    },

    async hide(viewerId: string, otherId: string): Promise<void> {
      if (viewerId === otherId) throw new DomainError('CANNOT_HIDE_SELF');
      await write(ctx, async () => {
        if (!(await participantsRepo.loadParticipant(db, otherId)))
          throw new DomainError('PARTICIPANT_NOT_FOUND');
        await requestsRepo.hide(db, viewerId, otherId, ctx.clock());
      });
      await ctx.changed('matches', '');
    },

    async unhide(viewerId: string, otherId: string): Promise<void> {
      await write(ctx, async () => {
        if (!(await requestsRepo.unhide(db, viewerId, otherId)))
          throw new DomainError('PARTICIPANT_NOT_FOUND');
      });
      await ctx.changed('matches', '');
    },

    async hidden(viewerId: string): Promise<participantsRepo.ParticipantRecord[]> {
      return await participantsRepo.loadParticipants(db, await requestsRepo.hiddenBy(db, viewerId));
    },
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;
