/**
 * What a client may send to the lobby, checked by type before anything acts on it. Extra fields are
 * ignored, so that a newer client still talks to an older server.
 */
import { DomainError } from '../domain/errors';

export type ClientFrame =
  | { type: 'chat'; text: string }
  | { type: 'hand'; raised: boolean }
  | { type: 'admit'; participantId: string | null }
  | { type: 'deny'; participantId: string }
  | { type: 'remove'; participantId: string }
  | { type: 'start' }
  | { type: 'end' }
  /** Browsers cannot send protocol pings; this lets a page notice a dead connection itself. */
  | { type: 'ping' };

export const MAX_FRAME_BYTES = 16 * 1024;
const MAX_ID_CHARS = 100;

function id(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_ID_CHARS) {
    throw new DomainError('INVALID_FRAME', `\`${field}\` must be a participant id.`);
  }
  return raw;
}

/** Parses one text frame; throws INVALID_JSON, INVALID_FRAME or UNKNOWN_TYPE. */
export function parseClientFrame(text: string): ClientFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DomainError('INVALID_JSON', 'A frame must be a JSON object.');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DomainError('INVALID_FRAME', 'A frame must be a JSON object with a `type`.');
  }
  const f = raw as Record<string, unknown>;
  switch (f.type) {
    case 'chat':
      if (typeof f.text !== 'string') throw new DomainError('INVALID_FRAME', '`text` must be a string.');
      return { type: 'chat', text: f.text };
    case 'hand':
      if (typeof f.raised !== 'boolean')
        throw new DomainError('INVALID_FRAME', '`raised` must be true or false.');
      return { type: 'hand', raised: f.raised };
    case 'admit':
      if (f.all === true && f.participantId === undefined) return { type: 'admit', participantId: null };
      return { type: 'admit', participantId: id(f.participantId, 'participantId') };
    case 'deny':
    case 'remove':
      return { type: f.type, participantId: id(f.participantId, 'participantId') };
    case 'start':
    case 'end':
    case 'ping':
      return { type: f.type };
    case undefined:
      throw new DomainError('INVALID_FRAME', 'A frame must have a `type`.');
    default:
      throw new DomainError('UNKNOWN_TYPE', `Unknown frame type "${String(f.type).slice(0, 40)}".`);
  }
}

/**
 * A token bucket: a burst of `burst` lines, then `perSecond`. Pure: the caller keeps the state
 * (the hub keeps one per person and lobby) and passes the time.
 */
export interface Bucket {
  tokens: number;
  at: number;
}

export function takeToken(
  bucket: Bucket,
  now: number,
  limits: { burst: number; perSecond: number },
): boolean {
  const refill = ((now - bucket.at) / 1000) * limits.perSecond;
  bucket.tokens = Math.min(limits.burst, bucket.tokens + refill);
  bucket.at = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
