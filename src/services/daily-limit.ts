/**
 * One daily allowance for everything a participant sends to others unasked: meeting requests and
 * meetings they book. Each mails someone, so both count, or one could be traded for the other.
 */
import * as requestsRepo from '../db/requests.repo';
import * as sessionsRepo from '../db/sessions.repo';
import { DomainError } from '../domain/errors';
import { DAY_MS } from '../domain/time';
import type { ServiceContext } from './context';

/** Inside the caller's transaction, so that two racing sends cannot both take the last one. */
export function mustHaveDailyAllowance(ctx: ServiceContext, personId: string): void {
  const since = ctx.clock() - DAY_MS;
  const used =
    requestsRepo.countSentSince(ctx.db, personId, since) +
    sessionsRepo.countMeetingsBookedSince(ctx.db, personId, since);
  if (used >= ctx.config.requestsPerDay) {
    throw new DomainError(
      'DAILY_LIMIT_REACHED',
      `You may send ${ctx.config.requestsPerDay} requests or bookings in 24 hours; try again later.`,
    );
  }
}
