/**
 * Instances shaped like the programme's online matchmaking events: European and Chinese
 * participants, two short windows a day over two or three days (mornings in Europe are
 * afternoons in China), a few popular participants requested far more often than they can
 * meet, some slots people cannot make, weights for must-meet and mutual requests.
 */
import type { Instance } from '../src/domain/scheduler';

export interface EventShape {
  participants: number;
  meetings: number;
  days: number;
  windowsPerDay: number;
  slotsPerWindow: number;
  parallelLimit: number;
  seed: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export function eventInstance(shape: EventShape): Instance {
  const random = rng(shape.seed);
  const slots: Instance['slots'] = [];
  const SLOT = 20 * 60_000;
  for (let d = 0; d < shape.days; d++) {
    for (let w = 0; w < shape.windowsPerDay; w++) {
      // 07:00 and 09:30 UTC: 09:00 and 11:30 in Rome in summer, 15:00 and 17:30 in Yantai.
      const windowStart = Date.UTC(2027, 4, 11 + d, 7, 0) + w * 150 * 60_000;
      for (let k = 0; k < shape.slotsPerWindow; k++) {
        const start = windowStart + k * SLOT;
        slots.push({
          id: `d${d + 1}w${w + 1}s${k + 1}`,
          start: new Date(start).toISOString(),
          end: new Date(start + SLOT).toISOString(),
        });
      }
    }
  }
  const europe = Math.round(shape.participants * 0.55);
  const participants: Instance['participants'] = Array.from({ length: shape.participants }, (_, i) => {
    const unavailable = slots.filter(() => random() < 0.1).map((s) => s.id);
    return { id: i < europe ? `eu${i}` : `cn${i - europe}`, unavailable };
  });
  // Popularity falls off like a power law: the first few on each side are requested most.
  const pick = (from: number, count: number) => from + Math.floor(count * random() ** 2.2);
  const seen = new Set<string>();
  const meetings: Instance['meetings'] = [];
  while (meetings.length < shape.meetings) {
    const a = participants[pick(0, europe)]!.id;
    const b = participants[pick(europe, shape.participants - europe)]!.id;
    if (seen.has(`${a}|${b}`)) continue;
    seen.add(`${a}|${b}`);
    const r = random();
    meetings.push({
      id: `m${meetings.length + 1}`,
      participants: [a, b],
      weight: r < 0.1 ? 3 : r < 0.4 ? 2 : 1,
    });
  }
  return { slots, participants, meetings, parallelLimit: shape.parallelLimit };
}

/**
 * The instance as a CPLEX LP model: maximise the weight placed under every rule. `relaxed` drops
 * the integrality (each meeting ≤ 1 keeps every variable within [0, 1]): its optimum is an upper
 * bound on the best weight, for when the exact model does not finish in time.
 */
export function toLp(instance: Instance, relaxed = false): string {
  const S = instance.slots.length;
  const slotIndex = new Map(instance.slots.map((s, i) => [s.id, i]));
  const unavailable = new Map(
    instance.participants.map((p) => [p.id, new Set((p.unavailable ?? []).map((s) => slotIndex.get(s)!))]),
  );
  const vars: string[] = [];
  const objective: string[] = [];
  const perMeeting: string[] = [];
  const perPersonSlot = new Map<string, string[]>();
  const perSlot: string[][] = Array.from({ length: S }, () => []);
  instance.meetings.forEach((m, i) => {
    const mine: string[] = [];
    for (let s = 0; s < S; s++) {
      if (m.participants.some((p) => unavailable.get(p)!.has(s))) continue;
      const v = `x${i}_${s}`;
      vars.push(v);
      mine.push(v);
      objective.push(`${m.weight ?? 1} ${v}`);
      perSlot[s]!.push(v);
      for (const p of m.participants) {
        const key = `${p}_${s}`;
        if (!perPersonSlot.has(key)) perPersonSlot.set(key, []);
        perPersonSlot.get(key)!.push(v);
      }
    }
    if (mine.length) perMeeting.push(`${mine.join(' + ')} <= 1`);
  });
  const rows = [
    ...perMeeting.map((r, i) => ` m${i}: ${r}`),
    ...[...perPersonSlot.values()].filter((v) => v.length > 1).map((v, i) => ` p${i}: ${v.join(' + ')} <= 1`),
    ...(instance.parallelLimit === undefined
      ? []
      : perSlot
          .filter((v) => v.length > instance.parallelLimit!)
          .map((v, i) => ` s${i}: ${v.join(' + ')} <= ${instance.parallelLimit}`)),
  ];
  const integral = relaxed ? '' : `Binary\n ${vars.join(' ')}\n`;
  return `Maximize\n obj: ${objective.join(' + ')}\nSubject To\n${rows.join('\n')}\n${integral}End\n`;
}
