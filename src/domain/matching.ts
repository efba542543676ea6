/**
 * Explainable matching: a score from 0 to 1 built from named components, each with its weight
 * here and nowhere else, and every component leaves reasons (data, rendered in either language).
 */
import { cityName } from './city-names';
import { intersect, totalMs } from './intervals';
import type { Profile } from './profile';
import { INTERESTS, SECTORS, termLabel } from './taxonomy';
import { type Mention, readConcepts } from './thesaurus';
import {
  addDays,
  DAY_MS,
  type Interval,
  instantOf,
  localClock,
  MINUTE_MS,
  mondayOf,
  weeklyWindowsToUtc,
} from './time';

export const WEIGHTS = {
  /** What one offers that the other seeks, both ways: the strongest signal. */
  complementarity: 0.35,
  sectors: 0.2,
  language: 0.1,
  overlap: 0.15,
  /** What the descriptions say, in any of the five languages, through the thesaurus. */
  bio: 0.2,
} as const;

/**
 * How near two different sectors are, from 0 to 1, both ways (a sector is 1 to itself, a pair not
 * listed is 0). Beside the weights because it is part of the score: the sectors component counts a
 * near sector as this share of a shared one.
 */
export const SECTOR_AFFINITY: readonly (readonly [string, string, number])[] = [
  ['biotechnology', 'biomedicine', 0.6],
  ['biotechnology', 'health-technology', 0.5],
  ['biomedicine', 'health-technology', 0.5],
  ['biomedicine', 'medical-devices', 0.4],
  ['health-technology', 'digital-health', 0.6],
  ['health-technology', 'medical-devices', 0.6],
  ['digital-health', 'medical-devices', 0.3],
  ['healthy-city', 'biotechnology', 0.3],
  ['healthy-city', 'biomedicine', 0.3],
  ['healthy-city', 'health-technology', 0.4],
  ['healthy-city', 'digital-health', 0.4],
  ['healthy-city', 'elderly-care', 0.4],
  ['healthy-city', 'smart-city', 0.4],
  ['elderly-care', 'health-technology', 0.3],
  ['digital-health', 'smart-city', 0.3],
  ['precision-agriculture', 'wine-viticulture', 0.6],
  ['precision-agriculture', 'food-nutrition', 0.5],
  ['wine-viticulture', 'food-nutrition', 0.4],
  ['wine-viticulture', 'tourism', 0.3],
  ['smart-city', 'tourism', 0.2],
];

/** An interest read from a description but not ticked counts as this share of a ticked one. */
export const MENTIONED_INTEREST_SHARE = 0.5;
/** Added to complementarity when at least one need is met each way. */
export const MET_BOTH_WAYS = 0.25;

/** A week with this much shared working time counts as full overlap. */
export const FULL_OVERLAP_MINUTES = 10 * 60;
/** Below this, a warning: meetings will be hard to place. */
export const LITTLE_OVERLAP_MINUTES = 60;

export type MatchProfile = { id: string } & Pick<
  Profile,
  'side' | 'city' | 'timeZone' | 'languages' | 'sectors' | 'offers' | 'seeks' | 'bio' | 'workingHours'
> &
  Partial<Pick<Profile, 'bioTranslation'>>;

/** What is computed once per person (and week) so that scoring a pair is cheap. */
export interface MatchFeatures {
  profile: MatchProfile;
  week: Interval[];
  tokens: Set<string>;
  /** Each token as the person first wrote it ("wellness", not the stem "wellnes"), for the reasons. */
  words: Map<string, string>;
  /** Ticked sectors and those the bio speaks of (sectorBit masks). */
  sectorMask: number;
  offerMask: number;
  seekMask: number;
  /** Interests the bio speaks of that are neither offered nor sought (interestBit masks). */
  mentionMask: number;
  /** Every sector and interest the bio speaks of, ticked or not (conceptBit masks). */
  conceptMask: number;
  /** What was read from the bio, as written, for the reasons. */
  mentions: Mention[];
}

export type ReasonCode =
  | 'THEY_SEEK_WHAT_YOU_OFFER'
  | 'THEY_OFFER_WHAT_YOU_SEEK'
  | 'SHARED_SECTORS'
  | 'SHARED_LANGUAGE'
  | 'NO_COMMON_LANGUAGE'
  | 'WORKING_HOURS_OVERLAP'
  | 'LITTLE_OVERLAP'
  | 'SIMILAR_DESCRIPTIONS'
  | 'READ_FROM_TEXT'
  | 'RELATED_SECTORS';

export interface Reason {
  code: ReasonCode;
  /** Raw values (ids, minutes, times) from which the sentence is made in either language. */
  params: Record<string, string | number | string[]>;
  warning?: boolean;
}

export interface Match {
  id: string;
  score: number;
  components: Components;
  reasons: Reason[];
  overlapMinutesPerWeek: number;
}

// --- features -----------------------------------------------------------------------------

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or our that the their this to we with you your will can also who which into about more such other open looking seeking'.split(
    ' ',
  ),
);
const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, s);
  }
  return s;
}

/**
 * Words of a description in English or Chinese (of each text, when it comes in two languages).
 * Chinese has no spaces: the segmenter's dictionary splits 生物技术企业 into 生物 · 技术 · 企业.
 */
export function bioTokens(texts: string | readonly string[]): Set<string> {
  return new Set(bioWords(texts).keys());
}

/**
 * The same words, each token with the word it came from as first written (lower case): the
 * token drops an English plural ending so that "pilots" meets "pilot", but a person reads the word.
 */
export function bioWords(texts: string | readonly string[]): Map<string, string> {
  const words = new Map<string, string>();
  for (const text of typeof texts === 'string' ? [texts] : texts) {
    const hasCjk = /[\u4e00-\u9fff]/.test(text);
    for (const seg of segmenter(hasCjk ? 'zh' : 'en').segment(text.toLowerCase())) {
      if (!seg.isWordLike) continue;
      const w = seg.segment;
      const cjk = /[\u4e00-\u9fff]/.test(w);
      if (cjk ? w.length < 2 : w.length < 3 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
      const token = cjk ? w : w.replace(/(ies|es|s)$/, (m) => (m === 'ies' ? 'y' : ''));
      if (!words.has(token)) words.set(token, w);
    }
  }
  return words;
}

/** The UTC intervals of one reference week (Monday 00:00 UTC of `now`'s week, seven days). */
export function referenceWeek(now: number): { start: number; end: number; firstDate: string } {
  const monday = mondayOf(now, 'UTC');
  const start = instantOf(monday, 0, 'UTC');
  return { start, end: start + 7 * DAY_MS, firstDate: monday };
}

// --- taxonomy as bits -----------------------------------------------------------------------

const sectorIndex = new Map(SECTORS.map((s, i) => [s.id, i]));
const interestIndex = new Map(INTERESTS.map((s, i) => [s.id, i]));
export const sectorBit = (id: string): number => {
  const i = sectorIndex.get(id);
  return i === undefined ? 0 : 1 << i;
};
export const interestBit = (id: string): number => {
  const i = interestIndex.get(id);
  return i === undefined ? 0 : 1 << i;
};
/** Sectors and interests in one mask: sectors in the low bits, interests above them. */
export const conceptBit = (kind: 'sector' | 'interest', id: string): number =>
  kind === 'sector' ? sectorBit(id) : interestBit(id) * (1 << SECTORS.length);
const maskOf = (ids: readonly string[], bit: (id: string) => number) => ids.reduce((m, id) => m | bit(id), 0);
export const idsOf = (mask: number, terms: readonly { id: string }[]): string[] =>
  terms.filter((_, i) => mask & (1 << i)).map((t) => t.id);

export function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** SECTOR_AFFINITY as a square table in taxonomy order. */
export const AFFINITY: readonly Float64Array[] = SECTORS.map((a) =>
  Float64Array.from(SECTORS, (b) => {
    if (a.id === b.id) return 1;
    const row = SECTOR_AFFINITY.find(([x, y]) => (x === a.id && y === b.id) || (x === b.id && y === a.id));
    return row ? row[2] : 0;
  }),
);
/** For each sector, the mask of sectors near it at all (itself included). */
export const NEAR_SECTORS: readonly number[] = AFFINITY.map((row) =>
  row.reduce((m, v, j) => (v > 0 ? m | (1 << j) : m), 0),
);

/** `week` may be passed when already computed for the same zone and working hours. */
export function matchFeatures(profile: MatchProfile, now: number, week?: Interval[]): MatchFeatures {
  // Both texts: a Kunming bio in Chinese with its English version shares words with a Granada bio
  // in English, and either may name a sector the other leaves out.
  const texts = [profile.bio, profile.bioTranslation ?? ''];
  const read = readConcepts(texts);
  const words = bioWords(texts);
  const offerMask = maskOf(profile.offers, interestBit);
  const seekMask = maskOf(profile.seeks, interestBit);
  return {
    profile,
    week: week ?? weekOf(profile, now),
    tokens: new Set(words.keys()),
    words,
    sectorMask: maskOf(profile.sectors, sectorBit) | maskOf(read.sectors, sectorBit),
    offerMask,
    seekMask,
    mentionMask: maskOf(read.interests, interestBit) & ~(offerMask | seekMask),
    conceptMask: read.mentions.reduce((m, x) => m | conceptBit(x.kind, x.id), 0),
    mentions: read.mentions,
  };
}

function weekOf(profile: MatchProfile, now: number): Interval[] {
  const week = referenceWeek(now);
  // A day either side: a zone far from UTC starts its Monday on the Sunday in UTC terms.
  const raw = weeklyWindowsToUtc(
    profile.workingHours,
    profile.timeZone,
    addDays(week.firstDate, -1),
    addDays(week.firstDate, 7),
  );
  return intersect(raw, [{ start: week.start, end: week.end }]);
}

// --- components ---------------------------------------------------------------------------

export const countTerms = (n: number): number => (n <= 0 ? 0 : 1 - 0.5 ** n);

/**
 * Both directions count; a need met both ways is worth more than two in one direction. Counts may
 * be halves: an interest read from a bio rather than ticked counts MENTIONED_INTEREST_SHARE.
 */
export function complementarityOf(theySeek: number, theyOffer: number): number {
  return Math.min(
    1,
    (countTerms(theySeek) + countTerms(theyOffer)) / 2 +
      (theySeek >= 1 && theyOffer >= 1 ? MET_BOTH_WAYS : 0),
  );
}

export function overlapComponent(minutesPerWeek: number): number {
  return Math.min(1, minutesPerWeek / FULL_OVERLAP_MINUTES);
}

/** Cosine-like similarity of two sets, from their sizes and how many they share. */
export function setCosine(shared: number, sizeA: number, sizeB: number): number {
  return shared && sizeA && sizeB ? Math.min(1, shared / Math.sqrt(sizeA * sizeB)) : 0;
}

/**
 * What two descriptions have in common: the words they share (same language), or the sectors and
 * interests both speak of (any language, through the thesaurus), whichever is higher.
 */
export function bioComponent(
  words: { shared: number; a: number; b: number },
  concepts: { shared: number; a: number; b: number },
): number {
  return Math.max(
    setCosine(words.shared, words.a, words.b),
    setCosine(concepts.shared, concepts.a, concepts.b),
  );
}

/**
 * Sectors: a Jaccard share where a near sector counts its affinity. Each sector on either side
 * finds its nearest on the other (1 when the same); the mean of the two sides' sums is the "shared"
 * part, and the rest of both lists the union. With no near sectors it is the plain Jaccard share.
 */
export function sectorsComponent(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  let sumA = 0;
  let sumB = 0;
  let nA = 0;
  let nB = 0;
  for (let i = 0; i < AFFINITY.length; i++) {
    const bit = 1 << i;
    if (a & bit) {
      nA++;
      sumA += nearest(i, b);
    }
    if (b & bit) {
      nB++;
      sumB += nearest(i, a);
    }
  }
  const shared = (sumA + sumB) / 2;
  return shared / (nA + nB - shared);
}

function nearest(i: number, mask: number): number {
  const row = AFFINITY[i]!;
  let best = 0;
  for (let j = 0; j < row.length; j++) if (mask & (1 << j) && row[j]! > best) best = row[j]!;
  return best;
}

/**
 * How many interests one side offers that the other seeks. One ticked on both sides counts 1; one
 * only read from a bio on one side counts MENTIONED_INTEREST_SHARE; one read from both bios (which
 * way it goes is unknown) counts that share split over the two directions, half each.
 */
export function interestCount(
  offers: number,
  offerMentions: number,
  seeks: number,
  seekMentions: number,
): number {
  return interestCountOf(
    popcount(offers & seeks),
    2 * (popcount(offerMentions & seeks) + popcount(offers & seekMentions)) +
      popcount(offerMentions & seekMentions),
  );
}

/** `quarters`: twice the one-sided mentions plus the two-sided ones (see interestCount). */
export function interestCountOf(full: number, quarters: number): number {
  return full + MENTIONED_INTEREST_SHARE * (quarters / 2);
}

export type Components = Record<keyof typeof WEIGHTS, number>;

/** The weighted sum, rounded to three decimals so that equal scores compare equal. */
export function combineScore(c: Components): number {
  const s =
    WEIGHTS.complementarity * c.complementarity +
    WEIGHTS.sectors * c.sectors +
    WEIGHTS.language * c.language +
    WEIGHTS.overlap * c.overlap +
    WEIGHTS.bio * c.bio;
  return Math.round(s * 1000) / 1000;
}

/** The first weekday's shared stretch, in both people's local times, for the explanation. */
function overlapExample(shared: Interval[], a: MatchProfile, b: MatchProfile): Record<string, string> | null {
  const first = shared.find((i) => localClock(i.start, a.timeZone).weekday <= 5) ?? shared[0];
  if (!first) return null;
  const fmt = (ms: number, zone: string) => {
    const c = localClock(ms, zone);
    return `${String(Math.floor(c.minutes / 60)).padStart(2, '0')}:${String(c.minutes % 60).padStart(2, '0')}`;
  };
  return {
    youStart: fmt(first.start, a.timeZone),
    youEnd: fmt(first.end, a.timeZone),
    youCity: a.city,
    theyStart: fmt(first.start, b.timeZone),
    theyEnd: fmt(first.end, b.timeZone),
    theyCity: b.city,
  };
}

/** Scores `b` for `a` (the viewer): the reasons speak to `a`. */
export function scorePair(a: MatchFeatures, b: MatchFeatures): Match {
  const A = a.profile;
  const B = b.profile;
  const reasons: Reason[] = [];

  const theySeek = A.offers.filter((x) => B.seeks.includes(x));
  const theyOffer = B.offers.filter((x) => A.seeks.includes(x));
  if (theySeek.length) reasons.push({ code: 'THEY_SEEK_WHAT_YOU_OFFER', params: { interests: theySeek } });
  if (theyOffer.length) reasons.push({ code: 'THEY_OFFER_WHAT_YOU_SEEK', params: { interests: theyOffer } });

  const sharedSectors = idsOf(a.sectorMask & b.sectorMask, SECTORS);
  const ticked = sharedSectors.filter((id) => A.sectors.includes(id) && B.sectors.includes(id));
  if (ticked.length) reasons.push({ code: 'SHARED_SECTORS', params: { sectors: ticked } });
  reasons.push(...readFromText(a, b, sharedSectors));
  if (!sharedSectors.length) reasons.push(...relatedSectors(a.sectorMask, b.sectorMask));

  const languages = A.languages.filter((l) => B.languages.includes(l));
  if (languages.length) reasons.push({ code: 'SHARED_LANGUAGE', params: { languages } });
  else reasons.push({ code: 'NO_COMMON_LANGUAGE', params: {}, warning: true });

  const shared = intersect(a.week, b.week);
  const overlapMinutesPerWeek = Math.round(totalMs(shared) / MINUTE_MS);
  const example = overlapExample(shared, A, B);
  if (overlapMinutesPerWeek < LITTLE_OVERLAP_MINUTES) {
    reasons.push({ code: 'LITTLE_OVERLAP', params: { minutes: overlapMinutesPerWeek }, warning: true });
  } else if (example) {
    const days = new Set(shared.map((i) => localClock(i.start, A.timeZone).date)).size;
    const perDay = Math.round(overlapMinutesPerWeek / Math.max(1, days));
    reasons.push({ code: 'WORKING_HOURS_OVERLAP', params: { minutesPerDay: perDay, ...example } });
  }

  let bioShared: string[] = [];
  if (a.tokens.size && b.tokens.size) bioShared = [...a.tokens].filter((t) => b.tokens.has(t));
  // As the reader wrote them; a few more than are shown, so that the text can prefer the words
  // in the reader's own language (a bilingual bio shares 合作 and "cooperation" alike).
  if (bioShared.length >= 2)
    reasons.push({
      code: 'SIMILAR_DESCRIPTIONS',
      params: { words: bioShared.slice(0, 10).map((t) => a.words.get(t) ?? t) },
    });

  const components: Components = {
    complementarity: complementarityOf(
      interestCount(a.offerMask, a.mentionMask, b.seekMask, b.mentionMask),
      interestCount(b.offerMask, b.mentionMask, a.seekMask, a.mentionMask),
    ),
    sectors: sectorsComponent(a.sectorMask, b.sectorMask),
    language: languages.length ? 1 : 0,
    overlap: overlapComponent(overlapMinutesPerWeek),
    bio: bioComponent(
      { shared: bioShared.length, a: a.tokens.size, b: b.tokens.size },
      {
        shared: popcount(a.conceptMask & b.conceptMask),
        a: popcount(a.conceptMask),
        b: popcount(b.conceptMask),
      },
    ),
  };
  return { id: B.id, score: combineScore(components), components, reasons, overlapMinutesPerWeek };
}

/** At most this many "what was read" reasons per match: the strongest come first. */
const MAX_READ_REASONS = 3;

/**
 * What the bios added: a sector both work in that at least one only wrote about, and an interest
 * one wrote about that the other ticked or wrote about too. Interests first: they are the rarer.
 */
function readFromText(a: MatchFeatures, b: MatchFeatures, sharedSectors: string[]): Reason[] {
  const A = a.profile;
  const B = b.profile;
  const phrase = (f: MatchFeatures, kind: string, id: string) =>
    f.mentions.find((m) => m.kind === kind && m.id === id)?.phrase ?? '';
  const out: Reason[] = [];
  const anyA = a.offerMask | a.seekMask | a.mentionMask;
  const anyB = b.offerMask | b.seekMask | b.mentionMask;
  for (const id of idsOf((a.mentionMask & anyB) | (b.mentionMask & anyA), INTERESTS)) {
    const yours = a.mentionMask & interestBit(id) ? phrase(a, 'interest', id) : '';
    const theirs = b.mentionMask & interestBit(id) ? phrase(b, 'interest', id) : '';
    out.push({ code: 'READ_FROM_TEXT', params: { kind: 'interest', id, yours, theirs } });
  }
  for (const id of sharedSectors) {
    const yours = A.sectors.includes(id) ? '' : phrase(a, 'sector', id);
    const theirs = B.sectors.includes(id) ? '' : phrase(b, 'sector', id);
    if (yours || theirs) out.push({ code: 'READ_FROM_TEXT', params: { kind: 'sector', id, yours, theirs } });
  }
  return out.slice(0, MAX_READ_REASONS);
}

/** With no sector in common: the nearest pair of sectors, if any is near at all. */
function relatedSectors(a: number, b: number): Reason[] {
  let best: Reason | null = null;
  let bestAffinity = 0;
  for (let i = 0; i < SECTORS.length; i++) {
    if (!(a & (1 << i))) continue;
    for (let j = 0; j < SECTORS.length; j++) {
      if (b & (1 << j) && AFFINITY[i]![j]! > bestAffinity) {
        bestAffinity = AFFINITY[i]![j]!;
        best = { code: 'RELATED_SECTORS', params: { yours: SECTORS[i]!.id, theirs: SECTORS[j]!.id } };
      }
    }
  }
  return best ? [best] : [];
}

/** Best first; ties broken by id so that the order is stable. */
export function rankMatches(a: MatchFeatures, candidates: Iterable<MatchFeatures>, limit: number): Match[] {
  const out: Match[] = [];
  for (const b of candidates) {
    if (b.profile.id === a.profile.id) continue;
    out.push(scorePair(a, b));
  }
  out.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
  return out.slice(0, limit);
}

// --- explanations -------------------------------------------------------------------------

const englishList = new Intl.ListFormat('en', { type: 'conjunction' });
const languageNames = {
  en: new Intl.DisplayNames(['en'], { type: 'language' }),
  zh: new Intl.DisplayNames(['zh-CN'], { type: 'language' }),
};

function list(items: string[], locale: 'en' | 'zh'): string {
  if (locale === 'zh') return items.join('、');
  return englishList.format(items);
}

const hours = (minutes: number) => {
  const h = minutes / 60;
  return Number.isInteger(h) ? String(h) : h.toFixed(1);
};

export function reasonText(r: Reason, locale: 'en' | 'zh'): string {
  const p = r.params;
  const interests = () =>
    list(
      (p.interests as string[]).map((id) => termLabel(INTERESTS, id, locale).toLowerCase()),
      locale,
    );
  switch (r.code) {
    case 'THEY_SEEK_WHAT_YOU_OFFER':
      return locale === 'zh'
        ? `对方希望获得${interests()}，正是您所提供的`
        : `they seek ${interests()}, which you offer`;
    case 'THEY_OFFER_WHAT_YOU_SEEK':
      return locale === 'zh'
        ? `对方可提供${interests()}，正是您所需要的`
        : `they offer ${interests()}, which you seek`;
    case 'SHARED_SECTORS': {
      const s = list(
        (p.sectors as string[]).map((id) => termLabel(SECTORS, id, locale).toLowerCase()),
        locale,
      );
      return locale === 'zh' ? `你们都从事${s}` : `you both work in ${s}`;
    }
    case 'SHARED_LANGUAGE': {
      const l = list(
        (p.languages as string[]).map((c) => languageNames[locale].of(c) ?? c),
        locale,
      );
      return locale === 'zh' ? `你们都会说${l}` : `you share ${l}`;
    }
    case 'NO_COMMON_LANGUAGE':
      return locale === 'zh'
        ? '你们没有共同语言，需要口译'
        : 'you have no language in common: an interpreter is needed';
    case 'WORKING_HOURS_OVERLAP':
      return locale === 'zh'
        ? `你们的工作时间每天重叠 ${hours(p.minutesPerDay as number)} 小时（${cityName(p.youCity as string, 'zh')} ${p.youStart}–${p.youEnd}，${cityName(p.theyCity as string, 'zh')} ${p.theyStart}–${p.theyEnd}）`
        : `your working days overlap ${hours(p.minutesPerDay as number)} h (${p.youStart}–${p.youEnd} in ${cityName(p.youCity as string, 'en')}, ${p.theyStart}–${p.theyEnd} in ${cityName(p.theyCity as string, 'en')})`;
    case 'LITTLE_OVERLAP':
      return locale === 'zh'
        ? `你们的工作时间每周仅重叠 ${p.minutes} 分钟，会议需安排在工作时间之外`
        : `your working hours overlap only ${p.minutes} min a week: meetings will fall outside someone's hours`;
    case 'READ_FROM_TEXT': {
      const label = termLabel(p.kind === 'sector' ? SECTORS : INTERESTS, p.id as string, locale);
      const name = locale === 'zh' ? label : label.toLowerCase();
      // Their words as they wrote them, with the term in the reader's language when it differs.
      const quoted = (words: string) =>
        !words
          ? name
          : words.toLowerCase() === name.toLowerCase()
            ? words
            : locale === 'zh'
              ? `“${words}”（${name}）`
              : `“${words}” (${name})`;
      return locale === 'zh'
        ? `您的资料提到${name}；对方的资料提到${quoted(p.theirs as string)}`
        : `your profile mentions ${name}; theirs mentions ${quoted(p.theirs as string)}`;
    }
    case 'RELATED_SECTORS': {
      const label = (id: unknown) => termLabel(SECTORS, id as string, locale);
      return locale === 'zh'
        ? `对方的${label(p.theirs)}与您的${label(p.yours)}相近`
        : `their ${label(p.theirs).toLowerCase()} is close to your ${label(p.yours).toLowerCase()}`;
    }
    case 'SIMILAR_DESCRIPTIONS': {
      const words = inReadersScript(p.words as string[], locale);
      return locale === 'zh'
        ? `你们的简介有共同的关键词：${words.join('、')}`
        : `your descriptions share words: ${words.join(', ')}`;
    }
  }
}

/**
 * At most five shared words, those in the reader's script first; only those when there are two
 * or more of them, since a bilingual bio says each thing twice ("国际、合作、international、cooperation").
 */
function inReadersScript(words: readonly string[], locale: 'en' | 'zh'): string[] {
  const cjk = (w: string) => /[\u4e00-\u9fff]/.test(w);
  const own = words.filter((w) => cjk(w) === (locale === 'zh'));
  const other = words.filter((w) => cjk(w) !== (locale === 'zh'));
  return (own.length >= 2 ? own : [...own, ...other]).slice(0, 5);
}
