/**
 * A lower bound on the breaks of any schedule that places every meeting: each person's meetings
 * need as many slots as they are, and those slots fall into runs of adjacent slots; a person with
 * r runs has at least r − 1 breaks. The bound is, per person, the fewest runs of slots that can
 * hold all their meetings (each in a slot it may take, one a slot), ignoring tables and everyone
 * else's meetings. Found by trying one run, then two, and so on, with a work limit per person:
 * past the limit the runs proven too few still bound the breaks.
 */
import type { Board } from './state';

/** Search steps per person before settling for the runs proven too few. */
const STEPS_PER_PERSON = 20_000;

/** Per person, at least this many breaks in any schedule that places all their meetings. */
export function breaksLowerBound(b: Board): Int32Array {
  const mine: number[][] = Array.from({ length: b.P }, () => []);
  for (let m = 0; m < b.M; m++) for (const p of b.people[m]!) mine[p]!.push(m);
  const bound = new Int32Array(b.P);
  for (let p = 0; p < b.P; p++) bound[p] = personBound(b, mine[p]!);
  return bound;
}

/** Breaks at least, for a person with these meetings (their availability is in `possible`). */
function personBound(b: Board, meetings: number[]): number {
  const S = b.S;
  const k = meetings.length;
  if (k <= 1) return 0;
  // Which of the person's meetings may take each slot.
  const fits: number[][] = Array.from({ length: S }, () => []);
  for (let i = 0; i < k; i++) {
    for (let s = 0; s < S; s++) if (b.possible(meetings[i]!, s)) fits[s]!.push(i);
  }
  // Slots still usable from s on, to give up on a branch that cannot reach k slots.
  const usableFrom = new Int32Array(S + 1);
  for (let s = S - 1; s >= 0; s--) usableFrom[s] = usableFrom[s + 1]! + (fits[s]!.length ? 1 : 0);
  if (usableFrom[0]! < k) return 0; // Not all of them fit at all: nothing to say.

  const chosen: number[] = [];
  const slotOfMeeting = new Int32Array(k);
  const seen = new Int32Array(S);
  let visit = 0;
  const augment = (s: number): boolean => {
    for (const i of fits[s]!) {
      const t = slotOfMeeting[i]!;
      if (t < 0) {
        slotOfMeeting[i] = s;
        return true;
      }
      if (seen[t] === visit) continue;
      seen[t] = visit;
      if (augment(t)) {
        slotOfMeeting[i] = s;
        return true;
      }
    }
    return false;
  };
  /** Can the chosen slots (k of them) take one meeting each? */
  const matches = (): boolean => {
    slotOfMeeting.fill(-1);
    for (const s of chosen) {
      visit++;
      seen[s] = visit;
      if (!augment(s)) return false;
    }
    return true;
  };

  let steps = 0;
  /** Picks slots from s on; true when k of them in at most `runs` runs take all the meetings. */
  const search = (s: number, runs: number, maxRuns: number, previous: boolean): boolean | null => {
    if (++steps > STEPS_PER_PERSON) return null;
    if (chosen.length === k) return matches();
    if (usableFrom[s]! < k - chosen.length) return false;
    if (fits[s]!.length) {
      const more = previous && b.adjacent[s - 1] ? runs : runs + 1;
      if (more <= maxRuns) {
        chosen.push(s);
        const found = search(s + 1, more, maxRuns, true);
        chosen.pop();
        if (found !== false) return found;
      }
    }
    return search(s + 1, runs, maxRuns, false);
  };
  for (let runs = 1; runs <= k; runs++) {
    // Found, or out of steps: fewer runs than this were proven impossible.
    if (search(0, 0, runs, false) !== false) return runs - 1;
  }
  return k - 1;
}
