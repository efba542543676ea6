/**
 * The impact report's counting, done in SQL on either dialect. Each kind of unit (a meeting
 * request, a meeting, a project) is counted by one statement that groups it three ways at once
 * (UTC day, city pair, sector): a meeting's flags are worked out once, in a CTE both dialects
 * materialise because it is read three times. What each figure means is written in
 * src/services/impact.service.ts and the README; this file only says it in SQL.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client';

export interface ImpactFilter {
  /** Inclusive start and exclusive end, epoch ms, of the period the units started in. */
  from?: number;
  to?: number;
  /** Two cities (as written on profiles): only units that join someone of each. */
  cities?: [string, string];
  sector?: string;
}

/** One group's figures; a unit kind leaves the figures of the others at zero. */
export interface ImpactCounts {
  requests: number;
  accepted: number;
  meetingsBooked: number;
  meetingsHeld: number;
  noShows: number;
  cooperationPossible: number;
  agreements: number;
  mous: number;
  pilots: number;
  projects: number;
}

export interface ImpactGroupRow extends Partial<ImpactCounts> {
  dim: 'day' | 'pair' | 'sector';
  k1: string;
  k2: string;
}

const int = (e: SQL) => sql`cast(${e} as integer)`;

function dialectWords(db: Db) {
  const pg = db.dialect === 'postgres';
  return {
    /** The UTC day (days since the epoch): cheap to group by; the service folds days into months. */
    day: (ms: SQL) => sql`(${ms} / 86400000)`,
    least: (a: SQL, b: SQL) => (pg ? sql`least(${a}, ${b})` : sql`min(${a}, ${b})`),
    greatest: (a: SQL, b: SQL) => (pg ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`),
    isTrue: (e: SQL) => (pg ? e : sql`${e} = 1`),
  };
}

/** The period a unit's start falls in. */
function inPeriod(at: SQL, f: ImpactFilter): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (f.from !== undefined) parts.push(sql`${at} >= ${f.from}`);
  if (f.to !== undefined) parts.push(sql`${at} < ${f.to}`);
  return sql.join(parts, sql` AND `);
}

/** A city pair filter over a set of people given as `SELECT participant_id …` (aliased `x`). */
function joinsCities(peopleOf: SQL, f: ImpactFilter): SQL {
  if (!f.cities) return sql`1 = 1`;
  const [a, b] = f.cities;
  return sql`EXISTS (SELECT 1 FROM (${peopleOf}) x1 JOIN participants p1 ON p1.id = x1.pid
      JOIN (${peopleOf}) x2 ON x2.pid <> x1.pid JOIN participants p2 ON p2.id = x2.pid
      WHERE p1.city = ${a} AND p2.city = ${b})`;
}

function hasSector(peopleOf: SQL, f: ImpactFilter): SQL {
  if (!f.sector) return sql`1 = 1`;
  return sql`EXISTS (SELECT 1 FROM (${peopleOf}) x JOIN participant_sectors ps ON ps.participant_id = x.pid
      WHERE ps.sector_id = ${f.sector})`;
}

/**
 * Figures of a group: sums of 0/1 flags. Pairs and sectors are made distinct per unit first, so
 * that a unit counts once in each group it belongs to (one DISTINCT per arm, not one per figure).
 */
function figures(cols: Record<string, SQL>): SQL {
  return sql.join(
    Object.entries(cols).map(
      ([name, flag]) => sql`${int(sql`coalesce(sum(${flag}), 0)`)} AS ${sql.identifier(name)}`,
    ),
    sql`, `,
  );
}

/**
 * The three groupings of one kind of unit: `units` yields `id`, `at` and 0/1 flag columns; `pairs`
 * two people (`a`, `b`) of each unit, `sectors` its sectors (`sector_id`); both read `u` (the
 * units) and reach the base tables through their indexes.
 */
async function grouped(
  db: Db,
  units: SQL,
  flags: string[],
  pairs: SQL,
  sectors: SQL,
): Promise<ImpactGroupRow[]> {
  const w = dialectWords(db);
  const cols = (from: string) =>
    Object.fromEntries(flags.map((f) => [f, sql`${sql.identifier(from)}.${sql.identifier(f)}`]));
  const carried = (from: string) =>
    sql.join(
      flags.map((f) => sql`${sql.identifier(from)}.${sql.identifier(f)} AS ${sql.identifier(f)}`),
      sql`, `,
    );
  // A unit's flags ride along with its pairs and sectors (they depend on the unit alone, so the
  // DISTINCT is the same), rather than joining the units back by id: that join had SQLite build
  // a temporary index over the units for each grouping.
  const rows = await db.rows<Record<string, string | number>>(sql`
    WITH u AS MATERIALIZED (${units}),
    pairs AS (
      SELECT DISTINCT x.id AS id, ${w.least(sql`pa.city`, sql`pb.city`)} AS c1, ${w.greatest(sql`pa.city`, sql`pb.city`)} AS c2,
        ${carried('x')}
      FROM (${pairs}) x JOIN participants pa ON pa.id = x.a JOIN participants pb ON pb.id = x.b
    ),
    secs AS (SELECT DISTINCT y.id AS id, y.sector_id AS sector_id, ${carried('y')} FROM (${sectors}) y)
    SELECT 'day' AS dim, cast(${w.day(sql`u.at`)} as text) AS k1, '' AS k2, ${figures(cols('u'))}
      FROM u GROUP BY ${w.day(sql`u.at`)}
    UNION ALL
    SELECT 'pair' AS dim, pairs.c1 AS k1, pairs.c2 AS k2, ${figures(cols('pairs'))}
      FROM pairs GROUP BY pairs.c1, pairs.c2
    UNION ALL
    SELECT 'sector' AS dim, secs.sector_id AS k1, '' AS k2, ${figures(cols('secs'))}
      FROM secs GROUP BY secs.sector_id
  `);
  return rows.map((r) => {
    const out: ImpactGroupRow = { dim: r.dim as ImpactGroupRow['dim'], k1: String(r.k1), k2: String(r.k2) };
    for (const f of flags) (out as unknown as Record<string, number>)[f] = Number(r[f] ?? 0);
    return out;
  });
}

/**
 * A request joins exactly two people, so its groupings need no per-request DISTINCT: its one city
 * pair comes from a plain join, and its sectors by counting the sectors of the sender, those of
 * the recipient, and taking away those they share (a request counts once under each).
 */
export async function requestGroups(db: Db, f: ImpactFilter): Promise<ImpactGroupRow[]> {
  const w = dialectWords(db);
  const accepted = sql`CASE WHEN r.status = 'accepted' THEN 1 ELSE 0 END`;
  const cities = f.cities
    ? sql`r.from_id <> r.to_id AND ((ca.city = ${f.cities[0]} AND cb.city = ${f.cities[1]})
        OR (ca.city = ${f.cities[1]} AND cb.city = ${f.cities[0]}))`
    : sql`1 = 1`;
  const sector = f.sector
    ? sql`EXISTS (SELECT 1 FROM participant_sectors fs WHERE fs.participant_id IN (r.from_id, r.to_id)
        AND fs.sector_id = ${f.sector})`
    : sql`1 = 1`;
  const units = sql`SELECT r.created_at AS at, r.from_id AS a, r.to_id AS b, ca.city AS ca, cb.city AS cb,
      ${accepted} AS accepted
    FROM meeting_requests r JOIN participants ca ON ca.id = r.from_id JOIN participants cb ON cb.id = r.to_id
    WHERE ${inPeriod(sql`r.created_at`, f)} AND ${cities} AND ${sector}`;
  const rows = await db.rows<Record<string, string | number>>(sql`
    WITH u AS MATERIALIZED (${units})
    SELECT 'day' AS dim, cast(${w.day(sql`u.at`)} as text) AS k1, '' AS k2, ${int(sql`count(*)`)} AS requests,
        ${int(sql`sum(u.accepted)`)} AS accepted
      FROM u GROUP BY ${w.day(sql`u.at`)}
    UNION ALL
    SELECT 'pair', ${w.least(sql`u.ca`, sql`u.cb`)}, ${w.greatest(sql`u.ca`, sql`u.cb`)},
        ${int(sql`count(*)`)}, ${int(sql`sum(u.accepted)`)}
      FROM u GROUP BY ${w.least(sql`u.ca`, sql`u.cb`)}, ${w.greatest(sql`u.ca`, sql`u.cb`)}
    UNION ALL
    SELECT 'sector', ps.sector_id, '', ${int(sql`count(*)`)}, ${int(sql`sum(u.accepted)`)}
      FROM u CROSS JOIN participant_sectors ps WHERE ps.participant_id = u.a GROUP BY ps.sector_id
    UNION ALL
    SELECT 'sector', ps.sector_id, '', ${int(sql`count(*)`)}, ${int(sql`sum(u.accepted)`)}
      FROM u CROSS JOIN participant_sectors ps WHERE ps.participant_id = u.b GROUP BY ps.sector_id
    UNION ALL
    SELECT 'sector', pa.sector_id, '', ${int(sql`-count(*)`)}, ${int(sql`-sum(u.accepted)`)}
      FROM u CROSS JOIN participant_sectors pa CROSS JOIN participant_sectors pb
      WHERE pa.participant_id = u.a AND pb.participant_id = u.b AND pb.sector_id = pa.sector_id
      GROUP BY pa.sector_id
  `);
  // CROSS JOIN keeps SQLite's join order (units first, then each person's sectors by key): left
  // to choose, it started from the sectors and paired every two people sharing one. PostgreSQL
  // plans it as an inner join. The three sector arms add up in the service, which sums rows of the same group.
  return rows.map((r) => ({
    dim: r.dim as ImpactGroupRow['dim'],
    k1: String(r.k1),
    k2: String(r.k2),
    requests: Number(r.requests ?? 0),
    accepted: Number(r.accepted ?? 0),
  }));
}

/** How far a follow-up answer went: agreement 1, MoU 2, pilot 3. */
const FOLLOW_UP_STEP = sql`CASE o.stage WHEN 'agreement' THEN 1 WHEN 'mou-signed' THEN 2 WHEN 'pilot-launched' THEN 3 ELSE 0 END`;

export async function meetingGroups(db: Db, f: ImpactFilter, now: number): Promise<ImpactGroupRow[]> {
  const w = dialectWords(db);
  const peopleOf = (id: SQL) =>
    sql`SELECT sp2.participant_id AS pid FROM session_people sp2 WHERE sp2.session_id = ${id}`;
  // Absent: an active person without a lobby stay that overlaps the meeting's [start, end) (a stay
  // still open counts to now). One pass over the meeting's people, each joined to their
  // overlapping stays (none: absent), rather than a NOT EXISTS nested in a NOT EXISTS per meeting.
  const someoneAbsent = sql`SELECT sp.session_id AS session_id,
        max(CASE WHEN ${w.isTrue(sql`sp.active`)} AND la.id IS NULL THEN 1 ELSE 0 END) AS absent
      FROM sessions s2 JOIN session_people sp ON sp.session_id = s2.id
      LEFT JOIN lobby_attendance la ON la.session_id = sp.session_id AND la.participant_id = sp.participant_id
        AND la.joined_at < s2.end_at AND coalesce(la.left_at, ${now}) > s2.start_at
      WHERE s2.kind = 'meeting' AND s2.status = 'confirmed' AND s2.end_at <= ${now}
      GROUP BY sp.session_id`;
  // Each meeting's answers, gathered in one pass over them rather than looked up meeting by meeting.
  const answers = sql`SELECT o.session_id AS session_id,
        max(CASE WHEN o.result IS NOT NULL AND o.result <> 'not-held' THEN 1 ELSE 0 END) AS said_held,
        max(CASE WHEN o.result = 'cooperation-possible' THEN 1 ELSE 0 END) AS coop,
        max(${FOLLOW_UP_STEP}) AS step
      FROM session_outcomes o GROUP BY o.session_id`;
  const units = sql`SELECT b.id, b.at, 1 AS "meetingsBooked", b.held AS "meetingsHeld",
        CASE WHEN b.ended = 1 AND b.held = 0 THEN 1 ELSE 0 END AS "noShows",
        b.coop AS "cooperationPossible",
        CASE WHEN b.step >= 1 AND b.linked = 0 THEN 1 ELSE 0 END AS agreements,
        CASE WHEN b.step >= 2 AND b.linked = 0 THEN 1 ELSE 0 END AS mous,
        CASE WHEN b.step >= 3 AND b.linked = 0 THEN 1 ELSE 0 END AS pilots
    FROM (
      SELECT s.id AS id, s.start_at AS at,
        CASE WHEN s.end_at <= ${now} THEN 1 ELSE 0 END AS ended,
        CASE WHEN s.end_at <= ${now} AND (coalesce(o.said_held, 0) = 1 OR coalesce(a.absent, 0) = 0) THEN 1 ELSE 0 END AS held,
        coalesce(o.coop, 0) AS coop,
        coalesce(o.step, 0) AS step,
        CASE WHEN l.session_id IS NULL THEN 0 ELSE 1 END AS linked
      FROM sessions s
      LEFT JOIN (${answers}) o ON o.session_id = s.id
      LEFT JOIN (${someoneAbsent}) a ON a.session_id = s.id
      LEFT JOIN (SELECT DISTINCT session_id FROM project_sessions) l ON l.session_id = s.id
      WHERE s.kind = 'meeting' AND s.status = 'confirmed' AND ${inPeriod(sql`s.start_at`, f)}
        AND ${joinsCities(peopleOf(sql`s.id`), f)} AND ${hasSector(peopleOf(sql`s.id`), f)}
    ) b`;
  // CROSS JOIN keeps SQLite's order: the meetings first, then their people by key.
  const pairs = sql`SELECT u.*, a.participant_id AS a, b.participant_id AS b FROM u
      CROSS JOIN session_people a CROSS JOIN session_people b
      WHERE a.session_id = u.id AND b.session_id = u.id AND a.participant_id < b.participant_id`;
  const sectors = sql`SELECT u.*, ps.sector_id AS sector_id FROM u
      CROSS JOIN session_people sp CROSS JOIN participant_sectors ps
      WHERE sp.session_id = u.id AND ps.participant_id = sp.participant_id`;
  return grouped(
    db,
    units,
    ['meetingsBooked', 'meetingsHeld', 'noShows', 'cooperationPossible', 'agreements', 'mous', 'pilots'],
    pairs,
    sectors,
  );
}

/** How far a project's history went: an MoU 2 (also its agreement), running or completed 3. */
const PROJECT_STEP = sql`CASE h.stage WHEN 'mou-signed' THEN 2 WHEN 'running' THEN 3 WHEN 'completed' THEN 3 ELSE 0 END`;

function projectWhere(f: ImpactFilter): SQL {
  const peopleOf = sql`SELECT pp2.participant_id AS pid FROM project_partners pp2 WHERE pp2.project_id = p.id`;
  const sector = f.sector
    ? sql`EXISTS (SELECT 1 FROM project_sectors s2 WHERE s2.project_id = p.id AND s2.sector_id = ${f.sector})`
    : sql`1 = 1`;
  return sql`${inPeriod(sql`p.created_at`, f)} AND ${joinsCities(peopleOf, f)} AND ${sector}`;
}

export async function projectGroups(db: Db, f: ImpactFilter): Promise<ImpactGroupRow[]> {
  const units = sql`SELECT b.id, b.at, 1 AS projects,
        CASE WHEN b.step >= 2 THEN 1 ELSE 0 END AS agreements,
        CASE WHEN b.step >= 2 THEN 1 ELSE 0 END AS mous,
        CASE WHEN b.step >= 3 THEN 1 ELSE 0 END AS pilots
    FROM (
      SELECT p.id AS id, p.created_at AS at,
        coalesce((SELECT max(${PROJECT_STEP}) FROM project_stages h WHERE h.project_id = p.id), 0) AS step
      FROM projects p WHERE ${projectWhere(f)}
    ) b`;
  const pairs = sql`SELECT u.*, a.participant_id AS a, b.participant_id AS b FROM u
      JOIN project_partners a ON a.project_id = u.id
      JOIN project_partners b ON b.project_id = u.id AND a.participant_id < b.participant_id`;
  const sectors = sql`SELECT u.*, s.sector_id AS sector_id FROM u JOIN project_sectors s ON s.project_id = u.id`;
  return grouped(db, units, ['projects', 'agreements', 'mous', 'pilots'], pairs, sectors);
}

/** Projects by the stage they are in now. */
export async function projectsByStage(db: Db, f: ImpactFilter): Promise<{ stage: string; n: number }[]> {
  const rows = await db.rows<{ stage: string; n: number | string }>(
    sql`SELECT p.stage AS stage, ${int(sql`count(*)`)} AS n FROM projects p WHERE ${projectWhere(f)} GROUP BY p.stage`,
  );
  return rows.map((r) => ({ stage: r.stage, n: Number(r.n) }));
}

/** The yardstick the benchmark compares the report with: a bare count over the same tables. */
export async function bareCounts(db: Db): Promise<number> {
  const [row] = await db.rows<{ n: number | string }>(
    sql`SELECT ${int(sql`(SELECT count(*) FROM sessions)
      + (SELECT count(*) FROM meeting_requests) + (SELECT count(*) FROM session_people)
      + (SELECT count(*) FROM lobby_attendance) + (SELECT count(*) FROM session_outcomes)
      + (SELECT count(*) FROM projects)`)} AS n`,
  );
  return Number(row?.n ?? 0);
}
