/**
 * The PostgreSQL migrations: they apply to an empty database, several instances starting at once
 * apply them once, and the database itself refuses a person's overlapping confirmed sessions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../src/db/client';
import {
  migratePostgres,
  openPostgres,
  PG_MIGRATIONS_FOLDER,
  type PostgresDatabase,
} from '../../src/db/postgres';
import * as pgSchema from '../../src/db/schema.pg';
import { createPgTestDatabase, PG_ADMIN_URL, type PgTestDatabase, pgAvailable } from '../helpers/postgres';

const available = await pgAvailable();
if (!available)
  console.log(`PostgreSQL tests skipped: no server answers at ${PG_ADMIN_URL} (set TEST_DATABASE_URL)`);

const journal = JSON.parse(
  fs.readFileSync(path.join(PG_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
) as {
  entries: { tag: string }[];
};

const at = (hh: number, mm: number) => Date.UTC(2026, 5, 1, hh, mm);

async function sqlState(run: Promise<unknown>): Promise<string | undefined> {
  try {
    await run;
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe.skipIf(!available)('PostgreSQL migrations', () => {
  it('apply to an empty database, once, when three instances start at the same moment', async () => {
    const fresh = await createPgTestDatabase({ migrated: false });
    const instances: PostgresDatabase[] = [];
    try {
      for (let i = 0; i < 3; i++) instances.push(await openPostgres(fresh.url, { max: 2 }));
      await Promise.all(instances.map((instance) => migratePostgres(instance.db)));
      const pool = instances[0]!.pool;
      const applied = await pool.query(
        'SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id',
      );
      expect(applied.rowCount).toBe(journal.entries.length);
      expect(new Set(applied.rows.map((r) => r.hash)).size).toBe(journal.entries.length);
      const tables = await pool.query(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
      );
      // Every table the schema declares, and nothing else.
      expect(tables.rows[0].n).toBe(Object.values(pgSchema).filter((v) => is(v, PgTable)).length);
      const constraint = await pool.query(
        "SELECT contype FROM pg_constraint WHERE conname = 'session_people_no_overlap'",
      );
      expect(constraint.rows).toEqual([{ contype: 'x' }]);
      // Starting again finds nothing to do.
      await migratePostgres(instances[1]!.db);
      const again = await pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      expect(again.rows[0].n).toBe(journal.entries.length);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await fresh.drop();
    }
  });

  describe('on a migrated database', () => {
    let database: PgTestDatabase;
    let opened: PostgresDatabase;
    let pool: pg.Pool;

    beforeAll(async () => {
      database = await createPgTestDatabase();
      opened = await openPostgres(database.url, { max: 2 });
      pool = opened.pool;
      for (const id of ['ana', 'bo', 'chen']) {
        await pool.query(
          `INSERT INTO participants (id, email, name, organisation, city, country, side, time_zone, created_at, updated_at)
           VALUES ($1, $2, $1, 'City Hall', 'Yantai', 'CN', 'cn', 'Asia/Shanghai', $3, $3)`,
          [id, `${id}@example.org`, at(8, 0)],
        );
      }
    });

    afterAll(async () => {
      await opened?.close();
      await database?.drop();
    });

    let sessions = 0;
    async function session(start: number, end: number): Promise<string> {
      sessions += 1;
      const id = `s${sessions}`;
      await pool.query(
        `INSERT INTO sessions (id, kind, title, start_at, end_at, status, uid, created_at, updated_at)
         VALUES ($1, 'meeting', 'Port logistics', $2, $3, 'confirmed', $1 || '@twinning', $2, $2)`,
        [id, start, end],
      );
      return id;
    }

    function attend(sessionId: string, participantId: string, start: number, end: number, active = true) {
      return pool.query(
        `INSERT INTO session_people (session_id, participant_id, role, start_at, end_at, active)
         VALUES ($1, $2, 'attendee', $3, $4, $5)`,
        [sessionId, participantId, start, end, active],
      );
    }

    it('refuse two overlapping confirmed sessions of one person (23P01)', async () => {
      const first = await session(at(9, 0), at(10, 0));
      const second = await session(at(9, 30), at(10, 30));
      await attend(first, 'ana', at(9, 0), at(10, 0));
      expect(await sqlState(attend(second, 'ana', at(9, 30), at(10, 30)))).toBe('23P01');
      // Also when a cancelled overlap is confirmed again.
      await attend(second, 'ana', at(9, 30), at(10, 30), false);
      expect(
        await sqlState(
          pool.query(
            "UPDATE session_people SET active = true WHERE session_id = $1 AND participant_id = 'ana'",
            [second],
          ),
        ),
      ).toBe('23P01');
    });

    it('allow back-to-back sessions, inactive overlaps and other people’s overlaps', async () => {
      const early = await session(at(13, 0), at(13, 30));
      const late = await session(at(13, 30), at(14, 0));
      await attend(early, 'bo', at(13, 0), at(13, 30));
      await attend(late, 'bo', at(13, 30), at(14, 0));

      const cancelled = await session(at(13, 15), at(13, 45));
      await attend(cancelled, 'bo', at(13, 15), at(13, 45), false);
      await attend(cancelled, 'chen', at(13, 15), at(13, 45));

      const busy = await pool.query(
        "SELECT count(*)::int AS n FROM session_people WHERE participant_id = 'bo' AND active",
      );
      expect(busy.rows[0].n).toBe(2);
    });

    it('read instants, flags and JSON back as the SQLite schema types them', async () => {
      const { db } = opened;
      const [row] = await db.select().from(pgSchema.participants).where(eq(pgSchema.participants.id, 'chen'));
      expect(row!.createdAt).toBe(at(8, 0));
      expect(row!.version).toBe(1);
      expect(row!.confirmedAt).toBeNull();

      await db.insert(pgSchema.events).values({
        id: 'e1',
        name: 'Yantai–Rotterdam ports',
        timeZone: 'Europe/Amsterdam',
        days: ['2026-06-01', '2026-06-02'],
        windows: [{ start: '09:00', end: '12:00' }],
        slotMinutes: 30,
        breakMinutes: 5,
        joinPolicy: 'open',
        createdAt: at(8, 0),
        updatedAt: at(8, 0),
      });
      const [event] = await db.select().from(pgSchema.events).where(eq(pgSchema.events.id, 'e1'));
      expect(event!.days).toEqual(['2026-06-01', '2026-06-02']);
      expect(event!.windows).toEqual([{ start: '09:00', end: '12:00' }]);

      const [person] = await db
        .select({ active: pgSchema.sessionPeople.active, startAt: pgSchema.sessionPeople.startAt })
        .from(pgSchema.sessionPeople)
        .where(eq(pgSchema.sessionPeople.participantId, 'chen'));
      expect(person).toEqual({ active: true, startAt: at(13, 15) });

      const [stay] = await db
        .insert(pgSchema.lobbyAttendance)
        .values({ sessionId: 's1', participantId: 'ana', joinedAt: at(9, 0) })
        .returning({ id: pgSchema.lobbyAttendance.id });
      expect(typeof stay!.id).toBe('number');
    });

    it('keep at most one pending request from one person to another', async () => {
      const request = (id: string, status: string) =>
        pool.query(
          `INSERT INTO meeting_requests (id, from_id, to_id, status, created_at, expires_at)
           VALUES ($1, 'ana', 'bo', $2, $3, $3)`,
          [id, status, at(8, 0)],
        );
      await request('r1', 'pending');
      expect(await sqlState(request('r2', 'pending'))).toBe('23505');
      await request('r3', 'declined');
    });
  });
});

describe.skipIf(!available)('openPostgres', () => {
  it('stops with a DatabaseOpenError, without the password, when the database is not there', async () => {
    const url = new URL(PG_ADMIN_URL);
    url.password = 'secret';
    url.pathname = '/twinning_no_such_database';
    const error = await openPostgres(url.toString()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toMatch(/twinning_no_such_database/);
    expect((error as Error).message).not.toMatch(/secret/);
  });
});

describe('openPostgres without a server', () => {
  it('stops with a DatabaseOpenError when nothing listens or the URL is not one', async () => {
    const refused = await openPostgres('postgres://postgres@127.0.0.1:1/postgres').catch(
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(DatabaseOpenError);
    expect((refused as Error).message).toMatch(/ECONNREFUSED/);
    const garbled = await openPostgres('not a url').catch((err: unknown) => err);
    expect(garbled).toBeInstanceOf(DatabaseOpenError);
    expect((garbled as Error).message).toMatch(/postgres:\/\/ URL/);
  });
});
