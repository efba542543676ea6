/** The scheduler's input and output, and the checks an instance must pass before it is solved. */
import { DomainError } from '../errors';

export interface InstanceSlot {
  id: string;
  start: string;
  end: string;
}
export interface InstanceParticipant {
  id: string;
  unavailable?: string[];
}
export interface InstanceMeeting {
  id: string;
  participants: string[];
  weight?: number;
  allowedSlots?: string[];
  /** Fixed to this slot (a locked meeting). */
  lockedSlot?: string;
}
export interface Instance {
  slots: InstanceSlot[];
  participants: InstanceParticipant[];
  meetings: InstanceMeeting[];
  parallelLimit?: number;
}

export type UnscheduledReason = 'NO_COMMON_SLOT' | 'PEOPLE_FULL' | 'ROOM_LIMIT';

export interface Schedule {
  assignments: { meeting: string; slot: string }[];
  unscheduled: string[];
  reasons: Record<string, UnscheduledReason>;
  stats: {
    scheduled: number;
    weight: number;
    breaks: number;
    maxBreaks: number;
    minBreaks: number;
    ms: number;
  };
}

export interface SchedulerOptions {
  seed?: number;
  /** Improvement iterations; the default suits events of a few hundred meetings. */
  iterations?: number;
  timeBudgetMs?: number;
  now?: () => number;
}

// --- validation --------------------------------------------------------------------------

function fail(message: string): never {
  throw new DomainError('INVALID_INSTANCE', message);
}

/** Checks an instance read from a file or built from an event; throws INVALID_INSTANCE. */
export function validateInstance(raw: unknown): Instance {
  if (!raw || typeof raw !== 'object') fail('the instance must be a JSON object');
  const x = raw as Record<string, unknown>;
  if (!Array.isArray(x.slots) || !Array.isArray(x.participants) || !Array.isArray(x.meetings)) {
    fail('slots, participants and meetings must be arrays');
  }
  const slotIds = new Set<string>();
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const [i, s] of (x.slots as unknown[]).entries()) {
    const slot = s as Record<string, unknown>;
    if (typeof slot?.id !== 'string' || !slot.id) fail(`slot ${i} has no id`);
    if (slotIds.has(slot.id)) fail(`duplicate slot id ${slot.id}`);
    slotIds.add(slot.id);
    const start = Date.parse(String(slot.start));
    const end = Date.parse(String(slot.end));
    if (Number.isNaN(start) || Number.isNaN(end)) fail(`slot ${slot.id} has no valid start and end`);
    if (end <= start) fail(`slot ${slot.id} ends before it starts`);
    if (start < previousEnd)
      fail(`slot ${slot.id} overlaps the one before it (slots are listed in time order)`);
    previousEnd = end;
  }
  const people = new Set<string>();
  for (const [i, p] of (x.participants as unknown[]).entries()) {
    const person = p as Record<string, unknown>;
    if (typeof person?.id !== 'string' || !person.id) fail(`participant ${i} has no id`);
    if (people.has(person.id)) fail(`duplicate participant id ${person.id}`);
    people.add(person.id);
    if (person.unavailable !== undefined) {
      if (!Array.isArray(person.unavailable)) fail(`participant ${person.id}: unavailable must be an array`);
      for (const s of person.unavailable)
        if (!slotIds.has(s)) fail(`participant ${person.id}: unknown slot ${s}`);
    }
  }
  const meetingIds = new Set<string>();
  for (const [i, m] of (x.meetings as unknown[]).entries()) {
    const meeting = m as Record<string, unknown>;
    if (typeof meeting?.id !== 'string' || !meeting.id) fail(`meeting ${i} has no id`);
    if (meetingIds.has(meeting.id)) fail(`duplicate meeting id ${meeting.id}`);
    meetingIds.add(meeting.id);
    if (!Array.isArray(meeting.participants) || meeting.participants.length < 2) {
      fail(`meeting ${meeting.id} needs at least two participants`);
    }
    if (new Set(meeting.participants).size !== meeting.participants.length)
      fail(`meeting ${meeting.id} names someone twice`);
    for (const p of meeting.participants)
      if (!people.has(p)) fail(`meeting ${meeting.id}: unknown participant ${p}`);
    if (meeting.weight !== undefined && (typeof meeting.weight !== 'number' || !(meeting.weight >= 0))) {
      fail(`meeting ${meeting.id}: weight must be a number ≥ 0`);
    }
    if (meeting.allowedSlots !== undefined) {
      if (!Array.isArray(meeting.allowedSlots)) fail(`meeting ${meeting.id}: allowedSlots must be an array`);
      for (const s of meeting.allowedSlots)
        if (!slotIds.has(s)) fail(`meeting ${meeting.id}: unknown slot ${s}`);
    }
    if (meeting.lockedSlot !== undefined && !slotIds.has(meeting.lockedSlot as string)) {
      fail(`meeting ${meeting.id}: unknown locked slot ${meeting.lockedSlot}`);
    }
  }
  if (
    x.parallelLimit !== undefined &&
    (!Number.isInteger(x.parallelLimit) || (x.parallelLimit as number) < 0)
  ) {
    fail('parallelLimit must be a whole number ≥ 0');
  }
  return x as unknown as Instance;
}
