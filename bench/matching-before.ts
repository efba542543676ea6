/**
 * A copy of the matching as it was before it read descriptions through the thesaurus, kept only so
 * that the matching benchmark can measure the new ranking against it in the same run.
 *
 * Explainable matching: a score from 0 to 1 built from named components, each with its weight
 * here and nowhere else, and every component leaves reasons (data, rendered in either language).
 */
import { intersect, totalMs } from '../src/domain/intervals';
import type { Profile } from '../src/domain/profile';
import { INTERESTS, SECTORS, termLabel } from '../src/domain/taxonomy';
import {
  addDays,
  DAY_MS,
  type Interval,
  instantOf,
  localClock,
  MINUTE_MS,
  mondayOf,
  weeklyWindowsToUtc,
} from '../src/domain/time';

export const WEIGHTS = {
  /** What one offers that the other seeks, both ways: the strongest signal. */
  complementarity: 0.4,
  sectors: 0.2,
  language: 0.15,
  overlap: 0.15,
  bio: 0.1,
} as const;

/** A week with this much shared working time counts as full overlap. */
export const FULL_OVERLAP_MINUTES = 10 * 60;
/** Below this, a warning: meetings will be hard to place. */
export const LITTLE_OVERLAP_MINUTES = 60;

export type MatchProfile = { id: string } & Pick<
  Profile,
  'side' | 'city' | 'timeZone' | 'languages' | 'sectors' | 'offers' | 'seeks' | 'bio' | 'workingHours'
>;

/** What is computed once per person (and week) so that scoring a pair is cheap. */
export interface MatchFeatures {
  profile: MatchProfile;
  week: Interval[];
  tokens: Set<string>;
}

export type ReasonCode =
  | 'THEY_SEEK_WHAT_YOU_OFFER'
  | 'THEY_OFFER_WHAT_YOU_SEEK'
  | 'SHARED_SECTORS'
  | 'SHARED_LANGUAGE'
  | 'NO_COMMON_LANGUAGE'
  | 'WORKING_HOURS_OVERLAP'
  | 'LITTLE_OVERLAP'
  | 'SIMILAR_DESCRIPTIONS';

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
 * Words of a description in English or Chinese. Chinese has no spaces: the segmenter's
 * dictionary splits 生物技术企业 into 生物 · 技术 · 企业.
 */
export function bioTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  const hasCjk = /[\u4e00-\u9fff]/.test(text);
  for (const seg of segmenter(hasCjk ? 'zh' : 'en').segment(text.toLowerCase())) {
    if (!seg.isWordLike) continue;
    const w = seg.segment;
    const cjk = /[\u4e00-\u9fff]/.test(w);
    if (cjk ? w.length < 2 : w.length < 3 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    tokens.add(cjk ? w : w.replace(/(ies|es|s)$/, (m) => (m === 'ies' ? 'y' : '')));
  }
  return tokens;
}

/** The UTC intervals of one reference week (Monday 00:00 UTC of `now`'s week, seven days). */
export function referenceWeek(now: number): { start: number; end: number; firstDate: string } {
  const monday = mondayOf(now, 'UTC');
  const start = instantOf(monday, 0, 'UTC');
  return { start, end: start + 7 * DAY_MS, firstDate: monday };
}

/** `week` may be passed when already computed for the same zone and working hours. */
export function matchFeatures(profile: MatchProfile, now: number, week?: Interval[]): MatchFeatures {
  return { profile, week: week ?? weekOf(profile, now), tokens: bioTokens(profile.bio) };
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

const countTerms = (n: number) => (n <= 0 ? 0 : 1 - 0.5 ** n);

/** Both directions count; a need met both ways is worth more than two in one direction. */
export function complementarityOf(theySeek: number, theyOffer: number): number {
  return Math.min(1, (countTerms(theySeek) + countTerms(theyOffer)) / 2 + (theySeek && theyOffer ? 0.25 : 0));
}

export function overlapComponent(minutesPerWeek: number): number {
  return Math.min(1, minutesPerWeek / FULL_OVERLAP_MINUTES);
}

/** Cosine-like similarity of two word sets. */
export function bioComponent(shared: number, sizeA: number, sizeB: number): number {
  return shared && sizeA && sizeB ? Math.min(1, shared / Math.sqrt(sizeA * sizeB)) : 0;
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

function jaccard<T>(a: readonly T[], b: readonly T[]): { shared: T[]; value: number } {
  const setB = new Set(b);
  const shared = a.filter((x) => setB.has(x));
  const union = new Set([...a, ...b]).size;
  return { shared, value: union === 0 ? 0 : shared.length / union };
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

  const sectors = jaccard(A.sectors, B.sectors);
  if (sectors.shared.length) reasons.push({ code: 'SHARED_SECTORS', params: { sectors: sectors.shared } });

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
  if (bioShared.length >= 2)
    reasons.push({ code: 'SIMILAR_DESCRIPTIONS', params: { words: bioShared.slice(0, 5) } });

  const components: Components = {
    complementarity: complementarityOf(theySeek.length, theyOffer.length),
    sectors: sectors.value,
    language: languages.length ? 1 : 0,
    overlap: overlapComponent(overlapMinutesPerWeek),
    bio: bioComponent(bioShared.length, a.tokens.size, b.tokens.size),
  };
  return { id: B.id, score: combineScore(components), components, reasons, overlapMinutesPerWeek };
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
        ? `你们的工作时间每天重叠 ${hours(p.minutesPerDay as number)} 小时（${p.youCity} ${p.youStart}–${p.youEnd}，${p.theyCity} ${p.theyStart}–${p.theyEnd}）`
        : `your working days overlap ${hours(p.minutesPerDay as number)} h (${p.youStart}–${p.youEnd} in ${p.youCity}, ${p.theyStart}–${p.theyEnd} in ${p.theyCity})`;
    case 'LITTLE_OVERLAP':
      return locale === 'zh'
        ? `你们的工作时间每周仅重叠 ${p.minutes} 分钟，会议需安排在工作时间之外`
        : `your working hours overlap only ${p.minutes} min a week: meetings will fall outside someone's hours`;
    case 'SIMILAR_DESCRIPTIONS':
      return locale === 'zh'
        ? `你们的简介有共同的关键词：${(p.words as string[]).join('、')}`
        : `your descriptions share words: ${(p.words as string[]).join(', ')}`;
  }
}
