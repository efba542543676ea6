/**
 * The impact report's facts stay true as the programme changes: after each kind of change the
 * report makes (a cancellation, a reschedule, a lobby stay, an answer, a project's stage, partner
 * or meeting, a person's new city or sector, an erased request), the figures the refresh keeps
 * by noting changed units equal those of working every unit out again from the base tables. A
 * table whose changes no trigger notes shows here as a difference. On SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImpactFilter } from '../../src/db/impact.repo';
import { factGroups } from '../../src/db/impact.repo';
import { refreshImpactFacts } from '../../src/db/impact-facts.repo';
import { openStore } from '../../src/db/open';
import { fillProgramme, PROGRAMME_NOW as NOW } from '../helpers/impact-programme';
import { createTestStore, TEST_ON_POSTGRES, type TestStore } from '../helpers/store';

const DAY = 86_400_000;
const FILTERS: ImpactFilter[] = [
  {},
  { cities: ['Yantai', 'Rome'] },
  { sector: 'biotechnology' },
  {
    cities: ['Granada', 'Kunming'],
    sector: 'smart-city',
    from: Date.UTC(2019, 0, 1),
    to: Date.UTC(2020, 6, 1),
  },
];

let store: TestStore;

/** Every filter's groups, sorted, so that two reports compare as plain data. */
async function report(now = NOW) {
  const out = [];
  for (const f of FILTERS) {
    const rows = await factGroups(store.db, f, now);
    rows.sort((a, b) => `${a.dim}|${a.k1}|${a.k2}`.localeCompare(`${b.dim}|${b.k1}|${b.k2}`));
    out.push(rows);
  }
  return out;
}

/** What the notes kept, then what a rebuild from the base tables says: they must agree. */
async function expectFactsTrue(now = NOW) {
  await refreshImpactFacts(store.db);
  const kept = await report(now);
  await refreshImpactFacts(store.db, { rebuild: true });
  expect(kept).toEqual(await report(now));
  return kept;
}

const exec = (q: ReturnType<typeof sql>) => store.db.write(() => store.rows(q));

describe(`impact facts (${TEST_ON_POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  beforeAll(async () => {
    store = await createTestStore();
    await fillProgramme(store.db, { meetings: 300, people: 36, projects: 24 });
  });
  afterAll(async () => store?.close());

  it('fill from the notes the triggers wrote, and add up to what the tables say', async () => {
    const [stale] = await store.rows<{ n: number | string }>(sql`SELECT count(*) AS n FROM impact_stale`);
    expect(Number(stale?.n)).toBeGreaterThan(300);
    const [all] = await expectFactsTrue();
    const day = all!.filter((r) => r.dim === 'day');
    const sum = (k: 'requests' | 'meetingsBooked' | 'projects') => day.reduce((n, r) => n + (r[k] ?? 0), 0);
    expect(sum('requests')).toBe(300);
    const [booked] = await store.rows<{ n: number | string }>(
      sql`SELECT count(*) AS n FROM sessions WHERE kind = 'meeting' AND status = 'confirmed'`,
    );
    expect(sum('meetingsBooked')).toBe(Number(booked?.n));
    expect(sum('projects')).toBe(24);
  });

  it('follow each kind of change, whichever table it is written in', async () => {
    const before = await report();
    const changes: [string, ReturnType<typeof sql>][] = [
      ['a cancellation', sql`UPDATE sessions SET status = 'cancelled' WHERE id IN ('s1', 's2')`],
      [
        'a reschedule',
        sql`UPDATE sessions SET start_at = start_at + ${40 * DAY}, end_at = end_at + ${40 * DAY} WHERE id = 's3'`,
      ],
      [
        'a person in no meeting any more',
        sql`UPDATE session_people SET active = ${TEST_ON_POSTGRES ? sql`false` : sql`0`} WHERE session_id = 's4'`,
      ],
      [
        'a lobby stay that makes a meeting held',
        sql`INSERT INTO lobby_attendance (session_id, participant_id, joined_at, admitted_at, left_at)
        SELECT sp.session_id, sp.participant_id, s.start_at, s.start_at, s.end_at FROM session_people sp JOIN sessions s ON s.id = sp.session_id
        WHERE s.end_at < ${NOW} AND s.id IN ('s5', 's6', 's7', 's8', 's9')`,
      ],
      [
        'stays taken away',
        sql`DELETE FROM lobby_attendance WHERE session_id IN ('s10', 's11', 's12', 's13')`,
      ],
      [
        'answers',
        sql`INSERT INTO session_outcomes (session_id, participant_id, result, answered_at, stage, stage_answered_at)
        SELECT sp.session_id, sp.participant_id, 'cooperation-possible', s.end_at, 'pilot-launched', s.end_at
        FROM session_people sp JOIN sessions s ON s.id = sp.session_id
        WHERE s.id IN ('s14', 's15', 's16') AND NOT EXISTS (SELECT 1 FROM session_outcomes o
          WHERE o.session_id = sp.session_id AND o.participant_id = sp.participant_id)`,
      ],
      [
        'an answer changed',
        sql`UPDATE session_outcomes SET result = 'not-held', stage = NULL WHERE session_id IN ('s17', 's18', 's19', 's20', 's21')`,
      ],
      [
        'a meeting linked to a project',
        sql`INSERT INTO project_sessions (project_id, session_id) VALUES ('j1', 's14')`,
      ],
      [
        'a project further on',
        sql`INSERT INTO project_stages (project_id, stage, at) VALUES ('j0', 'running', ${NOW - DAY})`,
      ],
      [
        'a partner leaves a project',
        sql`DELETE FROM project_partners WHERE project_id = 'j2' AND participant_id IN (SELECT participant_id FROM project_partners WHERE project_id = 'j2' LIMIT 1)`,
      ],
      ['a project sector', sql`INSERT INTO project_sectors (project_id, sector_id) VALUES ('j3', 'tourism')`],
      ['a person moves city', sql`UPDATE participants SET city = 'Granada' WHERE id = 'p0'`],
      ['a person drops a sector', sql`DELETE FROM participant_sectors WHERE participant_id = 'p3'`],
      [
        'a person adds a sector',
        sql`INSERT INTO participant_sectors (participant_id, sector_id) VALUES ('p4', 'smart-city')`,
      ],
      ['a request declined', sql`UPDATE meeting_requests SET status = 'declined' WHERE id IN ('r30', 'r31')`],
      ['a meeting deleted with everything about it', sql`DELETE FROM sessions WHERE id = 's40'`],
      ['a project deleted', sql`DELETE FROM projects WHERE id = 'j5'`],
    ];
    for (const [what, change] of changes) {
      await exec(change);
      await expectFactsTrue().catch((err: unknown) => {
        throw new Error(`after ${what}: ${String(err)}`);
      });
    }
    expect(await report()).not.toEqual(before);
  });

  it('count a meeting held or not only once it has ended, from the same facts', async () => {
    const [m] = await store.rows<{ start_at: number | string; end_at: number | string }>(
      sql`SELECT start_at, end_at FROM sessions WHERE kind = 'meeting' AND status = 'confirmed' AND end_at < ${NOW} ORDER BY end_at DESC LIMIT 1`,
    );
    const [ended] = await expectFactsTrue();
    const [notYet] = await expectFactsTrue(Number(m!.end_at) - 1);
    const total = (rows: typeof ended, k: 'meetingsHeld' | 'noShows') =>
      rows!.filter((r) => r.dim === 'day').reduce((n, r) => n + (r[k] ?? 0), 0);
    expect(total(notYet, 'meetingsHeld') + total(notYet, 'noShows')).toBe(
      total(ended, 'meetingsHeld') + total(ended, 'noShows') - 1,
    );
  });

  it.skipIf(TEST_ON_POSTGRES)('are worked out at start on SQLite, before the server listens', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'twinning-impact-'));
    const config = { databasePath: path.join(dir, 'twinning.db'), postgresUrl: null };
    try {
      const first = await openStore(config);
      await fillProgramme(first.db, { meetings: 40, people: 12, projects: 3 });
      const [noted] = await first.db.rows<{ n: number }>(sql`SELECT count(*) AS n FROM impact_stale`);
      expect(Number(noted?.n)).toBeGreaterThan(40);
      await first.close();
      const again = await openStore(config);
      const [left] = await again.db.rows<{ n: number }>(sql`SELECT count(*) AS n FROM impact_stale`);
      const [facts] = await again.db.rows<{ n: number }>(
        sql`SELECT count(*) AS n FROM impact_facts WHERE kind = 'r'`,
      );
      await again.close();
      expect(Number(left?.n)).toBe(0);
      expect(Number(facts?.n)).toBeGreaterThanOrEqual(40 * 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(TEST_ON_POSTGRES)('let several instances refresh at once, one after another', async () => {
    await exec(sql`UPDATE session_outcomes SET stage = 'agreement' WHERE result = 'cooperation-possible'`);
    await exec(sql`UPDATE participants SET city = 'Nice' WHERE id IN ('p1', 'p7')`);
    await Promise.all([
      refreshImpactFacts(store.db),
      refreshImpactFacts(store.db),
      refreshImpactFacts(store.db),
    ]);
    const kept = await report();
    await refreshImpactFacts(store.db, { rebuild: true });
    expect(kept).toEqual(await report());
  });
});
