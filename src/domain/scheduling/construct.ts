/**
 * Placing meetings: the construction (hardest first, each where it adds the fewest breaks) and
 * the two ways an unplaced meeting gets in later: an ejection chain that moves the meetings in its
 * way elsewhere, or, when it weighs more, taking the place of lighter ones.
 */
import type { Board } from './state';

const FAIRNESS = 0.01;

/** The free slot where meeting m adds the fewest breaks, or −1. */
export function bestSlotFor(b: Board, m: number): number {
  let best = -1;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let s = 0; s < b.S; s++) {
    if (!b.fits(m, s)) continue;
    const db = b.moveDelta(m, s);
    // Emptier slots break ties, leaving room for the meetings still to come.
    const cost = db + FAIRNESS * b.deltaSquares + b.load[s]! * 1e-6;
    if (cost < bestCost) {
      bestCost = cost;
      best = s;
    }
  }
  return best;
}

/** The meetings meeting m would have to displace to take slot s (null: a locked one is in the way). */
function blockersOf(b: Board, m: number, s: number): number[] | null {
  const blockers: number[] = [];
  for (const p of b.people[m]!) {
    const x = b.busy[p * b.S + s]! - 1;
    if (x < 0 || blockers.includes(x)) continue;
    if (b.locked[x]) return null;
    blockers.push(x);
  }
  return blockers;
}

/**
 * Places m by moving the meetings in its way to other slots, at most `depth` deep; all or
 * nothing. Returns whether m was placed (nothing else lost its place).
 */
export function ejectInto(b: Board, m: number, depth: number, touched: number[] = []): boolean {
  // Someone with no free slot left can only be helped by dropping one of their meetings.
  if (b.someoneFull(m)) return false;
  for (let s = 0; s < b.S; s++) {
    if (!b.possible(m, s)) continue;
    const blockers = blockersOf(b, m, s);
    if (!blockers || blockers.length === 0 || blockers.length > 2) continue;
    if (b.load[s]! - blockers.length >= b.limit) continue;
    if (blockers.some((x) => touched.includes(x))) continue;
    const mark = b.begin();
    for (const x of blockers) b.unplace(x);
    b.place(m, s);
    let ok = true;
    for (const x of blockers) {
      const t = bestSlotFor(b, x);
      if (t >= 0) b.place(x, t);
      else if (!(depth > 1 && ejectInto(b, x, depth - 1, [...touched, m]))) {
        ok = false;
        break;
      }
    }
    if (!ok) b.rollback(mark);
    b.end();
    if (ok) return true;
  }
  return false;
}

/**
 * Places m in the slot where it displaces the least weight, when that is less than its own (or
 * no more, with `orEqual`: a sideways step that can open the way for others); the displaced
 * meetings go elsewhere if they can. The placed weight never falls. Returns whether m got in.
 */
export function displaceLighter(b: Board, m: number, orEqual = false): boolean {
  const w = b.weight[m]!;
  let bestSlot = -1;
  let bestLoss = orEqual ? w + 1e-9 : w;
  let bestVictims: number[] = [];
  for (let s = 0; s < b.S; s++) {
    if (!b.possible(m, s)) continue;
    const victims = blockersOf(b, m, s);
    if (!victims) continue;
    let loss = 0;
    for (const x of victims) loss += b.weight[x]!;
    if (loss >= bestLoss) continue;
    if (b.load[s]! - victims.length >= b.limit) {
      // A full slot: the lightest other meeting there gives up its room too.
      let lightest = -1;
      for (const x of b.members[s]!) {
        if (b.locked[x] || victims.includes(x)) continue;
        if (lightest < 0 || b.weight[x]! < b.weight[lightest]!) lightest = x;
      }
      if (lightest < 0) continue;
      victims.push(lightest);
      loss += b.weight[lightest]!;
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      bestSlot = s;
      bestVictims = victims;
    }
  }
  if (bestSlot < 0) return false;
  for (const x of bestVictims) b.unplace(x);
  b.place(m, bestSlot);
  for (const x of bestVictims) {
    const t = bestSlotFor(b, x);
    if (t >= 0) b.place(x, t);
    else ejectInto(b, x, 2);
  }
  return true;
}

/**
 * Hardest first: locked, then heavier, then fewer possible slots, then busier people. Returns
 * each meeting's number of possible slots (0: its people share none).
 */
export function construct(b: Board): Int32Array {
  const freedom = new Int32Array(b.M);
  for (let m = 0; m < b.M; m++) for (let s = 0; s < b.S; s++) if (b.possible(m, s)) freedom[m]!++;
  const demand = new Int32Array(b.P);
  for (const ps of b.people) for (const p of ps) demand[p]!++;
  const pressure = (m: number) => b.people[m]!.reduce((x, p) => x + demand[p]!, 0);
  const order = Array.from({ length: b.M }, (_, m) => m).sort(
    (x, y) =>
      b.locked[y]! - b.locked[x]! ||
      b.weight[y]! - b.weight[x]! ||
      freedom[x]! - freedom[y]! ||
      pressure(y) - pressure(x) ||
      x - y,
  );
  for (const m of order) {
    const s = bestSlotFor(b, m);
    if (s >= 0) b.place(m, s);
    else if (!ejectInto(b, m, 2)) displaceLighter(b, m);
  }
  return freedom;
}

/**
 * Fair spread: a person left without any meeting gets one in place of an equally heavy meeting
 * of people who keep at least two others. The placed weight never falls.
 */
export function shareFairly(b: Board): void {
  for (let m = 0; m < b.M; m++) {
    if (b.slotOf[m]! >= 0 || !b.people[m]!.some((p) => b.taken[p] === 0)) continue;
    for (let s = 0; s < b.S; s++) {
      if (!b.possible(m, s)) continue;
      const victims = blockersOf(b, m, s);
      if (victims?.length !== 1) continue;
      const x = victims[0]!;
      const crowded = b.people[x]!.every((p) => b.taken[p]! >= 3 || b.people[m]!.includes(p));
      if (!crowded || b.weight[x]! > b.weight[m]!) continue;
      b.unplace(x);
      b.place(m, s);
      const t = bestSlotFor(b, x);
      if (t >= 0) b.place(x, t);
      break;
    }
  }
}
