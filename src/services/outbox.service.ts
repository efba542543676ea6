/** The outbox as organizers see it: what was sent, what waits, what failed and why; and retry. */
import * as repo from '../db/outbox.repo';
import { DomainError } from '../domain/errors';
import type { Viewer } from './auth.service';
import type { ServiceContext } from './context';

export type MailStatus = repo.OutboxRow['status'];

function mustOrganize(viewer: Viewer): void {
  if (viewer.role !== 'organizer') throw new DomainError('FORBIDDEN', 'Only organizers see the outbox.');
}

export function createOutboxService(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    async list(viewer: Viewer, q: { status?: MailStatus; to?: string; limit: number }) {
      mustOrganize(viewer);
      return {
        counts: await repo.countByStatus(db),
        mails: await repo.listMails(db, { status: q.status, to: q.to?.trim().toLowerCase(), limit: q.limit }),
      };
    },

    /** Sends a failed or waiting mail again now, with the same Message-ID. */
    async retry(viewer: Viewer, id: string): Promise<repo.OutboxRow> {
      mustOrganize(viewer);
      const mail = await repo.findMail(db, id);
      if (!mail) throw new DomainError('MAIL_NOT_FOUND');
      if (mail.status === 'sent' || mail.status === 'sending') throw new DomainError('MAIL_ALREADY_SENT');
      await repo.retryNow(db, [id], ctx.clock());
      ctx.mailQueued();
      return (await repo.findMail(db, id))!;
    },
  };
}
