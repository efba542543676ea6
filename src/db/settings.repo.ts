import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { settings } from './schema';

/** Reads a server-wide value, creating it the first time it is asked for. */
export function getOrCreateSetting(db: Db, key: string, make: () => string): string {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  if (row) return row.value;
  db.insert(settings).values({ key, value: make() }).onConflictDoNothing().run();
  return db.select().from(settings).where(eq(settings.key, key)).get()!.value;
}

export function getSetting(db: Db, key: string): string | undefined {
  return db.select().from(settings).where(eq(settings.key, key)).get()?.value;
}

export function putSetting(db: Db, key: string, value: string): void {
  db.insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run();
}
