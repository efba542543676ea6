import { describe, expect, it } from 'vitest';
import { type Placement, publishSteps, type Span } from '../../src/domain/publish-order';

/** Slot k of a morning of 20-minute slots, as instants. */
const slot = (k: number): Span => ({ start: k * 1_200_000, end: (k + 1) * 1_200_000 });
const meeting = (id: string, people: string[], from: number | null, to: number | null): Placement => ({
  id,
  people,
  from: from === null ? null : slot(from),
  to: to === null ? null : slot(to),
});

/** Runs the steps and says where anyone was in two sessions at once between two steps. */
function doubleBookings(placements: Placement[], steps: string[][]): string[] {
  const done = new Set<string>();
  const problems: string[] = [];
  const check = (when: string) => {
    const byPerson = new Map<string, Span[]>();
    for (const p of placements) {
      const at = done.has(p.id) ? p.to : p.from;
      if (!at) continue;
      for (const person of p.people) {
        const spans = byPerson.get(person) ?? [];
        if (spans.some((s) => s.start < at.end && at.start < s.end)) problems.push(`${person} ${when}`);
        byPerson.set(person, [...spans, at]);
      }
    }
  };
  check('before');
  steps.forEach((step, i) => {
    for (const id of step) done.add(id);
    check(`after step ${i + 1}`);
  });
  return problems;
}

describe('publishing order', () => {
  it('leaves out meetings already where they belong, and cuts the rest into steps of the batch size', () => {
    const placements = [
      meeting('same', ['a', 'b'], 1, 1),
      meeting('new1', ['c', 'd'], null, 1),
      meeting('new2', ['e', 'f'], null, 2),
      meeting('gone', ['g', 'h'], 3, null),
      meeting('new3', ['i', 'j'], null, 3),
    ];
    const steps = publishSteps(placements, 2);
    expect(steps.flat().sort()).toEqual(['gone', 'new1', 'new2', 'new3']);
    expect(steps.map((s) => s.length)).toEqual([2, 2]);
  });

  it('moves a meeting out of a place before another of its people moves into it', () => {
    // a meets b at slot 1 and c at slot 2; the schedule puts b at 2 and c at 3.
    const placements = [meeting('ab', ['a', 'b'], 1, 2), meeting('ac', ['a', 'c'], 2, 3)];
    expect(publishSteps(placements, 1)).toEqual([['ac'], ['ab']]);
    // A new meeting waits for the cancelled one whose place it takes.
    const cancelFirst = [meeting('new', ['a', 'd'], null, 5), meeting('old', ['a', 'e'], 5, null)];
    expect(publishSteps(cancelFirst, 1)).toEqual([['old'], ['new']]);
  });

  it('moves two meetings trading slots in one step, whatever the batch size, and what waits on them too', () => {
    const placements = [
      meeting('ab', ['a', 'b'], 1, 2),
      meeting('ac', ['a', 'c'], 2, 1),
      // Waits for b to leave slot 1, which only the trade does.
      meeting('bd', ['b', 'd'], null, 1),
      meeting('ef', ['e', 'f'], null, 4),
    ];
    const steps = publishSteps(placements, 1);
    // The trade is one step; what waits on it comes after it, in steps of its own.
    expect(steps).toEqual([['ab', 'ac'], ['bd'], ['ef']]);
    expect(doubleBookings(placements, steps)).toEqual([]);
    // A ring of three, with batches of two: whole in one step, and nothing else with it.
    const ring = [
      meeting('ab', ['a', 'b'], 1, 2),
      meeting('bc', ['b', 'c'], 2, 3),
      meeting('ca', ['c', 'a'], 3, 1),
      meeting('de', ['d', 'e'], null, 1),
    ];
    expect(publishSteps(ring, 2)).toEqual([['ab', 'bc', 'ca'], ['de']]);
  });

  it('never has anyone in two places at once between steps, over many random republications', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 200; round++) {
      const people = Array.from({ length: 8 }, (_, i) => `p${i}`);
      const slots = 6;
      // Two schedules of one event, each with nobody twice in a slot: before and after.
      const taken = [new Set<string>(), new Set<string>()];
      const placements: Placement[] = [];
      for (let m = 0; m < 20; m++) {
        const a = people[Math.floor(random() * people.length)]!;
        const b = people[Math.floor(random() * people.length)]!;
        if (a === b) continue;
        const pick = (which: 0 | 1): number | null => {
          if (random() < 0.2) return null;
          const k = Math.floor(random() * slots);
          const busy = taken[which]!;
          if (busy.has(`${a}@${k}`) || busy.has(`${b}@${k}`)) return null;
          busy.add(`${a}@${k}`);
          busy.add(`${b}@${k}`);
          return k;
        };
        placements.push(meeting(`m${m}`, [a, b], pick(0), pick(1)));
      }
      const steps = publishSteps(placements, 3);
      const moving = placements.filter(
        (p) => p.from?.start !== p.to?.start || (p.from === null) !== (p.to === null),
      );
      expect(steps.flat().sort()).toEqual(moving.map((p) => p.id).sort());
      // Steps of three, but for rings that can only move together.
      expect(steps.filter((s) => s.length <= 3).length).toBeGreaterThanOrEqual(steps.length - 2);
      expect(doubleBookings(placements, steps)).toEqual([]);
    }
  });
});
