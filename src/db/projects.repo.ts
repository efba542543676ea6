/** Cooperation projects: the rows, their partners, sectors, meetings and stage history. No decisions. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from './client';
import type { PROJECT_STAGES } from './schema';

export type ProjectStage = (typeof PROJECT_STAGES)[number];

export interface ProjectRow {
  id: string;
  title: string;
  summary: string;
  stage: ProjectStage;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ProjectRecord extends ProjectRow {
  partners: string[];
  sectors: string[];
  sessions: string[];
  stages: { stage: ProjectStage; at: number }[];
}

export async function insertProject(db: Db, row: ProjectRow): Promise<void> {
  await db.insert(db.t.projects).values(row);
}

export async function updateProject(
  db: Db,
  id: string,
  patch: Partial<Pick<ProjectRow, 'title' | 'summary' | 'stage'>> & { updatedAt: number },
): Promise<void> {
  const { projects } = db.t;
  await db.update(projects).set(patch).where(eq(projects.id, id));
}

export async function addStage(
  db: Db,
  projectId: string,
  stage: ProjectStage,
  at: number,
  changedBy: string | null,
): Promise<void> {
  await db.insert(db.t.projectStages).values({ projectId, stage, at, changedBy });
}

export async function replacePartners(db: Db, projectId: string, ids: readonly string[]): Promise<void> {
  const { projectPartners } = db.t;
  await db.delete(projectPartners).where(eq(projectPartners.projectId, projectId));
  if (ids.length)
    await db.insert(projectPartners).values(ids.map((participantId) => ({ projectId, participantId })));
}

export async function replaceSectors(db: Db, projectId: string, ids: readonly string[]): Promise<void> {
  const { projectSectors } = db.t;
  await db.delete(projectSectors).where(eq(projectSectors.projectId, projectId));
  if (ids.length) await db.insert(projectSectors).values(ids.map((sectorId) => ({ projectId, sectorId })));
}

export async function replaceSessions(db: Db, projectId: string, ids: readonly string[]): Promise<void> {
  const { projectSessions } = db.t;
  await db.delete(projectSessions).where(eq(projectSessions.projectId, projectId));
  if (ids.length) await db.insert(projectSessions).values(ids.map((sessionId) => ({ projectId, sessionId })));
}

/** Ids of the projects a person is a partner in. */
export async function projectIdsOf(db: Db, participantId: string): Promise<string[]> {
  const { projectPartners } = db.t;
  const rows = await db
    .select({ id: projectPartners.projectId })
    .from(projectPartners)
    .where(eq(projectPartners.participantId, participantId));
  return rows.map((r) => r.id);
}

export async function isPartner(db: Db, projectId: string, participantId: string): Promise<boolean> {
  const { projectPartners: pp } = db.t;
  const rows = await db
    .select({ id: pp.projectId })
    .from(pp)
    .where(and(eq(pp.projectId, projectId), eq(pp.participantId, participantId)));
  return rows.length > 0;
}

/** Whole projects, newest change first; `ids` undefined means every project. */
export async function loadProjects(db: Db, ids?: readonly string[]): Promise<ProjectRecord[]> {
  if (ids && ids.length === 0) return [];
  const { projects, projectPartners, projectSectors, projectSessions, projectStages } = db.t;
  const rows = (await (ids
    ? db
        .select()
        .from(projects)
        .where(inArray(projects.id, [...ids]))
    : db.select().from(projects)
  ).orderBy(desc(projects.updatedAt))) as ProjectRow[];
  if (rows.length === 0) return [];
  const which = rows.map((r) => r.id);
  const [partners, sectors, sessions, stages] = await Promise.all([
    db.select().from(projectPartners).where(inArray(projectPartners.projectId, which)),
    db.select().from(projectSectors).where(inArray(projectSectors.projectId, which)),
    db.select().from(projectSessions).where(inArray(projectSessions.projectId, which)),
    db
      .select()
      .from(projectStages)
      .where(inArray(projectStages.projectId, which))
      .orderBy(asc(projectStages.at), asc(projectStages.id)),
  ]);
  const group = <T extends { projectId: string }, V>(list: T[], pick: (t: T) => V) => {
    const m = new Map<string, V[]>();
    for (const x of list) m.set(x.projectId, [...(m.get(x.projectId) ?? []), pick(x)]);
    return m;
  };
  const p = group(partners, (x) => x.participantId);
  const s = group(sectors, (x) => x.sectorId);
  const m = group(sessions, (x) => x.sessionId);
  const h = group(stages, (x) => ({ stage: x.stage as ProjectStage, at: x.at }));
  return rows.map((r) => ({
    ...r,
    partners: p.get(r.id) ?? [],
    sectors: (s.get(r.id) ?? []).sort(),
    sessions: m.get(r.id) ?? [],
    stages: h.get(r.id) ?? [],
  }));
}

/** Of some sessions, those that exist, with whether a given person is one of their people. */
export async function sessionsFor(
  db: Db,
  ids: readonly string[],
  participantId: string,
): Promise<{ id: string; title: string; startAt: number; endAt: number; kind: string; mine: boolean }[]> {
  if (ids.length === 0) return [];
  const { sessions, sessionPeople } = db.t;
  const rows = await db
    .select({
      id: sessions.id,
      title: sessions.title,
      startAt: sessions.startAt,
      endAt: sessions.endAt,
      kind: sessions.kind,
    })
    .from(sessions)
    .where(inArray(sessions.id, [...ids]));
  const mine = new Set(
    (
      await db
        .select({ id: sessionPeople.sessionId })
        .from(sessionPeople)
        .where(
          and(inArray(sessionPeople.sessionId, [...ids]), eq(sessionPeople.participantId, participantId)),
        )
    ).map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, mine: mine.has(r.id) }));
}

/**
 * The people someone may name as partners without an organizer: those they share a session with
 * or an accepted meeting request with (either way).
 */
export async function metOrConnected(db: Db, participantId: string): Promise<string[]> {
  const { sessionPeople: a, meetingRequests: r } = db.t;
  const mySessions = (
    await db.select({ id: a.sessionId }).from(a).where(eq(a.participantId, participantId))
  ).map((x) => x.id);
  const others = new Set<string>();
  if (mySessions.length) {
    for (const row of await db
      .select({ id: a.participantId })
      .from(a)
      .where(inArray(a.sessionId, mySessions)))
      others.add(row.id);
  }
  for (const row of await db
    .select({ from: r.fromId, to: r.toId })
    .from(r)
    .where(and(eq(r.status, 'accepted'), eq(r.fromId, participantId))))
    others.add(row.to);
  for (const row of await db
    .select({ from: r.fromId, to: r.toId })
    .from(r)
    .where(and(eq(r.status, 'accepted'), eq(r.toId, participantId))))
    others.add(row.from);
  others.delete(participantId);
  return [...others];
}
