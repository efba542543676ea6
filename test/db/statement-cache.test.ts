/**
 * Compiled statements kept by their SQL and reused (src/db/statement-cache.ts), on a real SQLite
 * database through drizzle as the product runs it: a statement is compiled once, a reuse reads
 * rows as objects even after drizzle read the same SQL as arrays, the least recently used goes
 * out past the capacity, and what each query answers is the same as without the cache.
 */
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { eq } from 'drizzle-orm/sql';
import { int, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import { cachePreparedStatements } from '../../src/db/statement-cache';

const people = sqliteTable('people', { id: int('id').primaryKey(), name: text('name').notNull() });

let open: Database.Database[] = [];
afterEach(() => {
  for (const s of open) s.close();
  open = [];
});

function database(capacity?: number) {
  const sqlite = new Database(':memory:');
  open.push(sqlite);
  sqlite.exec('CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  let compiled = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    compiled++;
    return prepare(source);
  }) as typeof sqlite.prepare;
  cachePreparedStatements(sqlite, capacity);
  return { db: drizzle(sqlite), compiled: () => compiled };
}

describe('prepared statements kept by their SQL', () => {
  it('compiles a query once however often it runs, with other values each time', () => {
    const { db, compiled } = database();
    for (let i = 1; i <= 50; i++)
      db.insert(people)
        .values({ id: i, name: `p${i}` })
        .run();
    expect(compiled()).toBe(1);
    for (let i = 1; i <= 50; i++) {
      expect(db.select().from(people).where(eq(people.id, i)).get()).toEqual({ id: i, name: `p${i}` });
    }
    expect(compiled()).toBe(2);
  });

  it('reads rows as objects after drizzle read the same SQL as arrays', () => {
    const { db } = database();
    db.insert(people).values({ id: 1, name: 'Li Na' }).run();
    const query = sql`SELECT id, name FROM people`;
    expect(db.values(query)).toEqual([[1, 'Li Na']]);
    expect(db.all(query)).toEqual([{ id: 1, name: 'Li Na' }]);
    expect(db.get(query)).toEqual({ id: 1, name: 'Li Na' });
    expect(db.values(query)).toEqual([[1, 'Li Na']]);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const { db, compiled } = database(3);
    const count = (n: number) => db.get(sql.raw(`SELECT ${n} AS n FROM people LIMIT 1`));
    for (const n of [1, 2, 3]) count(n);
    expect(compiled()).toBe(3);
    count(1); // used again: 2 is now the least recent
    count(4); // over capacity: 2 goes
    expect(compiled()).toBe(4);
    count(1);
    count(3);
    expect(compiled()).toBe(4);
    count(2);
    expect(compiled()).toBe(5);
  });

  it('answers a writing statement again after a failed run of it', () => {
    const { db } = database();
    db.insert(people).values({ id: 1, name: 'a' }).run();
    expect(() => db.insert(people).values({ id: 1, name: 'b' }).run()).toThrow(/UNIQUE/);
    db.insert(people).values({ id: 2, name: 'b' }).run();
    expect(db.select().from(people).all()).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
  });
});
