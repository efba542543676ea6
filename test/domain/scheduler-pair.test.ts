/**
 * A run searches from several seeds at once, each in its own worker thread, and answers the better
 * schedule: chosen by the schedules alone, checked by the independent checker, and the same for an
 * input, a seed and a step count.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  betterSchedule,
  checkSchedule,
  countBreaks,
  type Schedule,
  schedule,
  validateInstance,
} from '../../src/domain/scheduler';
import { createSchedulerRunner, type SchedulerRunner } from '../../src/services/scheduler-runner';

const FORUM = path.resolve(import.meta.dirname, '../../bench/forums/forum-13crafc.json');

const result = (weight: number, breaks: number, minBreaks: number, maxBreaks: number): Schedule => ({
  assignments: [],
  unscheduled: [],
  reasons: {},
  stats: { scheduled: 0, weight, breaks, minBreaks, maxBreaks, ms: 0 },
});

describe('the better of several schedules', () => {
  it('places more weight first, then has fewer breaks, then spreads them more evenly', () => {
    const light = result(9, 0, 0, 0);
    const heavy = result(10, 5, 0, 2);
    const heavyFewer = result(10, 4, 0, 3);
    const heavyFewerEven = result(10, 4, 1, 1);
    expect(betterSchedule([light, heavy])).toBe(heavy);
    expect(betterSchedule([heavy, heavyFewer])).toBe(heavyFewer);
    expect(betterSchedule([heavyFewer, heavyFewerEven])).toBe(heavyFewerEven);
  });

  it('keeps the first of equals, so the choice never depends on which thread finished first', () => {
    const a = result(10, 4, 0, 1);
    const b = result(10, 4, 0, 1);
    expect(betterSchedule([a, b])).toBe(a);
    expect(betterSchedule([b, a])).toBe(b);
    expect(() => betterSchedule([])).toThrow();
  });
});

describe('a run in two threads', () => {
  let runner: SchedulerRunner | undefined;
  afterEach(async () => {
    await runner?.close();
    runner = undefined;
  });

  it('answers the better of the two seeds, valid by the checker, the same on every run', async () => {
    const instance = validateInstance(JSON.parse(readFileSync(FORUM, 'utf8')));
    runner = createSchedulerRunner({ threadsPerRun: 2 });
    const options = { seed: 5, iterations: 20_000, timeBudgetMs: 60_000 };
    const [pair, again] = [await runner.run(instance, options), await runner.run(instance, options)];
    expect(checkSchedule(instance, pair)).toEqual([]);
    expect(pair.stats.breaks).toBe(countBreaks(instance, pair.assignments));
    expect(again.assignments).toEqual(pair.assignments);
    // Each thread is the scheduler with its own seed: the pair is the better of those two.
    const first = schedule(instance, { ...options, seed: 5 });
    const second = schedule(instance, { ...options, seed: 6 });
    expect(pair.assignments).toEqual(betterSchedule([first, second]).assignments);
    expect(pair.stats.breaks).toBe(Math.min(first.stats.breaks, second.stats.breaks));
  });
});
