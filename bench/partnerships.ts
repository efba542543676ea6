/**
 * A labelled set for the quality of matching: the programme's real partnerships (CONTEXT.md), each
 * organisation written up twice — a full profile (several sectors, interests ticked, a bio) and a
 * sparse one (one sector, nothing ticked, a few lines) — in its own language, among distractors of
 * the same cities and sectors. Where the programme names no Chinese counterpart (Smart City Lab,
 * OnGranada's soft landing) the counterpart is a plausible one, marked "invented". People's names
 * are invented.
 */
import type { MatchProfile } from '../src/domain/matching';
import { DEFAULT_WORKING_HOURS } from '../src/domain/profile';

export interface Org {
  key: string;
  organisation: string;
  side: 'eu' | 'cn';
  city: string;
  languages: string[];
  full: { sectors: string[]; offers: string[]; seeks: string[]; bio: string };
  sparse: { sector: string; bio: string };
}

const ZONES: Record<string, string> = {
  Granada: 'Europe/Madrid',
  Rome: 'Europe/Rome',
  Viterbo: 'Europe/Rome',
  Nice: 'Europe/Paris',
  Lyon: 'Europe/Paris',
};

export const ORGS: Org[] = [
  {
    key: 'pts',
    organisation: 'Parque Tecnológico de la Salud (PTS), Granada',
    side: 'eu',
    city: 'Granada',
    languages: ['es', 'en'],
    full: {
      sectors: ['health-technology', 'biotechnology', 'biomedicine', 'healthy-city'],
      offers: ['technology-transfer', 'market-entry', 'research-partnership'],
      seeks: ['investment', 'pilot-project'],
      bio: 'Parque Tecnológico de la Salud de Granada: reunimos empresas de biotecnología y biomedicina, centros de investigación y el hospital universitario. Colaboramos en el diseño de ciudades de la salud y ofrecemos transferencia de tecnología y aterrizaje suave a empresas chinas.',
    },
    sparse: {
      sector: 'biotechnology',
      bio: 'Parque tecnológico en Granada. Ayudamos a diseñar ciudades de la salud y ofrecemos transferencia de tecnología.',
    },
  },
  {
    key: 'kangmei',
    organisation: '康美昆明健康城 Kangmei Kunming Health City',
    side: 'cn',
    city: 'Kunming',
    languages: ['zh'],
    full: {
      sectors: ['healthy-city', 'biomedicine', 'elderly-care'],
      offers: ['investment', 'pilot-project'],
      seeks: ['technology-transfer', 'research-partnership'],
      bio: '康美昆明健康城：集医疗、康养、生物医药于一体的大健康城市项目。寻求欧洲的技术转移和科研合作，可提供投资和试点。',
    },
    sparse: {
      sector: 'healthy-city',
      bio: '昆明的健康城项目，希望引进欧洲生物医药和生物技术企业，开展技术转移。',
    },
  },
  {
    key: 'tuscia',
    organisation: 'Università degli Studi della Tuscia',
    side: 'eu',
    city: 'Viterbo',
    languages: ['it', 'en'],
    full: {
      sectors: ['higher-education', 'wine-viticulture', 'precision-agriculture'],
      offers: ['research-partnership', 'staff-exchange'],
      seeks: ['research-partnership', 'staff-exchange', 'joint-event'],
      bio: "Università della Tuscia, Viterbo: ricerca in viticoltura ed enologia e agricoltura di precisione. Proponiamo un Istituto sino-italiano di scienze della vite e del vino e una scuola estiva sull'agricoltura di precisione.",
    },
    sparse: {
      sector: 'higher-education',
      bio: 'Università a Viterbo. Cerchiamo partner cinesi per un istituto della vite e del vino e scambi di studenti.',
    },
  },
  {
    key: 'ytu',
    organisation: '烟台大学 Yantai University',
    side: 'cn',
    city: 'Yantai',
    languages: ['zh', 'en'],
    full: {
      sectors: ['higher-education', 'wine-viticulture', 'food-nutrition'],
      offers: ['staff-exchange', 'research-partnership'],
      seeks: ['research-partnership', 'joint-event'],
      bio: '烟台大学：葡萄与葡萄酒学科、食品科学。希望与意大利高校共建中意葡萄酒研究院，开展师生交流和联合研究。',
    },
    sparse: { sector: 'higher-education', bio: '烟台的大学，有葡萄酒专业，希望开展学生交流和科研合作。' },
  },
  {
    key: 'setel',
    organisation: 'Setel',
    side: 'eu',
    city: 'Rome',
    languages: ['it', 'en'],
    full: {
      sectors: ['precision-agriculture', 'wine-viticulture'],
      offers: ['technology-transfer', 'pilot-project'],
      seeks: ['pilot-project', 'market-entry'],
      bio: "Setel, azienda romana: sensori e piattaforme per l'agricoltura di precisione nei vigneti. Cerchiamo un progetto pilota con una cantina in Cina.",
    },
    sparse: {
      sector: 'precision-agriculture',
      bio: 'Sensori per i vigneti. Cerchiamo un progetto pilota con una cantina cinese.',
    },
  },
  {
    key: 'changyu',
    organisation: '张裕 Changyu Winery',
    side: 'cn',
    city: 'Yantai',
    languages: ['zh', 'en'],
    full: {
      sectors: ['wine-viticulture', 'precision-agriculture', 'tourism'],
      offers: ['pilot-project', 'market-entry', 'investment'],
      seeks: ['technology-transfer', 'pilot-project'],
      bio: '张裕葡萄酒公司（烟台）：葡萄园和酒庄遍布中国。寻求欧洲的精准农业技术，在葡萄园开展智慧农业试点。',
    },
    sparse: { sector: 'wine-viticulture', bio: '烟台的葡萄酒企业，想在葡萄园试点精准农业。' },
  },
  {
    key: 'ongranada',
    organisation: 'OnGranada Tech City',
    side: 'eu',
    city: 'Granada',
    languages: ['es', 'en'],
    full: {
      sectors: ['biotechnology', 'health-technology', 'digital-health'],
      offers: ['market-entry', 'joint-event', 'capacity-building'],
      seeks: ['investment', 'market-entry'],
      bio: 'OnGranada, el clúster tecnológico y biotecnológico de Granada, con oficinas en Liuzhou y Kunming. Ofrecemos un programa de aterrizaje suave para empresas chinas que quieren entrar en el mercado europeo.',
    },
    sparse: {
      sector: 'health-technology',
      bio: 'Clúster de empresas tecnológicas de Granada. Ofrecemos aterrizaje suave a empresas chinas en Europa.',
    },
  },
  {
    key: 'liuzhou-park',
    organisation: '柳州生物医药产业园 (invented counterpart)',
    side: 'cn',
    city: 'Liuzhou',
    languages: ['zh'],
    full: {
      sectors: ['biomedicine', 'health-technology'],
      offers: ['investment', 'joint-event'],
      seeks: ['market-entry', 'technology-transfer'],
      bio: '柳州的生物医药企业园区，帮助园区企业进入欧洲市场（软着陆），寻找欧洲合作伙伴和技术转移。',
    },
    sparse: { sector: 'biomedicine', bio: '柳州生物医药企业园区，帮助企业进入欧洲市场，实现软着陆。' },
  },
  {
    key: 'ugr',
    organisation: 'Universidad de Granada',
    side: 'eu',
    city: 'Granada',
    languages: ['es', 'en'],
    full: {
      sectors: ['higher-education', 'biotechnology'],
      offers: ['staff-exchange', 'research-partnership', 'capacity-building'],
      seeks: ['staff-exchange', 'research-partnership'],
      bio: 'Universidad de Granada: intercambios y prácticas de estudiantes, profesores y personal en biotecnología con universidades chinas.',
    },
    sparse: {
      sector: 'higher-education',
      bio: 'Universidad de Granada. Buscamos intercambios de estudiantes y profesores en biotecnología.',
    },
  },
  {
    key: 'kmmu',
    organisation: '昆明医科大学 Kunming Medical University',
    side: 'cn',
    city: 'Kunming',
    languages: ['zh', 'en'],
    full: {
      sectors: ['higher-education', 'biomedicine', 'biotechnology'],
      offers: ['staff-exchange', 'research-partnership'],
      seeks: ['staff-exchange', 'capacity-building'],
      bio: '昆明医科大学：生物技术和生物医学专业，希望与西班牙大学开展师生交流和实习项目。',
    },
    sparse: { sector: 'higher-education', bio: '昆明的医科大学，生物技术专业，希望和欧洲大学开展学生交流。' },
  },
  {
    key: 'smartcitylab',
    organisation: 'Smart City Lab of Rome and Lazio',
    side: 'eu',
    city: 'Rome',
    languages: ['en', 'it'],
    full: {
      sectors: ['smart-city', 'digital-health'],
      offers: ['technology-transfer', 'research-partnership'],
      seeks: ['investment', 'pilot-project'],
      bio: 'Smart City Lab of Rome and Lazio: a Europe–Asia research and innovation platform for technology transfer among researchers, small firms, start-ups, entrepreneurs and investors.',
    },
    sparse: {
      sector: 'smart-city',
      bio: 'A Europe–Asia research and innovation platform in Rome for technology transfer between start-ups, researchers and investors.',
    },
  },
  {
    key: 'yantai-transfer',
    organisation: '烟台科技成果转化中心 (invented counterpart)',
    side: 'cn',
    city: 'Yantai',
    languages: ['zh', 'en'],
    full: {
      sectors: ['smart-city', 'health-technology'],
      offers: ['investment', 'pilot-project'],
      seeks: ['technology-transfer', 'research-partnership'],
      bio: '烟台科技成果转化平台：连接高校、企业和投资机构，寻求欧洲的技术转移和智慧城市合作，可提供投资和试点。',
    },
    sparse: { sector: 'smart-city', bio: '烟台的技术转移和投资平台，寻找欧洲的创新企业。' },
  },
  // Distractors: the same cities and sectors, no partner in this set.
  {
    key: 'nice-care',
    organisation: 'Azur Séniors Connectés',
    side: 'eu',
    city: 'Nice',
    languages: ['fr', 'en'],
    full: {
      sectors: ['elderly-care', 'digital-health'],
      offers: ['pilot-project', 'technology-transfer'],
      seeks: ['investment', 'market-entry'],
      bio: 'Start-up niçoise de téléassistance pour personnes âgées : capteurs et télémédecine à domicile. Nous cherchons des investisseurs et un projet pilote en Chine.',
    },
    sparse: {
      sector: 'elderly-care',
      bio: 'Téléassistance pour personnes âgées à Nice ; nous cherchons un projet pilote en Chine.',
    },
  },
  {
    key: 'nice-tourism',
    organisation: "Office de tourisme Côte d'Azur",
    side: 'eu',
    city: 'Nice',
    languages: ['fr'],
    full: {
      sectors: ['tourism', 'smart-city'],
      offers: ['joint-event'],
      seeks: ['joint-event', 'investment'],
      bio: "Office du tourisme de la Côte d'Azur : promotion touristique, salons et accueil des visiteurs chinois.",
    },
    sparse: { sector: 'tourism', bio: 'Promotion touristique de Nice et accueil des visiteurs chinois.' },
  },
  {
    key: 'rome-hospital',
    organisation: 'Policlinico romano (distractor)',
    side: 'eu',
    city: 'Rome',
    languages: ['it', 'en'],
    full: {
      sectors: ['digital-health', 'medical-devices'],
      offers: ['research-partnership', 'capacity-building'],
      seeks: ['research-partnership', 'investment'],
      bio: 'Ospedale romano: telemedicina e diagnostica per immagini; formazione del personale e progetti di ricerca clinica.',
    },
    sparse: { sector: 'digital-health', bio: 'Ospedale a Roma: telemedicina e formazione del personale.' },
  },
  {
    key: 'granada-food',
    organisation: 'Aceites del Genil (distractor)',
    side: 'eu',
    city: 'Granada',
    languages: ['es'],
    full: {
      sectors: ['food-nutrition'],
      offers: ['investment'],
      seeks: ['market-entry', 'joint-event'],
      bio: 'Empresa granadina de alimentación: aceite de oliva y productos agroalimentarios. Queremos exportar a China y participar en ferias.',
    },
    sparse: {
      sector: 'food-nutrition',
      bio: 'Aceite de oliva y alimentación de Granada; buscamos distribuidores en China.',
    },
  },
  {
    key: 'lyon-medtech',
    organisation: 'Rhône Diagnostics (distractor)',
    side: 'eu',
    city: 'Lyon',
    languages: ['fr', 'en'],
    full: {
      sectors: ['medical-devices', 'biotechnology'],
      offers: ['technology-transfer', 'pilot-project'],
      seeks: ['market-entry', 'investment'],
      bio: "Entreprise lyonnaise de dispositifs médicaux et de diagnostic in vitro ; nous visons l'accès au marché chinois.",
    },
    sparse: { sector: 'medical-devices', bio: 'Dispositifs médicaux à Lyon ; accès au marché chinois.' },
  },
  {
    key: 'rome-tourism',
    organisation: 'Roma Viaggi Culturali (distractor)',
    side: 'eu',
    city: 'Rome',
    languages: ['it'],
    full: {
      sectors: ['tourism'],
      offers: ['joint-event'],
      seeks: ['joint-event', 'market-entry'],
      bio: 'Agenzia di turismo culturale a Roma: viaggi per gruppi cinesi e fiere del turismo.',
    },
    sparse: { sector: 'tourism', bio: 'Turismo culturale a Roma per gruppi cinesi.' },
  },
  {
    key: 'kunming-tourism',
    organisation: '昆明文旅集团 (distractor)',
    side: 'cn',
    city: 'Kunming',
    languages: ['zh'],
    full: {
      sectors: ['tourism'],
      offers: ['joint-event', 'investment'],
      seeks: ['joint-event', 'market-entry'],
      bio: '昆明文旅集团：旅游推广、会展和文化交流。',
    },
    sparse: { sector: 'tourism', bio: '昆明的旅游推广和文化交流。' },
  },
  {
    key: 'kunming-pharma',
    organisation: '昆明中药制药 (distractor)',
    side: 'cn',
    city: 'Kunming',
    languages: ['zh'],
    full: {
      sectors: ['biomedicine'],
      offers: ['investment', 'market-entry'],
      seeks: ['technology-transfer', 'research-partnership'],
      bio: '昆明的中药制药企业，寻求欧洲的研发合作和技术转让。',
    },
    sparse: { sector: 'biomedicine', bio: '昆明的中药制药企业。' },
  },
  {
    key: 'yantai-seafood',
    organisation: '烟台海洋食品 (distractor)',
    side: 'cn',
    city: 'Yantai',
    languages: ['zh'],
    full: {
      sectors: ['food-nutrition'],
      offers: ['market-entry', 'investment'],
      seeks: ['market-entry'],
      bio: '烟台海产品和食品加工企业，希望开拓欧洲市场。',
    },
    sparse: { sector: 'food-nutrition', bio: '烟台海产品和食品加工企业。' },
  },
  {
    key: 'kunming-flowers',
    organisation: '昆明花卉科技 (distractor)',
    side: 'cn',
    city: 'Kunming',
    languages: ['zh'],
    full: {
      sectors: ['precision-agriculture'],
      offers: ['pilot-project', 'investment'],
      seeks: ['technology-transfer'],
      bio: '昆明花卉种植企业，建设智慧温室，寻求农业技术合作。',
    },
    sparse: { sector: 'precision-agriculture', bio: '昆明的花卉种植企业，智慧温室。' },
  },
  {
    key: 'yantai-hospital',
    organisation: '烟台市立医院 (distractor)',
    side: 'cn',
    city: 'Yantai',
    languages: ['zh'],
    full: {
      sectors: ['digital-health', 'medical-devices'],
      offers: ['pilot-project', 'staff-exchange'],
      seeks: ['technology-transfer', 'capacity-building'],
      bio: '烟台的三甲医院，发展远程医疗和智慧医院，希望引进欧洲医疗器械和培训。',
    },
    sparse: { sector: 'digital-health', bio: '烟台的医院，发展远程医疗。' },
  },
  {
    key: 'liuzhou-care',
    organisation: '柳州康养集团 (distractor)',
    side: 'cn',
    city: 'Liuzhou',
    languages: ['zh'],
    full: {
      sectors: ['elderly-care', 'healthy-city'],
      offers: ['pilot-project', 'investment'],
      seeks: ['technology-transfer', 'capacity-building'],
      bio: '柳州养老服务集团：社区养老和康养中心，寻求欧洲的养老护理经验和培训。',
    },
    sparse: { sector: 'elderly-care', bio: '柳州的社区养老和康养中心。' },
  },
  {
    key: 'liuzhou-mobility',
    organisation: '柳州智慧交通 (distractor)',
    side: 'cn',
    city: 'Liuzhou',
    languages: ['zh'],
    full: {
      sectors: ['smart-city'],
      offers: ['investment', 'pilot-project'],
      seeks: ['technology-transfer'],
      bio: '柳州新能源汽车和智慧交通企业，寻找欧洲合作伙伴。',
    },
    sparse: { sector: 'smart-city', bio: '柳州新能源汽车和智慧交通企业。' },
  },
  {
    key: 'yantai-wine-town',
    organisation: '烟台葡萄酒小镇 (distractor)',
    side: 'cn',
    city: 'Yantai',
    languages: ['zh'],
    full: {
      sectors: ['wine-viticulture', 'tourism'],
      offers: ['joint-event', 'investment'],
      seeks: ['market-entry', 'joint-event'],
      bio: '烟台葡萄酒小镇：酒庄旅游和葡萄酒节。',
    },
    sparse: { sector: 'wine-viticulture', bio: '烟台的葡萄酒旅游小镇。' },
  },
];

/** The real partnerships: each pair should find the other in its first three. */
export const PARTNERS: readonly [string, string][] = [
  ['pts', 'kangmei'],
  ['tuscia', 'ytu'],
  ['setel', 'changyu'],
  ['ongranada', 'liuzhou-park'],
  ['ugr', 'kmmu'],
  ['smartcitylab', 'yantai-transfer'],
];

export function profileOf(org: Org, kind: 'full' | 'sparse'): MatchProfile {
  const f =
    kind === 'full' ? org.full : { sectors: [org.sparse.sector], offers: [], seeks: [], bio: org.sparse.bio };
  return {
    id: org.key,
    side: org.side,
    city: org.city,
    timeZone: ZONES[org.city] ?? 'Asia/Shanghai',
    languages: org.languages,
    sectors: f.sectors,
    offers: f.offers,
    seeks: f.seeks,
    bio: f.bio,
    workingHours: [...DEFAULT_WORKING_HOURS],
  };
}
