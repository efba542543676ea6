/**
 * In what order, and in which steps, an event's meetings are published, so that no step puts a
 * person in two sessions at once and each step stays small.
 *
 * Each meeting is where its session is now (`from`, null when it has none) and where the schedule
 * puts it (`to`, null when it is not placed). A meeting can move into its new place only once
 * whoever of its people was there has left it: the meetings holding that place go first. Meetings
 * that wait on each other in a ring (two trading slots) can only move together, in one step.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Placement {
  id: string;
  people: readonly string[];
  from: Span | null;
  to: Span | null;
}

const same = (a: Span | null, b: Span | null) =>
  a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
const overlap = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * The steps, in order, each a list of meeting ids of at most `batch` (a ring of meetings that can
 * only move together is one step, whatever its size). Meetings already where they belong are in
 * none.
 */
export function publishSteps(placements: readonly Placement[], batch: number): string[][] {
  const pending = placements.filter((p) => !same(p.from, p.to));
  // Where each person still is, by the meetings that have not moved yet.
  const held = new Map<string, Set<Placement>>();
  for (const p of pending) {
    if (!p.from) continue;
    for (const person of p.people) {
      const mine = held.get(person) ?? new Set<Placement>();
      mine.add(p);
      held.set(person, mine);
    }
  }
  const free = (p: Placement) =>
    !p.to ||
    p.people.every((person) => {
      for (const other of held.get(person) ?? []) {
        if (other !== p && overlap(other.from!, p.to!)) return false;
      }
      return true;
    });
  const order: string[] = [];
  const steps: string[][] = [];
  let left = pending;
  while (left.length) {
    const ready = left.filter(free);
    if (!ready.length) break;
    for (const p of ready) {
      order.push(p.id);
      if (p.from) for (const person of p.people) held.get(person)?.delete(p);
    }
    const done = new Set(ready);
    left = left.filter((p) => !done.has(p));
  }
  for (let i = 0; i < order.length; i += batch) steps.push(order.slice(i, i + batch));
  // Only rings are left (and whatever waits on them): they move together.
  if (left.length) steps.push(left.map((p) => p.id));
  return steps;
}
