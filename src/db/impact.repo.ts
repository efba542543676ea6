/**
 * The impact report's counting, in SQL on either dialect. The figures of requests, meetings and
 * projects are read from their facts (`impact_facts`, kept by src/db/impact-facts.repo.ts), one
 * statement grouping them three ways at once (UTC day, city pair, sector); only projects by their
 * current stage are counted from the projects themselves. What each figure means is written in
 * src/services/impact.service.ts and the README; this file only says it in SQL.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client';
import type { FIGURE_COLUMNS } from './impact-facts.repo';

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

/** The unit's start in the period. */
function inPeriod(at: SQL, f: ImpactFilter): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (f.from !== undefined) parts.push(sql`${at} >= ${f.from}`);
  if (f.to !== undefined) parts.push(sql`${at} < ${f.to}`);
  return sql.join(parts, sql` AND `);
}

/** A city pair filter over the people of a project (`p`): someone of each city. */
function joinsCities(peopleOf: SQL, f: ImpactFilter): SQL {
  if (!f.cities) return sql`1 = 1`;
  const [a, b] = f.cities;
  return sql`EXISTS (SELECT 1 FROM (${peopleOf}) x1 JOIN participants p1 ON p1.id = x1.pid
      JOIN (${peopleOf}) x2 ON x2.pid <> x1.pid JOIN participants p2 ON p2.id = x2.pid
      WHERE p1.city = ${a} AND p2.city = ${b})`;
}

/**
 * The facts (`x`) of the units the filter keeps: started in the period and, when named, with a
 * row under the city pair (in either order, as the database put the two cities) and under the
 * sector. The units of the pair (or else of the sector) come first, from the index on the group's
 * key; the sector is then checked by the whole key of one row, and each unit's facts are read
 * together by the table's key, rather than testing every fact.
 */
function filteredFacts(f: ImpactFilter): SQL {
  const period = inPeriod(sql`x.at`, f);
  if (!f.cities && !f.sector) return sql`impact_facts x WHERE ${period}`;
  let picked: SQL;
  if (f.cities) {
    const [a, b] = f.cities;
    const ofSector = f.sector
      ? sql`AND EXISTS (SELECT 1 FROM impact_facts s WHERE s.kind = c.kind AND s.unit_id = c.unit_id
          AND s.dim = 'sector' AND s.k1 = ${f.sector} AND s.k2 = '')`
      : sql``;
    // One equality per order (an OR would have the index serve only the dim).
    const ofPair = (k1: string, k2: string) =>
      sql`SELECT c.kind, c.unit_id FROM impact_facts c WHERE c.dim = 'pair' AND c.k1 = ${k1} AND c.k2 = ${k2} ${ofSector}`;
    picked = a === b ? ofPair(a, b) : sql`${ofPair(a, b)} UNION ${ofPair(b, a)}`;
  } else
    picked = sql`SELECT c.kind, c.unit_id FROM impact_facts c WHERE c.dim = 'sector' AND c.k1 = ${f.sector}`;
  return sql`(${picked}) m CROSS JOIN impact_facts x WHERE x.kind = m.kind AND x.unit_id = m.unit_id AND ${period}`;
}

const COLUMNS: [keyof ImpactCounts, (typeof FIGURE_COLUMNS)[number]][] = [
  ['requests', 'requests'],
  ['accepted', 'accepted'],
  ['meetingsBooked', 'booked'],
  ['meetingsHeld', 'held'],
  ['noShows', 'no_show'],
  ['cooperationPossible', 'coop'],
  ['agreements', 'agreements'],
  ['mous', 'mous'],
  ['pilots', 'pilots'],
  ['projects', 'projects'],
];

const key = (r: Record<string, unknown>) => `${r.dim}\u0000${r.k1}\u0000${r.k2}`;

/**
 * Every unit's figures grouped three ways (UTC day, city pair, sector), read from the facts (see
 * src/db/impact-facts.repo.ts, which the caller brings up to date first): without a city or
 * sector filter from their sums by day, otherwise from the facts of the units the filter keeps.
 * A meeting's held and no-show flags say what it counts as once ended; those of meetings still
 * to end are read in a second, small pass through the index on `end_at` and taken back.
 */
export async function factGroups(db: Db, f: ImpactFilter, now: number): Promise<ImpactGroupRow[]> {
  const sums = sql.join(
    COLUMNS.map(([name, col]) => sql`${int(sql`sum(x.${sql.identifier(col)})`)} AS ${sql.identifier(name)}`),
    sql`, `,
  );
  const picksUnits = f.cities !== undefined || f.sector !== undefined;
  const days = {
    from: f.from === undefined ? undefined : Math.floor(f.from / 86_400_000),
    to: f.to === undefined ? undefined : Math.ceil(f.to / 86_400_000),
  };
  const rows = await db.rows<Record<string, string | number>>(
    picksUnits
      ? sql`SELECT x.dim, x.k1, x.k2, ${sums} FROM ${filteredFacts(f)} GROUP BY x.dim, x.k1, x.k2`
      : sql`SELECT x.dim, x.k1, x.k2, ${sums} FROM impact_rollup x WHERE ${inPeriod(sql`x.day`, days)}
          GROUP BY x.dim, x.k1, x.k2`,
  );
  // Materialised, so that the planner reads only the facts of meetings still to end (by the
  // index on end_at) rather than walking every fact in group order to save the grouping's sort.
  const pending = await db.rows<Record<string, string | number>>(
    sql`WITH p AS MATERIALIZED (SELECT x.dim, x.k1, x.k2, x.held, x.no_show FROM ${filteredFacts(f)} AND x.end_at > ${now})
      SELECT p.dim, p.k1, p.k2, ${int(sql`sum(p.held)`)} AS held, ${int(sql`sum(p.no_show)`)} AS no_show
      FROM p GROUP BY p.dim, p.k1, p.k2`,
  );
  const notEnded = new Map(pending.map((r) => [key(r), r]));
  return rows.map((r) => {
    const out: ImpactGroupRow = { dim: r.dim as ImpactGroupRow['dim'], k1: String(r.k1), k2: String(r.k2) };
    for (const [name] of COLUMNS) out[name] = Number(r[name] ?? 0);
    const p = notEnded.get(key(r));
    if (p) {
      out.meetingsHeld = (out.meetingsHeld ?? 0) - Number(p.held);
      out.noShows = (out.noShows ?? 0) - Number(p.no_show);
    }
    return out;
  });
}

/** The projects the filter keeps, for their count by current stage. */
function projectWhere(f: ImpactFilter): SQL {
  const peopleOf = sql`SELECT pp2.participant_id AS pid FROM project_partners pp2 WHERE pp2.project_id = p.id`;
  const sector = f.sector
    ? sql`EXISTS (SELECT 1 FROM project_sectors s2 WHERE s2.project_id = p.id AND s2.sector_id = ${f.sector})`
    : sql`1 = 1`;
  return sql`${inPeriod(sql`p.created_at`, f)} AND ${joinsCities(peopleOf, f)} AND ${sector}`;
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
