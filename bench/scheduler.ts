/**
 * The event scheduler on the twenty real B2B forum instances, against the optimum an exact
 * method proved for each (Bofill et al., JAIR 2022): meetings placed and breaks, with time. Run as
 * the server runs it: through the scheduler runner, in as many threads (seeds) as it uses here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import highsLoader from 'highs';
import {
  checkSchedule,
  countBreaks,
  lowerBoundOnBreaks,
  schedule,
  validateInstance,
} from '../src/domain/scheduler';
import { createSchedulerRunner } from '../src/services/scheduler-runner';
import { type EventShape, eventInstance, toLp } from './event-instance';
import type { Row } from './run';

// The instances and their proven optima live in the repository (bench/forums/README.md names the source).
const DIR = path.resolve(import.meta.dirname, 'forums');

/** `SCHEDULER_BUDGET_MS=2000 npm run bench scheduler`: the time each run may take (default: the scheduler's). */
const BUDGET_MS = process.env.SCHEDULER_BUDGET_MS ? Number(process.env.SCHEDULER_BUDGET_MS) : undefined;
/**
 * `SCHEDULER_ITERATIONS=200000`: a fixed number of steps instead (cooling by steps), the same
 * result on any machine however busy: for comparing two versions of the scheduler fairly.
 */
const ITERATIONS = process.env.SCHEDULER_ITERATIONS ? Number(process.env.SCHEDULER_ITERATIONS) : undefined;
/** `SCHEDULER_THREADS=1`: one seed per run instead of the runner's default. */
const THREADS = process.env.SCHEDULER_THREADS ? Number(process.env.SCHEDULER_THREADS) : undefined;

export async function benchScheduler(): Promise<Row[]> {
  const index = JSON.parse(readFileSync(path.join(DIR, 'index.json'), 'utf8')) as {
    instance: string;
    meetings: number;
    optimalBreaks: number;
  }[];
  const rows: Row[] = [];
  let placed = 0;
  let total = 0;
  let breaks = 0;
  let optimal = 0;
  let atOptimum = 0;
  let ms = 0;
  let bounds = 0;
  let exactBounds = 0;
  let boundMs = 0;
  let slowest = 0;
  // Budget or steps plus a margin: a fixed step count may take longer than the default budget.
  const runner = createSchedulerRunner({ threadsPerRun: THREADS });
  const budget = ITERATIONS ? 600_000 : BUDGET_MS;
  for (const item of index) {
    const instance = validateInstance(
      JSON.parse(readFileSync(path.join(DIR, `${item.instance}.json`), 'utf8')),
    );
    const tb = performance.now();
    const bound = lowerBoundOnBreaks(instance);
    boundMs = Math.max(boundMs, performance.now() - tb);
    if (bound > item.optimalBreaks) throw new Error(`${item.instance}: bound ${bound} above the optimum`);
    bounds += bound;
    if (bound === item.optimalBreaks) exactBounds++;
    const result = await runner.run(instance, { seed: 1, timeBudgetMs: budget, iterations: ITERATIONS });
    // The scheduler's own clock: the search, not the thread's start.
    const took = result.stats.ms;
    slowest = Math.max(slowest, took);
    const problems = checkSchedule(instance, result);
    if (problems.length) throw new Error(`${item.instance}: ${problems[0]}`);
    const b = countBreaks(instance, result.assignments);
    placed += result.stats.scheduled;
    total += item.meetings;
    breaks += b;
    optimal += item.optimalBreaks;
    if (result.stats.scheduled === item.meetings && b <= item.optimalBreaks) atOptimum++;
    ms += took;
    rows.push({
      benchmark: `scheduler ${item.instance}`,
      figure: `${result.stats.scheduled}/${item.meetings} placed, ${b} breaks, ${Math.round(took)} ms`,
      baseline: `proven optimum: all placed, ${item.optimalBreaks} breaks`,
      ratio: `${b - item.optimalBreaks >= 0 ? '+' : ''}${b - item.optimalBreaks}`,
      note: `lower bound ${bound} (gap ${b - bound}); breaks per person ${result.stats.minBreaks}–${result.stats.maxBreaks}`,
    });
  }
  await runner.close();
  rows.push({
    benchmark: `scheduler, all 20 instances (${ITERATIONS ? `${ITERATIONS} steps` : `${BUDGET_MS ?? 2000} ms budget`})`,
    figure: `${placed}/${total} placed, ${breaks} breaks, ${(ms / 1000).toFixed(1)} s, slowest ${slowest} ms`,
    baseline: `proven optima: ${total}/${total}, ${optimal} breaks`,
    ratio: `${atOptimum}/20 at optimum`,
    note: `ratio column per instance: breaks above the optimum; lower bounds sum to ${bounds}, exact on ${exactBounds}/20, each in ≤ ${Math.round(boundMs)} ms`,
  });
  return rows;
}

/** Seconds the exact integer model may take per event before the bench falls back to its relaxation. */
const EXACT_LIMIT_S = 120;

const EVENTS: EventShape[] = [
  {
    participants: 60,
    meetings: 300,
    days: 2,
    windowsPerDay: 2,
    slotsPerWindow: 6,
    parallelLimit: 12,
    seed: 1,
  },
  {
    participants: 150,
    meetings: 800,
    days: 3,
    windowsPerDay: 2,
    slotsPerWindow: 6,
    parallelLimit: 25,
    seed: 2,
  },
  {
    participants: 300,
    meetings: 1500,
    days: 3,
    windowsPerDay: 2,
    slotsPerWindow: 6,
    parallelLimit: 40,
    seed: 3,
  },
  {
    participants: 1000,
    meetings: 5000,
    days: 3,
    windowsPerDay: 2,
    slotsPerWindow: 6,
    parallelLimit: 120,
    seed: 4,
  },
];

/**
 * Generated events shaped like the programme's (more requests than anyone can meet), against the
 * optimal weight an exact integer-programming solver (HiGHS) proves for each in the same run.
 */
export async function benchEvents(): Promise<Row[]> {
  const highs = await highsLoader();
  const rows: Row[] = [];
  for (const shape of EVENTS) {
    const instance = eventInstance(shape);
    const t0 = performance.now();
    const result = schedule(instance, { seed: 1, timeBudgetMs: BUDGET_MS });
    const ours = performance.now() - t0;
    const problems = checkSchedule(instance, result);
    if (problems.length) throw new Error(`event ${shape.participants}: ${problems[0]}`);
    const t1 = performance.now();
    let exact = highs.solve(toLp(instance), { time_limit: EXACT_LIMIT_S });
    let label = 'optimum';
    if (exact.Status !== 'Optimal') {
      // Out of time: the linear relaxation's optimum still bounds the best weight from above, so
      // the ratio against it understates ours.
      exact = highs.solve(toLp(instance, true));
      label = `LP bound (integer model: ${EXACT_LIMIT_S} s not enough)`;
    }
    const ilp = performance.now() - t1;
    const optimum = exact.ObjectiveValue;
    rows.push({
      benchmark: `event ${shape.participants} people, ${shape.meetings} requests, ${instance.slots.length} slots`,
      // Its own clock (the budget it keeps), then the wall time around the call on this machine.
      figure: `weight ${result.stats.weight}, ${result.stats.scheduled} placed, ${result.stats.breaks} breaks, ${result.stats.ms} ms (${(ours / 1000).toFixed(2)} s wall)`,
      baseline: `HiGHS ${label} ${optimum}, ${(ilp / 1000).toFixed(2)} s`,
      ratio: `${((100 * result.stats.weight) / optimum).toFixed(2)} %`,
      note: `breaks per person ${result.stats.minBreaks}–${result.stats.maxBreaks}; ${result.unscheduled.length} unplaced`,
    });
  }
  return rows;
}
