/** Registering, reading and changing participants' profiles. */
import { randomUUID } from 'node:crypto';
import * as repo from '../db/participants.repo';
import { getOrCreateSetting } from '../db/settings.repo';
import { DomainError } from '../domain/errors';
import { type Profile, type ProfileInput, validateProfile, type WorkingHoursInput } from '../domain/profile';
import { formatClockMinutes } from '../domain/time';
import { confirmationMail, welcomeMail } from '../mail/templates/sign-in';
import { CONFIRMATION_TOKEN_MINUTES, issueSignInLink } from './auth.service';
import { type ServiceContext, write } from './context';
import { hmac, randomToken, sha256 } from './secrets';

export type ParticipantRecord = repo.ParticipantRecord;

/**
 * Whether `viewer` may see or reach `rec`: everyone confirmed and shown to others is visible to
 * the signed-in; an unconfirmed or hidden account only to itself and to organizers, who run the
 * programme and must still find everyone in it. An erased account is nobody's to see.
 */
export function isShownTo(rec: ParticipantRecord, viewer: { id: string; role: string }): boolean {
  if (rec.erasedAt !== null) return false;
  return (rec.confirmedAt !== null && rec.visible) || rec.id === viewer.id || viewer.role === 'organizer';
}

/** Refuses what would reach another person while the acting account is unconfirmed. */
export function mustBeConfirmed(actor: { confirmedAt: number | null } | { confirmed: boolean }): void {
  if ('confirmed' in actor ? !actor.confirmed : actor.confirmedAt === null) {
    throw new DomainError(
      'EMAIL_NOT_CONFIRMED',
      'Confirm your email address first: open the link we mailed you (or ask for a new sign-in link).',
    );
  }
}

export interface ProfilePatch {
  name?: string;
  organisation?: string;
  city?: string;
  country?: string;
  timeZone?: string;
  languages?: string[];
  sectors?: string[];
  offers?: string[];
  seeks?: string[];
  bio?: string;
  bioTranslation?: string;
  bioTranslationLanguage?: string;
  workingHours?: WorkingHoursInput[];
  locale?: string;
  visible?: boolean;
}

export function toWorkingHoursInput(rec: ParticipantRecord): WorkingHoursInput[] {
  return rec.workingHours.map((w) => ({
    day: w.day,
    start: formatClockMinutes(w.startMinute),
    end: formatClockMinutes(w.endMinute),
  }));
}

export function createParticipantsService(ctx: ServiceContext) {
  const { db, config } = ctx;

  let key: string | undefined;
  const calendarKey = async (): Promise<string> => {
    key ??= await getOrCreateSetting(db, 'calendar_key', randomToken);
    return key;
  };

  async function calendarToken(id: string, salt: string): Promise<string> {
    return hmac(await calendarKey(), `${id}:${salt}`);
  }

  /** Gives a participant a new feed URL; the old one stops working at once. */
  async function resetCalendarToken(id: string): Promise<string> {
    const salt = randomToken();
    const token = await calendarToken(id, salt);
    await repo.setCalendarSecret(db, id, salt, sha256(token));
    return token;
  }

  /**
   * Inside the caller's transaction: stores a checked profile with its feed secret. Everyone starts
   * as a participant: the organizer role of ORGANIZER_EMAILS comes with proof of the address (a
   * used link, in the auth service), never with a claim of it.
   */
  async function insertProfile(profile: Profile, confirmedAt: number | null): Promise<string> {
    const id = randomUUID();
    await repo.insertParticipant(db, id, profile, 'participant', ctx.clock(), confirmedAt);
    await resetCalendarToken(id);
    return id;
  }

  /**
   * Inside the caller's transaction: someone an organizer registers (a CSV of people). The
   * organizer vouches for the address and no login is handed out, so the account is confirmed.
   */
  async function insertRegistered(profile: Profile): Promise<string> {
    const id = await insertProfile(profile, ctx.clock());
    const mail = welcomeMail({ name: profile.name, appUrl: config.publicUrl, locale: profile.locale });
    await ctx.queueMail({
      kind: 'welcome',
      to: { name: profile.name, address: profile.email },
      participantId: id,
      ...mail,
    });
    return id;
  }

  return {
    insertRegistered,

    async register(input: ProfileInput): Promise<ParticipantRecord> {
      const profile = validateProfile(input);
      const id = await write(ctx, async () => {
        if (await repo.findIdByEmail(db, profile.email)) {
          throw new DomainError('EMAIL_TAKEN', `${profile.email} is already registered; sign in instead.`, [
            {
              field: 'email',
              code: 'EMAIL_TAKEN',
              message: 'This email is already registered; sign in instead.',
            },
          ]);
        }
        // Self-registration proves nothing yet: the account waits for the mailed link.
        const id = await insertProfile(profile, null);
        const link = await issueSignInLink(ctx, id, CONFIRMATION_TOKEN_MINUTES);
        await ctx.queueMail({
          kind: 'confirm-email',
          to: { name: profile.name, address: profile.email },
          participantId: id,
          ...confirmationMail({
            name: profile.name,
            link,
            hours: CONFIRMATION_TOKEN_MINUTES / 60,
            locale: profile.locale,
          }),
        });
        return id;
      });
      await ctx.changed('profile', id);
      return (await repo.loadParticipant(db, id))!;
    },

    async get(id: string): Promise<ParticipantRecord> {
      const rec = await repo.loadParticipant(db, id);
      if (!rec) throw new DomainError('PARTICIPANT_NOT_FOUND');
      return rec;
    },

    /** Someone's profile as another person may see it: an unconfirmed account is nobody's to see. */
    async visibleTo(viewer: { id: string; role: string }, id: string): Promise<ParticipantRecord> {
      const rec = await repo.loadParticipant(db, id);
      if (!rec || !isShownTo(rec, viewer)) throw new DomainError('PARTICIPANT_NOT_FOUND');
      return rec;
    },

    async update(id: string, patch: ProfilePatch): Promise<ParticipantRecord> {
      const rec = await write(ctx, async () => {
        const current = await repo.loadParticipant(db, id);
        if (!current) throw new DomainError('PARTICIPANT_NOT_FOUND');
        if (patch.visible !== undefined && patch.visible !== current.visible) {
          await repo.setVisible(db, id, patch.visible, ctx.clock());
        }
        const merged: ProfileInput = {
          name: patch.name ?? current.name,
          email: current.email,
          organisation: patch.organisation ?? current.organisation,
          city: patch.city ?? current.city,
          country: patch.country ?? current.country,
          timeZone: patch.timeZone ?? current.timeZone,
          languages: patch.languages ?? current.languages,
          sectors: patch.sectors ?? current.sectors,
          offers: patch.offers ?? current.offers,
          seeks: patch.seeks ?? current.seeks,
          bio: patch.bio ?? current.bio,
          bioTranslation: patch.bioTranslation ?? current.bioTranslation,
          // Kept as stored unless changed; a first translation gets validateProfile's default.
          bioTranslationLanguage: patch.bioTranslationLanguage ?? current.bioTranslationLanguage ?? undefined,
          workingHours: patch.workingHours ?? toWorkingHoursInput(current),
          locale: patch.locale ?? current.locale,
        };
        await repo.updateParticipant(db, id, validateProfile(merged), ctx.clock());
        return (await repo.loadParticipant(db, id))!;
      });
      await ctx.changed('profile', id);
      return rec;
    },

    /** The secret feed URL of a participant, derived on demand. */
    async calendarUrl(id: string): Promise<string> {
      const salt = await repo.findCalendarSalt(db, id);
      const token = salt
        ? await calendarToken(id, salt)
        : await write(ctx, async () => resetCalendarToken(id));
      return `${config.publicUrl}/calendar/${token}.ics`;
    },

    async resetCalendarUrl(id: string): Promise<string> {
      const token = await write(ctx, async () => resetCalendarToken(id));
      return `${config.publicUrl}/calendar/${token}.ics`;
    },

    async findByCalendarToken(token: string): Promise<ParticipantRecord | undefined> {
      const id = await repo.findIdByCalendarTokenHash(db, sha256(token));
      return id ? await repo.loadParticipant(db, id) : undefined;
    },
  };
}

export type ParticipantsService = ReturnType<typeof createParticipantsService>;
