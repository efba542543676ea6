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
  const waitsOn = waits(pending);
  const steps: string[][] = [];
  let step: string[] = [];
  // Each group comes after every group it waits on: a single meeting, or a ring.
  for (const group of groupsInOrder(pending.length, waitsOn)) {
    if (step.length + group.length > batch && step.length) {
      steps.push(step);
      step = [];
    }
    step.push(...group.map((i) => pending[i]!.id));
    if (step.length >= batch) {
      steps.push(step);
      step = [];
    }
  }
  if (step.length) steps.push(step);
  return steps;
}

/** For each meeting, the meetings it waits on: those holding its new place for one of its people. */
function waits(pending: readonly Placement[]): number[][] {
  const held = new Map<string, number[]>();
  pending.forEach((p, i) => {
    if (!p.from) return;
    for (const person of p.people) held.set(person, [...(held.get(person) ?? []), i]);
  });
  return pending.map((p, i) => {
    const to = p.to;
    if (!to) return [];
    const on = new Set<number>();
    for (const person of p.people) {
      for (const j of held.get(person) ?? []) if (j !== i && overlap(pending[j]!.from!, to)) on.add(j);
    }
    return [...on];
  });
}

/**
 * The strongly connected groups of the waiting graph (Tarjan's algorithm, without recursion so
 * that a long chain cannot overflow the stack), each after the groups it waits on.
 */
function groupsInOrder(n: number, edges: readonly number[][]): number[][] {
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const groups: number[][] = [];
  let next = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    // Each frame: a node and how many of its edges are done.
    const frames: [number, number][] = [[root, 0]];
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = true;
    while (frames.length) {
      const frame = frames[frames.length - 1]!;
      const [v, k] = frame;
      const out = edges[v]!;
      if (k < out.length) {
        frame[1]++;
        const w = out[k]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = true;
          frames.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] !== index[v]) continue;
      // v roots a group; Tarjan finishes a group only after every group it reaches.
      const group: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = false;
        group.push(w);
      } while (w !== v);
      groups.push(group.sort((a, b) => a - b));
    }
  }
  return groups;
}
