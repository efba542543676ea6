/** Sign-in tokens and logins, looked up by hash only. */
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { prepared } from './prepared';
import { logins, participants, signInTokens } from './schema';

export function insertSignInToken(db: Db, row: typeof signInTokens.$inferInsert): void {
  db.insert(signInTokens).values(row).run();
}

/** Marks a token used if it is unused and unexpired; returns its participant, or undefined. */
export function consumeSignInToken(db: Db, tokenHash: string, now: number): string | undefined {
  const row = db
    .update(signInTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(signInTokens.tokenHash, tokenHash),
        isNull(signInTokens.usedAt),
        gt(signInTokens.expiresAt, now),
      ),
    )
    .returning({ participantId: signInTokens.participantId })
    .get();
  return row?.participantId;
}

export function deleteExpiredSignInTokens(db: Db, now: number): void {
  db.delete(signInTokens).where(lt(signInTokens.expiresAt, now)).run();
}

export function insertLogin(db: Db, row: typeof logins.$inferInsert): void {
  db.insert(logins).values(row).run();
}

export function findLogin(
  db: Db,
  idHash: string,
  now: number,
):
  | {
      participantId: string;
      role: 'participant' | 'organizer';
      locale: 'en' | 'zh';
      confirmedAt: number | null;
      expiresAt: number;
    }
  | undefined {
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
      .where(and(eq(logins.idHash, sql.placeholder('idHash')), gt(logins.expiresAt, sql.placeholder('now'))))
      .prepare(),
  ).get({ idHash, now });
}

/** Ends every login of a person (at the first confirmation: whoever registered before is out). */
export function deleteLoginsOf(db: Db, participantId: string): void {
  db.delete(logins).where(eq(logins.participantId, participantId)).run();
}

export function deleteLogin(db: Db, idHash: string): void {
  db.delete(logins).where(eq(logins.idHash, idHash)).run();
}

export function deleteExpiredLogins(db: Db, now: number): void {
  db.delete(logins).where(lt(logins.expiresAt, now)).run();
}
