/**
 * The event scheduler: place requested meetings into slots so that nobody is in two meetings at
 * once, nobody is placed in a slot they cannot make, no meeting leaves its allowed slots and no
 * slot holds more than the parallel limit; first as much weight as possible, then as few breaks
 * (idle gaps between two meetings of one person) as possible, spread fairly.
 *
 * 1. Construction: hardest meetings first (fewest possible slots, busiest people), each where it
 *    adds the fewest breaks; a meeting with no free slot is placed by moving others out of its way
 *    (ejection chains of bounded depth).
 * 2. Improvement: moves and swaps, accepted when they lower the cost (breaks, then the sum of
 *    squared breaks per person, for fairness) or, with a cooling probability, keep it level; until
 *    an iteration budget or a time budget ends. Deterministic for an input and a seed (the time
 *    budget only cuts the search short on a slow machine).
 */
import { DomainError } from './errors';

export interface InstanceSlot {
  id: string;
  start: string;
  end: string;
}
export interface InstanceParticipant {
  id: string;
  unavailable?: string[];
}
export interface InstanceMeeting {
  id: string;
  participants: string[];
  weight?: number;
  allowedSlots?: string[];
  /** Fixed to this slot (a locked meeting). */
  lockedSlot?: string;
}
export interface Instance {
  slots: InstanceSlot[];
  participants: InstanceParticipant[];
  meetings: InstanceMeeting[];
  parallelLimit?: number;
}

export type UnscheduledReason = 'NO_COMMON_SLOT' | 'PEOPLE_FULL' | 'ROOM_LIMIT';

export interface Schedule {
  assignments: { meeting: string; slot: string }[];
  unscheduled: string[];
  reasons: Record<string, UnscheduledReason>;
  stats: {
    scheduled: number;
    weight: number;
    breaks: number;
    maxBreaks: number;
    minBreaks: number;
    ms: number;
  };
}

export interface SchedulerOptions {
  seed?: number;
  /** Improvement iterations; the default suits events of a few hundred meetings. */
  iterations?: number;
  timeBudgetMs?: number;
  now?: () => number;
}

// --- validation --------------------------------------------------------------------------

function fail(message: string): never {
  throw new DomainError('INVALID_INSTANCE', message);
}

/** Checks an instance read from a file or built from an event; throws INVALID_INSTANCE. */
export function validateInstance(raw: unknown): Instance {
  if (!raw || typeof raw !== 'object') fail('the instance must be a JSON object');
  const x = raw as Record<string, unknown>;
  if (!Array.isArray(x.slots) || !Array.isArray(x.participants) || !Array.isArray(x.meetings)) {
    fail('slots, participants and meetings must be arrays');
  }
  const slotIds = new Set<string>();
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const [i, s] of (x.slots as unknown[]).entries()) {
    const slot = s as Record<string, unknown>;
    if (typeof slot?.id !== 'string' || !slot.id) fail(`slot ${i} has no id`);
    if (slotIds.has(slot.id)) fail(`duplicate slot id ${slot.id}`);
    slotIds.add(slot.id);
    const start = Date.parse(String(slot.start));
    const end = Date.parse(String(slot.end));
    if (Number.isNaN(start) || Number.isNaN(end)) fail(`slot ${slot.id} has no valid start and end`);
    if (end <= start) fail(`slot ${slot.id} ends before it starts`);
    if (start < previousEnd)
      fail(`slot ${slot.id} overlaps the one before it (slots are listed in time order)`);
    previousEnd = end;
  }
  const people = new Set<string>();
  for (const [i, p] of (x.participants as unknown[]).entries()) {
    const person = p as Record<string, unknown>;
    if (typeof person?.id !== 'string' || !person.id) fail(`participant ${i} has no id`);
    if (people.has(person.id)) fail(`duplicate participant id ${person.id}`);
    people.add(person.id);
    if (person.unavailable !== undefined) {
      if (!Array.isArray(person.unavailable)) fail(`participant ${person.id}: unavailable must be an array`);
      for (const s of person.unavailable)
        if (!slotIds.has(s)) fail(`participant ${person.id}: unknown slot ${s}`);
    }
  }
  const meetingIds = new Set<string>();
  for (const [i, m] of (x.meetings as unknown[]).entries()) {
    const meeting = m as Record<string, unknown>;
    if (typeof meeting?.id !== 'string' || !meeting.id) fail(`meeting ${i} has no id`);
    if (meetingIds.has(meeting.id)) fail(`duplicate meeting id ${meeting.id}`);
    meetingIds.add(meeting.id);
    if (!Array.isArray(meeting.participants) || meeting.participants.length < 2) {
      fail(`meeting ${meeting.id} needs at least two participants`);
    }
    if (new Set(meeting.participants).size !== meeting.participants.length)
      fail(`meeting ${meeting.id} names someone twice`);
    for (const p of meeting.participants)
      if (!people.has(p)) fail(`meeting ${meeting.id}: unknown participant ${p}`);
    if (meeting.weight !== undefined && (typeof meeting.weight !== 'number' || !(meeting.weight >= 0))) {
      fail(`meeting ${meeting.id}: weight must be a number ≥ 0`);
    }
    if (meeting.allowedSlots !== undefined) {
      if (!Array.isArray(meeting.allowedSlots)) fail(`meeting ${meeting.id}: allowedSlots must be an array`);
      for (const s of meeting.allowedSlots)
        if (!slotIds.has(s)) fail(`meeting ${meeting.id}: unknown slot ${s}`);
    }
    if (meeting.lockedSlot !== undefined && !slotIds.has(meeting.lockedSlot as string)) {
      fail(`meeting ${meeting.id}: unknown locked slot ${meeting.lockedSlot}`);
    }
  }
  if (
    x.parallelLimit !== undefined &&
    (!Number.isInteger(x.parallelLimit) || (x.parallelLimit as number) < 0)
  ) {
    fail('parallelLimit must be a whole number ≥ 0');
  }
  return x as unknown as Instance;
}

// --- the solver ---------------------------------------------------------------------------

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

class State {
  readonly S: number;
  readonly P: number;
  readonly M: number;
  /** Meeting → slot index, or -1. */
  readonly slotOf: Int32Array;
  /** Person × slot → meeting index + 1, or 0. */
  readonly busy: Int32Array;
  readonly load: Int32Array;
  /** Per person, their break count now. */
  readonly breaks: Int32Array;
  totalBreaks = 0;
  sumSquares = 0;

  constructor(
    readonly people: Int32Array[],
    readonly allowed: Uint8Array,
    readonly unavailable: Uint8Array,
    readonly adjacent: Uint8Array,
    readonly limit: number,
    S: number,
    P: number,
  ) {
    this.S = S;
    this.P = P;
    this.M = people.length;
    this.slotOf = new Int32Array(this.M).fill(-1);
    this.busy = new Int32Array(P * S);
    this.load = new Int32Array(S);
    this.breaks = new Int32Array(P);
  }

  /** Breaks of person p if slot `add` were taken and slot `drop` freed (−1: none). */
  breaksWith(p: number, drop: number, add: number): number {
    let count = 0;
    let last = -1;
    const row = p * this.S;
    for (let s = 0; s < this.S; s++) {
      const taken = s === add || (s !== drop && this.busy[row + s] !== 0);
      if (!taken) continue;
      if (last >= 0 && !(s === last + 1 && this.adjacent[last])) count++;
      last = s;
    }
    return count;
  }

  canPlace(m: number, s: number, ignore = -1): boolean {
    if (!this.allowed[m * this.S + s]) return false;
    if (this.load[s]! >= this.limit && this.slotOf[ignore] !== s) return false;
    for (const p of this.people[m]!) {
      if (this.unavailable[p * this.S + s]) return false;
      const b = this.busy[p * this.S + s]!;
      if (b !== 0 && b - 1 !== ignore && b - 1 !== m) return false;
    }
    return true;
  }

  place(m: number, s: number): void {
    this.slotOf[m] = s;
    this.load[s]!++;
    for (const p of this.people[m]!) {
      this.busy[p * this.S + s] = m + 1;
      this.refresh(p);
    }
  }

  unplace(m: number): void {
    const s = this.slotOf[m]!;
    if (s < 0) return;
    this.slotOf[m] = -1;
    this.load[s]!--;
    for (const p of this.people[m]!) {
      this.busy[p * this.S + s] = 0;
      this.refresh(p);
    }
  }

  private refresh(p: number): void {
    const old = this.breaks[p]!;
    const now = this.breaksWith(p, -1, -1);
    this.breaks[p] = now;
    this.totalBreaks += now - old;
    this.sumSquares += now * now - old * old;
  }

  /** Puts every meeting back where `snapshot` has it. */
  restore(snapshot: Int32Array): void {
    const moved: number[] = [];
    for (let m = 0; m < this.M; m++) if (this.slotOf[m] !== snapshot[m]) moved.push(m);
    for (const m of moved) this.unplace(m);
    for (const m of moved) if (snapshot[m]! >= 0) this.place(m, snapshot[m]!);
  }

  /** Change in (breaks, sum of squares) if meeting m moved from its slot to s. */
  moveDelta(m: number, s: number): [number, number] {
    const from = this.slotOf[m]!;
    let db = 0;
    let dsq = 0;
    for (const p of this.people[m]!) {
      const old = this.breaks[p]!;
      const now = this.breaksWith(p, from, s);
      db += now - old;
      dsq += now * now - old * old;
    }
    return [db, dsq];
  }
}

const FAIRNESS = 0.01;

export function schedule(instance: Instance, opts: SchedulerOptions = {}): Schedule {
  const clock = opts.now ?? (() => performance.now());
  const started = clock();
  const S = instance.slots.length;
  const P = instance.participants.length;
  const slotIndex = new Map(instance.slots.map((s, i) => [s.id, i]));
  const personIndex = new Map(instance.participants.map((p, i) => [p.id, i]));
  const meetings = instance.meetings;
  const M = meetings.length;
  const limit = instance.parallelLimit ?? Number.MAX_SAFE_INTEGER;

  const adjacent = new Uint8Array(S);
  for (let i = 0; i + 1 < S; i++) {
    adjacent[i] = Date.parse(instance.slots[i]!.end) === Date.parse(instance.slots[i + 1]!.start) ? 1 : 0;
  }
  const unavailable = new Uint8Array(P * S);
  instance.participants.forEach((p, i) => {
    for (const s of p.unavailable ?? []) unavailable[i * S + slotIndex.get(s)!] = 1;
  });
  const people = meetings.map((m) => Int32Array.from(m.participants.map((p) => personIndex.get(p)!)));
  const allowed = new Uint8Array(M * S);
  meetings.forEach((m, i) => {
    const only = m.lockedSlot ? [m.lockedSlot] : (m.allowedSlots ?? null);
    for (let s = 0; s < S; s++) allowed[i * S + s] = only ? 0 : 1;
    for (const id of only ?? []) allowed[i * S + slotIndex.get(id)!] = 1;
  });
  const weight = meetings.map((m) => m.weight ?? 1);
  const st = new State(people, allowed, unavailable, adjacent, limit, S, P);
  const random = rng(opts.seed ?? 1);

  // How many slots each meeting could take on an empty board: its people's shared availability.
  const freedom = meetings.map((_, m) => {
    let n = 0;
    for (let s = 0; s < S; s++) if (st.canPlace(m, s)) n++;
    return n;
  });
  const demand = new Int32Array(P);
  for (const ps of people) for (const p of ps) demand[p]!++;

  // --- 1. construction
  const order = meetings
    .map((_, m) => m)
    .sort((a, b) => {
      const la = meetings[a]!.lockedSlot ? 0 : 1;
      const lb = meetings[b]!.lockedSlot ? 0 : 1;
      if (la !== lb) return la - lb;
      if (weight[b]! !== weight[a]!) return weight[b]! - weight[a]!;
      if (freedom[a]! !== freedom[b]!) return freedom[a]! - freedom[b]!;
      const da = people[a]!.reduce((x, p) => x + demand[p]!, 0);
      const db = people[b]!.reduce((x, p) => x + demand[p]!, 0);
      return db - da || a - b;
    });

  const bestSlotFor = (m: number): number => {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let s = 0; s < S; s++) {
      if (!st.canPlace(m, s)) continue;
      const [db, dsq] = st.moveDelta(m, s);
      const cost = db + FAIRNESS * dsq + st.load[s]! * 1e-6;
      if (cost < bestCost) {
        bestCost = cost;
        best = s;
      }
    }
    return best;
  };

  /** Places m in slot s by moving the meetings in its way elsewhere, at most `depth` deep. */
  const ejectInto = (m: number, depth: number, touched: Set<number>): boolean => {
    for (let s = 0; s < S; s++) {
      if (!allowed[m * S + s]) continue;
      if (people[m]!.some((p) => unavailable[p * S + s])) continue;
      const blockers = new Set<number>();
      for (const p of people[m]!) {
        const b = st.busy[p * S + s]!;
        if (b) blockers.add(b - 1);
      }
      const full = st.load[s]! - blockers.size >= limit;
      if (full || blockers.size === 0 || blockers.size > 2) continue;
      if ([...blockers].some((b) => touched.has(b) || meetings[b]!.lockedSlot)) continue;
      const snapshot = Int32Array.from(st.slotOf);
      for (const b of blockers) st.unplace(b);
      st.place(m, s);
      const next = new Set(touched).add(m);
      let ok = true;
      for (const b of blockers) {
        const t = bestSlotFor(b);
        if (t >= 0) st.place(b, t);
        else if (!(depth > 1 && ejectInto(b, depth - 1, next))) {
          ok = false;
          break;
        }
      }
      if (ok) return true;
      // Undo everything that moved, deeper chains included.
      st.restore(snapshot);
    }
    return false;
  };

  for (const m of order) {
    const s = bestSlotFor(m);
    if (s >= 0) st.place(m, s);
    else ejectInto(m, 3, new Set());
  }

  // --- 2. improvement
  const iterations = opts.iterations ?? 1_000_000;
  const budget = opts.timeBudgetMs ?? 5_000;
  const placed = () => {
    const list: number[] = [];
    for (let m = 0; m < M; m++) if (st.slotOf[m]! >= 0 && !meetings[m]!.lockedSlot) list.push(m);
    return list;
  };
  const movable = placed();
  let best = { slots: Int32Array.from(st.slotOf), cost: st.totalBreaks + FAIRNESS * st.sumSquares };
  for (let it = 0; it < iterations && movable.length > 0; it++) {
    if ((it & 1023) === 0 && clock() - started > budget) break;
    // Unplaced meetings get another chance now and then.
    if ((it & 4095) === 0) {
      for (let m = 0; m < M; m++) {
        if (st.slotOf[m]! >= 0) continue;
        const s = bestSlotFor(m);
        if (s >= 0 || ejectInto(m, 3, new Set())) {
          if (s >= 0) st.place(m, s);
          if (!meetings[m]!.lockedSlot) movable.push(m);
        }
      }
    }
    const temperature = 0.6 * (1 - it / iterations);
    const m = movable[Math.floor(random() * movable.length)]!;
    const from = st.slotOf[m]!;
    // Half the tries aim next to another meeting of one of its people: that is where gaps close.
    let s = Math.floor(random() * S);
    if (random() < 0.5) {
      const ps = people[m]!;
      const p = ps[Math.floor(random() * ps.length)]!;
      const t = Math.floor(random() * S);
      for (let k = 0; k < S; k++) {
        const u = (t + k) % S;
        const b = st.busy[p * S + u]!;
        if (b && b - 1 !== m) {
          s = random() < 0.5 ? u - 1 : u + 1;
          break;
        }
      }
      if (s < 0 || s >= S) continue;
    }
    if (s === from) continue;
    if (st.canPlace(m, s)) {
      const [db, dsq] = st.moveDelta(m, s);
      const delta = db + FAIRNESS * dsq;
      if (delta <= 0 || random() < Math.exp(-delta / Math.max(temperature, 1e-9))) {
        st.unplace(m);
        st.place(m, s);
      }
    } else {
      // A swap with the one meeting in the way, when exactly one is.
      let other = -1;
      let clash = false;
      for (const p of people[m]!) {
        const b = st.busy[p * S + s]!;
        if (!b) continue;
        if (other === -1 || other === b - 1) other = b - 1;
        else clash = true;
      }
      if (clash || other < 0 || meetings[other]!.lockedSlot) continue;
      if (!allowed[m * S + s] || people[m]!.some((p) => unavailable[p * S + s])) continue;
      if (!allowed[other * S + from] || people[other]!.some((p) => unavailable[p * S + from])) continue;
      const before = st.totalBreaks + FAIRNESS * st.sumSquares;
      st.unplace(m);
      st.unplace(other);
      let fits = st.canPlace(m, s);
      if (fits) {
        st.place(m, s);
        fits = st.canPlace(other, from);
      }
      if (fits) st.place(other, from);
      const after = st.totalBreaks + FAIRNESS * st.sumSquares;
      const delta = after - before;
      if (!fits || !(delta <= 0 || random() < Math.exp(-delta / Math.max(temperature, 1e-9)))) {
        if (st.slotOf[m]! >= 0) st.unplace(m);
        if (st.slotOf[other]! >= 0) st.unplace(other);
        st.place(m, from);
        st.place(other, s);
      }
    }
    const cost = st.totalBreaks + FAIRNESS * st.sumSquares;
    const placedNow = weightPlaced(st.slotOf, weight);
    const placedBest = weightPlaced(best.slots, weight);
    if (placedNow > placedBest || (placedNow === placedBest && cost < best.cost)) {
      best = { slots: Int32Array.from(st.slotOf), cost };
    }
  }

  // Rebuild the best state seen.
  for (let m = 0; m < M; m++) st.unplace(m);
  for (let m = 0; m < M; m++) if (best.slots[m]! >= 0) st.place(m, best.slots[m]!);

  const assignments: Schedule['assignments'] = [];
  const unscheduled: string[] = [];
  const reasons: Record<string, UnscheduledReason> = {};
  for (let m = 0; m < M; m++) {
    const s = st.slotOf[m]!;
    if (s >= 0) assignments.push({ meeting: meetings[m]!.id, slot: instance.slots[s]!.id });
    else {
      unscheduled.push(meetings[m]!.id);
      reasons[meetings[m]!.id] = freedom[m] === 0 ? 'NO_COMMON_SLOT' : whyNot(st, m);
    }
  }
  let maxBreaks = 0;
  let minBreaks = P ? Number.MAX_SAFE_INTEGER : 0;
  for (let p = 0; p < P; p++) {
    maxBreaks = Math.max(maxBreaks, st.breaks[p]!);
    minBreaks = Math.min(minBreaks, st.breaks[p]!);
  }
  return {
    assignments,
    unscheduled,
    reasons,
    stats: {
      scheduled: assignments.length,
      weight: weightPlaced(st.slotOf, weight),
      breaks: st.totalBreaks,
      maxBreaks,
      minBreaks,
      ms: Math.round(clock() - started),
    },
  };
}

function weightPlaced(slots: Int32Array, weight: number[]): number {
  let w = 0;
  for (let m = 0; m < slots.length; m++) if (slots[m]! >= 0) w += weight[m]!;
  return w;
}

/** For an unplaced meeting with possible slots: were its people full, or the rooms? */
function whyNot(st: State, m: number): UnscheduledReason {
  for (let s = 0; s < st.S; s++) {
    if (!st.allowed[m * st.S + s]) continue;
    const peopleFree = st.people[m]!.every(
      (p) => !st.unavailable[p * st.S + s] && st.busy[p * st.S + s] === 0,
    );
    if (peopleFree) return 'ROOM_LIMIT';
  }
  return 'PEOPLE_FULL';
}

/** Every rule of a schedule, checked independently of the solver: for tests and the CLI. */
export function checkSchedule(
  instance: Instance,
  result: Pick<Schedule, 'assignments' | 'unscheduled'>,
): string[] {
  const problems: string[] = [];
  const slotOf = new Map<string, string>();
  for (const a of result.assignments) {
    if (slotOf.has(a.meeting)) problems.push(`${a.meeting} assigned twice`);
    slotOf.set(a.meeting, a.slot);
  }
  for (const m of instance.meetings) {
    const inBoth = slotOf.has(m.id) && result.unscheduled.includes(m.id);
    const inNone = !slotOf.has(m.id) && !result.unscheduled.includes(m.id);
    if (inBoth || inNone) problems.push(`${m.id} must be assigned once or unscheduled`);
    const s = slotOf.get(m.id);
    if (s && m.allowedSlots && !m.allowedSlots.includes(s))
      problems.push(`${m.id} outside its allowed slots`);
  }
  const unavailable = new Map(instance.participants.map((p) => [p.id, new Set(p.unavailable ?? [])]));
  const seen = new Set<string>();
  const perSlot = new Map<string, number>();
  for (const m of instance.meetings) {
    const s = slotOf.get(m.id);
    if (!s) continue;
    perSlot.set(s, (perSlot.get(s) ?? 0) + 1);
    for (const p of m.participants) {
      if (unavailable.get(p)?.has(s)) problems.push(`${p} is unavailable in ${s}`);
      const key = `${p}@${s}`;
      if (seen.has(key)) problems.push(`${p} is in two meetings in ${s}`);
      seen.add(key);
    }
  }
  for (const [s, n] of perSlot) {
    if (instance.parallelLimit !== undefined && n > instance.parallelLimit)
      problems.push(`${s} holds ${n} meetings`);
  }
  return problems;
}

/** Breaks per the file format's definition, counted independently of the solver. */
export function countBreaks(instance: Instance, assignments: { meeting: string; slot: string }[]): number {
  const index = new Map(instance.slots.map((s, i) => [s.id, i]));
  const byPerson = new Map<string, number[]>();
  const meeting = new Map(instance.meetings.map((m) => [m.id, m]));
  for (const a of assignments) {
    for (const p of meeting.get(a.meeting)!.participants) {
      if (!byPerson.has(p)) byPerson.set(p, []);
      byPerson.get(p)!.push(index.get(a.slot)!);
    }
  }
  let breaks = 0;
  for (const list of byPerson.values()) {
    list.sort((a, b) => a - b);
    for (let i = 1; i < list.length; i++) {
      const a = instance.slots[list[i - 1]!]!;
      const b = instance.slots[list[i]!]!;
      if (Date.parse(a.end) !== Date.parse(b.start)) breaks++;
    }
  }
  return breaks;
}
