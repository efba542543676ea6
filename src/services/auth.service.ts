/** Passwordless sign-in: single-use mailed links, and logins carried by the `sid` cookie. */
import * as authRepo from '../db/auth.repo';
import * as participantsRepo from '../db/participants.repo';
import { DomainError } from '../domain/errors';
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
export function issueSignInLink(ctx: ServiceContext, participantId: string, minutes: number): string {
  const token = randomToken();
  const now = ctx.clock();
  authRepo.deleteExpiredSignInTokens(ctx.db, now);
  authRepo.insertSignInToken(ctx.db, {
    tokenHash: sha256(token),
    participantId,
    createdAt: now,
    expiresAt: now + minutes * 60 * 1000,
  });
  return `${ctx.config.publicUrl}/auth/verify?token=${encodeURIComponent(token)}`;
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

  function startLogin(participantId: string, userAgent: string | undefined): string {
    const sid = randomToken();
    const now = ctx.clock();
    authRepo.insertLogin(db, {
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
      write(ctx, () => startLogin(participantId, userAgent)),

    /**
     * Mails a sign-in link when the email is known. Says nothing either way: the caller answers
     * 202 in both cases so that nobody learns who is registered.
     */
    requestSignIn(rawEmail: string): void {
      const email = normaliseEmail(rawEmail);
      if (!isEmail(email)) throw new DomainError('INVALID_EMAIL', `"${rawEmail}" is not an email address.`);
      write(ctx, () => {
        const found = participantsRepo.findIdByEmail(db, email);
        if (!found) return;
        const rec = participantsRepo.loadParticipant(db, found.id)!;
        const link = issueSignInLink(ctx, found.id, SIGN_IN_TOKEN_MINUTES);
        const mail = signInMail({ name: rec.name, link, minutes: SIGN_IN_TOKEN_MINUTES, locale: rec.locale });
        ctx.queueMail({
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
    verify(token: string, userAgent?: string): { sid: string; participantId: string } {
      const result = write(ctx, () => {
        const now = ctx.clock();
        const participantId = authRepo.consumeSignInToken(db, sha256(token), now);
        if (!participantId) throw new DomainError('INVALID_TOKEN');
        const rec = participantsRepo.loadParticipant(db, participantId)!;
        if (participantsRepo.confirm(db, participantId, now)) authRepo.deleteLoginsOf(db, participantId);
        if (config.organizerEmails.includes(rec.email))
          participantsRepo.setRole(db, participantId, 'organizer');
        authRepo.deleteExpiredLogins(db, now);
        return { sid: startLogin(participantId, userAgent), participantId };
      });
      ctx.changed('profile', result.participantId);
      return result;
    },

    /** Who holds this cookie value, or undefined when it is unknown or expired. */
    resolve(sid: string): Viewer | undefined {
      if (!sid || sid.length > 100) return undefined;
      const loginHash = sha256(sid);
      const found = authRepo.findLogin(db, loginHash, ctx.clock());
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

    logout(viewer: Viewer): void {
      authRepo.deleteLogin(db, viewer.loginHash);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
