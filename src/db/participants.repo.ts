/** Queries about participants and their lists; returns plain records, decides nothing. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Profile, WeeklyWindow } from '../domain/profile';
import type { Db } from './client';
import { prepared } from './prepared';
import { countAll } from './requests.repo';
import type { participants } from './schema';

export type Role = 'participant' | 'organizer';

export interface ParticipantRecord extends Profile {
  id: string;
  role: Role;
  /** When the address was proven by a mailed link; null while unconfirmed. */
  confirmedAt: number | null;
  /** "Show me to others": when false, only the person themself and organizers see or reach them. */
  visible: boolean;
  /** When the person erased their account (the row is a nameless tombstone); null for everyone else. */
  erasedAt: number | null;
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

async function writeLists(db: Db, id: string, p: Profile): Promise<void> {
  const { participantLanguages, participantSectors, participantInterests, workingHours } = db.t;
  await db.delete(participantLanguages).where(eq(participantLanguages.participantId, id));
  await db.delete(participantSectors).where(eq(participantSectors.participantId, id));
  await db.delete(participantInterests).where(eq(participantInterests.participantId, id));
  await db.delete(workingHours).where(eq(workingHours.participantId, id));
  if (p.languages.length) {
    await db
      .insert(participantLanguages)
      .values(p.languages.map((language, position) => ({ participantId: id, language, position })));
  }
  if (p.sectors.length) {
    await db
      .insert(participantSectors)
      .values(p.sectors.map((sectorId) => ({ participantId: id, sectorId })));
  }
  const interests = [
    ...p.offers.map((interestId) => ({ participantId: id, interestId, direction: 'offer' as const })),
    ...p.seeks.map((interestId) => ({ participantId: id, interestId, direction: 'seek' as const })),
  ];
  if (interests.length) await db.insert(participantInterests).values(interests);
  if (p.workingHours.length) {
    await db.insert(workingHours).values(p.workingHours.map((w) => ({ participantId: id, ...w })));
  }
}

export async function insertParticipant(
  db: Db,
  id: string,
  p: Profile,
  role: Role,
  now: number,
  confirmedAt: number | null,
): Promise<void> {
  await db.insert(db.t.participants).values({
    id,
    email: p.email,
    name: p.name,
    organisation: p.organisation,
    city: p.city,
    country: p.country,
    side: p.side,
    timeZone: p.timeZone,
    bio: p.bio,
    bioTranslation: p.bioTranslation,
    bioTranslationLanguage: p.bioTranslationLanguage,
    role,
    locale: p.locale,
    confirmedAt,
    createdAt: now,
    updatedAt: now,
  });
  await writeLists(db, id, p);
}

export async function updateParticipant(db: Db, id: string, p: Profile, now: number): Promise<void> {
  const { participants } = db.t;
  await db
    .update(participants)
    .set({
      name: p.name,
      organisation: p.organisation,
      city: p.city,
      country: p.country,
      side: p.side,
      timeZone: p.timeZone,
      bio: p.bio,
      bioTranslation: p.bioTranslation,
      bioTranslationLanguage: p.bioTranslationLanguage,
      locale: p.locale,
      updatedAt: now,
      version: sql`${participants.version} + 1`,
    })
    .where(eq(participants.id, id));
  await writeLists(db, id, p);
}

export async function setRole(db: Db, id: string, role: Role): Promise<void> {
  const { participants } = db.t;
  await db.update(participants).set({ role }).where(eq(participants.id, id));
}

/**
 * The first proof of the address: marks the account confirmed and drops its feed secret, which
 * whoever registered before the owner could have seen. False when it was confirmed already.
 */
export async function confirm(db: Db, id: string, now: number): Promise<boolean> {
  const { participants } = db.t;
  const rows = await db
    .update(participants)
    .set({ confirmedAt: now, calendarSalt: null, calendarTokenHash: null })
    .where(and(eq(participants.id, id), isNull(participants.confirmedAt)))
    .returning({ id: participants.id });
  return rows.length > 0;
}

export async function findIdByEmail(db: Db, email: string): Promise<{ id: string; role: Role } | undefined> {
  const { participants } = db.t;
  const [row] = await db
    .select({ id: participants.id, role: participants.role })
    .from(participants)
    .where(and(eq(participants.email, email), isNull(participants.erasedAt)))
    .limit(1);
  return row;
}

export async function countParticipants(db: Db): Promise<number> {
  const [row] = await db.select({ n: countAll }).from(db.t.participants);
  return Number(row?.n ?? 0);
}

/** Ids per query: well under both databases' limits on parameters. */
const CHUNK = 5000;

async function inChunks<T>(ids: readonly string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

/** Loads whole records with their lists in five queries, whatever the number asked for. */
export async function loadParticipants(db: Db, ids?: readonly string[]): Promise<ParticipantRecord[]> {
  if (ids && ids.length === 0) return [];
  const { participants, participantLanguages, participantSectors, participantInterests, workingHours } = db.t;
  const rows: Row[] = ids
    ? await inChunks(ids, (c) => db.select().from(participants).where(inArray(participants.id, c)))
    : await db.select().from(participants);
  const byId = new Map<string, ParticipantRecord>();
  for (const r of rows) {
    byId.set(r.id, recordFromRow(r, { languages: [], sectors: [], offers: [], seeks: [], workingHours: [] }));
  }
  const lists = async <T extends { participantId: string }>(
    table:
      | typeof participantLanguages
      | typeof participantSectors
      | typeof participantInterests
      | typeof workingHours,
  ): Promise<T[]> => {
    const all = ids
      ? await inChunks(ids, (c) =>
          db
            .select()
            .from(table as typeof participantSectors)
            .where(inArray((table as typeof participantSectors).participantId, c)),
        )
      : await db.select().from(table as typeof participantSectors);
    return (all as unknown as T[]).filter((x) => byId.has(x.participantId));
  };
  const langs = (await lists<typeof participantLanguages.$inferSelect>(participantLanguages)).sort(
    (a, b) => a.position - b.position,
  );
  for (const l of langs) byId.get(l.participantId)!.languages.push(l.language);
  for (const s of await lists<typeof participantSectors.$inferSelect>(participantSectors)) {
    byId.get(s.participantId)!.sectors.push(s.sectorId);
  }
  for (const i of await lists<typeof participantInterests.$inferSelect>(participantInterests)) {
    const rec = byId.get(i.participantId)!;
    (i.direction === 'offer' ? rec.offers : rec.seeks).push(i.interestId);
  }
  for (const w of await lists<typeof workingHours.$inferSelect>(workingHours)) {
    const window: WeeklyWindow = { day: w.day, startMinute: w.startMinute, endMinute: w.endMinute };
    byId.get(w.participantId)!.workingHours.push(window);
  }
  for (const rec of byId.values()) {
    rec.workingHours.sort((a, b) => a.day - b.day || a.startMinute - b.startMinute);
  }
  // Keep the order asked for.
  return ids ? ids.map((id) => byId.get(id)).filter((r): r is ParticipantRecord => !!r) : [...byId.values()];
}

/** One participant by id: on SQLite through statements prepared once (most requests ask this). */
export async function loadParticipant(db: Db, id: string): Promise<ParticipantRecord | undefined> {
  if (db.dialect !== 'sqlite') {
    const [rec] = await loadParticipants(db, [id]);
    return rec;
  }
  const { participants, participantLanguages, participantSectors, participantInterests, workingHours } = db.t;
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

export async function setCalendarSecret(db: Db, id: string, salt: string, tokenHash: string): Promise<void> {
  const { participants } = db.t;
  await db
    .update(participants)
    .set({ calendarSalt: salt, calendarTokenHash: tokenHash })
    .where(eq(participants.id, id));
}

export async function findCalendarSalt(db: Db, id: string): Promise<string | null | undefined> {
  const { participants } = db.t;
  if (db.dialect === 'sqlite') {
    // Asked with every profile (its feed URL).
    return prepared(db, 'participant.calendarSalt', () =>
      db
        .select({ salt: participants.calendarSalt })
        .from(participants)
        .where(eq(participants.id, sql.placeholder('id')))
        .prepare(),
    ).get({ id })?.salt;
  }
  const [row] = await db
    .select({ salt: participants.calendarSalt })
    .from(participants)
    .where(eq(participants.id, id))
    .limit(1);
  return row?.salt;
}

export async function findIdByCalendarTokenHash(db: Db, hash: string): Promise<string | undefined> {
  const { participants } = db.t;
  const [row] = await db
    .select({ id: participants.id })
    .from(participants)
    .where(eq(participants.calendarTokenHash, hash))
    .limit(1);
  return row?.id;
}

/** Shows or hides a person to others; bumps the version, since matches depend on it. */
export async function setVisible(db: Db, id: string, visible: boolean, now: number): Promise<void> {
  const { participants } = db.t;
  await db
    .update(participants)
    .set({ visible, version: sql`${participants.version} + 1`, updatedAt: now })
    .where(eq(participants.id, id));
}
