/** Queries about participants and their lists; returns plain records, decides nothing. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Profile, WeeklyWindow } from '../domain/profile';
import type { Db } from './client';
import { prepared } from './prepared';
import {
  participantInterests,
  participantLanguages,
  participantSectors,
  participants,
  workingHours,
} from './schema';

export type Role = 'participant' | 'organizer';

export interface ParticipantRecord extends Profile {
  id: string;
  role: Role;
  /** When the address was proven by a mailed link; null while unconfirmed. */
  confirmedAt: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

type Row = typeof participants.$inferSelect;

type Lists = Pick<ParticipantRecord, 'languages' | 'sectors' | 'offers' | 'seeks' | 'workingHours'>;

function recordFromRow(r: Row, lists: Lists): ParticipantRecord {
  const { calendarSalt: _salt, calendarTokenHash: _hash, ...fields } = r;
  return { ...fields, ...lists };
}

function writeLists(db: Db, id: string, p: Profile): void {
  db.delete(participantLanguages).where(eq(participantLanguages.participantId, id)).run();
  db.delete(participantSectors).where(eq(participantSectors.participantId, id)).run();
  db.delete(participantInterests).where(eq(participantInterests.participantId, id)).run();
  db.delete(workingHours).where(eq(workingHours.participantId, id)).run();
  if (p.languages.length) {
    db.insert(participantLanguages)
      .values(p.languages.map((language, position) => ({ participantId: id, language, position })))
      .run();
  }
  if (p.sectors.length) {
    db.insert(participantSectors)
      .values(p.sectors.map((sectorId) => ({ participantId: id, sectorId })))
      .run();
  }
  const interests = [
    ...p.offers.map((interestId) => ({ participantId: id, interestId, direction: 'offer' as const })),
    ...p.seeks.map((interestId) => ({ participantId: id, interestId, direction: 'seek' as const })),
  ];
  if (interests.length) db.insert(participantInterests).values(interests).run();
  if (p.workingHours.length) {
    db.insert(workingHours)
      .values(p.workingHours.map((w) => ({ participantId: id, ...w })))
      .run();
  }
}

export function insertParticipant(
  db: Db,
  id: string,
  p: Profile,
  role: Role,
  now: number,
  confirmedAt: number | null,
): void {
  db.insert(participants)
    .values({
      id,
      email: p.email,
      name: p.name,
      organisation: p.organisation,
      city: p.city,
      country: p.country,
      side: p.side,
      timeZone: p.timeZone,
      bio: p.bio,
      role,
      locale: p.locale,
      confirmedAt,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  writeLists(db, id, p);
}

export function updateParticipant(db: Db, id: string, p: Profile, now: number): void {
  db.update(participants)
    .set({
      name: p.name,
      organisation: p.organisation,
      city: p.city,
      country: p.country,
      side: p.side,
      timeZone: p.timeZone,
      bio: p.bio,
      locale: p.locale,
      updatedAt: now,
      version: sql`${participants.version} + 1`,
    })
    .where(eq(participants.id, id))
    .run();
  writeLists(db, id, p);
}

export function setRole(db: Db, id: string, role: Role): void {
  db.update(participants).set({ role }).where(eq(participants.id, id)).run();
}

/**
 * The first proof of the address: marks the account confirmed and drops its feed secret, which
 * whoever registered before the owner could have seen. False when it was confirmed already.
 */
export function confirm(db: Db, id: string, now: number): boolean {
  const row = db
    .update(participants)
    .set({ confirmedAt: now, calendarSalt: null, calendarTokenHash: null })
    .where(and(eq(participants.id, id), isNull(participants.confirmedAt)))
    .returning({ id: participants.id })
    .get();
  return row !== undefined;
}

export function findIdByEmail(db: Db, email: string): { id: string; role: Role } | undefined {
  return db
    .select({ id: participants.id, role: participants.role })
    .from(participants)
    .where(eq(participants.email, email))
    .get();
}

export function countParticipants(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(participants).get()?.n ?? 0;
}

/**
 * The five queries of `loadParticipants` for a list of ids, prepared once, the ids passed as one
 * JSON parameter: building an IN list of hundreds of parameters costs more than running it.
 */
function manyStatements(db: Db) {
  return prepared(db, 'participants.many', () => {
    const among = (col: AnySQLiteColumn) =>
      sql`${col} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`;
    return {
      rows: db.select().from(participants).where(among(participants.id)).prepare(),
      languages: db
        .select()
        .from(participantLanguages)
        .where(among(participantLanguages.participantId))
        .prepare(),
      sectors: db.select().from(participantSectors).where(among(participantSectors.participantId)).prepare(),
      interests: db
        .select()
        .from(participantInterests)
        .where(among(participantInterests.participantId))
        .prepare(),
      hours: db.select().from(workingHours).where(among(workingHours.participantId)).prepare(),
    };
  });
}

/** Loads whole records with their lists in five queries, whatever the number asked for. */
export function loadParticipants(db: Db, ids?: readonly string[]): ParticipantRecord[] {
  if (ids && ids.length === 0) return [];
  // A meeting's few people: the statements prepared for one person are cheaper than building five.
  if (ids && ids.length <= 8) {
    return ids.map((id) => loadParticipant(db, id)).filter((r): r is ParticipantRecord => !!r);
  }
  const rows: Row[] = ids
    ? manyStatements(db).rows.all({ ids: JSON.stringify(ids) })
    : db.select().from(participants).all();
  const byId = new Map<string, ParticipantRecord>();
  for (const r of rows) {
    byId.set(r.id, recordFromRow(r, { languages: [], sectors: [], offers: [], seeks: [], workingHours: [] }));
  }
  const only = <T extends { participantId: string }>(list: T[]) =>
    list.filter((x) => byId.has(x.participantId));
  const q = ids ? manyStatements(db) : null;
  const param = { ids: JSON.stringify(ids ?? []) };
  const langs = only(q ? q.languages.all(param) : db.select().from(participantLanguages).all()).sort(
    (a, b) => a.position - b.position,
  );
  for (const l of langs) byId.get(l.participantId)!.languages.push(l.language);
  for (const s of only(q ? q.sectors.all(param) : db.select().from(participantSectors).all())) {
    byId.get(s.participantId)!.sectors.push(s.sectorId);
  }
  for (const i of only(q ? q.interests.all(param) : db.select().from(participantInterests).all())) {
    const rec = byId.get(i.participantId)!;
    (i.direction === 'offer' ? rec.offers : rec.seeks).push(i.interestId);
  }
  const hours = only(q ? q.hours.all(param) : db.select().from(workingHours).all());
  for (const w of hours) {
    const window: WeeklyWindow = { day: w.day, startMinute: w.startMinute, endMinute: w.endMinute };
    byId.get(w.participantId)!.workingHours.push(window);
  }
  for (const rec of byId.values()) {
    rec.workingHours.sort((a, b) => a.day - b.day || a.startMinute - b.startMinute);
  }
  // Keep the order asked for.
  return ids ? ids.map((id) => byId.get(id)).filter((r): r is ParticipantRecord => !!r) : [...byId.values()];
}

/** One participant by id, through statements prepared once: this runs on most requests. */
export function loadParticipant(db: Db, id: string): ParticipantRecord | undefined {
  const q = prepared(db, 'participant.one', () => {
    const pid = sql.placeholder('id');
    return {
      row: db.select().from(participants).where(eq(participants.id, pid)).prepare(),
      langs: db
        .select({ language: participantLanguages.language })
        .from(participantLanguages)
        .where(eq(participantLanguages.participantId, pid))
        .orderBy(participantLanguages.position)
        .prepare(),
      sectors: db
        .select({ id: participantSectors.sectorId })
        .from(participantSectors)
        .where(eq(participantSectors.participantId, pid))
        .prepare(),
      interests: db
        .select({ id: participantInterests.interestId, direction: participantInterests.direction })
        .from(participantInterests)
        .where(eq(participantInterests.participantId, pid))
        .prepare(),
      hours: db
        .select({
          day: workingHours.day,
          startMinute: workingHours.startMinute,
          endMinute: workingHours.endMinute,
        })
        .from(workingHours)
        .where(eq(workingHours.participantId, pid))
        .orderBy(workingHours.day, workingHours.startMinute)
        .prepare(),
    };
  });
  const r = q.row.get({ id });
  if (!r) return undefined;
  const interests = q.interests.all({ id });
  return recordFromRow(r, {
    languages: q.langs.all({ id }).map((l) => l.language),
    sectors: q.sectors.all({ id }).map((s) => s.id),
    offers: interests.filter((i) => i.direction === 'offer').map((i) => i.id),
    seeks: interests.filter((i) => i.direction === 'seek').map((i) => i.id),
    workingHours: q.hours.all({ id }),
  });
}

export function setCalendarSecret(db: Db, id: string, salt: string, tokenHash: string): void {
  db.update(participants)
    .set({ calendarSalt: salt, calendarTokenHash: tokenHash })
    .where(eq(participants.id, id))
    .run();
}

export function findCalendarSalt(db: Db, id: string): string | null | undefined {
  return db
    .select({ salt: participants.calendarSalt })
    .from(participants)
    .where(eq(participants.id, id))
    .get()?.salt;
}

export function findIdByCalendarTokenHash(db: Db, hash: string): string | undefined {
  return db
    .select({ id: participants.id })
    .from(participants)
    .where(eq(participants.calendarTokenHash, hash))
    .get()?.id;
}
