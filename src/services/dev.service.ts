/** Read-only views that only development builds expose. */
import * as outboxRepo from '../db/outbox.repo';
import * as participantsRepo from '../db/participants.repo';
import type { ServiceContext } from './context';

export function createDevService(ctx: ServiceContext) {
  return {
    async mailbox(to: string | undefined, limit: number) {
      return (await outboxRepo.listMails(ctx.db, { to: to?.trim().toLowerCase(), limit })).map((m) => ({
        id: m.id,
        kind: m.kind,
        to: m.toAddress,
        toName: m.toName,
        subject: m.subject,
        text: m.text,
        status: m.status,
        hasInvite: m.ical !== null,
        icalMethod: m.icalMethod,
        createdAt: new Date(m.createdAt).toISOString(),
      }));
    },
    async mailHtml(id: string): Promise<string | undefined> {
      return (await outboxRepo.findMail(ctx.db, id))?.html;
    },
    async people() {
      return (await participantsRepo.loadParticipants(ctx.db))
        .sort(
          (a, b) =>
            a.side.localeCompare(b.side) || a.city.localeCompare(b.city) || a.name.localeCompare(b.name),
        )
        .map((p) => ({ id: p.id, name: p.name, organisation: p.organisation, city: p.city, role: p.role }));
    },
  };
}
