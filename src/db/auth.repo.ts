/** Sign-in tokens and logins, looked up by hash only. */
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { prepared } from './prepared';
import type { signInTokens } from './schema';

export async function insertSignInToken(db: Db, row: typeof signInTokens.$inferInsert): Promise<void> {
  await db.insert(db.t.signInTokens).values(row);
}

/** Marks a token used if it is unused and unexpired; returns its participant, or undefined. */
export async function consumeSignInToken(
  db: Db,
  tokenHash: string,
  now: number,
): Promise<string | undefined> {
  const { signInTokens } = db.t;
  const [row] = await db
    .update(signInTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(signInTokens.tokenHash, tokenHash),
        isNull(signInTokens.usedAt),
        gt(signInTokens.expiresAt, now),
      ),
    )
    .returning({ participantId: signInTokens.participantId });
  return row?.participantId;
}

export async function deleteExpiredSignInTokens(db: Db, now: number): Promise<void> {
  const { signInTokens } = db.t;
  await db.delete(signInTokens).where(lt(signInTokens.expiresAt, now));
}

export async function insertLogin(db: Db, row: typeof db.t.logins.$inferInsert): Promise<void> {
  await db.insert(db.t.logins).values(row);
}

export async function findLogin(
  db: Db,
  idHash: string,
  now: number,
): Promise<
  | {
      participantId: string;
      role: 'participant' | 'organizer';
      locale: 'en' | 'zh';
      confirmedAt: number | null;
      expiresAt: number;
    }
  | undefined
> {
  const { logins, participants } = db.t;
  if (db.dialect === 'sqlite') {
    // Every signed-in request asks this.
    return prepared(db, 'login.find', () =>
      db
        .select({
          participantId: logins.participantId,
          role: participants.role,
          locale: participants.locale,
          confirmedAt: participants.confirmedAt,
          expiresAt: logins.expiresAt,
        })
        .from(logins)
        .innerJoin(participants, eq(participants.id, logins.participantId))
        .where(
          and(eq(logins.idHash, sql.placeholder('idHash')), gt(logins.expiresAt, sql.placeholder('now'))),
        )
        .prepare(),
    ).get({ idHash, now });
  }
  const [row] = await db
    .select({
      participantId: logins.participantId,
      role: participants.role,
      locale: participants.locale,
      confirmedAt: participants.confirmedAt,
      expiresAt: logins.expiresAt,
    })
    .from(logins)
    .innerJoin(participants, eq(participants.id, logins.participantId))
    .where(and(eq(logins.idHash, idHash), gt(logins.expiresAt, now)))
    .limit(1);
  return row;
}

/** Ends every login of a person (at the first confirmation: whoever registered before is out). */
export async function deleteLoginsOf(db: Db, participantId: string): Promise<void> {
  const { logins } = db.t;
  await db.delete(logins).where(eq(logins.participantId, participantId));
}

export async function deleteLogin(db: Db, idHash: string): Promise<void> {
  const { logins } = db.t;
  await db.delete(logins).where(eq(logins.idHash, idHash));
}

export async function deleteExpiredLogins(db: Db, now: number): Promise<void> {
  const { logins } = db.t;
  await db.delete(logins).where(lt(logins.expiresAt, now));
}
