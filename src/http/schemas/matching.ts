import { Type } from 'typebox';
import type { RequestMeeting } from '../../db/request-meetings.repo';
import type { Reason } from '../../domain/matching';
import { reasonText } from '../../domain/matching';
import type { MatchView } from '../../services/matching.service';
import type { RequestRow } from '../../services/requests.service';
import { publicFields, publicView } from './participant';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const ReasonSchema = Type.Object({
  code: Type.String(),
  text: Type.String(),
  warning: Type.Optional(
    Type.Literal(true, { description: 'present on warnings (no common language, little overlap)' }),
  ),
});

/** A meeting booked from a request: where to find it and when it is. */
export const BookedMeeting = Type.Object({
  sessionId: Type.String(),
  start: Type.String(),
  end: Type.String(),
});

export const RequestStatus = Type.Enum(['pending', 'accepted', 'declined', 'withdrawn', 'expired']);

/** Who a match is, in the few fields a list shows; the whole profile is one request away. */
export const MatchedParticipant = Type.Object({
  ...Object.fromEntries(
    (
      [
        'id',
        'name',
        'organisation',
        'city',
        'country',
        'side',
        'timeZone',
        'languages',
        'sectors',
        'offers',
        'seeks',
      ] as const
    ).map((k) => [k, publicFields[k]]),
  ),
  bio: Type.String({ description: 'the first 280 characters' }),
  bioTranslation: Type.String({ description: 'the first 280 characters of the translation' }),
  bioTranslationLanguage: publicFields.bioTranslationLanguage,
});

const excerpt = (text: string) => (text.length > BIO_EXCERPT ? `${text.slice(0, BIO_EXCERPT - 1)}…` : text);

export const BIO_EXCERPT = 280;

export const MatchSchema = Type.Object({
  participant: MatchedParticipant,
  score: Type.Number({ minimum: 0, maximum: 1 }),
  components: Type.Record(Type.String(), Type.Number()),
  reasons: Type.Array(ReasonSchema),
  overlapMinutesPerWeek: Type.Integer(),
  request: Type.Union([
    Type.Null(),
    Type.Object({
      id: Type.String(),
      status: RequestStatus,
      direction: Type.Enum(['outgoing', 'incoming']),
      meeting: Type.Optional(Type.Union([Type.Null(), BookedMeeting])),
    }),
  ]),
});

export const MatchesQuery = Type.Object({
  limit: Type.Optional(Type.String({ description: 'how many, 1–100; default 20' })),
  sector: Type.Optional(Type.String({ maxLength: 64 })),
  interest: Type.Optional(Type.String({ maxLength: 64 })),
  city: Type.Optional(Type.String({ maxLength: 120 })),
  country: Type.Optional(Type.String({ maxLength: 2 })),
  language: Type.Optional(Type.String({ maxLength: 3 })),
});

const round2 = (x: number) => Math.round(x * 100) / 100;

export function reasonView(r: Reason, locale: 'en' | 'zh') {
  const text = reasonText(r, locale);
  return r.warning ? { code: r.code, text, warning: true as const } : { code: r.code, text };
}

export function matchView(m: MatchView, locale: 'en' | 'zh') {
  const p = m.participant;
  return {
    participant: {
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
      bio: excerpt(p.bio),
      bioTranslation: excerpt(p.bioTranslation),
      bioTranslationLanguage: p.bioTranslationLanguage,
    },
    score: m.score,
    components: {
      complementarity: round2(m.components.complementarity),
      sectors: round2(m.components.sectors),
      language: m.components.language,
      overlap: round2(m.components.overlap),
      bio: round2(m.components.bio),
    },
    reasons: m.reasons.map((r) => reasonView(r, locale)),
    overlapMinutesPerWeek: m.overlapMinutesPerWeek,
    request: m.request && {
      id: m.request.id,
      status: m.request.status,
      direction: m.request.direction,
      ...(m.request.meeting !== undefined
        ? { meeting: m.request.meeting && bookedMeetingView(m.request.meeting) }
        : {}),
    },
  };
}

export const MeetingRequestSchema = Type.Object(
  {
    id: Type.String(),
    from: Type.String(),
    to: Type.String(),
    status: RequestStatus,
    message: Type.String(),
    createdAt: Type.String(),
    expiresAt: Type.String(),
    respondedAt: Type.Union([Type.String(), Type.Null()]),
    other: Type.Optional(Type.Ref('PublicParticipant')),
    meeting: Type.Optional(
      Type.Union([Type.Null(), BookedMeeting], {
        description: 'the confirmed meeting booked from this request (lists and single requests)',
      }),
    ),
  },
  { $id: 'MeetingRequest' },
);

export function requestView(
  r: RequestRow & { other?: Parameters<typeof publicView>[0]; meeting?: RequestMeeting | null },
) {
  return {
    id: r.id,
    from: r.fromId,
    to: r.toId,
    status: r.status,
    message: r.message,
    createdAt: iso(r.createdAt)!,
    expiresAt: iso(r.expiresAt)!,
    respondedAt: iso(r.respondedAt),
    ...(r.other ? { other: publicView(r.other) } : {}),
    ...(r.meeting !== undefined ? { meeting: r.meeting && bookedMeetingView(r.meeting) } : {}),
  };
}

export function bookedMeetingView(m: RequestMeeting) {
  return { sessionId: m.sessionId, start: iso(m.startAt)!, end: iso(m.endAt)! };
}
