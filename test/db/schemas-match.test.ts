/**
 * The SQLite schema (the source of truth) and its PostgreSQL mirror declare the same tables:
 * the same columns with the same TypeScript types, keys, defaults, foreign keys and indexes.
 * Every difference is listed by table and column.
 */
import { type Column, getTableColumns, getTableName, is, SQL } from 'drizzle-orm';
import { PgDialect, PgTable, getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { SQLiteSyncDialect, SQLiteTable, getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as sqliteSchema from '../../src/db/schema';
import * as pgSchema from '../../src/db/schema.pg';

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** What both dialects can say about a column, in terms that do not depend on the dialect. */
function columnShape(column: Column) {
  return {
    name: column.name,
    /** The TypeScript side: 'string', 'number', 'boolean', 'json'. */
    dataType: column.dataType,
    enumValues: column.enumValues ?? null,
    notNull: column.notNull,
    primary: column.primary,
    unique: column.isUnique,
    hasDefault: column.hasDefault,
    /** A plain default value; a default given as SQL differs between dialects and is not compared. */
    defaultValue: is(column.default, SQL) || column.default === undefined ? null : column.default,
  };
}

type Shape = Record<string, unknown>;

interface TableShape {
  name: string;
  columns: Record<string, Shape>;
  primaryKeys: Record<string, Shape>;
  foreignKeys: Record<string, Shape>;
  indexes: Record<string, Shape>;
  uniqueConstraints: Record<string, Shape>;
  checks: string[];
}

type IndexColumn = { name?: string } | SQL;

function indexColumnName(column: IndexColumn, render: (sql: SQL) => string): string {
  return 'name' in column && typeof column.name === 'string' ? column.name : render(column as SQL);
}

function sqliteShape(table: SQLiteTable): TableShape {
  const config = sqliteTableConfig(table);
  const render = (sql: SQL) => sqliteDialect.sqlToQuery(sql).sql;
  return {
    name: config.name,
    columns: Object.fromEntries(
      Object.entries(getTableColumns(table)).map(([key, c]) => [key, columnShape(c)]),
    ),
    primaryKeys: Object.fromEntries(
      config.primaryKeys.map((pk) => [pk.getName(), { columns: pk.columns.map((c) => c.name) }]),
    ),
    foreignKeys: Object.fromEntries(
      config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return [
          fk.getName(),
          {
            columns: ref.columns.map((c) => c.name),
            foreignTable: getTableName(ref.foreignTable),
            foreignColumns: ref.foreignColumns.map((c) => c.name),
            onDelete: fk.onDelete ?? 'no action',
            onUpdate: fk.onUpdate ?? 'no action',
          },
        ];
      }),
    ),
    indexes: Object.fromEntries(
      config.indexes.map((ix) => [
        ix.config.name,
        {
          unique: ix.config.unique,
          columns: ix.config.columns.map((c) => indexColumnName(c, render)),
          where: ix.config.where ? render(ix.config.where) : null,
        },
      ]),
    ),
    uniqueConstraints: Object.fromEntries(
      config.uniqueConstraints.map((u) => [u.getName(), { columns: u.columns.map((c) => c.name) }]),
    ),
    checks: config.checks.map((c) => c.name).sort(),
  };
}

function pgShape(table: PgTable): TableShape {
  const config = pgTableConfig(table);
  const render = (sql: SQL) => pgDialect.sqlToQuery(sql).sql;
  return {
    name: config.name,
    columns: Object.fromEntries(
      Object.entries(getTableColumns(table)).map(([key, c]) => [key, columnShape(c)]),
    ),
    primaryKeys: Object.fromEntries(
      config.primaryKeys.map((pk) => [pk.getName(), { columns: pk.columns.map((c) => c.name) }]),
    ),
    foreignKeys: Object.fromEntries(
      config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return [
          fk.getName(),
          {
            columns: ref.columns.map((c) => c.name),
            foreignTable: getTableName(ref.foreignTable),
            foreignColumns: ref.foreignColumns.map((c) => c.name),
            onDelete: fk.onDelete ?? 'no action',
            onUpdate: fk.onUpdate ?? 'no action',
          },
        ];
      }),
    ),
    indexes: Object.fromEntries(
      config.indexes.map((ix) => [
        ix.config.name,
        {
          unique: ix.config.unique,
          columns: ix.config.columns.map((c) => indexColumnName(c as IndexColumn, render)),
          where: ix.config.where ? render(ix.config.where) : null,
        },
      ]),
    ),
    uniqueConstraints: Object.fromEntries(
      config.uniqueConstraints.map((u) => [u.getName(), { columns: u.columns.map((c) => c.name) }]),
    ),
    checks: config.checks.map((c) => c.name).sort(),
  };
}

/** Differences between two keyed collections, one line each, named by `where` and the key. */
function compareKeyed(
  where: string,
  what: string,
  sqlite: Record<string, Shape>,
  postgres: Record<string, Shape>,
): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(sqlite), ...Object.keys(postgres)])) {
    const a = sqlite[key];
    const b = postgres[key];
    if (!b) out.push(`${where}: ${what} ${key} is only in the SQLite schema`);
    else if (!a) out.push(`${where}: ${what} ${key} is only in the PostgreSQL schema`);
    else {
      for (const prop of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (JSON.stringify(a[prop]) !== JSON.stringify(b[prop])) {
          out.push(
            `${where}: ${what} ${key} differs in ${prop}: SQLite ${JSON.stringify(a[prop])}, PostgreSQL ${JSON.stringify(b[prop])}`,
          );
        }
      }
    }
  }
  return out;
}

function tableDifferences(sqlite: TableShape, postgres: TableShape): string[] {
  const table = sqlite.name;
  const out: string[] = [];
  if (sqlite.name !== postgres.name) out.push(`${table}: named ${postgres.name} in the PostgreSQL schema`);
  out.push(...compareKeyed(table, 'column', sqlite.columns, postgres.columns));
  out.push(...compareKeyed(table, 'primary key', sqlite.primaryKeys, postgres.primaryKeys));
  out.push(...compareKeyed(table, 'foreign key', sqlite.foreignKeys, postgres.foreignKeys));
  out.push(...compareKeyed(table, 'index', sqlite.indexes, postgres.indexes));
  out.push(...compareKeyed(table, 'unique constraint', sqlite.uniqueConstraints, postgres.uniqueConstraints));
  if (JSON.stringify(sqlite.checks) !== JSON.stringify(postgres.checks)) {
    out.push(
      `${table}: checks differ: SQLite ${sqlite.checks.join(', ')}, PostgreSQL ${postgres.checks.join(', ')}`,
    );
  }
  return out;
}

const sqliteTables = Object.fromEntries(
  Object.entries(sqliteSchema as Record<string, unknown>).filter((entry): entry is [string, SQLiteTable] =>
    is(entry[1], SQLiteTable),
  ),
);
const pgTables = Object.fromEntries(
  Object.entries(pgSchema as Record<string, unknown>).filter((entry): entry is [string, PgTable] =>
    is(entry[1], PgTable),
  ),
);

describe('the SQLite and PostgreSQL schemas', () => {
  it('export the same names', () => {
    expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
  });

  it('declare the same tables', () => {
    const names = (tables: Record<string, SQLiteTable | PgTable>) =>
      Object.entries(tables)
        .map(([key, t]) => `${key} → ${getTableName(t)}`)
        .sort();
    expect(names(pgTables)).toEqual(names(sqliteTables));
    expect(Object.keys(sqliteTables).length).toBeGreaterThan(15);
  });

  it.each(Object.keys(sqliteTables))('declare %s alike', (key) => {
    const sqlite = sqliteTables[key]!;
    const postgres = pgTables[key];
    if (!postgres) throw new Error(`${getTableName(sqlite)}: the table is only in the SQLite schema`);
    expect(tableDifferences(sqliteShape(sqlite), pgShape(postgres))).toEqual([]);
  });

  // Checked by the type checker (npm run typecheck): the rows read and written are the same types,
  // down to the $type<>() of JSON columns and the members of text enums.
  it('give rows of the same TypeScript types', () => {
    type S = typeof sqliteSchema;
    type P = typeof pgSchema;
    expectTypeOf<P['participants']['$inferSelect']>().toEqualTypeOf<S['participants']['$inferSelect']>();
    expectTypeOf<P['participants']['$inferInsert']>().toEqualTypeOf<S['participants']['$inferInsert']>();
    expectTypeOf<P['participantLanguages']['$inferSelect']>().toEqualTypeOf<
      S['participantLanguages']['$inferSelect']
    >();
    expectTypeOf<P['participantLanguages']['$inferInsert']>().toEqualTypeOf<
      S['participantLanguages']['$inferInsert']
    >();
    expectTypeOf<P['participantSectors']['$inferSelect']>().toEqualTypeOf<
      S['participantSectors']['$inferSelect']
    >();
    expectTypeOf<P['participantSectors']['$inferInsert']>().toEqualTypeOf<
      S['participantSectors']['$inferInsert']
    >();
    expectTypeOf<P['participantInterests']['$inferSelect']>().toEqualTypeOf<
      S['participantInterests']['$inferSelect']
    >();
    expectTypeOf<P['participantInterests']['$inferInsert']>().toEqualTypeOf<
      S['participantInterests']['$inferInsert']
    >();
    expectTypeOf<P['workingHours']['$inferSelect']>().toEqualTypeOf<S['workingHours']['$inferSelect']>();
    expectTypeOf<P['workingHours']['$inferInsert']>().toEqualTypeOf<S['workingHours']['$inferInsert']>();
    expectTypeOf<P['signInTokens']['$inferSelect']>().toEqualTypeOf<S['signInTokens']['$inferSelect']>();
    expectTypeOf<P['signInTokens']['$inferInsert']>().toEqualTypeOf<S['signInTokens']['$inferInsert']>();
    expectTypeOf<P['logins']['$inferSelect']>().toEqualTypeOf<S['logins']['$inferSelect']>();
    expectTypeOf<P['logins']['$inferInsert']>().toEqualTypeOf<S['logins']['$inferInsert']>();
    expectTypeOf<P['meetingRequests']['$inferSelect']>().toEqualTypeOf<
      S['meetingRequests']['$inferSelect']
    >();
    expectTypeOf<P['meetingRequests']['$inferInsert']>().toEqualTypeOf<
      S['meetingRequests']['$inferInsert']
    >();
    expectTypeOf<P['hiddenParticipants']['$inferSelect']>().toEqualTypeOf<
      S['hiddenParticipants']['$inferSelect']
    >();
    expectTypeOf<P['hiddenParticipants']['$inferInsert']>().toEqualTypeOf<
      S['hiddenParticipants']['$inferInsert']
    >();
    expectTypeOf<P['sessions']['$inferSelect']>().toEqualTypeOf<S['sessions']['$inferSelect']>();
    expectTypeOf<P['sessions']['$inferInsert']>().toEqualTypeOf<S['sessions']['$inferInsert']>();
    expectTypeOf<P['sessionPeople']['$inferSelect']>().toEqualTypeOf<S['sessionPeople']['$inferSelect']>();
    expectTypeOf<P['sessionPeople']['$inferInsert']>().toEqualTypeOf<S['sessionPeople']['$inferInsert']>();
    expectTypeOf<P['lobbyAttendance']['$inferSelect']>().toEqualTypeOf<
      S['lobbyAttendance']['$inferSelect']
    >();
    expectTypeOf<P['lobbyAttendance']['$inferInsert']>().toEqualTypeOf<
      S['lobbyAttendance']['$inferInsert']
    >();
    expectTypeOf<P['lobbyChat']['$inferSelect']>().toEqualTypeOf<S['lobbyChat']['$inferSelect']>();
    expectTypeOf<P['lobbyChat']['$inferInsert']>().toEqualTypeOf<S['lobbyChat']['$inferInsert']>();
    expectTypeOf<P['outbox']['$inferSelect']>().toEqualTypeOf<S['outbox']['$inferSelect']>();
    expectTypeOf<P['outbox']['$inferInsert']>().toEqualTypeOf<S['outbox']['$inferInsert']>();
    expectTypeOf<P['events']['$inferSelect']>().toEqualTypeOf<S['events']['$inferSelect']>();
    expectTypeOf<P['events']['$inferInsert']>().toEqualTypeOf<S['events']['$inferInsert']>();
    expectTypeOf<P['eventParticipants']['$inferSelect']>().toEqualTypeOf<
      S['eventParticipants']['$inferSelect']
    >();
    expectTypeOf<P['eventParticipants']['$inferInsert']>().toEqualTypeOf<
      S['eventParticipants']['$inferInsert']
    >();
    expectTypeOf<P['eventMeetings']['$inferSelect']>().toEqualTypeOf<S['eventMeetings']['$inferSelect']>();
    expectTypeOf<P['eventMeetings']['$inferInsert']>().toEqualTypeOf<S['eventMeetings']['$inferInsert']>();
    expectTypeOf<P['settings']['$inferSelect']>().toEqualTypeOf<S['settings']['$inferSelect']>();
    expectTypeOf<P['settings']['$inferInsert']>().toEqualTypeOf<S['settings']['$inferInsert']>();
  });

  it('tell a column added to one schema only, by table and column', () => {
    const participants = sqliteShape(sqliteSchema.participants);
    const withExtra = {
      ...participants,
      columns: { ...participants.columns, nickname: { ...participants.columns.name!, name: 'nickname' } },
    };
    expect(tableDifferences(withExtra, pgShape(pgSchema.participants))).toContain(
      'participants: column nickname is only in the SQLite schema',
    );
    expect(tableDifferences(participants, { ...pgShape(pgSchema.participants), columns: {} })).toContain(
      'participants: column email is only in the SQLite schema',
    );
  });
});
