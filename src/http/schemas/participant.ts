import { Type } from 'typebox';
import { LIMITS } from '../../domain/profile';
import type { ParticipantRecord } from '../../services/participants.service';
import { toWorkingHoursInput } from '../../services/participants.service';

export const WorkingWindow = Type.Object(
  {
    day: Type.Integer({ description: 'ISO weekday: 1 Monday … 7 Sunday' }),
    start: Type.String({ description: 'HH:MM in the participant’s own zone', examples: ['09:00'] }),
    end: Type.String({ description: 'HH:MM, after start; may be 24:00', examples: ['18:00'] }),
  },
  { additionalProperties: false },
);

const codeList = (description: string, example: string[]) =>
  Type.Array(Type.String({ maxLength: 64 }), {
    maxItems: LIMITS.listItems,
    description,
    examples: [example],
  });

const editable = {
  name: Type.String({ maxLength: 500 }),
  organisation: Type.String({ maxLength: 500 }),
  city: Type.String({ maxLength: 200 }),
  country: Type.String({ maxLength: 10, description: 'ISO 3166-1 alpha-2', examples: ['IT'] }),
  timeZone: Type.String({ maxLength: 64, description: 'IANA zone', examples: ['Europe/Rome'] }),
  languages: codeList('ISO 639-1 codes', ['it', 'en']),
  sectors: codeList('sector ids of /api/taxonomy', ['biotechnology']),
  offers: codeList('interest ids of /api/taxonomy', ['technology-transfer']),
  seeks: codeList('interest ids of /api/taxonomy', ['market-entry']),
  bio: Type.String({ maxLength: 5000, description: 'about you, in your own words and language' }),
  bioTranslation: Type.String({
    maxLength: 5000,
    description: 'the bio again in the programme’s other language (see bioTranslationLanguage); "" for none',
  }),
  bioTranslationLanguage: Type.Union([Type.Literal('en'), Type.Literal('zh')], {
    description:
      'language of bioTranslation; when left out, the other one than the account’s locale (zh for an English account)',
  }),
  workingHours: Type.Array(WorkingWindow, { maxItems: 50 }),
  locale: Type.Union([Type.Literal('en'), Type.Literal('zh')], {
    description: 'language of the interface and mails',
  }),
};

export const RegisterBody = Type.Object(
  {
    name: editable.name,
    email: Type.String({ maxLength: 320 }),
    organisation: editable.organisation,
    city: editable.city,
    country: editable.country,
    timeZone: editable.timeZone,
    languages: editable.languages,
    sectors: editable.sectors,
    offers: editable.offers,
    seeks: editable.seeks,
    bio: Type.Optional(editable.bio),
    bioTranslation: Type.Optional(editable.bioTranslation),
    bioTranslationLanguage: Type.Optional(editable.bioTranslationLanguage),
    workingHours: Type.Optional(editable.workingHours),
    locale: Type.Optional(editable.locale),
  },
  { additionalProperties: false },
);

export const PatchMeBody = Type.Partial(
  Type.Object(
    {
      name: editable.name,
      organisation: editable.organisation,
      city: editable.city,
      country: editable.country,
      timeZone: editable.timeZone,
      languages: editable.languages,
      sectors: editable.sectors,
      offers: editable.offers,
      seeks: editable.seeks,
      bio: editable.bio,
      bioTranslation: editable.bioTranslation,
      bioTranslationLanguage: editable.bioTranslationLanguage,
      workingHours: editable.workingHours,
      locale: editable.locale,
      visible: Type.Boolean({
        description:
          '"show me to others": false takes you out of everyone\'s matches and out of reach of new requests',
      }),
    },
    { additionalProperties: false },
  ),
  { additionalProperties: false },
);

export const publicFields = {
  id: Type.String(),
  name: Type.String(),
  organisation: Type.String(),
  city: Type.String(),
  country: Type.String(),
  // enum rather than a union of literals: the serializer checks anyOf branches one by one.
  side: Type.Enum(['eu', 'cn', 'other']),
  timeZone: Type.String(),
  languages: Type.Array(Type.String()),
  sectors: Type.Array(Type.String()),
  offers: Type.Array(Type.String()),
  seeks: Type.Array(Type.String()),
  bio: Type.String({ description: 'in the person’s own words and language' }),
  bioTranslation: Type.String({ description: 'the bio in bioTranslationLanguage; "" when none' }),
  bioTranslationLanguage: Type.Union([Type.Null(), Type.Enum(['en', 'zh'])], {
    description: 'en or zh; null when there is no translation. Readers of that language see it first',
  }),
  workingHours: Type.Array(WorkingWindow),
  role: Type.Enum(['participant', 'organizer']),
};

export const PublicParticipant = Type.Object(publicFields, { $id: 'PublicParticipant' });
export const PrivateParticipant = Type.Object(
  {
    ...publicFields,
    email: Type.String(),
    locale: Type.String(),
    calendarUrl: Type.String({ description: 'secret feed URL; reset it with POST /api/me/calendar-url' }),
    confirmed: Type.Boolean({
      description:
        'false until the mailed link is used; until then the account is shown to nobody and reaches nobody',
    }),
    visible: Type.Boolean({ description: '"show me to others"; see PATCH /api/me' }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'PrivateParticipant' },
);

export function publicView(p: ParticipantRecord) {
  return {
    id: p.id,
    name: p.name,
    organisation: p.organisation,
    city: p.city,
    country: p.country,
    side: p.side,
    timeZone: p.timeZone,
    languages: p.languages,
    sectors: p.sectors,
    offers: p.offers,
    seeks: p.seeks,
    bio: p.bio,
    bioTranslation: p.bioTranslation,
    bioTranslationLanguage: p.bioTranslationLanguage,
    workingHours: toWorkingHoursInput(p),
    role: p.role,
  };
}

export function privateView(p: ParticipantRecord, calendarUrl: string) {
  return {
    ...publicView(p),
    email: p.email,
    locale: p.locale,
    calendarUrl,
    confirmed: p.confirmedAt !== null,
    visible: p.visible,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}
