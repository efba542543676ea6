/**
 * Runs the event scheduler off the main thread, one worker thread per run, so that lobbies and
 * requests go on while it searches. At most `parallel` runs at once (each takes a core for its
 * whole budget); the others wait their turn. A worker that dies, runs far past its budget, or is
 * stopped by the app closing answers SCHEDULER_UNAVAILABLE, and the process goes on.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { DomainError } from '../domain/errors';
import type { Instance, Schedule, SchedulerOptions } from '../domain/scheduler';
import { startWorker } from './worker-thread';

export interface SchedulerRunnerOptions {
  /** The worker's module; tests put a failing one here. Default: `scheduler.worker`. */
  workerUrl?: URL;
  /** Runs at once; by default all cores but one, which stays for the server. */
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
const DEFAULT_BUDGET_MS = 4_000;

export function createSchedulerRunner(opts: SchedulerRunnerOptions = {}): SchedulerRunner {
  const parallel = Math.max(1, opts.parallel ?? availableParallelism() - 1);
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

  function start(instance: Instance, options: Omit<SchedulerOptions, 'now'>): Promise<Schedule> {
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = spawn({ instance, options });
      } catch (err) {
        releasePlace();
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
        releasePlace();
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

  return {
    async run(instance, options) {
      if (closed) throw closing();
      await takePlace();
      return start(instance, options);
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
