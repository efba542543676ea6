/**
 * An in-memory index over everyone's matching features, so that one person's best matches come
 * from the people related to them at all (a sector the same or near, an interest one offers and the
 * other seeks, or one that either's description speaks of), scored with bit masks, a memo of
 * working-hour overlaps and one of sector similarities rather than by explaining every pair.
 *
 * Only the winners are explained (scorePair), and their score is the same number: both paths
 * build it from the same components and `combineScore`.
 */
import { intersect, totalMs } from './intervals';
import {
  AFFINITY,
  bioComponent,
  countTerms,
  interestCountOf,
  type Match,
  type MatchFeatures,
  type MatchProfile,
  MET_BOTH_WAYS,
  matchFeatures,
  NEAR_SECTORS,
  overlapComponent,
  referenceWeek,
  scorePair,
  WEIGHTS,
} from './matching';
import { INTERESTS, SECTORS } from './taxonomy';
import { type Interval, MINUTE_MS } from './time';

export interface IndexedProfile extends MatchProfile {
  organisation: string;
  country: string;
  /** Organizers run the programme; they are not offered as counterparts. */
  matchable: boolean;
}

export interface MatchFilters {
  sector?: string;
  interest?: string;
  city?: string;
  country?: string;
  language?: string;
}

export interface MatchQuery {
  limit: number;
  /** Also people of one's own side (an organizer's setting). */
  sameSide: boolean;
  /** People not to show: hidden by the viewer, or who hid the viewer. */
  exclude?: ReadonlySet<string>;
  filters?: MatchFilters;
}

const sectorBit = new Map(SECTORS.map((s, i) => [s.id, 1 << i]));
const interestBit = new Map(INTERESTS.map((s, i) => [s.id, 1 << i]));

const RARE_LANGUAGES = 1 << 30;

interface Entry {
  profile: IndexedProfile;
  features: MatchFeatures;
  /** Interned bio words, sorted, for a merge-style intersection. */
  tokens: Int32Array;
  concepts: number;
  conceptCount: number;
}

// Module-local copies for the hot loop: imported bindings are read through accessors.
const W_COMPLEMENTARITY = WEIGHTS.complementarity;
const W_SECTORS = WEIGHTS.sectors;
const W_LANGUAGE = WEIGHTS.language;
const W_OVERLAP = WEIGHTS.overlap;
const W_BIO = WEIGHTS.bio;
const W_MET_BOTH_WAYS = MET_BOTH_WAYS;
/** Overlap minutes to its component, for every minute of a week. */
const OVERLAP = Float64Array.from({ length: 7 * 24 * 60 + 1 }, (_, m) => overlapComponent(m));

/** Candidates are ordered by their partial score in buckets of 1/BUCKETS. */
const BUCKETS = 1000;
/** Scores are rounded to 1e-3: compare bounds with that much room. */
const BOUND_SLACK = 1e-3;

/**
 * An interest count (see interestCount) as one index, full * QUARTERS + quarters, and the parts of
 * complementarityOf per index, so that the hot loop only indexes: the same expressions, the same
 * numbers.
 */
const QUARTERS = 5 * INTERESTS.length + 1;
const COUNTS = (INTERESTS.length + 1) * QUARTERS;
const countAt = (k: number) => interestCountOf(Math.floor(k / QUARTERS), k % QUARTERS);
const COUNT_TERMS = Float64Array.from({ length: COUNTS }, (_, k) => countTerms(countAt(k)));
const AT_LEAST_ONE = Uint8Array.from({ length: COUNTS }, (_, k) => (countAt(k) >= 1 ? 1 : 0));
/** Which posting lists an interest has: who seeks it, who offers it, who only mentions it. */
const SEEKERS = 0;
const OFFERERS = 1;
const LISTS_PER_INTEREST = 3;
const SECTOR_MASKS = 1 << SECTORS.length;
/** Set bits of every interest mask (eight interests: a byte), looked up rather than counted. */
const POP8 = Uint8Array.from({ length: 1 << INTERESTS.length }, (_, m) => {
  let n = 0;
  for (let x = m; x; x &= x - 1) n++;
  return n;
});

// Module-local, as the weights below: an imported function is reached through the module object.
function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const AFFINITY_ROWS = [...AFFINITY];
/** The highest affinity of sector i to any in `mask` (max is exact whatever the order). */
function nearestOf(i: number, mask: number): number {
  const row = AFFINITY_ROWS[i]!;
  let best = 0;
  for (let m = mask; m !== 0; m &= m - 1) {
    const v = row[31 - Math.clz32(m & -m)]!;
    if (v > best) best = v;
  }
  return best;
}

export class MatchIndex {
  private entries: (Entry | undefined)[] = [];
  private slotOf = new Map<string, number>();
  private free: number[] = [];
  // The hot fields, one typed array each, indexed by slot.
  private sectorMask = new Int32Array(1024);
  private offerMask = new Int32Array(1024);
  private seekMask = new Int32Array(1024);
  private mentionMask = new Int32Array(1024);
  private languageMasks = new Int32Array(1024);
  private weekKeyOfSlot = new Int32Array(1024);
  private sideOfSlot = new Int8Array(1024);
  /** Postings: the slots of matchable people per sector, offered and sought interest. */
  private bySector = SECTORS.map(() => new Set<number>());
  private byOffer = INTERESTS.map(() => new Set<number>());
  private bySeek = INTERESTS.map(() => new Set<number>());
  private byMention = INTERESTS.map(() => new Set<number>());
  /** Posting lists as arrays, per side left out (0: nobody), built on demand. */
  private postingArrays = new Map<number, Int32Array[]>();
  private languageBits = new Map<string, number>();
  private tokenIds = new Map<string, number>();
  private weekKeys = new Map<string, number>();
  private weeks: Interval[][] = [];
  private overlapMemo = new Float64Array(0);
  private memoStride = 0;
  private seen = new Uint32Array(0);
  /** Sector similarity to the viewer, per sector mask, valid when its stamp is this query's. */
  private sectorMemo = new Float64Array(SECTOR_MASKS);
  private sectorStamps = new Uint32Array(SECTOR_MASKS);
  private nearMe = new Float64Array(SECTORS.length);
  // Scratch space of topMatches, reused between calls.
  private partials = new Float64Array(1024);
  private candidates = new Int32Array(1024);
  private order = new Int32Array(1024);
  private bucketCounts = new Int32Array(BUCKETS + 2);
  private bucketStarts = new Int32Array(BUCKETS + 2);
  private stamp = 0;
  readonly weekStart: number;

  /** `now` fixes the reference week whose working hours are compared (the real calendar). */
  constructor(now: number) {
    this.weekStart = referenceWeek(now).start;
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** The profile as last given to upsert. */
  profile(id: string): IndexedProfile | undefined {
    return this.entries[this.slotOf.get(id) ?? -1]?.profile;
  }

  /** Adds or replaces one person. */
  upsert(profile: IndexedProfile): void {
    this.remove(profile.id);
    const slot = this.free.pop() ?? this.entries.length;
    this.ensureCapacity(slot + 1);
    const wk = this.weekKeyOf(profile);
    const features: MatchFeatures = matchFeatures(profile, this.weekStart, this.weeks[wk]);
    this.weeks[wk] ??= features.week;
    const tokens = Int32Array.from([...features.tokens].map((t) => this.intern(t))).sort();
    const concepts = features.conceptMask;
    this.entries[slot] = { profile, features, tokens, concepts, conceptCount: popcount(concepts) };
    this.slotOf.set(profile.id, slot);
    this.sectorMask[slot] = features.sectorMask;
    this.offerMask[slot] = features.offerMask;
    this.seekMask[slot] = features.seekMask;
    this.mentionMask[slot] = features.mentionMask;
    this.languageMasks[slot] = this.languageMask(profile.languages);
    this.weekKeyOfSlot[slot] = wk;
    this.sideOfSlot[slot] = profile.side === 'eu' ? 1 : profile.side === 'cn' ? 2 : 3;
    this.postingArrays.clear();
    if (!profile.matchable) return;
    for (let i = 0; i < SECTORS.length; i++)
      if (this.sectorMask[slot]! & (1 << i)) this.bySector[i]!.add(slot);
    for (let i = 0; i < INTERESTS.length; i++) {
      if (this.offerMask[slot]! & (1 << i)) this.byOffer[i]!.add(slot);
      if (this.seekMask[slot]! & (1 << i)) this.bySeek[i]!.add(slot);
      if (this.mentionMask[slot]! & (1 << i)) this.byMention[i]!.add(slot);
    }
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    for (const set of [...this.bySector, ...this.byOffer, ...this.bySeek, ...this.byMention])
      set.delete(slot);
    this.entries[slot] = undefined;
    this.slotOf.delete(id);
    this.free.push(slot);
    this.postingArrays.clear();
  }

  /** The best `limit` matches for `id`, explained, best first; ties broken by id. */
  topMatches(id: string, q: MatchQuery): Match[] {
    const me = this.entries[this.slotOf.get(id) ?? -1];
    if (!me) return [];
    return this.topScores(id, q).map((t) =>
      scorePair(me.features, this.entries[this.slotOf.get(t.id)!]!.features),
    );
  }

  /** The same ranking without the explanations: ids and scores, best first. */
  topScores(id: string, q: MatchQuery): { id: string; score: number }[] {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return [];
    const me = this.entries[slot]!;
    const filter = this.compileFilter(q.filters);
    const exclude = q.exclude?.size ? q.exclude : null;
    if (this.seen.length < this.entries.length) this.seen = new Uint32Array(this.entries.length * 2);
    const seen = this.seen;
    const stamp = ++this.stamp;
    const mySectors = this.sectorMask[slot]!;
    const myOffers = this.offerMask[slot]!;
    const mySeeks = this.seekMask[slot]!;
    const myMentions = this.mentionMask[slot]!;
    let myNear = 0;
    for (let i = 0; i < SECTORS.length; i++) if (mySectors & (1 << i)) myNear |= NEAR_SECTORS[i]!;
    const myInterests = myOffers | mySeeks | myMentions;
    // For each sector, the nearest of mine (see sectorsComponent).
    const nearMe = this.nearMe;
    for (let j = 0; j < SECTORS.length; j++) nearMe[j] = nearestOf(j, mySectors);
    const myLanguages = this.languageMasks[slot]!;
    const myWeek = this.weekKeyOfSlot[slot]!;
    const mySide = this.sideOfSlot[slot]!;
    const sectors = this.sectorMask;
    const offers = this.offerMask;
    const seeks = this.seekMask;
    const mentions = this.mentionMask;
    const sectorMemo = this.sectorMemo;
    const sectorStamps = this.sectorStamps;
    const langs = this.languageMasks;
    const weekKeys = this.weekKeyOfSlot;
    const sides = this.sideOfSlot;
    const postings = this.postings(q.sameSide ? 0 : mySide);
    if (this.weekKeys.size > this.memoStride) {
      // Keys are few (zones × working-hour patterns): a dense table, regrown when keys grow.
      this.memoStride = this.weekKeys.size * 2;
      this.overlapMemo = new Float64Array(this.memoStride * this.memoStride).fill(-1);
    }
    const memo = this.overlapMemo;
    const memoRow = myWeek * this.memoStride;

    // Pass 1: the cheap part of everyone's score (all but the bios), counted per bucket of 0.001.
    let n = 0;
    let partials = this.partials;
    let candidates = this.candidates;
    const counts = this.bucketCounts.fill(0);
    for (let list = 0; list < postings.length; list++) {
      const k = list - SECTORS.length;
      const bit = k < 0 ? 1 << list : 1 << Math.floor(k / LISTS_PER_INTEREST);
      // Sector lists by the sectors near mine; then per interest, who seeks what I offer or
      // mention, who offers what I seek or mention, who mentions what I have in any way.
      const kind = k % LISTS_PER_INTEREST;
      const wanted =
        k < 0
          ? myNear
          : kind === SEEKERS
            ? myOffers | myMentions
            : kind === OFFERERS
              ? mySeeks | myMentions
              : myInterests;
      if ((wanted & bit) === 0) continue;
      const slots = postings[list]!;
      for (let k = 0; k < slots.length; k++) {
        const other = slots[k]!;
        if (seen[other] === stamp) continue;
        seen[other] = stamp;
        if (other === slot || (!q.sameSide && sides[other] === mySide)) continue;
        const os = sectors[other]!;
        let sectorSimilarity = sectorMemo[os]!;
        if (sectorStamps[os] !== stamp) {
          sectorSimilarity = sectorMemo[os] = this.sectorSimilarity(mySectors, os, nearMe);
          sectorStamps[os] = stamp;
        }
        const theirSeeks = seeks[other]!;
        const theirOffers = offers[other]!;
        const theirMentions = mentions[other]!;
        const bothMention = POP8[myMentions & theirMentions]!;
        const theySeek =
          POP8[myOffers & theirSeeks]! * QUARTERS +
          2 * (POP8[myMentions & theirSeeks]! + POP8[myOffers & theirMentions]!) +
          bothMention;
        const theyOffer =
          POP8[theirOffers & mySeeks]! * QUARTERS +
          2 * (POP8[theirMentions & mySeeks]! + POP8[theirOffers & myMentions]!) +
          bothMention;
        // complementarityOf, from the tables.
        const complementarity = Math.min(
          1,
          (COUNT_TERMS[theySeek]! + COUNT_TERMS[theyOffer]!) / 2 +
            (AT_LEAST_ONE[theySeek]! & AT_LEAST_ONE[theyOffer]! ? W_MET_BOTH_WAYS : 0),
        );
        const both = myLanguages & langs[other]!;
        const wk = weekKeys[other]!;
        const overlap = memo[memoRow + wk]! >= 0 ? memo[memoRow + wk]! : this.overlapMinutes(myWeek, wk);
        const partial =
          W_COMPLEMENTARITY * complementarity +
          W_SECTORS * sectorSimilarity +
          (both === 0 ? 0 : both & ~RARE_LANGUAGES || this.shareLanguage(slot, other) ? W_LANGUAGE : 0) +
          W_OVERLAP * OVERLAP[overlap]!;
        if (n === partials.length) {
          const p = new Float64Array(n * 2);
          p.set(partials);
          partials = this.partials = p;
          const c = new Int32Array(n * 2);
          c.set(candidates);
          candidates = this.candidates = c;
        }
        partials[n] = partial;
        candidates[n++] = other;
        counts[Math.floor(partial * BUCKETS)]!++;
      }
    }
    // A counting sort by bucket, best bucket first.
    const starts = this.bucketStarts;
    let acc = 0;
    for (let b = BUCKETS; b >= 0; b--) {
      starts[b] = acc;
      acc += counts[b]!;
    }
    if (this.order.length < n) this.order = new Int32Array(n * 2);
    const order = this.order;
    for (let k = 0; k < n; k++) order[starts[Math.floor(partials[k]! * BUCKETS)]!++] = k;
    // Pass 2: best partial first, adding the bios, until even a perfect bio cannot reach the
    // last of the top places.
    const top: { score: number; id: string }[] = [];
    let threshold = -1;
    for (let k = 0; k < n; k++) {
      const at = order[k]!;
      const other = candidates[at]!;
      // Within a bucket the order is loose: the bound uses the bucket's top.
      const bound = (Math.floor(partials[at]! * BUCKETS) + 1) / BUCKETS;
      if (top.length === q.limit && bound + W_BIO + BOUND_SLACK < threshold) break;
      const e = this.entries[other]!;
      if (exclude?.has(e.profile.id) || !filter(e, other)) continue;
      // The same sum, in the same order, as combineScore: the same number scorePair gives.
      const score = Math.round((partials[at]! + W_BIO * this.bioScore(me, e)) * 1000) / 1000;
      const pid = e.profile.id;
      if (top.length === q.limit) {
        const last = top[top.length - 1]!;
        if (score < last.score || (score === last.score && pid > last.id)) continue;
        top.pop();
      }
      let i = top.length;
      while (i > 0 && (top[i - 1]!.score < score || (top[i - 1]!.score === score && top[i - 1]!.id > pid)))
        i--;
      top.splice(i, 0, { score, id: pid });
      if (top.length === q.limit) threshold = top[top.length - 1]!.score;
    }
    return top;
  }

  /** Posting lists as arrays: sectors, then per interest who seeks it and who offers it. */
  private postings(leaveOutSide: number): Int32Array[] {
    let lists = this.postingArrays.get(leaveOutSide);
    if (!lists) {
      const keep = (set: Set<number>) =>
        Int32Array.from([...set].filter((x) => this.sideOfSlot[x] !== leaveOutSide));
      lists = this.bySector.map(keep);
      // In the order of SEEKERS, OFFERERS, then those who mention it.
      for (let i = 0; i < INTERESTS.length; i++)
        lists.push(keep(this.bySeek[i]!), keep(this.byOffer[i]!), keep(this.byMention[i]!));
      this.postingArrays.set(leaveOutSide, lists);
    }
    return lists;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.sectorMask.length) return;
    const size = Math.max(n, this.sectorMask.length * 2);
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.sectorMask = grow32(this.sectorMask);
    this.offerMask = grow32(this.offerMask);
    this.seekMask = grow32(this.seekMask);
    this.mentionMask = grow32(this.mentionMask);
    this.languageMasks = grow32(this.languageMasks);
    this.weekKeyOfSlot = grow32(this.weekKeyOfSlot);
    const sides = new Int8Array(size);
    sides.set(this.sideOfSlot);
    this.sideOfSlot = sides;
  }

  /**
   * sectorsComponent(a, b), the same sums in the same order (ascending sector), walking only the
   * set bits and with a's side of the nearest sectors computed once per query.
   */
  private sectorSimilarity(a: number, b: number, nearA: Float64Array): number {
    if (a === 0 || b === 0) return 0;
    let sumA = 0;
    let sumB = 0;
    let nA = 0;
    let nB = 0;
    for (let m = a | b; m !== 0; m &= m - 1) {
      const i = 31 - Math.clz32(m & -m);
      const bit = 1 << i;
      if (a & bit) {
        nA++;
        sumA += nearestOf(i, b);
      }
      if (b & bit) {
        nB++;
        sumB += nearA[i]!;
      }
    }
    const shared = (sumA + sumB) / 2;
    return shared / (nA + nB - shared);
  }

  private bioScore(a: Entry, b: Entry): number {
    const x = a.tokens;
    const y = b.tokens;
    let i = 0;
    let j = 0;
    let shared = 0;
    while (i < x.length && j < y.length) {
      if (x[i]! === y[j]!) {
        shared++;
        i++;
        j++;
      } else if (x[i]! < y[j]!) i++;
      else j++;
    }
    return bioComponent(
      { shared, a: x.length, b: y.length },
      { shared: popcount(a.concepts & b.concepts), a: a.conceptCount, b: b.conceptCount },
    );
  }

  private overlapMinutes(ka: number, kb: number): number {
    const at = ka * this.memoStride + kb;
    let m = this.overlapMemo[at]!;
    if (m < 0) {
      m = Math.round(totalMs(intersect(this.weeks[ka]!, this.weeks[kb]!)) / MINUTE_MS);
      this.overlapMemo[at] = m;
    }
    return m;
  }

  private weekKeyOf(p: MatchProfile): number {
    const text = `${p.timeZone}|${p.workingHours.map((w) => `${w.day}:${w.startMinute}-${w.endMinute}`).join(',')}`;
    let k = this.weekKeys.get(text);
    if (k === undefined) {
      k = this.weekKeys.size;
      this.weekKeys.set(text, k);
    }
    return k;
  }

  /** Whether two people who both speak some rare language speak the same one. */
  private shareLanguage(a: number, b: number): boolean {
    const other = this.entries[b]!.profile.languages;
    return this.entries[a]!.profile.languages.some((l) => other.includes(l));
  }

  private languageMask(languages: readonly string[]): number {
    let mask = 0;
    for (const l of languages) {
      let bit = this.languageBits.get(l);
      if (bit === undefined) {
        // 30 languages get their own bit; any further ones share the last, checked by name.
        bit = this.languageBits.size < 30 ? 1 << this.languageBits.size : RARE_LANGUAGES;
        this.languageBits.set(l, bit);
      }
      mask |= bit;
    }
    return mask;
  }

  private intern(token: string): number {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      id = this.tokenIds.size;
      this.tokenIds.set(token, id);
    }
    return id;
  }

  private compileFilter(f: MatchFilters | undefined): (e: Entry, slot: number) => boolean {
    if (!f) return () => true;
    const sector = f.sector ? (sectorBit.get(f.sector) ?? -1) : 0;
    const interest = f.interest ? (interestBit.get(f.interest) ?? -1) : 0;
    const city = f.city?.trim().toLocaleLowerCase();
    const country = f.country?.trim().toUpperCase();
    const language = f.language?.trim().toLowerCase();
    return (e, slot) =>
      // The sectors people ticked, as their card shows, not those read from their bio.
      (sector === 0 || (sector > 0 && e.profile.sectors.includes(f.sector!))) &&
      (interest === 0 ||
        (interest > 0 && ((this.offerMask[slot]! | this.seekMask[slot]!) & interest) !== 0)) &&
      (!city || e.profile.city.toLocaleLowerCase() === city) &&
      (!country || e.profile.country === country) &&
      (!language || e.profile.languages.includes(language));
  }
}
