import { eq } from 'drizzle-orm';
import type { Db } from './client';

/** Reads a server-wide value, creating it the first time it is asked for. */
export async function getOrCreateSetting(db: Db, key: string, make: () => string): Promise<string> {
  const { settings } = db.t;
  const found = await getSetting(db, key);
  if (found !== undefined) return found;
  // Two instances may both arrive here: the first insert wins and both read what it wrote.
  await db.insert(settings).values({ key, value: make() }).onConflictDoNothing();
  return (await getSetting(db, key))!;
}

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const { settings } = db.t;
  const [row] = await db.select().from(settings).where(eq(settings.key, key)).limit(1);
  return row?.value;
}

export async function putSetting(db: Db, key: string, value: string): Promise<void> {
  const { settings } = db.t;
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } });
}
