/**
 * A multilingual thesaurus of the taxonomy: for every sector and interest, the words and phrases
 * people use for it in the programme's languages (English, Spanish, Italian, French, Chinese).
 * Reading a text finds which sectors and interests it speaks of, whatever its language, so that a
 * Spanish description and a Chinese one can be compared through the taxonomy they both map to.
 * Everything is in this file: no model, nothing fetched.
 *
 * Phrase syntax, Latin scripts: lower case without accents (the text is folded the same way);
 * words separated by spaces match any run of spaces, hyphens or apostrophes; a word ending in `*`
 * matches any ending (a stem: `biotecnolog*` is biotecnología, biotecnologie…), any other word also
 * matches with a plural `s` or `es`. Chinese phrases match as written, anywhere in the text: the
 * word segmenter that cuts descriptions into words (see bioTokens) splits 生物技术 into 生物 · 技术,
 * so the thesaurus looks for the whole phrase in the text itself.
 */
import { INTERESTS, SECTORS } from './taxonomy';

type Phrases = { en: string[]; es: string[]; it: string[]; fr: string[]; zh: string[] };

export const SECTOR_PHRASES: Record<string, Phrases> = {
  biotechnology: {
    en: ['biotech*', 'genomic*', 'genetic engineering', 'synthetic biology', 'bioengineering'],
    es: ['biotecnolog*', 'genomic*', 'ingenieria genetica'],
    it: ['biotecnolog*', 'genomic*', 'ingegneria genetica'],
    fr: ['biotechnolog*', 'genomique*', 'genie genetique'],
    zh: ['生物技术', '生物科技', '生物工程', '基因', '生物技術'],
  },
  biomedicine: {
    en: ['biomedic*', 'biopharma*', 'pharmaceutic*', 'drug discovery', 'clinical trial', 'vaccine'],
    es: ['biomedic*', 'farmaceutic*', 'medicamento*', 'ensayo* clinico*', 'vacuna*'],
    it: ['biomedic*', 'farmaceutic*', 'farmaco', 'farmaci', 'sperimentazion* clinic*', 'vaccin*'],
    fr: ['biomedic*', 'pharmaceutique*', 'medicament*', 'essai* clinique*', 'vaccin*'],
    zh: ['生物医药', '生物医学', '医药', '制药', '药物', '临床试验', '疫苗'],
  },
  'health-technology': {
    en: ['health technolog*', 'health tech', 'healthtech', 'healthcare technolog*'],
    es: [
      'tecnologia* sanitaria*',
      'tecnologia* de la salud',
      'tecnologia* medica*',
      'parque tecnologico de la salud',
    ],
    it: ['tecnologi* sanitari*', 'tecnologi* per la salute', 'tecnologi* medic*'],
    fr: ['technologie* de sante', 'technologie* de la sante', 'technologie* medicale*'],
    zh: ['健康科技', '医疗科技', '健康技术', '医疗技术'],
  },
  'digital-health': {
    en: ['digital health', 'telemedicine', 'telehealth', 'e health', 'ehealth', 'mhealth', 'health data'],
    es: ['salud digital', 'telemedicina', 'esalud', 'e salud', 'datos de salud'],
    it: ['sanita digitale', 'salute digitale', 'telemedicina', 'dati sanitari'],
    fr: ['sante numerique', 'e sante', 'telemedecine', 'donnees de sante'],
    zh: ['数字健康', '智慧医疗', '远程医疗', '互联网医疗', '数字医疗', '医疗大数据'],
  },
  'medical-devices': {
    en: ['medical device*', 'medtech', 'diagnostic*', 'medical imaging', 'medical equipment'],
    es: ['dispositivo* medico*', 'diagnostic*', 'equipo* medico*'],
    it: ['dispositiv* medic*', 'diagnostic*', 'apparecchiatur* medic*'],
    fr: ['dispositif* medica*', 'diagnostic*', 'equipement* medica*', 'imagerie medicale'],
    zh: ['医疗器械', '医疗设备', '诊断'],
  },
  'healthy-city': {
    en: ['healthy cit*', 'health city', 'public health', 'urban health', 'well being', 'wellbeing'],
    es: ['ciudad* saludable*', 'ciudad de la salud', 'salud publica', 'bienestar'],
    it: ['citta san*', 'citta della salute', 'salute pubblica', 'sanita pubblica', 'benessere'],
    fr: ['ville* sante', 'ville* en sante', 'ville de la sante', 'sante publique', 'bien etre'],
    zh: ['健康城市', '健康城', '公共卫生', '大健康'],
  },
  'elderly-care': {
    en: ['elderly', 'ageing', 'aging', 'senior care', 'care home*', 'nursing home*', 'older people'],
    es: [
      'personas mayores',
      'envejecimiento',
      'tercera edad',
      'cuidado de mayores',
      'residencia* de mayores',
    ],
    it: ['anzian*', 'invecchiamento', 'terza eta', 'case di riposo', 'casa di riposo'],
    fr: ['personne* agee*', 'vieillissement', 'maison* de retraite', 'silver economie'],
    zh: ['养老', '康养', '老年', '老龄', '护理'],
  },
  'precision-agriculture': {
    en: [
      'precision agricultur*',
      'precision farming',
      'smart agricultur*',
      'smart farming',
      'agritech',
      'agricultur*',
      'farming',
    ],
    es: ['agricultura de precision', 'agricultura inteligente', 'agricultura'],
    it: ['agricoltura di precisione', 'agricoltura intelligente', 'agricoltura', 'agricol*'],
    fr: ['agriculture de precision', 'agriculture intelligente', 'agricole*'],
    zh: ['精准农业', '智慧农业', '农业'],
  },
  'wine-viticulture': {
    en: ['wine*', 'winery', 'wineries', 'vineyard*', 'viticultur*', 'vine', 'grape*', 'oenolog*', 'enolog*'],
    es: ['vino*', 'vinicol*', 'vinedo*', 'bodega*', 'vitivinicol*', 'uva*'],
    it: [
      'vino',
      'vite',
      'viticoltur*',
      'vini',
      'vinicol*',
      'vigna*',
      'vigneto',
      'vigneti',
      'cantina',
      'cantine',
      'vitivinicol*',
      'uva',
    ],
    fr: ['vin', 'vins', 'vignoble*', 'vigne*', 'vinicole*', 'raisin*'],
    zh: ['葡萄酒', '酒庄', '葡萄', '酿酒'],
  },
  'food-nutrition': {
    en: ['food*', 'nutrition*', 'agrifood', 'agri food', 'dietary'],
    es: ['alimenta*', 'alimento*', 'nutricion*', 'agroalimentari*'],
    it: ['aliment*', 'nutrizion*', 'agroalimentar*'],
    fr: ['aliment*', 'nutrition*', 'agroalimentaire*'],
    zh: ['食品', '营养', '食物'],
  },
  'smart-city': {
    en: ['smart cit*', 'urban mobility', 'urban data', 'urban innovation'],
    es: ['ciudad* inteligente*', 'movilidad urbana'],
    it: ['citta intelligent*', 'mobilita urbana'],
    fr: ['ville* intelligente*', 'mobilite urbaine'],
    zh: ['智慧城市', '智能城市', '城市大脑'],
  },
  tourism: {
    en: ['touris*', 'hospitality'],
    es: ['turism*', 'turist*'],
    it: ['turism*', 'turist*'],
    fr: ['touris*'],
    zh: ['旅游', '文旅', '观光'],
  },
  'higher-education': {
    en: ['universit*', 'higher education', 'academic*'],
    es: ['universidad*', 'educacion superior', 'academic*'],
    it: ['universita', 'ateneo', 'istruzione superiore', 'accademic*'],
    fr: ['universite*', 'enseignement superieur', 'academique*'],
    zh: ['大学', '高校', '高等教育', '学院'],
  },
};

export const INTEREST_PHRASES: Record<string, Phrases> = {
  'research-partnership': {
    en: [
      'research partner*',
      'research cooperation',
      'research collaboration*',
      'joint research',
      'research project*',
    ],
    es: [
      'colaboracion cientifica',
      'cooperacion cientifica',
      'investigacion conjunta',
      'proyecto* de investigacion',
      'socio* de investigacion',
    ],
    it: [
      'collaborazion* scientific*',
      'cooperazione scientifica',
      'ricerca congiunta',
      'progett* di ricerca',
      'partner di ricerca',
    ],
    fr: [
      'collaboration* scientifique*',
      'cooperation scientifique',
      'recherche conjointe',
      'projet* de recherche',
      'partenaire* de recherche',
    ],
    zh: ['科研合作', '研究合作', '联合研究', '合作研究', '科研项目', '产学研'],
  },
  'technology-transfer': {
    en: ['technology transfer', 'tech transfer', 'knowledge transfer', 'licensing'],
    es: ['transferencia de tecnologia', 'transferencia tecnologica', 'transferencia de conocimiento'],
    it: [
      'trasferimento tecnologico',
      'trasferimento di tecnologi*',
      'trasferimento delle tecnologie',
      'trasferimento di conoscenz*',
    ],
    fr: ['transfert* de technologie*', 'transfert* technologique*', 'transfert* de connaissance*'],
    zh: ['技术转移', '技术转让', '成果转化'],
  },
  investment: {
    en: ['investment*', 'investor*', 'invest', 'investing', 'funding', 'venture capital'],
    es: ['inversion*', 'inversor*', 'financiacion', 'capital riesgo'],
    it: ['investiment*', 'investitor*', 'finanziament*', 'capitale di rischio'],
    fr: ['investissement*', 'investisseur*', 'financement*', 'capital risque'],
    zh: ['投资', '融资', '风险资本', '基金'],
  },
  'market-entry': {
    en: [
      'market entry',
      'soft landing',
      'market access',
      'internationali*',
      'enter the chinese market',
      'enter the european market',
    ],
    es: [
      'aterrizaje suave',
      'entrada al mercado',
      'entrada en el mercado',
      'acceso al mercado',
      'internacionalizacion',
    ],
    it: ['atterraggio morbido', 'ingresso nel mercato', 'accesso al mercato', 'internazionalizzazione'],
    fr: ['atterrissage en douceur', 'entree sur le marche', 'acces au marche', 'internationalisation'],
    zh: ['市场进入', '软着陆', '进入欧洲市场', '进入中国市场', '开拓市场', '出海'],
  },
  'pilot-project': {
    en: ['pilot*', 'demonstration project*', 'testbed', 'living lab*'],
    es: ['proyecto* piloto', 'demostrador*'],
    it: ['progett* pilota', 'sperimentazione'],
    fr: ['projet* pilote*', 'demonstrateur*', 'experimentation*'],
    zh: ['试点', '示范项目', '示范'],
  },
  'staff-exchange': {
    en: [
      'student exchange*',
      'staff exchange*',
      'exchange* of students',
      'exchanges',
      'internship*',
      'summer school*',
      'student mobility',
      'visiting scholar*',
    ],
    es: ['intercambio*', 'practicas', 'movilidad de estudiantes', 'escuela de verano', 'cursos de verano'],
    it: ['scambi*', 'tirocini*', 'mobilita studentesca', 'scuola estiva', 'summer school'],
    fr: [
      'echange* d etudiants',
      'echanges',
      'stagiaire*',
      'mobilite etudiante',
      'ecole d ete',
      'universite d ete',
    ],
    zh: ['学生交流', '师生交流', '人员交流', '交换生', '实习', '暑期学校', '留学'],
  },
  'joint-event': {
    en: ['forum*', 'conference*', 'workshop*', 'joint event*', 'trade fair*', 'exhibition*', 'summit*'],
    es: ['foro*', 'conferencia*', 'congreso*', 'jornada*', 'talleres', 'feria*'],
    it: ['conferenz*', 'convegn*', 'congress*', 'fiera', 'fiere'],
    fr: ['colloque*', 'atelier*', 'salon*', 'sommet*'],
    zh: ['论坛', '研讨会', '博览会', '展会', '峰会'],
  },
  'capacity-building': {
    en: ['capacity building', 'training*', 'best practice*', 'upskilling'],
    es: ['formacion', 'capacitacion', 'fortalecimiento de capacidades', 'buenas practicas'],
    it: ['formazione', 'rafforzamento delle capacita', 'buone pratiche'],
    fr: ['formation*', 'renforcement des capacites', 'bonnes pratiques'],
    zh: ['能力建设', '培训', '人才培养', '最佳实践'],
  },
};

export type ConceptKind = 'sector' | 'interest';

/** One sector or interest found in a text, with the words that said it, as the author wrote them. */
export interface Mention {
  kind: ConceptKind;
  id: string;
  phrase: string;
}

export interface Reading {
  /** Sector ids in taxonomy order. */
  sectors: string[];
  /** Interest ids in taxonomy order. */
  interests: string[];
  /** The first phrase found for each concept, sectors first, in taxonomy order. */
  mentions: Mention[];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Lower case without accents, one code unit for one code unit, so that a position in the folded
 * text is the same position in the original (and the original words can be quoted back).
 */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c < '\u0080') {
      out += c >= 'A' && c <= 'Z' ? c.toLowerCase() : c;
      continue;
    }
    let f = folds.get(c);
    if (f === undefined) {
      const x = c.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
      f = x.length === 1 ? x : c;
      folds.set(c, f);
    }
    out += f;
  }
  return out;
}
/** Each character folded once: descriptions use few distinct ones (CJK text a few thousand). */
const folds = new Map<string, string>();

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function phrasePattern(phrase: string): string {
  if (CJK.test(phrase)) return escapeRegExp(phrase);
  const words = phrase
    .split(' ')
    .map((w) => (w.endsWith('*') ? `${escapeRegExp(w.slice(0, -1))}[a-z]*` : `${escapeRegExp(w)}(?:e?s)?`));
  return `(?<![a-z0-9])${words.join("[\\s\\-'’]+")}(?![a-z0-9])`;
}

interface Entry {
  kind: ConceptKind;
  id: string;
  /** Sticky: tried at one position of the folded text. */
  at: RegExp;
}

/**
 * Phrases by how they start, so that each position of a text tries only the few that could
 * match there: Latin phrases by the first (up to) three letters of their first word, Chinese ones
 * by their first character.
 */
const byStart = new Map<string, Entry[]>();
const KEY_LETTERS = 3;
for (const [kind, table] of [
  ['sector', SECTOR_PHRASES],
  ['interest', INTEREST_PHRASES],
] as const) {
  for (const [id, byLanguage] of Object.entries(table)) {
    for (const phrase of Object.values(byLanguage).flat()) {
      const key = CJK.test(phrase)
        ? phrase[0]!
        : phrase.split(' ')[0]!.replace('*', '').slice(0, KEY_LETTERS);
      const list = byStart.get(key) ?? [];
      list.push({ kind, id, at: new RegExp(phrasePattern(phrase), 'y') });
      byStart.set(key, list);
    }
  }
}

const isWordChar = (c: string | undefined) =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));

/** The longest phrase that starts at `i` of the folded text, if any. */
function phraseAt(folded: string, i: number): { entry: Entry; length: number } | null {
  const c = folded[i]!;
  let best: { entry: Entry; length: number } | null = null;
  const tryAll = (list: Entry[] | undefined) => {
    for (const entry of list ?? []) {
      entry.at.lastIndex = i;
      const m = entry.at.exec(folded);
      if (m && (!best || m[0].length > best.length)) best = { entry, length: m[0].length };
    }
  };
  if (isWordChar(c)) {
    if (isWordChar(folded[i - 1])) return null; // not the start of a word
    for (let k = 1; k <= KEY_LETTERS && isWordChar(folded[i + k - 1]); k++)
      tryAll(byStart.get(folded.slice(i, i + k)));
  } else if (CJK.test(c)) {
    tryAll(byStart.get(c));
  }
  return best;
}

const sectorOrder = new Map(SECTORS.map((s, i) => [s.id, i]));
const interestOrder = new Map(INTERESTS.map((s, i) => [s.id, i]));

/**
 * The sectors and interests a text speaks of, in any of the five languages. Several texts (a bio
 * and its translation) are read one by one, so that no phrase runs from one into the next; each
 * concept is quoted as the first of them words it.
 */
export function readConcepts(texts: string | readonly string[]): Reading {
  const sectors = new Map<string, string>();
  const interests = new Map<string, string>();
  for (const text of typeof texts === 'string' ? [texts] : texts) {
    if (!text) continue;
    const folded = fold(text);
    for (let i = 0; i < folded.length; ) {
      const found = phraseAt(folded, i);
      if (!found) {
        i++;
        continue;
      }
      const into = found.entry.kind === 'sector' ? sectors : interests;
      if (!into.has(found.entry.id)) into.set(found.entry.id, text.slice(i, i + found.length));
      i += found.length;
    }
  }
  const s = [...sectors.keys()].sort((a, b) => sectorOrder.get(a)! - sectorOrder.get(b)!);
  const i = [...interests.keys()].sort((a, b) => interestOrder.get(a)! - interestOrder.get(b)!);
  return {
    sectors: s,
    interests: i,
    mentions: [
      ...s.map((id) => ({ kind: 'sector' as const, id, phrase: sectors.get(id)! })),
      ...i.map((id) => ({ kind: 'interest' as const, id, phrase: interests.get(id)! })),
    ],
  };
}
