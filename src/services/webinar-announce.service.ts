/**
 * An organizer tells the people a webinar suits about it: everyone confirmed and shown to others
 * whose working hours hold the whole webinar, who is not in it already and was not told before.
 * "Not told before" is read from the outbox, so announcing twice never mails anyone twice.
 */
import { and, eq } from 'drizzle-orm';
import * as participantsRepo from '../db/participants.repo';
import * as sessionsRepo from '../db/sessions.repo';
import { insideWorkingHours } from '../domain/availability';
import { DomainError } from '../domain/errors';
import { webinarAnnounceMail } from '../mail/templates/webinar-announce';
import { type ServiceContext, write } from './context';

const KIND = 'webinar-announced';

export function createWebinarAnnouncer(ctx: ServiceContext) {
  const { db, config } = ctx;

  async function audience(id: string) {
    const s = await sessionsRepo.findSession(db, id);
    if (!s) throw new DomainError('SESSION_NOT_FOUND');
    if (s.kind !== 'webinar') throw new DomainError('NOT_A_WEBINAR');
    if (s.status === 'cancelled') throw new DomainError('SESSION_CANCELLED');
    if (s.endAt <= ctx.clock()) throw new DomainError('SESSION_OVER');
    const rows = await sessionsRepo.peopleOf(db, id);
    const inIt = new Set(rows.map((r) => r.participantId));
    const { outbox } = db.t;
    const told = new Set(
      (
        await db
          .select({ id: outbox.participantId })
          .from(outbox)
          .where(and(eq(outbox.kind, KIND), eq(outbox.sessionId, id)))
      ).map((r) => r.id),
    );
    const everyone = await participantsRepo.loadParticipants(db);
    const people = everyone.filter(
      (p) =>
        p.confirmedAt !== null &&
        p.visible &&
        !inIt.has(p.id) &&
        !told.has(p.id) &&
        insideWorkingHours(p, s.startAt, s.endAt),
    );
    const hosts = everyone.filter((p) => rows.some((r) => r.participantId === p.id && r.role === 'host'));
    return { session: s, people, hosts };
  }

  return {
    /** How many the announcement would reach now, for the question asked before sending. */
    async preview(id: string): Promise<{ recipients: number }> {
      return { recipients: (await audience(id)).people.length };
    },

    async announce(id: string): Promise<{ sent: number }> {
      const sent = await write(ctx, async () => {
        const { session: s, people, hosts } = await audience(id);
        for (const p of people) {
          await ctx.queueMail({
            kind: KIND,
            to: { name: p.name, address: p.email },
            participantId: p.id,
            sessionId: s.id,
            ...webinarAnnounceMail({
              to: p,
              title: s.title,
              description: s.description,
              startAt: s.startAt,
              endAt: s.endAt,
              hosts,
              // The public list, at this webinar: its own page is for the people in it.
              link: `${config.publicUrl}/webinars?w=${s.id}`,
            }),
          });
        }
        return people.length;
      });
      if (sent) ctx.mailQueued();
      return { sent };
    },
  };
}
