/** Registering, reading and changing participants' profiles. */
import { randomUUID } from 'node:crypto';
import * as repo from '../db/participants.repo';
import { getOrCreateSetting } from '../db/settings.repo';
import { DomainError } from '../domain/errors';
import { type Profile, type ProfileInput, validateProfile, type WorkingHoursInput } from '../domain/profile';
import { formatClockMinutes } from '../domain/time';
import { welcomeMail } from '../mail/templates/sign-in';
import { type ServiceContext, write } from './context';
import { hmac, randomToken, sha256 } from './secrets';

export type ParticipantRecord = repo.ParticipantRecord;

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
  workingHours?: WorkingHoursInput[];
  locale?: string;
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

  function roleFor(email: string): repo.Role {
    return config.organizerEmails.includes(email) ? 'organizer' : 'participant';
  }

  let key: string | undefined;
  const calendarKey = (): string => {
    key ??= getOrCreateSetting(db, 'calendar_key', randomToken);
    return key;
  };

  function calendarToken(id: string, salt: string): string {
    return hmac(calendarKey(), `${id}:${salt}`);
  }

  /** Gives a participant a new feed URL; the old one stops working at once. */
  function resetCalendarToken(id: string): string {
    const salt = randomToken();
    const token = calendarToken(id, salt);
    repo.setCalendarSecret(db, id, salt, sha256(token));
    return token;
  }

  /** Inside the caller's transaction: stores a checked profile with its feed secret and welcome mail. */
  function insertRegistered(profile: Profile): string {
    const id = randomUUID();
    repo.insertParticipant(db, id, profile, roleFor(profile.email), ctx.clock());
    resetCalendarToken(id);
    const mail = welcomeMail({ name: profile.name, appUrl: config.publicUrl, locale: profile.locale });
    ctx.queueMail({
      kind: 'welcome',
      to: { name: profile.name, address: profile.email },
      participantId: id,
      ...mail,
    });
    return id;
  }

  return {
    insertRegistered,

    register(input: ProfileInput): ParticipantRecord {
      const profile = validateProfile(input);
      const id = write(ctx, () => {
        if (repo.findIdByEmail(db, profile.email)) {
          throw new DomainError('EMAIL_TAKEN', `${profile.email} is already registered; sign in instead.`, [
            {
              field: 'email',
              code: 'EMAIL_TAKEN',
              message: 'This email is already registered; sign in instead.',
            },
          ]);
        }
        return insertRegistered(profile);
      });
      ctx.changed('profile', id);
      return repo.loadParticipant(db, id)!;
    },

    get(id: string): ParticipantRecord {
      const rec = repo.loadParticipant(db, id);
      if (!rec) throw new DomainError('PARTICIPANT_NOT_FOUND');
      return rec;
    },

    update(id: string, patch: ProfilePatch): ParticipantRecord {
      const rec = write(ctx, () => {
        const current = repo.loadParticipant(db, id);
        if (!current) throw new DomainError('PARTICIPANT_NOT_FOUND');
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
          workingHours: patch.workingHours ?? toWorkingHoursInput(current),
          locale: patch.locale ?? current.locale,
        };
        repo.updateParticipant(db, id, validateProfile(merged), ctx.clock());
        return repo.loadParticipant(db, id)!;
      });
      ctx.changed('profile', id);
      return rec;
    },

    /** The secret feed URL of a participant, derived on demand. */
    calendarUrl(id: string): string {
      const salt = repo.findCalendarSalt(db, id);
      const token = salt ? calendarToken(id, salt) : write(ctx, () => resetCalendarToken(id));
      return `${config.publicUrl}/calendar/${token}.ics`;
    },

    resetCalendarUrl(id: string): string {
      const token = write(ctx, () => resetCalendarToken(id));
      return `${config.publicUrl}/calendar/${token}.ics`;
    },

    findByCalendarToken(token: string): ParticipantRecord | undefined {
      const id = repo.findIdByCalendarTokenHash(db, sha256(token));
      return id ? repo.loadParticipant(db, id) : undefined;
    },
  };
}

export type ParticipantsService = ReturnType<typeof createParticipantsService>;
