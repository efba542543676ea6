/**
 * Erasing a person at their request (the GDPR's and PIPL's right to erasure), in one transaction:
 * their sessions still to come are cancelled through the usual cancellation (the others get the
 * METHOD:CANCEL), a session under way goes on without them, their open requests are withdrawn,
 * and what names them or was written by them is deleted or blanked. What stays is an anonymous
 * tombstone row, so that the programme's counts and reports keep their numbers; the address is
 * free to register again, as a new and empty account.
 */
import * as repo from '../db/erasure.repo';
import * as participantsRepo from '../db/participants.repo';
import { DomainError } from '../domain/errors';
import { type ServiceContext, write } from './context';
import type { SessionsService } from './sessions.service';

export interface ErasureResult {
  /** Sessions that were still to come, now cancelled (the others were mailed). */
  cancelled: string[];
  /** Sessions the person left without cancelling: under way now, or webinars others host. */
  left: string[];
  /** Sessions under way right now: their lobbies close for the person and go on for the others. */
  live: string[];
  withdrawnRequests: number;
}

export function createErasureService(ctx: ServiceContext, deps: { sessions: SessionsService }) {
  const { db } = ctx;

  return {
    async erase(id: string): Promise<ErasureResult> {
      const result = await write(ctx, async () => {
        const me = await participantsRepo.loadParticipant(db, id);
        if (!me || me.erasedAt !== null) throw new DomainError('NOT_SIGNED_IN');
        const now = ctx.clock();
        const out: ErasureResult = { cancelled: [], left: [], live: [], withdrawnRequests: 0 };
        // Mail first: what already names them loses its body, so the cancellations queued below
        // (which no longer list them) are the only new mail.
        await repo.eraseMail(db, id, me.name, me.email);
        for (const s of await repo.openSessionsOf(db, id, now)) {
          if (s.startAt <= now) {
            // Under way: the meeting happened (with them, for the counts); it goes on for the others.
            out.live.push(s.id);
            continue;
          }
          const alone =
            s.kind === 'meeting' || (s.role === 'host' && (await repo.otherHosts(db, s.id, id)) === 0);
          await repo.leaveSession(db, s.id, id);
          if (alone) {
            await deps.sessions.cancelForEvent(s.id, 'account-closed');
            out.cancelled.push(s.id);
          } else {
            out.left.push(s.id);
          }
        }
        out.withdrawnRequests = await repo.withdrawOpenRequests(db, id, now);
        await repo.deletePersonalRows(db, id, now);
        await repo.makeTombstone(db, id, now);
        return out;
      });
      // After the commit: match indexes drop them, lobbies of cancelled sessions close, and every
      // instance's lobbies close their tabs (the 'profile' notice reaches them all).
      await ctx.changed('profile', id);
      await ctx.changed('matches', '');
      for (const s of [...result.cancelled, ...result.left]) await ctx.changed('session', s);
      return result;
    },

    /** Whether the person was erased (for links that carry an id and a token, like Accept). */
    isErased: (id: string) => repo.isErased(db, id),

    /**
     * Chat lines written in a live lobby reach the database through a queue: one said just before
     * the erasure may be written after it. Called once the lobbies forgot the person and flushed.
     */
    async deleteLateChat(id: string): Promise<void> {
      await write(ctx, () => repo.deleteChatOf(db, id));
    },
  };
}

export type ErasureService = ReturnType<typeof createErasureService>;
