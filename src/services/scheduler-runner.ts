/**
 * Runs the event scheduler off the main thread, in worker threads, so that lobbies and requests
 * go on while it searches. A run searches in `threadsPerRun` threads at once, each from its own
 * seed (the run's seed, the next one, …), and answers the better schedule (`betterSchedule`): the
 * search's result varies a good deal from seed to seed, so a second core spent this way buys
 * more than twice the time in one thread would. At most `parallel` runs at once (each takes its
 * threads' cores for its whole budget); the others wait their turn. A run whose workers all die,
 * run far past their budget, or are stopped by the app closing answers SCHEDULER_UNAVAILABLE, and
 * the process goes on; one worker of several that dies only loses its seed's schedule.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { DomainError } from '../domain/errors';
import {
  betterSchedule,
  DEFAULT_BUDGET_MS,
  type Instance,
  type Schedule,
  type SchedulerOptions,
} from '../domain/scheduler';
import { startWorker } from './worker-thread';

export interface SchedulerRunnerOptions {
  /** The worker's module; tests put a failing one here. Default: `scheduler.worker`. */
  workerUrl?: URL;
  /**
   * Threads (seeds) per run. By default two when the machine has at least two cores, else one.
   * On two cores a run then takes both for its budget (at most 2 s by default): the server's
   * event loop shares them with the run meanwhile and needs little, and an organizer waits for
   * the result. One keeps a core free of the scheduler.
   */
  threadsPerRun?: number;
  /**
   * Runs at once; by default as many as fit in all cores but one (one at least), which stays for
   * the server.
   */
  parallel?: number;
  /** Memory for one run's heap: a run that needs more is stopped, not the process. */
  maxHeapMb?: number;
  /** Told why a worker failed (the answer to the organizer only says that it did). */
  onError?: (err: unknown) => void;
}

export interface SchedulerRunner {
  run(instance: Instance, options: Omit<SchedulerOptions, 'now'>): Promise<Schedule>;
  /** Stops every run (they answer SCHEDULER_UNAVAILABLE) and refuses new ones. */
  close(): Promise<void>;
  readonly running: number;
}

/** A run is stopped this long after its own time budget should have ended it. */
const OVERRUN_GRACE_MS = 15_000;

export function createSchedulerRunner(opts: SchedulerRunnerOptions = {}): SchedulerRunner {
  const cores = availableParallelism();
  const threads = Math.max(1, opts.threadsPerRun ?? (cores >= 2 ? 2 : 1));
  const parallel = Math.max(1, opts.parallel ?? Math.floor((cores - 1) / threads));
  const resourceLimits = { maxOldGenerationSizeMb: opts.maxHeapMb ?? 1024 };
  const workers = new Set<Worker>();
  const waiting: (() => void)[] = [];
  let places = 0;
  let closed = false;

  const unavailable = (why: string) => new DomainError('SCHEDULER_UNAVAILABLE', why);
  const closing = () => unavailable('The server is shutting down.');

  function spawn(workerData: { instance: Instance; options: Omit<SchedulerOptions, 'now'> }): Worker {
    const url =
      opts.workerUrl ??
      // The `.ts` under tsx (`npm run dev`, vitest), the compiled `.js` beside this module in a
      // production bundle. Keep this shape: the bundler looks for it.
      new URL(
        import.meta.url.endsWith('.ts') ? './scheduler.worker.ts' : './scheduler.worker.js',
        import.meta.url,
      );
    return startWorker(url, { workerData, resourceLimits });
  }

  /** Takes a place, waiting for one if every place is taken; rejects if the runner closes first. */
  async function takePlace(): Promise<void> {
    if (places < parallel) {
      places++;
      return;
    }
    // A finishing run hands its place straight to the first in line.
    await new Promise<void>((resolve) => waiting.push(resolve));
    if (closed) throw closing();
  }

  function releasePlace(): void {
    const first = waiting.shift();
    if (first) first();
    else places--;
  }

  /** One worker, one seed. */
  function startOne(instance: Instance, options: Omit<SchedulerOptions, 'now'>): Promise<Schedule> {
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = spawn({ instance, options });
      } catch (err) {
        opts.onError?.(err);
        reject(unavailable('The scheduler could not be started.'));
        return;
      }
      workers.add(worker);
      let settled = false;
      const settle = (err: Error | null, result?: Schedule) => {
        if (settled) return;
        settled = true;
        clearTimeout(watchdog);
        workers.delete(worker);
        void worker.terminate();
        if (err) reject(err);
        else resolve(result!);
      };
      const watchdog = setTimeout(
        () => settle(unavailable('The scheduler ran far past its time budget and was stopped.')),
        (options.timeBudgetMs ?? DEFAULT_BUDGET_MS) + OVERRUN_GRACE_MS,
      );
      worker.once('message', (result: Schedule) => settle(null, result));
      worker.once('error', (err) => {
        opts.onError?.(err);
        settle(unavailable('The scheduler stopped before it finished.'));
      });
      worker.once('exit', () =>
        settle(closed ? closing() : unavailable('The scheduler stopped before it finished.')),
      );
    });
  }

  /** Every thread of a run, each with its own seed; the better schedule of those that finished. */
  async function start(instance: Instance, options: Omit<SchedulerOptions, 'now'>): Promise<Schedule> {
    const seed = options.seed ?? 1;
    const runs = await Promise.allSettled(
      Array.from({ length: threads }, (_, i) => startOne(instance, { ...options, seed: seed + i })),
    );
    if (closed) throw closing();
    const done = runs.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    if (done.length === 0) throw (runs[0] as PromiseRejectedResult).reason;
    return betterSchedule(done);
  }

  return {
    async run(instance, options) {
      if (closed) throw closing();
      await takePlace();
      try {
        return await start(instance, options);
      } finally {
        releasePlace();
      }
    },
    async close() {
      closed = true;
      for (const resolve of waiting.splice(0)) resolve();
      await Promise.all([...workers].map((w) => w.terminate()));
    },
    get running() {
      return workers.size;
    },
  };
}
