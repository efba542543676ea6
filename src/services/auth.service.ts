/** Passwordless sign-in: single-use mailed links, and logins carried by the `sid` cookie. */
import * as authRepo from '../db/auth.repo';
import * as participantsRepo from '../db/participants.repo';
import { DomainError } from '../domain/errors';
import { safeNextPath } from '../domain/next-path';
import { isEmail, normaliseEmail } from '../domain/profile';
import { signInMail } from '../mail/templates/sign-in';
import { type ServiceContext, write } from './context';
import { randomToken, sha256 } from './secrets';

export const SIGN_IN_TOKEN_MINUTES = 10;
/** A registration's confirmation link lasts longer: people register, then read mail later. */
export const CONFIRMATION_TOKEN_MINUTES = 48 * 60;
export const LOGIN_DAYS = 30;

/**
 * Inside the caller's transaction: a single-use link to /auth/verify for this person, valid for
 * `minutes`. Only the token's hash is stored; the link itself exists only in the mail.
 */
export async function issueSignInLink(
  ctx: ServiceContext,
  participantId: string,
  minutes: number,
  next?: string | null,
): Promise<string> {
  const token = randomToken();
  const now = ctx.clock();
  await authRepo.deleteExpiredSignInTokens(ctx.db, now);
  await authRepo.insertSignInToken(ctx.db, {
    tokenHash: sha256(token),
    participantId,
    createdAt: now,
    expiresAt: now + minutes * 60 * 1000,
  });
  const back = next ? `&next=${encodeURIComponent(next)}` : '';
  return `${ctx.config.publicUrl}/auth/verify?token=${encodeURIComponent(token)}${back}`;
}

export interface Viewer {
  id: string;
  role: 'participant' | 'organizer';
  locale: 'en' | 'zh';
  /** Hash of the login's secret, so that logout can end exactly this login. */
  loginHash: string;
  /** Whether the address is proven; until then nothing the viewer does reaches anyone else. */
  confirmed: boolean;
}

export function createAuthService(ctx: ServiceContext) {
  const { db, config } = ctx;

  async function startLogin(participantId: string, userAgent: string | undefined): Promise<string> {
    const sid = randomToken();
    const now = ctx.clock();
    await authRepo.insertLogin(db, {
      idHash: sha256(sid),
      participantId,
      createdAt: now,
      expiresAt: now + LOGIN_DAYS * 24 * 60 * 60 * 1000,
      userAgent: userAgent?.slice(0, 200) ?? null,
    });
    return sid;
  }

  return {
    /** A new login for someone who just proved who they are (registration, a used link). */
    startLogin: (participantId: string, userAgent?: string) =>
      write(ctx, async () => await startLogin(participantId, userAgent)),

    /**
     * Mails a sign-in link when the email is known. Says nothing either way: the caller answers
     * 202 in both cases so that nobody learns who is registered.
     */
    async requestSignIn(rawEmail: string, rawNext?: string): Promise<void> {
      // The page to come back to; one that could lead off the site is dropped, not refused, so
      // that a doctored link still signs its reader in (to their profile).
      const next = safeNextPath(rawNext);
      const email = normaliseEmail(rawEmail);
      if (!isEmail(email)) throw new DomainError('INVALID_EMAIL', `"${rawEmail}" is not an email address.`);
      await write(ctx, async () => {
        const found = await participantsRepo.findIdByEmail(db, email);
        if (!found) return;
        const rec = (await participantsRepo.loadParticipant(db, found.id))!;
        const link = await issueSignInLink(ctx, found.id, SIGN_IN_TOKEN_MINUTES, next);
        const mail = signInMail({ name: rec.name, link, minutes: SIGN_IN_TOKEN_MINUTES, locale: rec.locale });
        await ctx.queueMail({
          kind: 'sign-in',
          to: { name: rec.name, address: rec.email },
          participantId: rec.id,
          ...mail,
        });
      });
    },

    /**
     * Uses a sign-in token once; returns a new login secret for the cookie. A used link proves the
     * address: the first one confirms the account and ends every login made before it, so whoever
     * registered someone else's address first is left with nothing.
     */
    async verify(token: string, userAgent?: string): Promise<{ sid: string; participantId: string }> {
      const result = await write(ctx, async () => {
        const now = ctx.clock();
        const participantId = await authRepo.consumeSignInToken(db, sha256(token), now);
        if (!participantId) throw new DomainError('INVALID_TOKEN');
        const rec = (await participantsRepo.loadParticipant(db, participantId))!;
        if (await participantsRepo.confirm(db, participantId, now))
          await authRepo.deleteLoginsOf(db, participantId);
        if (config.organizerEmails.includes(rec.email))
          await participantsRepo.setRole(db, participantId, 'organizer');
        await authRepo.deleteExpiredLogins(db, now);
        return { sid: await startLogin(participantId, userAgent), participantId };
      });
      await ctx.changed('profile', result.participantId);
      return result;
    },

    /** Who holds this cookie value, or undefined when it is unknown or expired. */
    async resolve(sid: string): Promise<Viewer | undefined> {
      if (!sid || sid.length > 100) return undefined;
      const loginHash = sha256(sid);
      const found = await authRepo.findLogin(db, loginHash, ctx.clock());
      return found
        ? {
            id: found.participantId,
            role: found.role,
            locale: found.locale,
            loginHash,
            confirmed: found.confirmedAt !== null,
          }
        : undefined;
    },

    async logout(viewer: Viewer): Promise<void> {
      await authRepo.deleteLogin(db, viewer.loginHash);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
