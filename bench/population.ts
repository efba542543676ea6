/**
 * A generated population for benchmarks: half European, half Chinese, with a realistic spread of
 * cities and zones, sectors (skewed to the programme's life sciences), interests, languages,
 * working hours (Chinese offices with their lunch break) and bios in English or Chinese.
 * Deterministic for a seed.
 */
import { type Profile, validateProfile, type WorkingHoursInput } from '../src/domain/profile';
import { INTERESTS, SECTORS } from '../src/domain/taxonomy';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EU = [
  ['Rome', 'IT', 'Europe/Rome', 'it'],
  ['Viterbo', 'IT', 'Europe/Rome', 'it'],
  ['Milan', 'IT', 'Europe/Rome', 'it'],
  ['Granada', 'ES', 'Europe/Madrid', 'es'],
  ['Madrid', 'ES', 'Europe/Madrid', 'es'],
  ['Nice', 'FR', 'Europe/Paris', 'fr'],
  ['Lyon', 'FR', 'Europe/Paris', 'fr'],
  ['Brussels', 'BE', 'Europe/Brussels', 'fr'],
  ['Lisbon', 'PT', 'Europe/Lisbon', 'pt'],
  ['Athens', 'GR', 'Europe/Athens', 'el'],
  ['Helsinki', 'FI', 'Europe/Helsinki', 'fi'],
  ['Dublin', 'IE', 'Europe/Dublin', 'en'],
] as const;
const CN = [
  ['Yantai', 'CN', 'Asia/Shanghai'],
  ['Kunming', 'CN', 'Asia/Shanghai'],
  ['Liuzhou', 'CN', 'Asia/Shanghai'],
  ['Shanghai', 'CN', 'Asia/Shanghai'],
  ['Shenzhen', 'CN', 'Asia/Shanghai'],
  ['Chengdu', 'CN', 'Asia/Shanghai'],
  ['Urumqi', 'CN', 'Asia/Urumqi'],
  ['Hong Kong', 'HK', 'Asia/Hong_Kong'],
] as const;

const EN_WORDS =
  'biotech health hospital university research park cluster wine vineyard clinical trial genomics elderly care digital platform sensor data city mobility nutrition food agriculture innovation startup incubator laboratory vaccine diagnostics imaging telemedicine tourism heritage students exchange funding'.split(
    ' ',
  );
const ZH_WORDS =
  '生物 技术 医药 健康 医院 大学 科研 园区 企业 葡萄酒 临床 试验 基因 养老 数字 平台 城市 农业 创新 孵化 实验室 疫苗 诊断 远程 医疗 旅游 学生 交流 投资'.split(
    ' ',
  );

const SECTOR_WEIGHTS = SECTORS.map((s) =>
  ['biotechnology', 'biomedicine', 'health-technology', 'healthy-city', 'higher-education'].includes(s.id)
    ? 3
    : 1,
);

function pickWeighted(r: () => number, weights: number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

function some<T>(r: () => number, items: readonly T[], min: number, max: number, weights?: number[]): T[] {
  const n = min + Math.floor(r() * (max - min + 1));
  const out = new Set<T>();
  while (out.size < n) out.add(items[weights ? pickWeighted(r, weights) : Math.floor(r() * items.length)]!);
  return [...out];
}

const days = (start: string, end: string, d = [1, 2, 3, 4, 5]): WorkingHoursInput[] =>
  d.map((day) => ({ day, start, end }));

export function generatePopulation(n: number, seed = 2020): Profile[] {
  const r = rng(seed);
  const out: Profile[] = [];
  for (let i = 0; i < n; i++) {
    const european = i % 2 === 0;
    const place = european ? EU[Math.floor(r() * EU.length)]! : CN[Math.floor(r() * CN.length)]!;
    const languages = european
      ? [place[3]!, ...(r() < 0.8 ? ['en'] : []), ...(r() < 0.05 ? ['zh'] : [])]
      : ['zh', ...(r() < 0.6 ? ['en'] : [])];
    const hoursStyle = r();
    const workingHours = european
      ? hoursStyle < 0.6
        ? days('09:00', '18:00')
        : hoursStyle < 0.85
          ? days('08:30', '17:00')
          : [...days('09:00', '13:00'), ...days('15:00', '19:00', [1, 2, 3, 4])]
      : hoursStyle < 0.6
        ? [...days('08:30', '12:00'), ...days('14:00', '17:30')]
        : days('09:00', '18:00');
    const words = european ? EN_WORDS : ZH_WORDS;
    const bio = some(r, words, 6, 14).join(european ? ' ' : '');
    out.push(
      validateProfile({
        name: `${european ? 'Person' : '参与者'} ${i}`,
        email: `p${i}@bench.example`,
        organisation: `Organisation ${i % 700}`,
        city: place[0],
        country: place[1],
        timeZone: place[2],
        languages: [...new Set(languages)],
        sectors: some(r, SECTORS, 1, 3, SECTOR_WEIGHTS).map((s) => s.id),
        offers: some(r, INTERESTS, 1, 3).map((s) => s.id),
        seeks: some(r, INTERESTS, 1, 3).map((s) => s.id),
        bio,
        workingHours,
        locale: european ? 'en' : 'zh',
      }),
    );
  }
  return out;
}
