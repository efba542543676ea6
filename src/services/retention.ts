/**
 * The retention job: once a day, chat lines, attendance details and the bodies of sent mails older
 * than RETENTION_DAYS are removed (see src/db/retention.repo.ts for what exactly stays).
 *
 * Every instance runs the timer, but a run happens at most once a day for the whole database: the
 * last run's instant is a setting read and written in the run's own transaction (SQLite's write
 * lock, PostgreSQL's serializable isolation), so of two instances waking together one runs and the
 * other, retried after the conflict, sees today's run and does nothing.
 */
import type { Db } from '../db/client';
import * as repo from '../db/retention.repo';
import { getSetting, putSetting } from '../db/settings.repo';
import { DAY_MS } from '../domain/time';

const LAST_RUN_KEY = 'retention_last_run';
/** How often an instance looks whether a day has passed since the last run. */
export const RETENTION_CHECK_MS = 60 * 60 * 1000;

export interface RetentionReport {
  cutoff: string;
  chatLines: number;
  stays: number;
  mailBodies: number;
}

/** Removes what is older than `days` before `now`, now, whatever the last run. */
export async function removeExpired(db: Db, now: number, days: number): Promise<RetentionReport> {
  const cutoff = now - days * DAY_MS;
  return await db.write(async () => ({
    cutoff: new Date(cutoff).toISOString(),
    chatLines: await repo.deleteChatBefore(db, cutoff),
    stays: await repo.foldStaysBefore(db, cutoff),
    mailBodies: await repo.clearMailBodiesBefore(db, cutoff),
  }));
}

/** Runs when a day has passed since the last run anywhere; null when it was not yet due. */
export async function runIfDue(db: Db, now: number, days: number): Promise<RetentionReport | null> {
  return await db.write(async () => {
    const last = Number((await getSetting(db, LAST_RUN_KEY)) ?? Number.NEGATIVE_INFINITY);
    if (now - last < DAY_MS) return null;
    await putSetting(db, LAST_RUN_KEY, String(now));
    return await removeExpired(db, now, days);
  });
}

export interface RetentionJob {
  /** Looks now whether a run is due (the timer does this every hour); resolves when done. */
  tick(): Promise<RetentionReport | null>;
  /** Stops the timer and waits for a run under way. */
  stop(): Promise<void>;
}

export function startRetentionJob(opts: {
  db: Db;
  clock: () => number;
  days: number;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  checkEveryMs?: number;
}): RetentionJob {
  let running: Promise<RetentionReport | null> = Promise.resolve(null);
  let stopped = false;
  const tick = () => {
    if (stopped) return Promise.resolve(null);
    running = running
      .catch(() => null)
      .then(() => runIfDue(opts.db, opts.clock(), opts.days))
      .then((report) => {
        if (report) opts.log.info({ retention: report, days: opts.days }, 'retention: removed expired data');
        return report;
      })
      .catch((err) => {
        opts.log.error({ err }, 'retention');
        return null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), opts.checkEveryMs ?? RETENTION_CHECK_MS);
  timer.unref();
  // The first look soon after start, not an hour later: a server restarted daily would never run.
  const first = setTimeout(() => void tick(), 5_000);
  first.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      await running.catch(() => null);
    },
  };
}
