import { describe, expect, it } from 'vitest';
import {
  bioTokens,
  type MatchProfile,
  matchFeatures,
  rankMatches,
  reasonText,
  scorePair,
  WEIGHTS,
} from '../../src/domain/matching';
import { DEFAULT_WORKING_HOURS } from '../../src/domain/profile';

const base = (over: Partial<MatchProfile>): MatchProfile => ({
  id: 'x',
  side: 'eu',
  city: 'Rome',
  timeZone: 'Europe/Rome',
  languages: ['en'],
  sectors: [],
  offers: [],
  seeks: [],
  bio: '',
  workingHours: [...DEFAULT_WORKING_HOURS],
  ...over,
});

const rome = base({ id: 'rome', city: 'Rome', timeZone: 'Europe/Rome', languages: ['it', 'en'] });
const kunming = base({
  id: 'kunming',
  side: 'cn',
  city: 'Kunming',
  timeZone: 'Asia/Shanghai',
  languages: ['zh', 'en'],
});
const at = (iso: string) => Date.parse(iso);

describe('weekly overlap of working hours, across the European clock changes', () => {
  it('Rome–Kunming: 2 h a day in winter, 3 h in summer (China does not change its clocks)', () => {
    const winter = scorePair(
      matchFeatures(rome, at('2020-01-15T12:00:00Z')),
      matchFeatures(kunming, at('2020-01-15T12:00:00Z')),
    );
    expect(winter.overlapMinutesPerWeek).toBe(5 * 120);
    const summer = scorePair(
      matchFeatures(rome, at('2020-06-10T12:00:00Z')),
      matchFeatures(kunming, at('2020-06-10T12:00:00Z')),
    );
    expect(summer.overlapMinutesPerWeek).toBe(5 * 180);
  });

  it('grows across the last Sunday of March 2020 and shrinks across the last Sunday of October', () => {
    const week = (iso: string) =>
      scorePair(matchFeatures(rome, at(iso)), matchFeatures(kunming, at(iso))).overlapMinutesPerWeek;
    expect(week('2020-03-25T12:00:00Z')).toBe(600); // Mon 23 – Sun 29 March: the change is on the Sunday
    expect(week('2020-04-01T12:00:00Z')).toBe(900); // Mon 30 March onwards: Rome on CEST
    expect(week('2020-10-21T12:00:00Z')).toBe(900); // Mon 19 – Sun 25 October
    expect(week('2020-10-28T12:00:00Z')).toBe(600); // from Mon 26 October: back on CET
  });

  it('explains the overlap in both local times, in English and Chinese', () => {
    const m = scorePair(
      matchFeatures(rome, at('2020-01-15T12:00:00Z')),
      matchFeatures(kunming, at('2020-01-15T12:00:00Z')),
    );
    const r = m.reasons.find((x) => x.code === 'WORKING_HOURS_OVERLAP')!;
    expect(reasonText(r, 'en')).toBe(
      'your working days overlap 2 h (09:00–11:00 in Rome, 16:00–18:00 in Kunming)',
    );
    expect(reasonText(r, 'zh')).toBe('你们的工作时间每天重叠 2 小时（罗马 09:00–11:00，昆明 16:00–18:00）');
  });

  it('names shared words as written, in the reader’s language first', () => {
    const now = at('2020-01-15T12:00:00Z');
    const x = base({
      id: 'x',
      bio: '负责国际合作与康养旅游。',
      bioTranslation: 'International cooperation and wellness tourism.',
    });
    const y = base({
      id: 'y',
      bio: 'Wellness and medical tourism; international cooperation with 国际合作 partners.',
    });
    const m = scorePair(matchFeatures(x, now), matchFeatures(y, now));
    const r = m.reasons.find((r) => r.code === 'SIMILAR_DESCRIPTIONS')!;
    // "wellness", not the token "wellnes" that the plural rule leaves of it.
    expect(reasonText(r, 'en')).toBe(
      'your descriptions share words: international, cooperation, wellness, tourism',
    );
    // A Chinese reader reads the Chinese words alone when there are two or more of them.
    expect(reasonText(r, 'zh')).toBe('你们的简介有共同的关键词：国际、合作');
    const plain = base({ id: 'p', bio: 'Wellness clinics and tourism.' });
    const r2 = scorePair(matchFeatures(x, now), matchFeatures(plain, now)).reasons.find(
      (r) => r.code === 'SIMILAR_DESCRIPTIONS',
    )!;
    expect(reasonText(r2, 'zh')).toBe('你们的简介有共同的关键词：wellness、tourism');
  });

  it('warns when there is almost no overlap', () => {
    const lateRome = base({
      ...rome,
      workingHours: [1, 2, 3, 4, 5].map((day) => ({ day, startMinute: 14 * 60, endMinute: 20 * 60 })),
    });
    const m = scorePair(
      matchFeatures(lateRome, at('2020-01-15T12:00:00Z')),
      matchFeatures(kunming, at('2020-01-15T12:00:00Z')),
    );
    expect(m.overlapMinutesPerWeek).toBe(0);
    expect(m.reasons.find((r) => r.code === 'LITTLE_OVERLAP')?.warning).toBe(true);
    expect(m.components.overlap).toBe(0);
  });
});

describe('score components, computed by hand', () => {
  const now = at('2020-01-15T12:00:00Z');

  it('complementarity counts what each offers that the other seeks, both ways', () => {
    const a = base({ id: 'a', offers: ['technology-transfer'], seeks: ['investment'] });
    const b = base({
      id: 'b',
      side: 'cn',
      offers: ['investment'],
      seeks: ['technology-transfer', 'pilot-project'],
    });
    const m = scorePair(matchFeatures(a, now), matchFeatures(b, now));
    // One each way: (0.5 + 0.5) / 2 + 0.25 for a need met both ways.
    expect(m.components.complementarity).toBe(0.75);
    expect(m.reasons.map((r) => reasonText(r, 'en'))).toContain(
      'they seek technology transfer, which you offer',
    );
    expect(m.reasons.map((r) => reasonText(r, 'zh'))).toContain('对方可提供投资，正是您所需要的');
  });

  it('shared sectors are a Jaccard share', () => {
    // None of these is near another (SECTOR_AFFINITY): the plain share of shared sectors.
    const a = base({ id: 'a', sectors: ['higher-education', 'biomedicine'] });
    const b = base({ id: 'b', sectors: ['biomedicine', 'tourism', 'food-nutrition'] });
    expect(scorePair(matchFeatures(a, now), matchFeatures(b, now)).components.sectors).toBe(1 / 4);
  });

  it('no common language scores 0 and says an interpreter is needed', () => {
    const a = base({ id: 'a', languages: ['it'] });
    const b = base({ id: 'b', languages: ['zh'] });
    const m = scorePair(matchFeatures(a, now), matchFeatures(b, now));
    expect(m.components.language).toBe(0);
    expect(reasonText(m.reasons.find((r) => r.code === 'NO_COMMON_LANGUAGE')!, 'en')).toContain(
      'interpreter',
    );
  });

  it('splits Chinese descriptions into words, not characters or spaces', () => {
    const a = bioTokens('希望引进欧洲生物技术企业，开展葡萄园精准农业试点。');
    expect(a.has('生物')).toBe(true);
    expect(a.has('技术')).toBe(true);
    expect(a.has('农业')).toBe(true);
    const x = base({ id: 'x', bio: '希望引进欧洲生物技术企业，开展葡萄园精准农业试点。' });
    const y = base({ id: 'y', bio: '我们寻找中国的生物技术合作伙伴和葡萄园试点项目' });
    const m = scorePair(matchFeatures(x, now), matchFeatures(y, now));
    expect(m.reasons.find((r) => r.code === 'SIMILAR_DESCRIPTIONS')?.params.words).toEqual([
      '生物',
      '技术',
      '葡萄',
    ]);
    expect(m.components.bio).toBeGreaterThan(0.2);
  });

  it('the total is the weighted sum, between 0 and 1', () => {
    expect(Object.values(WEIGHTS).reduce((s, w) => s + w, 0)).toBeCloseTo(1);
    const a = base({ id: 'a', offers: ['investment'], seeks: ['pilot-project'], sectors: ['tourism'] });
    const m = scorePair(
      matchFeatures(a, now),
      matchFeatures({ ...a, id: 'b', offers: ['pilot-project'], seeks: ['investment'] }, now),
    );
    const expected = (Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]).reduce(
      (s, k) => s + WEIGHTS[k] * m.components[k],
      0,
    );
    expect(m.score).toBeCloseTo(expected, 3);
    expect(m.score).toBeLessThanOrEqual(1);
  });
});

describe('ranking on a small designed population', () => {
  it('puts the obvious counterpart first', () => {
    const now = at('2020-05-12T08:00:00Z');
    const setel = base({
      id: 'setel',
      sectors: ['precision-agriculture', 'wine-viticulture'],
      offers: ['technology-transfer', 'pilot-project'],
      seeks: ['market-entry', 'pilot-project'],
      bio: 'Sensors for vineyards; seeking a pilot with a winery.',
    });
    const changyu = base({
      id: 'changyu',
      side: 'cn',
      city: 'Yantai',
      timeZone: 'Asia/Shanghai',
      languages: ['zh', 'en'],
      sectors: ['wine-viticulture', 'precision-agriculture'],
      offers: ['pilot-project', 'market-entry'],
      seeks: ['technology-transfer'],
      bio: 'Winery looking for vineyard sensors and a pilot.',
    });
    const hospital = base({
      id: 'hospital',
      side: 'cn',
      timeZone: 'Asia/Shanghai',
      languages: ['zh'],
      sectors: ['biomedicine'],
      offers: ['investment'],
      seeks: ['research-partnership'],
    });
    const tourism = base({
      id: 'tourism',
      side: 'cn',
      timeZone: 'Asia/Shanghai',
      languages: ['zh', 'en'],
      sectors: ['tourism'],
      offers: ['joint-event'],
      seeks: ['joint-event'],
    });
    const ranked = rankMatches(
      matchFeatures(setel, now),
      [hospital, tourism, changyu].map((p) => matchFeatures(p, now)),
      10,
    );
    expect(ranked.map((m) => m.id)).toEqual(['changyu', 'tourism', 'hospital']);
    expect(ranked[0]!.score).toBeGreaterThan(0.6);
  });
});
