/**
 * Keeps the impact report's facts (table `impact_facts`, described in src/db/schema.ts) up to
 * date. Triggers note in `impact_stale` every unit a change may touch: a request, a meeting (its
 * session, people, lobby stays, answers, project links), a project (its stages, partners,
 * sectors), and every unit of a person whose city or sectors change. `refreshImpactFacts` works
 * those units out again from the base tables, a batch per transaction, and writes their rows.
 *
 * What each flag means is written in src/services/impact.service.ts; this file says it in SQL,
 * the same on SQLite and PostgreSQL.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client';

/**
 * Notes taken in per transaction: short enough that bookings never wait long behind one (on
 * SQLite, whose driver is synchronous, nothing else runs meanwhile: a batch takes tens of ms).
 */
const BATCH = 500;
/** From this many notes on, every unit is worked out again at once rather than batch by batch. */
const REBUILD_AT = 20_000;

type Kind = 'r' | 'm' | 'p';

function words(db: Db) {
  const pg = db.dialect === 'postgres';
  return {
    least: (a: SQL, b: SQL) => (pg ? sql`least(${a}, ${b})` : sql`min(${a}, ${b})`),
    greatest: (a: SQL, b: SQL) => (pg ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`),
    isTrue: (e: SQL) => (pg ? e : sql`${e} = 1`),
    /** The UTC day (days since the epoch), as the text key of the day grouping. */
    day: (ms: SQL) => sql`cast(${ms} / 86400000 as text)`,
  };
}

const flag = (cond: SQL) => sql`CASE WHEN ${cond} THEN 1 ELSE 0 END`;
const list = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** Some units by id, or every unit (a rebuild). */
type Units = string[] | 'all';
const among = (column: SQL, ids: Units) => (ids === 'all' ? sql`1 = 1` : sql`${column} IN (${list(ids)})`);

/** How far a follow-up answer went: agreement 1, MoU 2, pilot 3. */
const FOLLOW_UP_STEP = sql`CASE o.stage WHEN 'agreement' THEN 1 WHEN 'mou-signed' THEN 2 WHEN 'pilot-launched' THEN 3 ELSE 0 END`;
/** How far a project's history went: an MoU 2 (also its agreement), running or completed 3. */
const PROJECT_STEP = sql`CASE h.stage WHEN 'mou-signed' THEN 2 WHEN 'running' THEN 3 WHEN 'completed' THEN 3 ELSE 0 END`;

/**
 * Writes the rows of one kind of unit: `units` yields `unit_id`, `at`, `end_at` and the figure
 * columns named in `figures`; `keys(carried)` yields (dim, k1, k2) and the `carried` unit columns
 * from `u` (the units), made distinct here so that a unit counts once in each group it belongs
 * to. The unit's columns ride along with its keys (they depend on the unit alone, so the DISTINCT
 * is the same) rather than being joined back by id, which no index would serve.
 */
async function insertFacts(
  db: Db,
  kind: Kind,
  units: SQL,
  keys: (carried: SQL) => SQL,
  figures: string[],
): Promise<void> {
  const names = ['unit_id', 'at', 'end_at', ...figures];
  const carried = sql.join(
    names.map((f) => sql`u.${sql.identifier(f)} AS ${sql.identifier(f)}`),
    sql`, `,
  );
  const cols = sql.join(
    names.map((f) => sql.identifier(f)),
    sql`, `,
  );
  const vals = sql.join(
    names.map((f) => sql`k.${sql.identifier(f)}`),
    sql`, `,
  );
  await db.rows(sql`
    WITH u AS (${units}), k AS (${keys(carried)})
    INSERT INTO impact_facts (dim, k1, k2, kind, ${cols})
    SELECT k.dim, k.k1, k.k2, cast(${kind} as text), ${vals} FROM k`);
}

/**
 * A booked meeting (a confirmed session of kind meeting; cancelled ones count nowhere). Absent:
 * an active person without a lobby stay that overlaps [start, end); a stay still open overlaps
 * whatever came after it joined, which is what it does by the time the meeting has ended.
 */
async function meetingFacts(db: Db, ids: Units): Promise<void> {
  const w = words(db);
  const someoneAbsent = sql`EXISTS (SELECT 1 FROM session_people sp WHERE sp.session_id = s.id
      AND ${w.isTrue(sql`sp.active`)} AND NOT EXISTS (SELECT 1 FROM lobby_attendance la
        WHERE la.session_id = s.id AND la.participant_id = sp.participant_id
          AND la.joined_at < s.end_at AND (la.left_at IS NULL OR la.left_at > s.start_at)))`;
  const saidHeld = sql`EXISTS (SELECT 1 FROM session_outcomes o WHERE o.session_id = s.id
      AND o.result IS NOT NULL AND o.result <> 'not-held')`;
  const units = sql`SELECT b.unit_id, b.at, b.end_at, 1 AS booked,
        ${flag(sql`b.said_held = 1 OR b.absent = 0`)} AS held,
        ${flag(sql`b.said_held = 0 AND b.absent = 1`)} AS no_show, b.coop,
        ${flag(sql`b.step >= 1 AND b.linked = 0`)} AS agreements,
        ${flag(sql`b.step >= 2 AND b.linked = 0`)} AS mous,
        ${flag(sql`b.step >= 3 AND b.linked = 0`)} AS pilots
      FROM (SELECT s.id AS unit_id, s.start_at AS at, s.end_at AS end_at,
          ${flag(someoneAbsent)} AS absent, ${flag(saidHeld)} AS said_held,
          ${flag(sql`EXISTS (SELECT 1 FROM session_outcomes o WHERE o.session_id = s.id AND o.result = 'cooperation-possible')`)} AS coop,
          coalesce((SELECT max(${FOLLOW_UP_STEP}) FROM session_outcomes o WHERE o.session_id = s.id), 0) AS step,
          ${flag(sql`EXISTS (SELECT 1 FROM project_sessions l WHERE l.session_id = s.id)`)} AS linked
        FROM sessions s
        WHERE ${among(sql`s.id`, ids)} AND s.kind = 'meeting' AND s.status = 'confirmed') b`;
  const keys = (
    carried: SQL,
  ) => sql`SELECT 'day' AS dim, ${w.day(sql`u.at`)} AS k1, '' AS k2, ${carried} FROM u
    UNION SELECT 'pair', ${w.least(sql`pa.city`, sql`pb.city`)}, ${w.greatest(sql`pa.city`, sql`pb.city`)}, ${carried}
      FROM u JOIN session_people a ON a.session_id = u.unit_id
      JOIN session_people b ON b.session_id = u.unit_id AND a.participant_id < b.participant_id
      JOIN participants pa ON pa.id = a.participant_id JOIN participants pb ON pb.id = b.participant_id
    UNION SELECT 'sector', ps.sector_id, '', ${carried}
      FROM u JOIN session_people sp ON sp.session_id = u.unit_id
      JOIN participant_sectors ps ON ps.participant_id = sp.participant_id`;
  await insertFacts(db, 'm', units, keys, [
    'booked',
    'held',
    'no_show',
    'coop',
    'agreements',
    'mous',
    'pilots',
  ]);
}

/** A meeting request (any status), under the cities and sectors of its two people. */
async function requestFacts(db: Db, ids: Units): Promise<void> {
  const w = words(db);
  const units = sql`SELECT r.id AS unit_id, r.created_at AS at, 0 AS end_at, 1 AS requests,
      ${flag(sql`r.status = 'accepted'`)} AS accepted, r.from_id, r.to_id
    FROM meeting_requests r WHERE ${among(sql`r.id`, ids)}`;
  const keys = (
    carried: SQL,
  ) => sql`SELECT 'day' AS dim, ${w.day(sql`u.at`)} AS k1, '' AS k2, ${carried} FROM u
    UNION SELECT 'pair', ${w.least(sql`ca.city`, sql`cb.city`)}, ${w.greatest(sql`ca.city`, sql`cb.city`)}, ${carried}
      FROM u JOIN participants ca ON ca.id = u.from_id JOIN participants cb ON cb.id = u.to_id
    UNION SELECT 'sector', ps.sector_id, '', ${carried}
      FROM u JOIN participant_sectors ps ON ps.participant_id IN (u.from_id, u.to_id)`;
  await insertFacts(db, 'r', units, keys, ['requests', 'accepted']);
}

/** A project, by the furthest stage its history reached, under its partners' cities and its sectors. */
async function projectFacts(db: Db, ids: Units): Promise<void> {
  const w = words(db);
  const units = sql`SELECT b.unit_id, b.at, 0 AS end_at, 1 AS projects,
        ${flag(sql`b.step >= 2`)} AS agreements, ${flag(sql`b.step >= 2`)} AS mous,
        ${flag(sql`b.step >= 3`)} AS pilots
      FROM (SELECT p.id AS unit_id, p.created_at AS at,
          coalesce((SELECT max(${PROJECT_STEP}) FROM project_stages h WHERE h.project_id = p.id), 0) AS step
        FROM projects p WHERE ${among(sql`p.id`, ids)}) b`;
  const keys = (
    carried: SQL,
  ) => sql`SELECT 'day' AS dim, ${w.day(sql`u.at`)} AS k1, '' AS k2, ${carried} FROM u
    UNION SELECT 'pair', ${w.least(sql`pa.city`, sql`pb.city`)}, ${w.greatest(sql`pa.city`, sql`pb.city`)}, ${carried}
      FROM u JOIN project_partners a ON a.project_id = u.unit_id
      JOIN project_partners b ON b.project_id = u.unit_id AND a.participant_id < b.participant_id
      JOIN participants pa ON pa.id = a.participant_id JOIN participants pb ON pb.id = b.participant_id
    UNION SELECT 'sector', s.sector_id, '', ${carried} FROM u JOIN project_sectors s ON s.project_id = u.unit_id`;
  await insertFacts(db, 'p', units, keys, ['projects', 'agreements', 'mous', 'pilots']);
}

const WORK_OUT: Record<Kind, (db: Db, ids: Units) => Promise<void>> = {
  r: requestFacts,
  m: meetingFacts,
  p: projectFacts,
};

/** The figure columns of the facts and of their sums. */
export const FIGURE_COLUMNS = [
  'requests',
  'accepted',
  'booked',
  'held',
  'no_show',
  'coop',
  'agreements',
  'mous',
  'pilots',
  'projects',
] as const;

const allZero = sql.join(
  FIGURE_COLUMNS.map((c) => sql`${sql.identifier(c)} = 0`),
  sql` AND `,
);

/** Adds the units' current facts to the sums by group and day (`sign` -1 takes them away). */
async function addToRollup(db: Db, kind: Kind | 'all', ids: Units, sign: 1 | -1): Promise<void> {
  const day = sql`x.at / 86400000`;
  const sums = sql.join(
    FIGURE_COLUMNS.map((c) => sql`${sign} * sum(x.${sql.identifier(c)})`),
    sql`, `,
  );
  const cols = sql.join(
    FIGURE_COLUMNS.map((c) => sql.identifier(c)),
    sql`, `,
  );
  const add = sql.join(
    FIGURE_COLUMNS.map(
      (c) => sql`${sql.identifier(c)} = impact_rollup.${sql.identifier(c)} + excluded.${sql.identifier(c)}`,
    ),
    sql`, `,
  );
  // The WHERE also keeps SQLite from reading ON CONFLICT as a join's ON.
  await db.rows(sql`INSERT INTO impact_rollup (dim, k1, k2, day, ${cols})
    SELECT x.dim, x.k1, x.k2, ${day}, ${sums} FROM impact_facts x
    WHERE ${kind === 'all' ? sql`1 = 1` : sql`x.kind = ${kind} AND ${among(sql`x.unit_id`, ids)}`} GROUP BY x.dim, x.k1, x.k2, ${day}
    ON CONFLICT (dim, k1, k2, day) DO UPDATE SET ${add}`);
}

/** True when some unit's facts may be out of date. */
export async function hasStaleFacts(db: Db): Promise<boolean> {
  const rows = await db.rows(sql`SELECT 1 AS one FROM impact_stale LIMIT 1`);
  return rows.length > 0;
}

export interface RefreshOptions {
  /** Work every unit out again, whatever was noted (tests compare the kept facts with this). */
  rebuild?: boolean;
  /**
   * Nothing else runs yet (a store being opened): a large backlog may be rebuilt at once. On
   * SQLite, whose driver is synchronous, a running server works even a large backlog off in
   * batches, so that no lobby waits the seconds a rebuild takes; PostgreSQL runs it aside.
   */
  atStart?: boolean;
}

/**
 * Brings the facts of every noted unit up to date; returns how many notes it took in. Several
 * instances may call it at once: on PostgreSQL one at a time, behind a transaction-scoped
 * advisory lock, since two writing the same unit's rows would collide on its key.
 */
export async function refreshImpactFacts(db: Db, options: RefreshOptions = {}): Promise<number> {
  if (options.rebuild)
    return await db.write(
      async () => {
        await lockFacts(db);
        return await rebuild(db);
      },
      { isolation: 'read committed' },
    );
  // A read first: with nothing noted, no write transaction (and no lock) is taken at all.
  if (!(await hasStaleFacts(db))) return 0;
  const mayRebuild = options.atStart === true || db.dialect === 'postgres';
  let taken = 0;
  for (;;) {
    const n = await db.write(
      async () => {
        await lockFacts(db);
        if (mayRebuild) {
          const [backlog] = await db.rows<{ n: number | string }>(
            sql`SELECT count(*) AS n FROM (SELECT 1 FROM impact_stale LIMIT ${REBUILD_AT}) b`,
          );
          if (Number(backlog?.n ?? 0) >= REBUILD_AT) return await rebuild(db);
        }
        const claimed = await db.rows<{ kind: Kind; unit_id: string }>(sql`
          DELETE FROM impact_stale WHERE id IN (SELECT id FROM impact_stale ORDER BY id LIMIT ${BATCH})
          RETURNING kind, unit_id`);
        const byKind = new Map<Kind, Set<string>>();
        for (const c of claimed) {
          const ids = byKind.get(c.kind) ?? new Set<string>();
          ids.add(c.unit_id);
          byKind.set(c.kind, ids);
        }
        for (const [kind, set] of byKind) {
          const ids = [...set];
          await addToRollup(db, kind, ids, -1);
          await db.rows(sql`DELETE FROM impact_facts WHERE kind = ${kind} AND unit_id IN (${list(ids)})`);
          await WORK_OUT[kind](db, ids);
          await addToRollup(db, kind, ids, 1);
        }
        if (claimed.length) await db.rows(sql`DELETE FROM impact_rollup WHERE ${allZero}`);
        return claimed.length;
      },
      // Row locks and the advisory lock are all this needs; SERIALIZABLE would have it conflict
      // with every booking that notes a unit meanwhile.
      { isolation: 'read committed' },
    );
    if (n === 0) return taken;
    taken += n;
    // Let lobbies and requests in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** On PostgreSQL, one refresh at a time across instances, until its transaction ends. */
async function lockFacts(db: Db): Promise<void> {
  if (db.dialect === 'postgres') await db.rows(sql`SELECT pg_advisory_xact_lock(hashtext('impact_facts'))`);
}

/**
 * Works every unit out again, in a few statements over whole tables: after a migration, an
 * import or a big event's bookings, far quicker than unit by unit. Notes written while it runs
 * (on PostgreSQL, by transactions it does not see) stay for the next refresh.
 */
async function rebuild(db: Db): Promise<number> {
  const claimed = await db.rows<{ id: number }>(sql`DELETE FROM impact_stale RETURNING id`);
  await db.rows(sql`DELETE FROM impact_facts`);
  await db.rows(sql`DELETE FROM impact_rollup`);
  for (const kind of ['r', 'm', 'p'] as const) await WORK_OUT[kind](db, 'all');
  await addToRollup(db, 'all', 'all', 1);
  return claimed.length;
}
