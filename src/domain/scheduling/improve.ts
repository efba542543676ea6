/**
 * The improvement phase: simulated annealing over Kempe-chain swaps. Moving meeting m from slot
 * a to slot b also swaps every meeting linked to it through a shared person in a or b, so each
 * step keeps everyone in at most one meeting per slot; a plain move and a two-meeting swap are
 * the smallest chains. Nearly half of the steps are instead a compound move aimed at one person's
 * gap (`ejectionMove`): one of their meetings moves beside the gap and the meetings in its way go
 * back wherever they add the fewest breaks, the whole undone through the board's journal when the
 * annealing rule refuses it; one step in ten moves all of one person's meetings into one run at
 * once (`blockMove`), which closes a wide gap that single moves would cross only uphill. Now and then two whole slots trade places, and the meetings still
 * unplaced get another chance (ejection chains, or displacing lighter ones).
 */
import { bestSlotFor, displaceLighter, ejectInto } from './construct';
import type { Board } from './state';

const FAIRNESS = 0.01;
const MAX_CHAIN = 48;
const T_START = 1.2;
const T_END = 0.03;

export interface ImproveOptions {
  iterations: number;
  random: () => number;
  /** True once the time budget is spent. */
  outOfTime: () => boolean;
  /**
   * When given, the share of the time budget spent so far (read every 1,024 steps, not every
   * step): the temperature then follows the larger of it and the share of iterations done, so a
   * run that the clock cuts short still ends cold. Without it the temperature follows the
   * iterations alone, and the run is the same for a seed whatever the machine.
   */
  timeUsed?: () => number;
  /**
   * No schedule placing every meeting has fewer breaks (0 if unknown): once every meeting is
   * placed with this many, nothing better exists and the search stops.
   */
  breaksBound?: number;
}

/**
 * Weight of each idle slot inside someone's day in what the search follows. Heavier than a
 * tie-break on purpose: at 0.3 against 0.05, the six forums still above their optimum end with
 * about a sixth fewer breaks at a fixed step count (253 against 297 over 8 seeds each), since a
 * long gap that shortens is a step down the annealing takes rather than a flat one it may not.
 */
const GUIDE = 0.3;
/** Share of the steps that try the compound ejection move rather than a Kempe-chain swap. */
const EJECTION_SHARE = 0.45;
/** Share of the steps that try the block move (all of one person's meetings into one run). */
const BLOCK_SHARE = 0.1;

/** What the schedule is judged by: breaks, then their fair spread. */
export function cost(b: Board): number {
  return b.totalBreaks + FAIRNESS * b.sumSquares;
}

/** What the search follows: the cost, plus the length of the gaps, so that shrinking one pays. */
function guided(b: Board): number {
  return cost(b) + GUIDE * b.totalIdle;
}

/** The placed, unlocked meetings, with O(1) add and remove. */
class Movable {
  readonly list: number[] = [];
  readonly at: Int32Array;
  constructor(b: Board) {
    this.at = new Int32Array(b.M).fill(-1);
    for (let m = 0; m < b.M; m++) if (b.slotOf[m]! >= 0 && !b.locked[m]) this.add(m);
  }
  add(m: number): void {
    if (this.at[m]! >= 0) return;
    this.at[m] = this.list.length;
    this.list.push(m);
  }
  remove(m: number): void {
    const i = this.at[m]!;
    if (i < 0) return;
    const last = this.list.pop()!;
    if (last !== m) {
      this.list[i] = last;
      this.at[last] = i;
    }
    this.at[m] = -1;
  }
  sync(b: Board): void {
    for (let m = 0; m < b.M; m++) {
      if (b.slotOf[m]! >= 0 && !b.locked[m]) this.add(m);
      else this.remove(m);
    }
  }
}

export function improve(b: Board, opts: ImproveOptions): Int32Array {
  const { random } = opts;
  const S = b.S;
  const movable = new Movable(b);
  const stamp = new Int32Array(b.M);
  let generation = 0;
  const chain: number[] = [];

  /** The Kempe chain of m between its slot and slot t, or false if it cannot be swapped. */
  const buildChain = (m: number, t: number): boolean => {
    const a = b.slotOf[m]!;
    generation++;
    chain.length = 0;
    chain.push(m);
    stamp[m] = generation;
    let inA = 0;
    let inB = 0;
    for (let i = 0; i < chain.length; i++) {
      const x = chain[i]!;
      const from = b.slotOf[x]!;
      const to = from === a ? t : a;
      if (from === a) inA++;
      else inB++;
      if (b.locked[x] || !b.possible(x, to)) return false;
      const ps = b.people[x]!;
      for (let j = 0; j < ps.length; j++) {
        const y = b.busy[ps[j]! * S + to]! - 1;
        if (y < 0 || stamp[y] === generation) continue;
        stamp[y] = generation;
        chain.push(y);
        if (chain.length > MAX_CHAIN) return false;
      }
    }
    return b.load[a]! - inA + inB <= b.limit && b.load[t]! - inB + inA <= b.limit;
  };

  /** Swaps the chain's meetings between slots a and t; doing it twice undoes it. */
  const to: number[] = [];
  const swapChain = (a: number, t: number): void => {
    to.length = 0;
    for (const x of chain) to.push(b.slotOf[x] === a ? t : a);
    for (const x of chain) b.unplace(x);
    for (let i = 0; i < chain.length; i++) b.place(chain[i]!, to[i]!);
  };

  /** Every meeting in slot a or t, when all of them may trade places; else false. */
  const buildSlotSwap = (a: number, t: number): boolean => {
    chain.length = 0;
    generation++;
    for (const s of [a, t]) {
      const other = s === a ? t : a;
      for (let p = 0; p < b.P; p++) {
        const x = b.busy[p * S + s]! - 1;
        if (x < 0 || stamp[x] === generation) continue;
        stamp[x] = generation;
        if (b.locked[x] || !b.possible(x, other)) return false;
        chain.push(x);
      }
    }
    return chain.length > 0;
  };

  /** A slot next to another meeting of one of m's people: where gaps close. */
  const nearNeighbour = (m: number): number => {
    const ps = b.people[m]!;
    const p = ps[Math.floor(random() * ps.length)]!;
    const from = b.slotOf[m]!;
    const start = Math.floor(random() * S);
    for (let k = 0; k < S; k++) {
      const u = (start + k) % S;
      if (u === from || b.busy[p * S + u] === 0) continue;
      const t = random() < 0.5 ? u - 1 : u + 1;
      return t >= 0 && t < S ? t : -1;
    }
    return -1;
  };

  /** Unplaced meetings that fit as the board stands, placed without moving anything. */
  const fillFreeRoom = (): void => {
    for (let m = 0; m < b.M; m++) {
      if (b.slotOf[m]! >= 0) continue;
      for (let t = 0; t < S; t++) {
        if (b.fits(m, t)) {
          b.place(m, t);
          break;
        }
      }
    }
  };

  /** A random unplaced meeting takes the place of meetings weighing no more; then the gaps refill. */
  const sidestep = (): void => {
    const start = Math.floor(random() * b.M);
    for (let k = 0; k < b.M; k++) {
      const m = (start + k) % b.M;
      if (b.slotOf[m]! >= 0) continue;
      if (displaceLighter(b, m, true)) {
        fillFreeRoom();
        movable.sync(b);
      }
      return;
    }
  };

  const ejected: number[] = [];
  /**
   * The compound move: a person with a break; one of their meetings at an end of a run moves
   * next to one of their gaps; the partners' meetings in its way there (and, in a full slot, one
   * more meeting) come out and each goes back where it adds the fewest breaks. All or nothing:
   * false (and the board as it was) when something could not go back. The caller judges it.
   */
  const ejectionMove = (): boolean => {
    let p = -1;
    for (let k = 0; k < 8 && p < 0; k++) {
      const m = movable.list[Math.floor(random() * movable.list.length)]!;
      const ps = b.people[m]!;
      const q = ps[Math.floor(random() * ps.length)]!;
      if (b.breaks[q]! > 0) p = q;
    }
    if (p < 0) return false;
    // A random gap of p's: `a` ends the run before it, `c` starts the run after it.
    const row = p * S;
    let gaps = 0;
    let a = -1;
    let c = -1;
    let last = -1;
    for (let s = 0; s < S; s++) {
      if (b.busy[row + s] === 0) continue;
      if (last >= 0 && !(s === last + 1 && b.adjacent[last])) {
        gaps++;
        if (random() * gaps < 1) {
          a = last;
          c = s;
        }
      }
      last = s;
    }
    if (a < 0) return false;
    // Which meeting moves: the far or the near end of the run before or after the gap, to the
    // slot beside the gap on the other side (or its own side, shifting the gap along).
    let from: number;
    let t: number;
    const far = random() < 0.5;
    if (random() < 0.5) {
      t = a + 1;
      from = c;
      if (far) while (from + 1 < S && b.busy[row + from + 1] !== 0 && b.adjacent[from]) from++;
    } else {
      t = c - 1;
      from = a;
      if (far) while (from > 0 && b.busy[row + from - 1] !== 0 && b.adjacent[from - 1]) from--;
    }
    const m = b.busy[row + from]! - 1;
    if (t === from || b.busy[row + t] !== 0 || b.locked[m] || !b.possible(m, t)) return false;
    ejected.length = 0;
    for (const q of b.people[m]!) {
      const y = b.busy[q * S + t]! - 1;
      if (y < 0 || ejected.includes(y)) continue;
      if (b.locked[y]) return false;
      ejected.push(y);
    }
    if (b.load[t]! - ejected.length >= b.limit) {
      // A full slot: one more meeting there, picked at random, makes room.
      const list = b.members[t]!;
      const y = list[Math.floor(random() * list.length)]!;
      if (b.locked[y] || ejected.includes(y)) return false;
      ejected.push(y);
    }
    const mark = b.begin();
    for (const y of ejected) b.unplace(y);
    b.unplace(m);
    b.place(m, t);
    for (const y of ejected) {
      const s = bestSlotFor(b, y);
      if (s < 0) {
        b.rollback(mark);
        b.end();
        return false;
      }
      b.place(y, s);
    }
    b.end();
    return true;
  };

  const mine: number[][] = Array.from({ length: b.P }, () => []);
  for (let m = 0; m < b.M; m++) for (const q of b.people[m]!) mine[q]!.push(m);
  const moving: number[] = [];
  const targets: number[] = [];
  const pending: number[] = [];
  /**
   * The block move: a person with a break gets all their meetings into one run of adjacent slots
   * (the window that keeps most of them where they are); the meetings of others in the way come
   * out and go back where they add the fewest breaks. All or nothing, like `ejectionMove`.
   */
  const blockMove = (): boolean => {
    let p = -1;
    for (let k = 0; k < 8 && p < 0; k++) {
      const m = movable.list[Math.floor(random() * movable.list.length)]!;
      const ps = b.people[m]!;
      const q = ps[Math.floor(random() * ps.length)]!;
      if (b.breaks[q]! > 0) p = q;
    }
    if (p < 0) return false;
    const k = b.taken[p]!;
    const row = p * S;
    let window = -1;
    let bestOverlap = -1;
    let ties = 0;
    const anyWindow = random() < 0.3;
    for (let w = 0; w + k <= S; w++) {
      let ok = true;
      let overlap = 0;
      for (let t = w; t < w + k; t++) {
        if (b.unavailable[row + t] || (t > w && !b.adjacent[t - 1])) {
          ok = false;
          break;
        }
        if (b.busy[row + t] !== 0) overlap++;
      }
      if (!ok) continue;
      const score = anyWindow ? 0 : overlap;
      if (score > bestOverlap) {
        bestOverlap = score;
        window = w;
        ties = 1;
      } else if (score === bestOverlap && random() * ++ties < 1) window = w;
    }
    if (window < 0) return false;
    moving.length = 0;
    targets.length = 0;
    for (const m of mine[p]!) {
      const s = b.slotOf[m]!;
      if (s < 0 || (s >= window && s < window + k)) continue;
      if (b.locked[m]) return false;
      moving.push(m);
    }
    // Each meeting outside takes a free slot of the window it may take, tried from a random start.
    const start = Math.floor(random() * k);
    for (const m of moving) {
      let found = -1;
      for (let i = 0; i < k; i++) {
        const t = window + ((start + i) % k);
        if (b.busy[row + t] !== 0 || targets.includes(t) || !b.possible(m, t)) continue;
        found = t;
        break;
      }
      if (found < 0) return false;
      targets.push(found);
    }
    const mark = b.begin();
    for (const m of moving) b.unplace(m);
    pending.length = 0;
    for (let i = 0; i < moving.length; i++) {
      const m = moving[i]!;
      const t = targets[i]!;
      for (const q of b.people[m]!) {
        const y = b.busy[q * S + t]! - 1;
        if (y < 0) continue;
        if (b.locked[y]) {
          b.rollback(mark);
          b.end();
          return false;
        }
        b.unplace(y);
        pending.push(y);
      }
      if (b.load[t]! >= b.limit) {
        const list = b.members[t]!;
        const y = list[Math.floor(random() * list.length)]!;
        if (b.locked[y]) {
          b.rollback(mark);
          b.end();
          return false;
        }
        b.unplace(y);
        pending.push(y);
      }
      b.place(m, t);
    }
    for (const y of pending) {
      const s = bestSlotFor(b, y);
      if (s < 0) {
        b.rollback(mark);
        b.end();
        return false;
      }
      b.place(y, s);
    }
    b.end();
    return true;
  };

  /**
   * Every unplaced meeting tried again. On a big oversubscribed event this is thousands of
   * ejection chains, so it watches the clock too (every 64 meetings) and ends with the budget.
   */
  const tryInsertions = (): void => {
    for (let m = 0, tried = 0; m < b.M; m++) {
      if (b.slotOf[m]! >= 0) continue;
      if ((++tried & 63) === 0 && opts.outOfTime()) break;
      const s = bestSlotFor(b, m);
      if (s >= 0) b.place(m, s);
      else if (!ejectInto(b, m, 3)) displaceLighter(b, m);
    }
    movable.sync(b);
  };

  let best = Int32Array.from(b.slotOf);
  let bestWeight = b.placedWeight;
  let bestCost = cost(b);
  let bestBreaks = b.totalBreaks;
  const breaksBound = opts.breaksBound ?? 0;
  const hasUnplaced = () => b.placedCount < b.M;
  const T_RATIO = T_END / T_START;

  let timeShare = 0;
  let temperature = T_START;
  for (let it = 0; it < opts.iterations; it++) {
    if ((it & 1023) === 0) {
      if (opts.outOfTime()) break;
      if (opts.timeUsed) timeShare = opts.timeUsed();
    }
    // Everything placed with as few breaks as the bound allows: nothing better exists. (Each
    // person has at least their own bound, so at the sum each has exactly theirs: fairness too.)
    if (bestBreaks <= breaksBound && bestWeight === b.placedWeight && !hasUnplaced()) break;
    if ((it & 8191) === 0 && hasUnplaced()) {
      tryInsertions();
      if (b.placedWeight > bestWeight) {
        best = Int32Array.from(b.slotOf);
        bestWeight = b.placedWeight;
        bestCost = cost(b);
        bestBreaks = b.totalBreaks;
      }
    }
    if ((it & 255) === 128 && hasUnplaced()) {
      sidestep();
      if (b.placedWeight > bestWeight) {
        best = Int32Array.from(b.slotOf);
        bestWeight = b.placedWeight;
        bestCost = cost(b);
        bestBreaks = b.totalBreaks;
      }
    }
    if (movable.list.length === 0) break;
    if ((it & 255) === 0) {
      // A power every step cost more than many moves; the temperature moves slowly anyway.
      const progress = Math.min(1, Math.max(it / opts.iterations, timeShare));
      temperature = T_START * T_RATIO ** progress;
    }
    const before = guided(b);
    const roll = random();
    if (roll < EJECTION_SHARE + BLOCK_SHARE) {
      // Judged like every move; undone through the board's journal.
      const mark = b.begin();
      if (roll < BLOCK_SHARE ? blockMove() : ejectionMove()) {
        const delta = guided(b) - before;
        if (delta > 1e-9 && random() >= Math.exp(-delta / temperature)) b.rollback(mark);
        else {
          const now = cost(b);
          if (b.placedWeight > bestWeight || (b.placedWeight === bestWeight && now < bestCost - 1e-9)) {
            best = Int32Array.from(b.slotOf);
            bestWeight = b.placedWeight;
            bestCost = now;
            bestBreaks = b.totalBreaks;
          }
        }
      }
      b.end();
      continue;
    }
    let a: number;
    let t: number;
    if ((it & 63) === 63) {
      a = Math.floor(random() * S);
      t = Math.floor(random() * S);
      if (a === t || !buildSlotSwap(a, t)) continue;
    } else {
      const m = movable.list[Math.floor(random() * movable.list.length)]!;
      a = b.slotOf[m]!;
      t = random() < 0.7 ? nearNeighbour(m) : Math.floor(random() * S);
      if (t < 0 || t === a || !b.possible(m, t) || !buildChain(m, t)) continue;
    }
    swapChain(a, t);
    const delta = guided(b) - before;
    if (delta > 1e-9 && random() >= Math.exp(-delta / temperature)) {
      swapChain(a, t);
      continue;
    }
    const now = cost(b);
    if (b.placedWeight > bestWeight || (b.placedWeight === bestWeight && now < bestCost - 1e-9)) {
      best = Int32Array.from(b.slotOf);
      bestWeight = b.placedWeight;
      bestCost = now;
      bestBreaks = b.totalBreaks;
    }
  }
  if (hasUnplaced()) {
    tryInsertions();
    if (b.placedWeight > bestWeight) best = Int32Array.from(b.slotOf);
  }
  return best;
}
