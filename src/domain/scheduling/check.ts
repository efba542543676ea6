/** A schedule's rules and breaks, computed independently of the solver: for tests, the CLI and the bench. */
import type { Instance, Schedule } from './instance';

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
