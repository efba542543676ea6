/**
 * The quality of matching on the labelled partnerships (bench/partnerships.ts): the share of real
 * partners in each other's top three, for full and for sparse profiles, among the set's distractors
 * and a generated crowd, ranked by today's matching and by the matching before the thesaurus.
 */
import { MatchIndex } from '../src/domain/match-index';
import type { MatchProfile } from '../src/domain/matching';
import * as before from './matching-before';
import { ORGS, PARTNERS, profileOf } from './partnerships';
import { generatePopulation } from './population';

/** A Wednesday in term time: the overlap of working hours is the same for every European–Chinese pair. */
const NOW = Date.parse('2027-03-24T12:00:00Z');
/** Generated people around the labelled ones (half European, half Chinese). */
const CROWD = 300;

export interface Quality {
  /** Partners found in each other's top three, out of `of` (two looks per partnership). */
  inTopThree: number;
  first: number;
  of: number;
}

export function partnershipQuality(kind: 'full' | 'sparse'): { now: Quality; before: Quality } {
  const people: MatchProfile[] = [
    ...ORGS.map((o) => profileOf(o, kind)),
    ...generatePopulation(CROWD, 23).map((p, i) => ({ ...p, id: `crowd-${i}` })),
  ];
  const index = new MatchIndex(NOW);
  for (const p of people) index.upsert({ ...p, organisation: '', country: '', matchable: true });
  const oldFeatures = new Map(people.map((p) => [p.id, before.matchFeatures(p, NOW)]));
  const rankNow = (id: string) => index.topScores(id, { limit: 3, sameSide: false }).map((m) => m.id);
  const rankBefore = (id: string) => {
    const me = oldFeatures.get(id)!;
    const others = [...oldFeatures.values()].filter((f) => f.profile.side !== me.profile.side);
    return before.rankMatches(me, others, 3).map((m) => m.id);
  };
  const measure = (rank: (id: string) => string[]): Quality => {
    const q = { inTopThree: 0, first: 0, of: 0 };
    for (const [a, b] of PARTNERS) {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const top = rank(x);
        q.of++;
        if (top.includes(y)) q.inTopThree++;
        if (top[0] === y) q.first++;
      }
    }
    return q;
  };
  return { now: measure(rankNow), before: measure(rankBefore) };
}
