import type Database from 'better-sqlite3';

/** Distinct statements kept compiled; the product's queries are a few hundred shapes. */
const CAPACITY = 1_000;

/**
 * better-sqlite3 compiles SQL on every `prepare()`, and drizzle prepares every query it runs
 * anew: in a profile of a forum's requests and publish, compiling took about as long as running
 * the queries did. Statements are kept by their SQL text (least recently used out first) and
 * reused: placeholders carry the values, so one text is one statement.
 *
 * A statement carries modes between uses: drizzle switches raw mode on to read rows as arrays
 * (`values()`), so each reuse starts in the default mode, rows as objects.
 */
export function cachePreparedStatements(sqlite: Database.Database, capacity = CAPACITY): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const kept = cache.get(source);
    if (kept) {
      cache.delete(source);
      cache.set(source, kept);
      if (kept.reader) kept.raw(false).pluck(false).expand(false);
      return kept;
    }
    const made = prepare(source);
    cache.set(source, made);
    if (cache.size > capacity) cache.delete(cache.keys().next().value!);
    return made;
  }) as typeof sqlite.prepare;
}
