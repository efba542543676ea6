/**
 * The background job around meetings' times: reminders before them, the question at their end,
 * the follow-up months later; and, after each pass, the impact report's facts brought up to date. Started with the server (like the outbox worker) and stopped on
 * shutdown; it reads the injected clock, so tests move time and call `runOnce`.
 *
 * Each pass looks at the stretch since the previous one, overlapping it by a minute so that a
 * booking committed while a pass ran is not missed; what the overlap finds again is not sent again
 * (reminders: the outbox's unique Message-ID; questions: `askedAt`). The first pass after a start
 * looks back as far as the longest reminder, so a restart catches up with what fell due while no
 * instance ran (the nearest reminder only, and none after a session's start).
 */
import type { OutcomesService } from './outcomes.service';
import type { RemindersService } from './reminders.service';

const OVERLAP_MS = 60_000;

export interface AfterMeetingJobOptions {
  reminders: RemindersService;
  outcomes: OutcomesService;
  clock: () => number;
  pollMs: number;
  /** How far back the first pass looks. */
  lookBackMs: number;
  /**
   * Brings the impact report's facts up to date after each pass (src/db/impact-facts.repo.ts):
   * the answers and lobby stays of the day are then already worked out when an organizer opens
   * the report, and a large backlog (after an upgrade or an import) is worked off in the
   * background rather than in an organizer's request.
   */
  refreshImpactFacts?: () => Promise<unknown>;
  log: { error(obj: object, msg: string): void };
}

export class AfterMeetingJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private lastPass: number | null = null;

  constructor(private readonly o: AfterMeetingJobOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Finishes the pass under way, starts no other. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass now (tests, after moving the clock); waits for one already running first. */
  async runOnce(): Promise<{ reminders: number; questions: number; followUps: number }> {
    await this.running;
    let counts = { reminders: 0, questions: 0, followUps: 0 };
    const run = this.pass().then((c) => {
      counts = c;
    });
    this.running = run;
    try {
      await run;
    } finally {
      this.running = null;
    }
    return counts;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.pass()
        .then(() => undefined)
        // The database may be away for a while: the next pass covers the stretch this one missed.
        .catch((err: unknown) => this.o.log.error({ err }, 'after-meeting job'))
        .finally(() => {
          this.running = null;
          this.schedule(this.o.pollMs);
        });
    }, ms);
    this.timer.unref?.();
  }

  private async pass() {
    const now = this.o.clock();
    const from = this.lastPass === null ? now - this.o.lookBackMs : Math.min(this.lastPass, now) - OVERLAP_MS;
    const reminders = await this.o.reminders.pass(from, now);
    const questions = await this.o.outcomes.questionPass(from, now);
    const followUps = await this.o.outcomes.followUpPass(now);
    // Only a pass that finished moves the mark: a failed one is covered by the next.
    this.lastPass = now;
    if (this.o.refreshImpactFacts)
      await this.o.refreshImpactFacts().catch((err: unknown) => this.o.log.error({ err }, 'impact facts'));
    return { reminders: reminders.queued, questions, followUps };
  }
}
