/**
 * The PostgreSQL tables: a column-for-column mirror of schema.ts (the SQLite schema, the source of
 * truth), with the same table, column, key and index names and the same TypeScript types, so that
 * one set of repository code reads both. test/db/schemas-match.test.ts keeps the two in step.
 *
 * Instants are `bigint` milliseconds since the epoch, UTC, read as JavaScript numbers; flags are
 * `boolean`; JSON values are `jsonb`; text enums stay `text`, checked by TypeScript as on SQLite.
 * The exclusion constraint that refuses double bookings on session_people is in a hand-written
 * migration (drizzle/pg), since drizzle cannot declare one.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { FOLLOW_UP_STAGES, OUTCOME_RESULTS, PROJECT_STAGES } from './schema';

export { FOLLOW_UP_STAGES, OUTCOME_RESULTS, PROJECT_STAGES };

export const participants = pgTable(
  'participants',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    organisation: text('organisation').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull(),
    side: text('side', { enum: ['eu', 'cn', 'other'] }).notNull(),
    timeZone: text('time_zone').notNull(),
    bio: text('bio').notNull().default(''),
    /**
     * The bio again in the programme's other language (en or zh), written by the person, shown to
     * readers of that language with the original a click away; '' and null when there is none.
     */
    bioTranslation: text('bio_translation').notNull().default(''),
    bioTranslationLanguage: text('bio_translation_language', { enum: ['en', 'zh'] }),
    role: text('role', { enum: ['participant', 'organizer'] })
      .notNull()
      .default('participant'),
    locale: text('locale', { enum: ['en', 'zh'] })
      .notNull()
      .default('en'),
    /**
     * The feed URL's token is HMAC(server key, id + salt): shown on demand, never stored; only its
     * hash is, for lookup. Resetting the salt makes the old URL dead.
     */
    calendarSalt: text('calendar_salt'),
    calendarTokenHash: text('calendar_token_hash'),
    /**
     * When the person first used a mailed link, proving the address is theirs; null until then.
     * An unconfirmed account has no role, is shown to nobody and reaches nobody.
     */
    confirmedAt: bigint('confirmed_at', { mode: 'number' }),
    /**
     * "Show me to others": false takes the person out of everyone's matches and out of reach of
     * new requests and bookings by participants, while sessions already booked stand.
     */
    visible: boolean('visible').notNull().default(true),
    /**
     * When the person erased their account: the row stays as an anonymous tombstone (no name,
     * address, text or secrets) so that programme counts keep their numbers.
     */
    erasedAt: bigint('erased_at', { mode: 'number' }),
    /** Bumped on every profile change, so that derived data (match indexes) can tell it is stale. */
    version: integer('version').notNull().default(1),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    // Tombstones hold an empty address: only living accounts need one each, so it can register again.
    uniqueIndex('participants_email_unique').on(t.email).where(sql`erased_at IS NULL`),
    uniqueIndex('participants_calendar_token_unique').on(t.calendarTokenHash),
    index('participants_side_idx').on(t.side),
  ],
);

export const participantLanguages = pgTable(
  'participant_languages',
  {
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.participantId, t.language] }),
    index('participant_languages_lang_idx').on(t.language),
  ],
);

export const participantSectors = pgTable(
  'participant_sectors',
  {
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    sectorId: text('sector_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.participantId, t.sectorId] }),
    index('participant_sectors_sector_idx').on(t.sectorId),
  ],
);

/** What a participant offers and seeks, both from the interests of the taxonomy. */
export const participantInterests = pgTable(
  'participant_interests',
  {
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    interestId: text('interest_id').notNull(),
    direction: text('direction', { enum: ['offer', 'seek'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.participantId, t.interestId, t.direction] }),
    index('participant_interests_interest_idx').on(t.interestId, t.direction),
  ],
);

/** Weekly windows in the participant's own zone: ISO weekday, minutes after local midnight. */
export const workingHours = pgTable(
  'working_hours',
  {
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    day: integer('day').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.day, t.startMinute] })],
);

export const signInTokens = pgTable(
  'sign_in_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    usedAt: bigint('used_at', { mode: 'number' }),
  },
  (t) => [index('sign_in_tokens_participant_idx').on(t.participantId)],
);

/** The signed-in state carried by the `sid` cookie; the cookie holds the secret, this its hash. */
export const logins = pgTable(
  'logins',
  {
    idHash: text('id_hash').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('logins_participant_idx').on(t.participantId)],
);

export const meetingRequests = pgTable(
  'meeting_requests',
  {
    id: text('id').primaryKey(),
    fromId: text('from_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    toId: text('to_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    message: text('message').notNull().default(''),
    status: text('status', { enum: ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] }).notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    respondedAt: bigint('responded_at', { mode: 'number' }),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('meeting_requests_from_idx').on(t.fromId, t.createdAt),
    index('meeting_requests_to_idx').on(t.toId, t.status),
    index('meeting_requests_expiry_idx').on(t.status, t.expiresAt),
    // At most one open request from one person to another: enforced by the database, not only by code.
    uniqueIndex('meeting_requests_one_open').on(t.fromId, t.toId).where(sql`status = 'pending'`),
  ],
);

/** A participant's choice not to see, nor be asked by, another. */
export const hiddenParticipants = pgTable(
  'hidden_participants',
  {
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    hiddenId: text('hidden_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.participantId, t.hiddenId] }),
    index('hidden_participants_hidden_idx').on(t.hiddenId),
  ],
);

/** Anything on the calendar: a meeting or a webinar. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['meeting', 'webinar'] }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startAt: bigint('start_at', { mode: 'number' }).notNull(),
    endAt: bigint('end_at', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['confirmed', 'cancelled'] }).notNull(),
    sequence: integer('sequence').notNull().default(0),
    /** The iCalendar UID: fixed at creation, never changed, so clients update rather than duplicate. */
    uid: text('uid').notNull(),
    videoUrl: text('video_url'),
    /**
     * A random room name for the default video link: never the session's id, which signed-in
     * people can see in lists, so that knowing a session does not open its call.
     */
    videoRoom: text('video_room').notNull().default(''),
    createdBy: text('created_by').references(() => participants.id, { onDelete: 'set null' }),
    requestId: text('request_id').references(() => meetingRequests.id, { onDelete: 'set null' }),
    eventId: text('event_id'),
    /** Set by the host in the lobby: when the video call started and ended (null before). */
    liveAt: bigint('live_at', { mode: 'number' }),
    endedAt: bigint('ended_at', { mode: 'number' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('sessions_uid_unique').on(t.uid),
    index('sessions_start_idx').on(t.startAt),
    // The daily allowance counts a person's recent bookings on every booking: an index, not a
    // scan (a scan's predicate lock would make every booking conflict with every other).
    index('sessions_created_by_idx').on(t.createdBy, t.createdAt),
  ],
);

export const sessionPeople = pgTable(
  'session_people',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['host', 'attendee'] }).notNull(),
    partstat: text('partstat', { enum: ['NEEDS-ACTION', 'ACCEPTED', 'DECLINED', 'TENTATIVE'] })
      .notNull()
      .default('NEEDS-ACTION'),
    /**
     * Copied from the session so that overlap checks need no join. On PostgreSQL the constraint
     * session_people_no_overlap refuses two active rows of one person whose [start, end) overlap.
     */
    startAt: bigint('start_at', { mode: 'number' }).notNull(),
    endAt: bigint('end_at', { mode: 'number' }).notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.participantId] }),
    index('session_people_busy_idx').on(t.participantId, t.active, t.startAt),
  ],
);

/**
 * One stay of one person in a session's lobby: from their first open tab to their last closed one.
 * `leftAt` is null while they are there.
 */
export const lobbyAttendance = pgTable(
  'lobby_attendance',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    joinedAt: bigint('joined_at', { mode: 'number' }).notNull(),
    /** When a host let them in from the waiting room; equal to joinedAt for those let in at once. */
    admittedAt: bigint('admitted_at', { mode: 'number' }),
    leftAt: bigint('left_at', { mode: 'number' }),
    /** Set when a host removed them: they may not come back into this session's lobby. */
    removedAt: bigint('removed_at', { mode: 'number' }),
  },
  (t) => [
    index('lobby_attendance_session_idx').on(t.sessionId, t.participantId),
    index('lobby_attendance_open_idx').on(t.leftAt),
  ],
);

/** What was said in a session's lobby. */
export const lobbyChat = pgTable(
  'lobby_chat',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    participantId: text('participant_id').references(() => participants.id, { onDelete: 'set null' }),
    /** Kept with the line so that history reads the same after someone leaves the programme. */
    fromName: text('from_name').notNull(),
    text: text('text').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('lobby_chat_session_idx').on(t.sessionId, t.at)],
);

/** Mail to send, written in the same transaction as the change that causes it. */
export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    /** Stable across retries, so that a copy sent twice is recognised by the receiving side. */
    messageId: text('message_id').notNull(),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    toName: text('to_name').notNull().default(''),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** iCalendar text and its METHOD, when the mail carries an invite. */
    ical: text('ical'),
    icalMethod: text('ical_method'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
    lastError: text('last_error'),
    participantId: text('participant_id').references(() => participants.id, { onDelete: 'set null' }),
    sessionId: text('session_id'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    sentAt: bigint('sent_at', { mode: 'number' }),
    /**
     * While a worker sends a mail: its claim's random token and when the claim lapses. Only the
     * holder may record the result; a lapsed claim (its worker died) is anyone's to take again.
     */
    claimToken: text('claim_token'),
    claimedUntil: bigint('claimed_until', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('outbox_message_id_unique').on(t.messageId),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_to_idx').on(t.toAddress, t.createdAt),
  ],
);

/** A matchmaking event: days, daily windows in a reference zone, slots, a room limit. */
export const events = pgTable('events', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  timeZone: text('time_zone').notNull(),
  /** JSON: ISO dates, sorted. */
  days: jsonb('days').$type<string[]>().notNull(),
  /** JSON: [{start: "08:30", end: "11:30"}], in the reference zone. */
  windows: jsonb('windows').$type<{ start: string; end: string }[]>().notNull(),
  slotMinutes: integer('slot_minutes').notNull(),
  breakMinutes: integer('break_minutes').notNull(),
  parallelLimit: integer('parallel_limit'),
  joinPolicy: text('join_policy', { enum: ['open', 'invited'] }).notNull(),
  /** Whether the scheduler places again pairs who already share a meeting outside the event. */
  bookedPairs: text('booked_pairs', { enum: ['skip', 'include'] })
    .notNull()
    .default('skip'),
  createdBy: text('created_by').references(() => participants.id, { onDelete: 'set null' }),
  /** The last run of the scheduler and the last publication (null before). */
  scheduledAt: bigint('scheduled_at', { mode: 'number' }),
  publishedAt: bigint('published_at', { mode: 'number' }),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

export const eventParticipants = pgTable(
  'event_participants',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /** JSON: the slot ids this person marked as ones they cannot make. */
    unavailable: jsonb('unavailable').$type<string[]>().notNull(),
    joinedAt: bigint('joined_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.participantId] }),
    index('event_participants_person_idx').on(t.participantId),
  ],
);

/** A meeting to place in an event: from an accepted request, or added by an organizer. */
export const eventMeetings = pgTable(
  'event_meetings',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** The two people, in a fixed order (a < b) so that a pair is stored once. */
    aId: text('a_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    bId: text('b_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    requestId: text('request_id').references(() => meetingRequests.id, { onDelete: 'set null' }),
    weight: integer('weight').notNull().default(1),
    mustMeet: boolean('must_meet').notNull().default(false),
    /** Where the schedule has it (a slot id), and whether an organizer fixed it there. */
    slotId: text('slot_id'),
    locked: boolean('locked').notNull().default(false),
    /** Why the last run could not place it. */
    reason: text('reason'),
    /** The session it became when published. */
    sessionId: text('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('event_meetings_pair_unique').on(t.eventId, t.aId, t.bId),
    index('event_meetings_a_idx').on(t.aId),
    index('event_meetings_b_idx').on(t.bId),
  ],
);

/** Server-wide values generated once per database, such as the key that derives feed tokens. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * What one person says came of one meeting: first right after it (`result`), then, for those who
 * saw a possibility, again some months later (`stage`). One row per person and session; the row
 * may exist before an answer, to record that the question was mailed.
 */
export const sessionOutcomes = pgTable(
  'session_outcomes',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    result: text('result', { enum: OUTCOME_RESULTS }),
    note: text('note').notNull().default(''),
    answeredAt: bigint('answered_at', { mode: 'number' }),
    stage: text('stage', { enum: FOLLOW_UP_STAGES }),
    stageNote: text('stage_note').notNull().default(''),
    stageAnsweredAt: bigint('stage_answered_at', { mode: 'number' }),
    /** When the question and the follow-up were put in the outbox: each is asked once. */
    askedAt: bigint('asked_at', { mode: 'number' }),
    followUpAskedAt: bigint('follow_up_asked_at', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.participantId] }),
    index('session_outcomes_participant_idx').on(t.participantId),
  ],
);

/** A cooperation project that partners on both sides record out of their meetings. */
export const projects = pgTable(
  'projects',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    stage: text('stage', { enum: PROJECT_STAGES }).notNull(),
    createdBy: text('created_by').references(() => participants.id, { onDelete: 'set null' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('projects_stage_idx').on(t.stage)],
);

export const projectPartners = pgTable(
  'project_partners',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.participantId] }),
    index('project_partners_participant_idx').on(t.participantId),
  ],
);

export const projectSectors = pgTable(
  'project_sectors',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    sectorId: text('sector_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.sectorId] })],
);

/** The meetings a project grew from. */
export const projectSessions = pgTable(
  'project_sessions',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.sessionId] })],
);

/** Every stage a project has been in, with the date it changed: the report draws stages over time. */
export const projectStages = pgTable(
  'project_stages',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: PROJECT_STAGES }).notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
    changedBy: text('changed_by').references(() => participants.id, { onDelete: 'set null' }),
  },
  (t) => [index('project_stages_project_idx').on(t.projectId, t.at)],
);

export const calendarReplies = pgTable(
  'calendar_replies',
  {
    messageKey: text('message_key').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    partstat: text('partstat').notNull(),
    stampedAt: bigint('stamped_at', { mode: 'number' }).notNull(),
    receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('calendar_replies_person_idx').on(t.sessionId, t.participantId, t.stampedAt)],
);

export const sessionProposals = pgTable(
  'session_proposals',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    startAt: bigint('start_at', { mode: 'number' }).notNull(),
    endAt: bigint('end_at', { mode: 'number' }).notNull(),
    sequence: integer('sequence').notNull(),
    comment: text('comment').notNull().default(''),
    status: text('status', { enum: ['open', 'accepted', 'declined'] }).notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    decidedAt: bigint('decided_at', { mode: 'number' }),
  },
  (t) => [index('session_proposals_session_idx').on(t.sessionId, t.status)],
);

/** The impact report's figures, as 0/1 flags of a unit in `impact_facts` and as sums in `impact_rollup`. */
const impactFigures = () => ({
  requests: integer('requests').notNull().default(0),
  accepted: integer('accepted').notNull().default(0),
  booked: integer('booked').notNull().default(0),
  held: integer('held').notNull().default(0),
  noShow: integer('no_show').notNull().default(0),
  coop: integer('coop').notNull().default(0),
  agreements: integer('agreements').notNull().default(0),
  mous: integer('mous').notNull().default(0),
  pilots: integer('pilots').notNull().default(0),
  projects: integer('projects').notNull().default(0),
});

/** The impact report's facts: see src/db/schema.ts. */
export const impactFacts = pgTable(
  'impact_facts',
  {
    dim: text('dim', { enum: ['day', 'pair', 'sector'] }).notNull(),
    k1: text('k1').notNull(),
    k2: text('k2').notNull().default(''),
    kind: text('kind', { enum: ['r', 'm', 'p'] }).notNull(),
    unitId: text('unit_id').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
    endAt: bigint('end_at', { mode: 'number' }).notNull().default(0),
    ...impactFigures(),
  },
  (t) => [
    // Keyed by unit first: a unit's rows lie together, for the refresh and for filtered reports,
    // which pick units by a group's key (the second index) and then read their rows.
    primaryKey({ columns: [t.kind, t.unitId, t.dim, t.k1, t.k2] }),
    index('impact_facts_group_idx').on(t.dim, t.k1, t.k2),
    // Holds what the report reads of meetings still to end, so it needs no lookup per row.
    index('impact_facts_end_idx').on(t.endAt, t.dim, t.k1, t.k2, t.held, t.noShow),
  ],
);

/** Units whose impact facts may be out of date: see src/db/schema.ts. */
export const impactStale = pgTable('impact_stale', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind', { enum: ['r', 'm', 'p'] }).notNull(),
  unitId: text('unit_id').notNull(),
});

/** The impact facts added up by group and UTC day: see src/db/schema.ts. */
export const impactRollup = pgTable(
  'impact_rollup',
  {
    dim: text('dim', { enum: ['day', 'pair', 'sector'] }).notNull(),
    k1: text('k1').notNull(),
    k2: text('k2').notNull().default(''),
    day: bigint('day', { mode: 'number' }).notNull(),
    ...impactFigures(),
  },
  (t) => [primaryKey({ columns: [t.dim, t.k1, t.k2, t.day] })],
);
