/**
 * The event scheduler: place requested meetings into slots so that nobody is in two meetings at
 * once, nobody is placed in a slot they cannot make, no meeting leaves its allowed slots and no
 * slot holds more than the parallel limit; first as much weight as possible, then as few breaks
 * (idle gaps between two meetings of one person) as possible, spread fairly.
 *
 * 1. Construction (`scheduling/construct.ts`): hardest meetings first, each where it adds the
 *    fewest breaks; a meeting with no free slot gets in through an ejection chain or by
 *    displacing lighter meetings.
 * 2. Improvement (`scheduling/improve.ts`): simulated annealing over Kempe-chain swaps, whole
 *    slot swaps and a compound move that closes one person's gap by moving a meeting beside it
 *    and re-placing the meetings in its way, with the unplaced meetings retried along the way; until an iteration budget or
 *    a time budget ends. Given an iteration count, it cools by iterations and is deterministic
 *    for an input and a seed (the time budget only cuts the search short on a slow machine).
 *    Without one, it runs for the time budget and cools by the share of it spent, so that it
 *    ends cold however fast the machine; the result then depends on how far the search got.
 */
import { breaksLowerBound } from './scheduling/bound';
import { construct, shareFairly } from './scheduling/construct';
import { improve } from './scheduling/improve';
import type { Instance, Schedule, SchedulerOptions, UnscheduledReason } from './scheduling/instance';
import { Board } from './scheduling/state';

export { checkSchedule, countBreaks } from './scheduling/check';
export * from './scheduling/instance';

/** Improvement steps at most when only the time budget is given (it cools by the clock then). */
const MAX_ITERATIONS = 3_000_000;
/** The search stops here at the latest; an organizer waits for it. */
export const DEFAULT_BUDGET_MS = 2_000;
/** Kept back from the search for what follows it (at most a fortieth of the budget). */
const FINISH_RESERVE_MS = 40;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function schedule(instance: Instance, opts: SchedulerOptions = {}): Schedule {
  const clock = opts.now ?? (() => performance.now());
  const started = clock();
  const budget = opts.timeBudgetMs ?? DEFAULT_BUDGET_MS;
  const b = new Board(instance);
  const bound = breaksLowerBound(b).reduce((sum, x) => sum + x, 0);
  const possibleSlots = construct(b);

  const byTime = opts.iterations === undefined;
  // The search ends a little early so that the schedule, with the last step and the fair
  // spread after it, is out within the budget: the organizer was promised that time.
  const searchEnds = budget - Math.min(FINISH_RESERVE_MS, budget / 40);
  const best = improve(b, {
    iterations: opts.iterations ?? MAX_ITERATIONS,
    random: rng(opts.seed ?? 1),
    outOfTime: () => clock() - started > searchEnds,
    timeUsed: byTime ? () => (clock() - started) / searchEnds : undefined,
    breaksBound: bound,
  });
  b.restore(best);
  shareFairly(b);

  const assignments: Schedule['assignments'] = [];
  const unscheduled: string[] = [];
  const reasons: Record<string, UnscheduledReason> = {};
  for (let m = 0; m < b.M; m++) {
    const s = b.slotOf[m]!;
    const id = instance.meetings[m]!.id;
    if (s >= 0) assignments.push({ meeting: id, slot: instance.slots[s]!.id });
    else {
      unscheduled.push(id);
      reasons[id] = possibleSlots[m] === 0 ? 'NO_COMMON_SLOT' : whyNot(b, m);
    }
  }
  let maxBreaks = 0;
  let minBreaks = b.P ? Number.MAX_SAFE_INTEGER : 0;
  for (let p = 0; p < b.P; p++) {
    maxBreaks = Math.max(maxBreaks, b.breaks[p]!);
    minBreaks = Math.min(minBreaks, b.breaks[p]!);
  }
  return {
    assignments,
    unscheduled,
    reasons,
    stats: {
      scheduled: assignments.length,
      weight: b.placedWeight,
      breaks: b.totalBreaks,
      maxBreaks,
      minBreaks,
      ms: Math.round(clock() - started),
    },
  };
}

/**
 * The better of schedules found for one instance (say, by runs with different seeds on different
 * cores): more weight placed, then fewer breaks, then a narrower spread of breaks between people,
 * then the earlier in the list, so that the choice depends only on the schedules themselves.
 */
export function betterSchedule(schedules: readonly Schedule[]): Schedule {
  if (schedules.length === 0) throw new Error('no schedule to choose from');
  let best = schedules[0]!;
  for (const s of schedules.slice(1)) {
    const a = s.stats;
    const b = best.stats;
    const heavier = a.weight - b.weight;
    if (Math.abs(heavier) > 1e-9) {
      if (heavier > 0) best = s;
      continue;
    }
    if (a.breaks !== b.breaks) {
      if (a.breaks < b.breaks) best = s;
      continue;
    }
    if (a.maxBreaks - a.minBreaks < b.maxBreaks - b.minBreaks) best = s;
  }
  return best;
}

/**
 * At least this many breaks in any schedule that places every meeting (the sum over people of
 * the fewest runs of slots that can hold their meetings, less one; see `scheduling/bound.ts`).
 */
export function lowerBoundOnBreaks(instance: Instance): number {
  return breaksLowerBound(new Board(instance)).reduce((sum, x) => sum + x, 0);
}

/** For an unplaced meeting with possible slots: were its people full, or the rooms? */
function whyNot(b: Board, m: number): UnscheduledReason {
  for (let s = 0; s < b.S; s++) {
    if (!b.possible(m, s)) continue;
    if (b.people[m]!.every((p) => b.busy[p * b.S + s] === 0)) return 'ROOM_LIMIT';
  }
  return 'PEOPLE_FULL';
}
