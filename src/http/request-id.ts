/**
 * Every request has an id, written on each of its log lines (`reqId`) and sent back in the
 * `X-Request-Id` header, so that a person's report, a proxy's access log and ours meet on one
 * value. A proxy's id is kept when it looks like one; anything else (too long, spaces, quotes,
 * several joined) could forge or flood log lines, so it is replaced by a fresh one.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
}
