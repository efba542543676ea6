import { describe, expect, it } from 'vitest';
import {
  complementarityOf,
  interestCount,
  type MatchProfile,
  matchFeatures,
  rankMatches,
  reasonText,
  scorePair,
  sectorBit,
  sectorsComponent,
  WEIGHTS,
} from '../../src/domain/matching';
import { DEFAULT_WORKING_HOURS } from '../../src/domain/profile';
import { fold, readConcepts } from '../../src/domain/thesaurus';

const NOW = Date.parse('2027-03-24T12:00:00Z');

const person = (over: Partial<MatchProfile> & { id: string }): MatchProfile => ({
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
const china = (over: Partial<MatchProfile> & { id: string }) =>
  person({ side: 'cn', city: 'Kunming', timeZone: 'Asia/Shanghai', languages: ['zh'], ...over });
const mask = (...ids: string[]) => ids.reduce((m, id) => m | sectorBit(id), 0);

describe('the thesaurus reads sectors and interests in five languages', () => {
  it('finds the same concept in each language, quoting the words as written', () => {
    const read = (text: string) => readConcepts(text).mentions.map((m) => `${m.kind}:${m.id}:${m.phrase}`);
    expect(read('Ofrecemos transferencia de tecnología en biotecnología.')).toEqual([
      'sector:biotechnology:biotecnología',
      'interest:technology-transfer:transferencia de tecnología',
    ]);
    expect(read('Trasferimento tecnologico per le biotecnologie')).toEqual([
      'sector:biotechnology:biotecnologie',
      'interest:technology-transfer:Trasferimento tecnologico',
    ]);
    expect(read('Transfert de technologies, biotechnologies')).toEqual([
      'sector:biotechnology:biotechnologies',
      'interest:technology-transfer:Transfert de technologies',
    ]);
    expect(read('Biotech start-ups seeking technology transfer')).toEqual([
      'sector:biotechnology:Biotech',
      'interest:technology-transfer:technology transfer',
    ]);
    // No spaces in Chinese: the phrase is looked for in the text itself.
    expect(read('希望引进欧洲生物技术企业，开展技术转移')).toEqual([
      'sector:biotechnology:生物技术',
      'interest:technology-transfer:技术转移',
    ]);
  });

  it('prefers the longest phrase and keeps apart words that only look alike', () => {
    // "agricultura de precisión" rather than "agricultura"; both mean precision agriculture.
    expect(readConcepts('agricultura de precisión').mentions[0]!.phrase).toBe('agricultura de precisión');
    // Spanish "investigación" is research, not investment; English "taller" is not a workshop.
    expect(readConcepts('grupo de investigación, taller than most').interests).toEqual([]);
    // Words are whole: "wine" is not in "swine", "pilot" not in "autopilots".
    expect(readConcepts('swine autopilots').sectors).toEqual([]);
    expect(readConcepts('swine autopilots').interests).toEqual([]);
  });

  it('folds case and accents without moving a character', () => {
    const text = 'Université de Niçe, ÉCOLE d’été — 生物技术';
    expect(fold(text)).toBe('universite de nice, ecole d’ete — 生物技术');
    expect(fold(text).length).toBe(text.length);
  });

  it('reads nothing from a text that mentions nothing it knows', () => {
    expect(readConcepts('Lorem ipsum dolor sit amet, 你好世界.')).toEqual({
      sectors: [],
      interests: [],
      mentions: [],
    });
  });
});

describe('affinities and mentions, computed by hand', () => {
  it('a near sector counts its affinity in the sectors component', () => {
    // biotechnology–biomedicine 0.6: each finds the other at 0.6, shared 0.6, union 2 − 0.6.
    expect(sectorsComponent(mask('biotechnology'), mask('biomedicine'))).toBeCloseTo(0.6 / 1.4, 12);
    // {biotechnology} against {biomedicine, healthy city}: one side sums 0.6, the other 0.6 + 0.3;
    // shared (0.6 + 0.9) / 2 = 0.75, union 3 − 0.75 = 2.25.
    expect(sectorsComponent(mask('biotechnology'), mask('biomedicine', 'healthy-city'))).toBeCloseTo(
      0.75 / 2.25,
      12,
    );
    // Unrelated sectors: nothing.
    expect(sectorsComponent(mask('tourism'), mask('biomedicine'))).toBe(0);
  });

  it('an interest read from a bio counts half; one read from both bios a quarter each way', () => {
    const tt = 1 << 1; // technology transfer, the second interest
    // They seek what I only mention: half of one, one way, nothing back.
    expect(interestCount(0, tt, tt, 0)).toBe(0.5);
    expect(complementarityOf(0.5, 0)).toBeCloseTo((1 - 0.5 ** 0.5) / 2, 12);
    // Both only mention it: which way it goes is unknown, a quarter each way, no both-ways bonus.
    expect(interestCount(0, tt, 0, tt)).toBe(0.25);
    expect(complementarityOf(0.25, 0.25)).toBeCloseTo(1 - 0.5 ** 0.25, 12);
  });

  it('the bio component is the better of shared words and shared concepts', () => {
    const es = person({ id: 'es', bio: 'Ofrecemos transferencia de tecnología en biotecnología.' });
    const zh = china({ id: 'zh', bio: '希望引进欧洲生物技术企业，开展技术转移和试点' });
    const m = scorePair(matchFeatures(es, NOW), matchFeatures(zh, NOW));
    // Concepts: {biotechnology, technology transfer} and {biotechnology, technology transfer,
    // pilot project}: 2 / √(2·3). No word in common.
    expect(m.components.bio).toBeCloseTo(2 / Math.sqrt(6), 12);
  });
});

describe('sparse profiles: one sector, nothing ticked, a few lines in their own language', () => {
  const people: MatchProfile[] = [
    person({
      id: 'pts',
      city: 'Granada',
      timeZone: 'Europe/Madrid',
      languages: ['es', 'en'],
      sectors: ['biotechnology'],
      bio: 'Parque tecnológico en Granada. Ayudamos a diseñar ciudades de la salud y ofrecemos transferencia de tecnología.',
    }),
    person({
      id: 'setel',
      languages: ['it', 'en'],
      sectors: ['precision-agriculture'],
      bio: 'Sensori per i vigneti. Cerchiamo un progetto pilota con una cantina cinese.',
    }),
    person({
      id: 'smartcitylab',
      languages: ['en', 'it'],
      sectors: ['smart-city'],
      bio: 'A research and innovation platform in Rome for technology transfer between start-ups and investors.',
    }),
    person({
      id: 'nice',
      city: 'Nice',
      timeZone: 'Europe/Paris',
      languages: ['fr'],
      sectors: ['digital-health'],
      bio: 'Téléassistance pour personnes âgées à Nice ; nous cherchons un projet pilote et une formation en Chine.',
    }),
    china({
      id: 'kangmei',
      sectors: ['healthy-city'],
      bio: '昆明的健康城项目，希望引进欧洲生物医药和生物技术企业，开展技术转移。',
    }),
    china({
      id: 'changyu',
      city: 'Yantai',
      sectors: ['wine-viticulture'],
      bio: '烟台的葡萄酒企业，想在葡萄园试点精准农业。',
    }),
    china({
      id: 'yantai',
      city: 'Yantai',
      sectors: ['smart-city'],
      bio: '烟台的技术转移和投资平台，寻找欧洲的创新企业。',
    }),
    china({
      id: 'liuzhou',
      city: 'Liuzhou',
      sectors: ['elderly-care'],
      bio: '柳州的社区养老和康养中心，希望开展养老护理培训。',
    }),
    // Distractors of the same cities and sectors.
    china({ id: 'tourism', sectors: ['tourism'], bio: '昆明的旅游推广和文化交流。' }),
    china({ id: 'pharma', sectors: ['biomedicine'], bio: '昆明的中药制药企业。' }),
    china({ id: 'flowers', sectors: ['precision-agriculture'], bio: '昆明的花卉种植企业，智慧温室。' }),
    person({
      id: 'rome-tourism',
      languages: ['it'],
      sectors: ['tourism'],
      bio: 'Turismo culturale a Roma per gruppi cinesi.',
    }),
  ];
  const features = people.map((p) => matchFeatures(p, NOW));
  const firstFor = (id: string) => {
    const me = features.find((f) => f.profile.id === id)!;
    const others = features.filter((f) => f.profile.side !== me.profile.side);
    return rankMatches(me, others, 3)[0]!.id;
  };

  it.each([
    ['pts', 'kangmei', 'es'],
    ['setel', 'changyu', 'it'],
    ['smartcitylab', 'yantai', 'en'],
    ['nice', 'liuzhou', 'fr'],
  ])('%s and %s rank each other first (%s and zh)', (eu, cn) => {
    expect(firstFor(eu)).toBe(cn);
    expect(firstFor(cn)).toBe(eu);
  });

  it('says what it read, in the reader’s language, quoting the other side as written', () => {
    const pts = features.find((f) => f.profile.id === 'pts')!;
    const kangmei = features.find((f) => f.profile.id === 'kangmei')!;
    const forPts = scorePair(pts, kangmei).reasons.filter((r) => r.code === 'READ_FROM_TEXT');
    expect(forPts.map((r) => reasonText(r, 'en'))).toEqual([
      'your profile mentions technology transfer; theirs mentions “技术转移” (technology transfer)',
      'your profile mentions biotechnology; theirs mentions “生物技术” (biotechnology)',
      // They ticked it: named in the reader's language rather than quoted.
      'your profile mentions healthy city and public health; theirs mentions healthy city and public health',
    ]);
    const forKangmei = scorePair(kangmei, pts).reasons.filter((r) => r.code === 'READ_FROM_TEXT');
    expect(reasonText(forKangmei[0]!, 'zh')).toBe(
      '您的资料提到技术转移；对方的资料提到“transferencia de tecnología”（技术转移）',
    );
    // A sector they ticked is named, not quoted.
    expect(reasonText(forKangmei[1]!, 'zh')).toBe('您的资料提到生物技术；对方的资料提到生物技术');
  });

  it('names the nearest sectors when none is shared, in both languages', () => {
    const a = matchFeatures(person({ id: 'a', sectors: ['biotechnology'] }), NOW);
    const b = matchFeatures(china({ id: 'b', sectors: ['biomedicine'] }), NOW);
    const r = scorePair(a, b).reasons.find((x) => x.code === 'RELATED_SECTORS')!;
    expect(reasonText(r, 'en')).toBe('their biomedicine is close to your biotechnology');
    expect(reasonText(r, 'zh')).toBe('对方的生物医药与您的生物技术相近');
  });
});

describe('a bio that mentions nothing known changes nothing', () => {
  it('scores as with no bio at all, against everyone', () => {
    const declared = {
      sectors: ['biotechnology'],
      offers: ['technology-transfer'],
      seeks: ['investment'],
    };
    const silent = person({ id: 'me', ...declared, bio: '' });
    const unknown = person({
      id: 'me',
      ...declared,
      bio: 'Lorem ipsum dolor sit amet, consectetur adipiscing.',
    });
    const others = [
      china({
        id: 'x',
        sectors: ['biomedicine'],
        offers: ['investment'],
        bio: '昆明的中药制药企业，寻求技术转移。',
      }),
      china({ id: 'y', sectors: ['tourism'], seeks: ['technology-transfer'], bio: '旅游推广。' }),
      china({ id: 'z', sectors: ['biotechnology'], bio: 'Biotech park seeking investors.' }),
    ].map((p) => matchFeatures(p, NOW));
    const a = rankMatches(matchFeatures(silent, NOW), others, 10);
    const b = rankMatches(matchFeatures(unknown, NOW), others, 10);
    expect(b.map((m) => [m.id, m.score, m.components])).toEqual(a.map((m) => [m.id, m.score, m.components]));
    expect(b.flatMap((m) => m.reasons)).toEqual(a.flatMap((m) => m.reasons));
    expect(Object.values(WEIGHTS).reduce((s, w) => s + w, 0)).toBeCloseTo(1);
  });
});
