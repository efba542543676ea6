/**
 * Every refusal the product gives has a stable code. The kind says how the outside should treat
 * it; the HTTP layer maps kinds to status codes, so the domain never speaks HTTP.
 */
export type ErrorKind =
  | 'bad_request'
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'gone'
  /** Not the request's fault: a part of the product stopped; the same request may work later. */
  | 'unavailable';

export const ERROR_CODES = {
  // shape of a request
  VALIDATION_FAILED: { kind: 'bad_request', text: 'The request is not in the expected form.' },
  MISSING_FIELD: { kind: 'bad_request', text: 'A required field is missing.' },
  UNKNOWN_FIELD: { kind: 'bad_request', text: 'The request has a field that is not expected.' },
  INVALID_TYPE: { kind: 'bad_request', text: 'A field has the wrong type.' },
  INVALID_JSON: { kind: 'bad_request', text: 'The body is not valid JSON.' },
  CONTROL_CHARACTER: {
    kind: 'bad_request',
    text: 'A text field holds a control character (a line break where one line belongs, say).',
  },
  UNSUPPORTED_MEDIA_TYPE: { kind: 'bad_request', text: 'Send the body as application/json.' },
  BODY_TOO_LARGE: { kind: 'too_large', text: 'The body is too large.' },
  NOT_FOUND: { kind: 'not_found', text: 'Nothing is here.' },
  // profile content
  INVALID_EMAIL: { kind: 'invalid', text: 'That is not an email address.' },
  INVALID_NAME: { kind: 'invalid', text: 'A name is required.' },
  INVALID_TIME_ZONE: { kind: 'invalid', text: 'That is not an IANA time zone.' },
  INVALID_COUNTRY: { kind: 'invalid', text: 'That is not an ISO 3166-1 alpha-2 country code.' },
  INVALID_LANGUAGE: { kind: 'invalid', text: 'That is not an ISO 639-1 language code.' },
  UNKNOWN_SECTOR: { kind: 'invalid', text: 'That sector is not in the taxonomy.' },
  UNKNOWN_INTEREST: { kind: 'invalid', text: 'That interest is not in the taxonomy.' },
  INVALID_WORKING_HOURS: { kind: 'invalid', text: 'The working hours are not valid.' },
  INVALID_LOCALE: { kind: 'invalid', text: 'The interface language must be en or zh.' },
  EMAIL_TAKEN: { kind: 'conflict', text: 'That email is already registered.' },
  // sign-in
  NOT_SIGNED_IN: { kind: 'unauthenticated', text: 'Sign in first.' },
  INVALID_TOKEN: { kind: 'bad_request', text: 'This sign-in link is used, expired or unknown.' },
  CROSS_ORIGIN: { kind: 'forbidden', text: 'This request did not come from the app.' },
  EMAIL_NOT_CONFIRMED: {
    kind: 'forbidden',
    text: 'Confirm your email address first: open the link we mailed you.',
  },
  FORBIDDEN: { kind: 'forbidden', text: 'You may not do this.' },
  RATE_LIMITED: { kind: 'rate_limited', text: 'Too many attempts; wait a few minutes.' },
  PARTICIPANT_NOT_FOUND: { kind: 'not_found', text: 'No such participant.' },
  // matching and meeting requests
  INVALID_LIMIT: { kind: 'bad_request', text: 'limit must be a whole number from 1 to 100.' },
  CANNOT_REQUEST_SELF: { kind: 'invalid', text: 'You cannot send a meeting request to yourself.' },
  RECIPIENT_UNAVAILABLE: { kind: 'forbidden', text: 'This person does not take requests from you.' },
  REQUEST_ALREADY_OPEN: { kind: 'conflict', text: 'You already have an open request to this person.' },
  REQUEST_FROM_THEM_OPEN: {
    kind: 'conflict',
    text: 'This person has already sent you a request: answer it instead.',
  },
  DAILY_LIMIT_REACHED: {
    kind: 'rate_limited',
    text: 'You have sent as many requests and booked as many meetings as allowed today.',
  },
  NOT_CONNECTED: {
    kind: 'forbidden',
    text: 'Book a meeting only with people who accepted a request with you (either way).',
  },
  REQUEST_NOT_ACCEPTED: { kind: 'conflict', text: 'That meeting request has not been accepted.' },
  REQUEST_ALREADY_BOOKED: {
    kind: 'conflict',
    text: 'A meeting is already booked from this request; cancel it first to book another.',
  },
  ALREADY_CONNECTED: {
    kind: 'conflict',
    text: 'You and this person have already accepted a request: book a time from it instead.',
  },
  REQUEST_MISMATCH: {
    kind: 'invalid',
    text: 'That meeting request is between other people than this meeting.',
  },
  MESSAGE_TOO_LONG: { kind: 'invalid', text: 'The message is too long.' },
  REQUEST_NOT_FOUND: { kind: 'not_found', text: 'No such meeting request.' },
  NOT_REQUEST_RECIPIENT: { kind: 'forbidden', text: 'Only the person asked may answer this request.' },
  NOT_REQUEST_SENDER: { kind: 'forbidden', text: 'Only the sender may withdraw this request.' },
  REQUEST_NOT_PENDING: {
    kind: 'conflict',
    text: 'This request has already been answered, withdrawn or has expired.',
  },
  CANNOT_HIDE_SELF: { kind: 'invalid', text: 'You cannot hide yourself.' },
  // slots and sessions
  INVALID_INSTANT: {
    kind: 'bad_request',
    text: 'Give instants in ISO 8601 with an offset or Z, from the year 2000 to 2099.',
  },
  INVALID_RANGE: { kind: 'bad_request', text: 'The end of the range must come after its start.' },
  RANGE_TOO_LONG: { kind: 'bad_request', text: 'The range is longer than one search may cover.' },
  RANGE_TOO_FAR: { kind: 'bad_request', text: 'The range is further ahead than one may search.' },
  INVALID_DURATION: {
    kind: 'bad_request',
    text: 'The duration must be a positive multiple of 5 minutes, at most 8 hours.',
  },
  START_IN_PAST: { kind: 'invalid', text: 'The start is in the past.' },
  START_OFF_GRID: { kind: 'invalid', text: 'Sessions start on the quarter hour.' },
  CANNOT_MEET_SELF: { kind: 'invalid', text: 'A meeting needs someone else.' },
  OUTSIDE_WORKING_HOURS: {
    kind: 'invalid',
    text: 'The time falls outside someone’s working hours or on their public holiday.',
  },
  SLOT_TAKEN: { kind: 'conflict', text: 'Someone is already booked at that time.' },
  SESSION_NOT_FOUND: { kind: 'not_found', text: 'No such session.' },
  NOT_SESSION_HOST: { kind: 'forbidden', text: 'Only the session’s hosts and organizers may do this.' },
  SESSION_CANCELLED: { kind: 'conflict', text: 'The session is cancelled.' },
  SESSION_OVER: { kind: 'conflict', text: 'The session is over.' },
  PROPOSAL_NOT_FOUND: { kind: 'not_found', text: 'No such proposed time for this session.' },
  PROPOSAL_DECIDED: { kind: 'conflict', text: 'This proposed time was already accepted or declined.' },
  PROPOSAL_STALE: {
    kind: 'conflict',
    text: 'The session has been changed since this time was proposed.',
  },
  NOT_A_WEBINAR: { kind: 'invalid', text: 'Only webinars take registrations.' },
  TOO_MANY_PEOPLE: { kind: 'invalid', text: 'A meeting has at most 8 people; use a webinar.' },
  // after a meeting
  SESSION_NOT_OVER: { kind: 'conflict', text: 'The session has not ended yet: answer after its end.' },
  NOT_A_MEETING: { kind: 'invalid', text: 'Only meetings are asked what came of them.' },
  UNKNOWN_RESULT: {
    kind: 'invalid',
    text: 'The result is one of not-held, no-interest, informative, cooperation-possible.',
  },
  UNKNOWN_STAGE: {
    kind: 'invalid',
    text: 'The stage is one of no-contact, in-talks, agreement, mou-signed, pilot-launched.',
  },
  FOLLOW_UP_NOT_ASKED: {
    kind: 'conflict',
    text: 'A follow-up comes after an answer that cooperation is possible; give that answer first.',
  },
  NOTE_TOO_LONG: { kind: 'invalid', text: 'A note has at most 2,000 characters.' },
  INVALID_ANSWER_LINK: {
    kind: 'bad_request',
    text: 'This answer link is not valid: it was changed, or it belongs to someone else.',
  },
  // lobby: refusals before the upgrade, and `error` frames on the socket
  NOT_SESSION_PERSON: {
    kind: 'forbidden',
    text: 'Only the session’s people and organizers may enter its lobby.',
  },
  LOBBY_REMOVED: { kind: 'forbidden', text: 'A host removed you from this lobby.' },
  LOBBY_DENIED: { kind: 'forbidden', text: 'A host did not let you in this time.' },
  LOBBY_WAITING: { kind: 'forbidden', text: 'Wait until a host lets you in.' },
  LOBBY_NOT_OPEN: { kind: 'conflict', text: 'The lobby is not open yet.' },
  LOBBY_NOT_LIVE: { kind: 'conflict', text: 'The session has not started.' },
  NOT_WAITING: { kind: 'conflict', text: 'This person is not in the waiting room.' },
  NOT_PRESENT: { kind: 'conflict', text: 'This person is not in the lobby.' },
  CANNOT_REMOVE_HOST: { kind: 'forbidden', text: 'A host cannot be removed from the lobby.' },
  SENDER_HIDDEN: {
    kind: 'conflict',
    text: 'You are hidden from others: turn on "Show me to others" to send requests.',
  },
  ACCOUNT_ERASED: { kind: 'unauthenticated', text: 'This account was erased.' },
  CHAT_EMPTY: { kind: 'invalid', text: 'A chat line needs some text.' },
  CHAT_TOO_LONG: { kind: 'invalid', text: 'A chat line has at most 2,000 characters.' },
  CHAT_RATE_LIMITED: { kind: 'rate_limited', text: 'Slow down: too many chat lines.' },
  TOO_MANY_TABS: {
    kind: 'rate_limited',
    text: 'This lobby is open in too many of your tabs; this one, the oldest, was closed.',
  },
  INVALID_FRAME: { kind: 'bad_request', text: 'The frame does not have the fields its type needs.' },
  UNKNOWN_TYPE: { kind: 'bad_request', text: 'The frame has an unknown type.' },
  // outbox
  MAIL_NOT_FOUND: { kind: 'not_found', text: 'No such mail in the outbox.' },
  MAIL_ALREADY_SENT: { kind: 'conflict', text: 'This mail has already been sent.' },
  // events
  INVALID_INSTANCE: { kind: 'invalid', text: 'The scheduling instance is not valid.' },
  INVALID_EVENT: { kind: 'invalid', text: 'The event is not valid.' },
  INVALID_EVENT_DAYS: {
    kind: 'invalid',
    text: 'The days must be real dates from 2000-01-01 to 2099-12-31, 1 to 14 of them.',
  },
  INVALID_EVENT_WINDOWS: { kind: 'invalid', text: 'The daily windows are not valid.' },
  INVALID_SLOT_LENGTH: { kind: 'invalid', text: 'The slot length or break is not valid.' },
  INVALID_PARALLEL_LIMIT: { kind: 'invalid', text: 'The limit on parallel meetings is not valid.' },
  INVALID_WEIGHT: { kind: 'invalid', text: 'A weight is a whole number from 1 to 100.' },
  INVALID_CSV: { kind: 'invalid', text: 'The CSV file has rows that cannot be imported.' },
  // what INVALID_CSV's details say of the file as a whole (field "file") or of one row
  CSV_UNREADABLE: { kind: 'invalid', text: 'The file is not CSV.' },
  CSV_NO_ROWS: { kind: 'invalid', text: 'The file has no rows under its header.' },
  CSV_TOO_MANY_ROWS: { kind: 'invalid', text: 'The file has too many rows for one import.' },
  CSV_NO_EMAIL_COLUMN: { kind: 'invalid', text: 'The header needs an email column.' },
  CSV_DUPLICATE_EMAIL: { kind: 'invalid', text: 'An address is listed twice in the file.' },
  EVENT_NOT_FOUND: { kind: 'not_found', text: 'No such event.' },
  EVENT_MEETING_NOT_FOUND: { kind: 'not_found', text: 'No such meeting in this event.' },
  UNKNOWN_SLOT: { kind: 'invalid', text: 'This event has no such slot.' },
  EVENT_INVITE_ONLY: { kind: 'forbidden', text: 'Only the organizers add people to this event.' },
  NOT_EVENT_PARTICIPANT: {
    kind: 'invalid',
    text: 'Everyone in an event meeting must have joined the event.',
  },
  EVENT_MEETING_EXISTS: { kind: 'conflict', text: 'These people already have a meeting in this event.' },
  EVENT_HAS_MEETINGS: {
    kind: 'conflict',
    text: 'This person has meetings in the event; remove those first.',
  },
  EVENT_SETTINGS_LOCKED: {
    kind: 'conflict',
    text: 'The event’s slots cannot change once meetings are placed; clear the schedule first.',
  },
  SCHEDULE_RUNNING: {
    kind: 'conflict',
    text: 'The scheduler is already placing this event’s meetings; wait for that run to finish.',
  },
  EVENT_CHANGED_DURING_RUN: {
    kind: 'conflict',
    text: 'The event changed while the scheduler ran, so nothing was stored; run it again.',
  },
  LOBBY_UNAVAILABLE: {
    kind: 'unavailable',
    text: 'The lobby cannot be opened just now; the page tries again by itself.',
  },
  DATABASE_UNAVAILABLE: {
    kind: 'unavailable',
    text: 'The database cannot be reached just now; nothing was changed. Try again in a moment.',
  },
  SCHEDULER_UNAVAILABLE: {
    kind: 'unavailable',
    text: 'The scheduler stopped before it finished, so nothing was stored; try again.',
  },
  SLOT_NOT_FREE: {
    kind: 'conflict',
    text: 'Someone in this meeting cannot make that slot, is already in a meeting then, or the rooms are full.',
  },
  // cooperation projects
  PROJECT_NOT_FOUND: { kind: 'not_found', text: 'No such project.' },
  INVALID_PROJECT_TITLE: { kind: 'invalid', text: 'A project needs a title of at most 200 characters.' },
  PROJECT_SUMMARY_TOO_LONG: { kind: 'invalid', text: 'A project summary has at most 4,000 characters.' },
  UNKNOWN_PROJECT_STAGE: {
    kind: 'invalid',
    text: 'The stage must be one of idea, proposal, mou-signed, running, completed, stopped.',
  },
  PROJECT_PARTNER_NOT_FOUND: { kind: 'invalid', text: 'A partner named is not a participant.' },
  TOO_MANY_PARTNERS: { kind: 'invalid', text: 'A project has at most 50 partners.' },
  PROJECT_SESSION_NOT_FOUND: {
    kind: 'invalid',
    text: 'A meeting named does not exist or you were not in it.',
  },
  // impact report
  INVALID_PERIOD: { kind: 'bad_request', text: 'Give the period as months, YYYY-MM, from before to.' },
  INVALID_CITY_PAIR: { kind: 'bad_request', text: 'A city pair is two cities separated by a comma.' },
  // dev tools
  DEV_TOOLS_OFF: { kind: 'not_found', text: 'Development tools are off.' },
} as const satisfies Record<string, { kind: ErrorKind; text: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldProblem {
  field: string;
  code: ErrorCode;
  message: string;
}

export class DomainError extends Error {
  readonly kind: ErrorKind;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: FieldProblem[],
  ) {
    super(message ?? ERROR_CODES[code].text);
    this.name = 'DomainError';
    this.kind = ERROR_CODES[code].kind;
  }
}

/** Throws the first problem as the error's code, with every problem listed for forms. */
export function throwIfProblems(problems: FieldProblem[]): void {
  const first = problems[0];
  if (first) throw new DomainError(first.code, first.message, problems);
}
