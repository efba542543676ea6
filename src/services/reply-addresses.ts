/**
 * The address a calendar client mails its answer to: the ORGANIZER of every invite, update and
 * cancellation, one per person and session, `rsvp+<session>.<mac>@domain`. The session id lets
 * the listener refuse mail for addresses it never gave out at RCPT time; the MAC (an HMAC under
 * the same server key as the Accept links, truncated to 96 bits) binds the address to one person
 * of that session, so an answer through it is believed for that person only. Derived, not
 * stored: the same for every later update of the session, and nothing to leak from the database.
 * Lower-case hex only, since mail systems may change the case of an address.
 */
import { createHmac } from 'node:crypto';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { getOrCreateSetting } from '../db/settings.repo';
import { randomToken, sameSecret } from './secrets';

const MAC_HEX = 24;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ParsedReplyAddress {
  sessionId: string;
  mac: string;
}

export function createReplyAddresses(db: Db, config: Pick<Config, 'replyAddress'>) {
  const { local, domain } = config.replyAddress;
  let key: Promise<string> | undefined;
  // The Accept links' key: one secret to rotate, kept in settings, shared by every instance. Read
  // inside whatever transaction asks first: if that one fails (a serialization conflict on
  // PostgreSQL), the next asks again rather than every later one failing with it.
  const rsvpKey = () => {
    key ??= getOrCreateSetting(db, 'rsvp_key', randomToken).catch((err: unknown) => {
      key = undefined;
      throw err;
    });
    return key;
  };
  const mac = async (sessionId: string, participantId: string) =>
    createHmac('sha256', await rsvpKey())
      .update(`imip:${sessionId}:${participantId}`)
      .digest('hex')
      .slice(0, MAC_HEX);

  return {
    /** The reply address of this person for this session. */
    async addressFor(sessionId: string, participantId: string): Promise<string> {
      const compact = UUID.test(sessionId) ? sessionId.replaceAll('-', '') : sessionId;
      return `${local}+${compact}.${await mac(sessionId, participantId)}@${domain}`;
    },

    /** Session and MAC of an address of ours in form (not yet checked), or null. */
    parse(address: string): ParsedReplyAddress | null {
      const m = /^([^@+]+)\+([0-9a-f]{32})\.([0-9a-f]+)@(.+)$/.exec(address.trim().toLowerCase());
      if (!m || m[1] !== local || m[4] !== domain || m[3]!.length !== MAC_HEX) return null;
      const h = m[2]!;
      const sessionId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      return { sessionId, mac: m[3]! };
    },

    /** Of these people of the session, the one the address was given to, or null. */
    async ownerOf(parsed: ParsedReplyAddress, participantIds: string[]): Promise<string | null> {
      for (const id of participantIds) {
        if (sameSecret(parsed.mac, await mac(parsed.sessionId, id))) return id;
      }
      return null;
    },
  };
}

export type ReplyAddresses = ReturnType<typeof createReplyAddresses>;
