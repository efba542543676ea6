/**
 * The board the scheduler works on: which slot each meeting holds, who is busy when, how full
 * each slot is, and each person's breaks, all kept up to date on every placement so that a move
 * is judged by looking only at the people it touches. Each person's busy slots are also kept as
 * bit words (32 slots a word), so that their breaks and idle slots after a change cost a few word
 * operations instead of a walk over every slot.
 */
import type { Instance } from './instance';

export class Board {
  readonly S: number;
  readonly P: number;
  readonly M: number;
  /** Meeting → its people (indexes). */
  readonly people: Int32Array[];
  /** Meeting × slot → 1 when the meeting may take the slot (its allowed slots, or its lock). */
  readonly allowed: Uint8Array;
  /** Meeting × slot → 1 when `allowed` and none of its people is unavailable then. */
  readonly possibleAt: Uint8Array;
  /** Person × slot → 1 when the person cannot make the slot. */
  readonly unavailable: Uint8Array;
  /** Slot → 1 when the next slot starts where it ends (no break between them). */
  readonly adjacent: Uint8Array;
  readonly limit: number;
  readonly weight: Float64Array;
  readonly locked: Uint8Array;

  /** Meeting → slot index, or −1. */
  readonly slotOf: Int32Array;
  /** Person × slot → meeting index + 1, or 0. */
  readonly busy: Int32Array;
  /** Words per person in `mask`. */
  readonly W: number;
  /** Person × word → bit i set when the person is busy in slot 32·word + i. */
  readonly mask: Int32Array;
  /** Word → bit i set when slot 32·word + i starts where the slot before it ends. */
  private readonly follows: Int32Array;
  /** Scratch words for `breaksWith`. */
  private readonly scratch: Int32Array;
  /** Output of `measure`: breaks and idle slots of the words measured last. */
  private measuredBreaks = 0;
  private measuredIdle = 0;
  readonly load: Int32Array;
  /** Per person, their break count now. */
  readonly breaks: Int32Array;
  /** Per person, meetings placed now, and slots they can make at all. */
  readonly taken: Int32Array;
  readonly capacity: Int32Array;
  /** Per slot, the meetings in it (`at` is each meeting's position in its slot's list). */
  readonly members: number[][];
  private readonly at: Int32Array;
  /** Undo log while a tentative change is under way: (meeting, slot it was in or −1) pairs. */
  // A typed array with its own top, grown by doubling: a plain array emptied after every move
  // gives up its storage and grows it again on the next, which cost more than the moves.
  private journal = new Int32Array(256);
  private journalTop = 0;
  private journaling = 0;
  totalBreaks = 0;
  sumSquares = 0;
  /** Idle slots between each person's first and last meeting, summed: how far from closing the gaps. */
  totalIdle = 0;
  readonly idle: Int32Array;
  placedWeight = 0;
  placedCount = 0;

  constructor(instance: Instance) {
    const S = instance.slots.length;
    const P = instance.participants.length;
    const M = instance.meetings.length;
    this.S = S;
    this.P = P;
    this.M = M;
    const slotIndex = new Map(instance.slots.map((s, i) => [s.id, i]));
    const personIndex = new Map(instance.participants.map((p, i) => [p.id, i]));
    this.limit = instance.parallelLimit ?? Number.MAX_SAFE_INTEGER;
    this.adjacent = new Uint8Array(S);
    for (let i = 0; i + 1 < S; i++) {
      this.adjacent[i] =
        Date.parse(instance.slots[i]!.end) === Date.parse(instance.slots[i + 1]!.start) ? 1 : 0;
    }
    this.unavailable = new Uint8Array(P * S);
    instance.participants.forEach((p, i) => {
      for (const s of p.unavailable ?? []) this.unavailable[i * S + slotIndex.get(s)!] = 1;
    });
    this.people = instance.meetings.map((m) =>
      Int32Array.from(m.participants.map((p) => personIndex.get(p)!)),
    );
    this.allowed = new Uint8Array(M * S);
    this.locked = new Uint8Array(M);
    this.weight = new Float64Array(M);
    instance.meetings.forEach((m, i) => {
      const only = m.lockedSlot ? [m.lockedSlot] : (m.allowedSlots ?? null);
      if (m.lockedSlot) this.locked[i] = 1;
      this.weight[i] = m.weight ?? 1;
      for (let s = 0; s < S; s++) this.allowed[i * S + s] = only ? 0 : 1;
      for (const id of only ?? []) this.allowed[i * S + slotIndex.get(id)!] = 1;
    });
    // Allowed and everyone available, worked out once: asked on nearly every step of the search.
    this.possibleAt = new Uint8Array(M * S);
    for (let m = 0; m < M; m++) {
      for (let t = 0; t < S; t++) {
        let ok = this.allowed[m * S + t] === 1;
        for (const p of this.people[m]!) if (this.unavailable[p * S + t]) ok = false;
        this.possibleAt[m * S + t] = ok ? 1 : 0;
      }
    }
    this.slotOf = new Int32Array(M).fill(-1);
    this.busy = new Int32Array(P * S);
    this.W = Math.max(1, Math.ceil(S / 32));
    this.mask = new Int32Array(P * this.W);
    this.follows = new Int32Array(this.W);
    for (let i = 1; i < S; i++) if (this.adjacent[i - 1]) this.follows[i >>> 5]! |= 1 << (i & 31);
    this.scratch = new Int32Array(this.W);
    this.load = new Int32Array(S);
    this.breaks = new Int32Array(P);
    this.idle = new Int32Array(P);
    this.taken = new Int32Array(P);
    this.capacity = new Int32Array(P);
    for (let p = 0; p < P; p++) {
      for (let s = 0; s < S; s++) if (!this.unavailable[p * S + s]) this.capacity[p]!++;
    }
    this.members = Array.from({ length: S }, () => []);
    this.at = new Int32Array(M).fill(-1);
  }

  /** Is someone in meeting m already in as many meetings as they have slots? */
  someoneFull(m: number): boolean {
    for (const p of this.people[m]!) if (this.taken[p]! >= this.capacity[p]!) return true;
    return false;
  }

  /** Starts (or nests) a tentative change; returns the mark to roll back to. */
  begin(): number {
    this.journaling++;
    return this.journalTop;
  }

  /** Ends a tentative change, keeping it (`rollback` first to drop it). */
  end(): void {
    if (--this.journaling === 0) this.journalTop = 0;
  }

  /** Undoes every placement since `mark`. */
  rollback(mark: number): void {
    const saved = this.journaling;
    this.journaling = 0;
    while (this.journalTop > mark) {
      const prev = this.journal[--this.journalTop]!;
      const m = this.journal[--this.journalTop]!;
      if (prev < 0) this.unplace(m);
      else {
        this.unplace(m);
        this.place(m, prev);
      }
    }
    this.journaling = saved;
  }

  /** May meeting m take slot s, its people free, with room left (ignoring the board's other rules)? */
  fits(m: number, s: number): boolean {
    if (!this.possibleAt[m * this.S + s] || this.load[s]! >= this.limit) return false;
    const ps = this.people[m]!;
    for (let i = 0; i < ps.length; i++) if (this.busy[ps[i]! * this.S + s] !== 0) return false;
    return true;
  }

  /** May meeting m ever take slot s: allowed, and none of its people unavailable? */
  possible(m: number, s: number): boolean {
    return this.possibleAt[m * this.S + s] === 1;
  }

  place(m: number, s: number): void {
    if (this.journaling) this.record(m, -1);
    this.slotOf[m] = s;
    this.load[s]!++;
    this.at[m] = this.members[s]!.length;
    this.members[s]!.push(m);
    this.placedWeight += this.weight[m]!;
    this.placedCount++;
    const word = s >>> 5;
    const bit = 1 << (s & 31);
    const ps = this.people[m]!;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      this.busy[p * this.S + s] = m + 1;
      this.mask[p * this.W + word]! |= bit;
      this.taken[p]!++;
      this.refresh(p);
    }
  }

  unplace(m: number): void {
    const s = this.slotOf[m]!;
    if (s < 0) return;
    if (this.journaling) this.record(m, s);
    this.slotOf[m] = -1;
    this.load[s]!--;
    const list = this.members[s]!;
    const last = list.pop()!;
    if (last !== m) {
      list[this.at[m]!] = last;
      this.at[last] = this.at[m]!;
    }
    this.at[m] = -1;
    this.placedWeight -= this.weight[m]!;
    this.placedCount--;
    const word = s >>> 5;
    const bit = 1 << (s & 31);
    const ps = this.people[m]!;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      this.busy[p * this.S + s] = 0;
      this.mask[p * this.W + word]! &= ~bit;
      this.taken[p]!--;
      this.refresh(p);
    }
  }

  /** Breaks of person p if slot `add` were taken and slot `drop` freed (−1: none). */
  breaksWith(p: number, drop: number, add: number): number {
    const x = this.scratch;
    for (let w = 0; w < this.W; w++) x[w] = this.mask[p * this.W + w]!;
    if (drop >= 0) x[drop >>> 5]! &= ~(1 << (drop & 31));
    if (add >= 0) x[add >>> 5]! |= 1 << (add & 31);
    this.measure(x, 0);
    return this.measuredBreaks;
  }

  /**
   * Breaks and idle slots of the busy words at `words[from…from+W)`, into `measuredBreaks` and
   * `measuredIdle`. A slot starts a run unless the slot before it is busy and ends where it
   * starts; breaks are the runs less one; idle slots are the empty ones between the first busy
   * slot and the last.
   */
  private measure(words: Int32Array, from: number): void {
    let runs = 0;
    let busy = 0;
    let first = -1;
    let last = -1;
    let carry = 0;
    for (let w = 0; w < this.W; w++) {
      const x = words[from + w]!;
      if (x === 0) {
        carry = 0;
        continue;
      }
      const continues = ((x << 1) | carry) & this.follows[w]!;
      runs += popcount(x & ~continues);
      busy += popcount(x);
      if (first < 0) first = 32 * w + 31 - Math.clz32(x & -x);
      last = 32 * w + 31 - Math.clz32(x);
      carry = x >>> 31;
    }
    this.measuredBreaks = runs > 0 ? runs - 1 : 0;
    this.measuredIdle = busy > 0 ? last - first + 1 - busy : 0;
  }

  /**
   * Change in breaks if meeting m moved from its slot to s; the change in the sum of squared
   * breaks is left in `deltaSquares` (two numbers without allocating a pair on every call).
   */
  moveDelta(m: number, s: number): number {
    const from = this.slotOf[m]!;
    let db = 0;
    let dsq = 0;
    const ps = this.people[m]!;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      const old = this.breaks[p]!;
      const now = this.breaksWith(p, from, s);
      db += now - old;
      dsq += now * now - old * old;
    }
    this.deltaSquares = dsq;
    return db;
  }
  deltaSquares = 0;

  /** Puts every meeting where `snapshot` has it. */
  restore(snapshot: Int32Array): void {
    const moved: number[] = [];
    for (let m = 0; m < this.M; m++) if (this.slotOf[m] !== snapshot[m]) moved.push(m);
    for (const m of moved) this.unplace(m);
    for (const m of moved) if (snapshot[m]! >= 0) this.place(m, snapshot[m]!);
  }

  private record(m: number, slot: number): void {
    if (this.journalTop + 2 > this.journal.length) {
      const grown = new Int32Array(this.journal.length * 2);
      grown.set(this.journal);
      this.journal = grown;
    }
    this.journal[this.journalTop++] = m;
    this.journal[this.journalTop++] = slot;
  }

  private refresh(p: number): void {
    this.measure(this.mask, p * this.W);
    const count = this.measuredBreaks;
    const idle = this.measuredIdle;
    const old = this.breaks[p]!;
    this.breaks[p] = count;
    this.totalBreaks += count - old;
    this.sumSquares += count * count - old * old;
    this.totalIdle += idle - this.idle[p]!;
    this.idle[p] = idle;
  }
}

/** Set bits of a 32-bit word. */
function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
