import { describe, expect, it } from 'vitest';
import { generatePopulation } from '../../bench/population';
import { MatchIndex } from '../../src/domain/match-index';
import { matchFeatures, rankMatches, sectorsComponent } from '../../src/domain/matching';

const NOW = Date.parse('2027-03-24T12:00:00Z');

describe('the match index', () => {
  const people = generatePopulation(400, 7).map((p, i) => ({ ...p, id: `p${i}`, matchable: true }));
  const index = new MatchIndex(NOW);
  for (const p of people) index.upsert(p);
  const features = people.map((p) => matchFeatures(p, NOW));

  it('gives the same top 20, with the same scores, as scoring everyone against everyone', () => {
    for (const i of [0, 1, 2, 3, 57, 200, 399]) {
      const me = people[i]!;
      const others = features.filter((f) => f.profile.side !== me.side);
      // The index only looks at people related at all: a sector the same or near, an interest one
      // offers (or mentions) and the other seeks (or mentions), or one mentioned by one and held
      // in any way by the other.
      const mine = features[i]!;
      const any = (f: typeof mine) => f.offerMask | f.seekMask | f.mentionMask;
      const related = others.filter(
        (f) =>
          sectorsComponent(mine.sectorMask, f.sectorMask) > 0 ||
          (mine.offerMask & f.seekMask) !== 0 ||
          (mine.seekMask & f.offerMask) !== 0 ||
          (mine.mentionMask & any(f)) !== 0 ||
          (f.mentionMask & any(mine)) !== 0,
      );
      const brute = rankMatches(features[i]!, related, 20);
      const fast = index.topMatches(me.id, { limit: 20, sameSide: false });
      expect(fast.map((m) => [m.id, m.score])).toEqual(brute.map((m) => [m.id, m.score]));
    }
  });

  it('follows an update and a removal', () => {
    const me = people[0]!;
    const top = index.topMatches(me.id, { limit: 1, sameSide: false })[0]!;
    index.remove(top.id);
    expect(index.topMatches(me.id, { limit: 5, sameSide: false }).map((m) => m.id)).not.toContain(top.id);
    const changed = {
      ...people[1]!,
      id: 'new',
      sectors: me.sectors,
      offers: me.seeks,
      seeks: me.offers,
      languages: me.languages,
      bio: me.bio,
    };
    index.upsert(changed);
    expect(index.topMatches(me.id, { limit: 1, sameSide: false })[0]!.id).toBe('new');
  });
});
