/**
 * A programme filled straight into the tables, deterministic for its size: people in the six
 * cities with two sectors each, Europeans meeting Chinese with their requests, lobby stays for
 * most, answers from some, and projects grown from some meetings. The impact benchmark fills
 * 50,000 meetings; the impact facts test a few hundred.
 */
import type { Db } from '../../src/db/client';

const CITIES = [
  ['Rome', 'IT', 'eu'],
  ['Granada', 'ES', 'eu'],
  ['Nice', 'FR', 'eu'],
  ['Yantai', 'CN', 'cn'],
  ['Kunming', 'CN', 'cn'],
  ['Liuzhou', 'CN', 'cn'],
] as const;
const SECTORS = ['biotechnology', 'biomedicine', 'smart-city', 'wine-viticulture', 'tourism'];
const START = Date.parse('2018-07-01T00:00:00Z');
/** The moment the programme is looked at: its meetings run until two months after. */
export const PROGRAMME_NOW = Date.parse('2020-12-01T00:00:00Z');
const NOW = PROGRAMME_NOW;
const RESULTS = ['not-held', 'no-interest', 'informative', 'cooperation-possible'] as const;
const STAGES = ['no-contact', 'in-talks', 'agreement', 'mou-signed', 'pilot-launched'] as const;

async function inChunks<T>(rows: T[], size: number, put: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await put(rows.slice(i, i + size));
}

/** A deterministic programme: Europeans meet Chinese, most come, some answer. */
export async function fillProgramme(
  db: Db,
  size: { meetings: number; people: number; projects: number },
): Promise<void> {
  const { meetings: MEETINGS, people: PEOPLE, projects: PROJECTS } = size;
  const t = db.t;
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const people = Array.from({ length: PEOPLE }, (_, i) => {
    const [city, country, side] = CITIES[i % CITIES.length]!;
    return {
      id: `p${i}`,
      email: `p${i}@bench.example`,
      name: `Person ${i}`,
      organisation: `Org ${i % 80}`,
      city,
      country,
      side,
      timeZone: side === 'cn' ? 'Asia/Shanghai' : 'Europe/Rome',
      createdAt: START,
      updatedAt: START,
    };
  });
  await db.write(async () => {
    await inChunks(people, 500, (c) => db.insert(t.participants).values(c));
    await inChunks(
      people.flatMap((p, i) => [
        { participantId: p.id, sectorId: SECTORS[i % SECTORS.length]! },
        { participantId: p.id, sectorId: SECTORS[(i + 2) % SECTORS.length]! },
      ]),
      1000,
      (c) => db.insert(t.participantSectors).values(c),
    );
  });
  const eu = people.filter((p) => p.side === 'eu');
  const cn = people.filter((p) => p.side === 'cn');
  const span = NOW + 60 * 86_400_000 - START;
  const busy = new Set<string>();
  for (let from = 0; from < MEETINGS; from += 5000) {
    const requests: (typeof t.meetingRequests.$inferInsert)[] = [];
    const sessions: (typeof t.sessions.$inferInsert)[] = [];
    const sessionPeople: (typeof t.sessionPeople.$inferInsert)[] = [];
    const stays: (typeof t.lobbyAttendance.$inferInsert)[] = [];
    const outcomes: (typeof t.sessionOutcomes.$inferInsert)[] = [];
    for (let i = from; i < Math.min(MEETINGS, from + 5000); i++) {
      const a = eu[Math.floor(rnd() * eu.length)]!;
      const b = cn[Math.floor(rnd() * cn.length)]!;
      // Nobody is in two meetings at once: PostgreSQL refuses overlapping bookings of a person.
      let slot = Math.floor((rnd() * span) / 900_000);
      while ([a.id, b.id].some((p) => busy.has(`${p}:${slot}`) || busy.has(`${p}:${slot + 1}`)))
        slot = Math.floor((rnd() * span) / 900_000);
      for (const p of [a.id, b.id]) busy.add(`${p}:${slot}`).add(`${p}:${slot + 1}`);
      const startAt = START + slot * 900_000;
      const endAt = startAt + 30 * 60_000;
      requests.push({
        id: `r${i}`,
        fromId: a.id,
        toId: b.id,
        status: 'accepted' as const,
        createdAt: startAt - 86_400_000,
        respondedAt: startAt - 3_600_000,
        expiresAt: startAt,
      });
      const cancelled = rnd() < 0.05;
      sessions.push({
        id: `s${i}`,
        kind: 'meeting' as const,
        title: 'Meeting',
        startAt,
        endAt,
        status: cancelled ? ('cancelled' as const) : ('confirmed' as const),
        uid: `s${i}@bench`,
        requestId: `r${i}`,
        createdAt: startAt - 3_600_000,
        updatedAt: startAt - 3_600_000,
      });
      for (const p of [a, b]) {
        sessionPeople.push({
          sessionId: `s${i}`,
          participantId: p.id,
          role: 'host' as const,
          startAt,
          endAt,
          active: !cancelled,
        });
        if (endAt < NOW && rnd() < 0.85)
          stays.push({
            sessionId: `s${i}`,
            participantId: p.id,
            joinedAt: startAt - 60_000,
            admittedAt: startAt - 60_000,
            leftAt: endAt,
          });
        if (endAt < NOW && rnd() < 0.4) {
          const result = RESULTS[Math.floor(rnd() * RESULTS.length)]!;
          const stage = result === 'cooperation-possible' ? STAGES[Math.floor(rnd() * STAGES.length)]! : null;
          outcomes.push({
            sessionId: `s${i}`,
            participantId: p.id,
            result,
            answeredAt: endAt,
            stage,
            stageAnsweredAt: stage ? endAt : null,
          });
        }
      }
    }
    await db.write(async () => {
      await inChunks(requests, 1000, (c) => db.insert(t.meetingRequests).values(c));
      await inChunks(sessions, 1000, (c) => db.insert(t.sessions).values(c));
      await inChunks(sessionPeople, 1000, (c) => db.insert(t.sessionPeople).values(c));
      await inChunks(stays, 1000, (c) => db.insert(t.lobbyAttendance).values(c));
      await inChunks(outcomes, 1000, (c) => db.insert(t.sessionOutcomes).values(c));
    });
  }
  await db.write(async () => {
    const projects = [];
    const partners = [];
    const sectors = [];
    const links = [];
    const stages = [];
    const PROJECT_STAGES = ['idea', 'proposal', 'mou-signed', 'running', 'completed', 'stopped'] as const;
    for (let i = 0; i < PROJECTS; i++) {
      const createdAt = START + Math.floor(rnd() * (NOW - START));
      const stage = PROJECT_STAGES[i % PROJECT_STAGES.length]!;
      projects.push({ id: `j${i}`, title: `Project ${i}`, stage, createdAt, updatedAt: createdAt });
      partners.push({ projectId: `j${i}`, participantId: eu[i % eu.length]!.id });
      partners.push({ projectId: `j${i}`, participantId: cn[i % cn.length]!.id });
      sectors.push({ projectId: `j${i}`, sectorId: SECTORS[i % SECTORS.length]! });
      links.push({ projectId: `j${i}`, sessionId: `s${(i * 97) % MEETINGS}` });
      stages.push({ projectId: `j${i}`, stage: 'idea' as const, at: createdAt });
      if (stage !== 'idea') stages.push({ projectId: `j${i}`, stage, at: createdAt + 86_400_000 });
    }
    await db.insert(t.projects).values(projects);
    await db.insert(t.projectPartners).values(partners);
    await db.insert(t.projectSectors).values(sectors);
    await db.insert(t.projectSessions).values(links);
    await db.insert(t.projectStages).values(stages);
  });
}
