/**
 * Demo data: the six cities of the EU–China "Life Sciences and Healthy City" cooperation and
 * invented people from the kinds of organisations that took part. Emails use the reserved
 * .example domain, so nothing can ever reach a real person.
 */
import { randomUUID } from 'node:crypto';
import { eventSlots } from '../domain/event';
import type { Profile, WorkingHoursInput } from '../domain/profile';
import { validateProfile } from '../domain/profile';
import { DAY_MS } from '../domain/time';
import type { Db } from './client';
import { countParticipants, findIdByEmail, insertParticipant, type Role } from './participants.repo';
import { seedDemoProjects } from './seed-projects';
import { type DemoPersonRef, publishDemoSchedule, seedDemoSessions } from './seed-sessions';

interface DemoPerson {
  name: string;
  email: string;
  organisation: string;
  city: string;
  country: string;
  timeZone: string;
  languages: string[];
  sectors: string[];
  offers: string[];
  seeks: string[];
  bio: string;
  workingHours?: WorkingHoursInput[];
  locale?: 'en' | 'zh';
  role?: Role;
}

const weekdays = (start: string, end: string): WorkingHoursInput[] =>
  [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
/** A Chinese office day with its long lunch break. */
const chineseOffice = (): WorkingHoursInput[] =>
  [1, 2, 3, 4, 5].flatMap((day) => [
    { day, start: '08:30', end: '12:00' },
    { day, start: '14:00', end: '17:30' },
  ]);

const ROME = { city: 'Rome', country: 'IT', timeZone: 'Europe/Rome' };
const GRANADA = { city: 'Granada', country: 'ES', timeZone: 'Europe/Madrid' };
const NICE = { city: 'Nice', country: 'FR', timeZone: 'Europe/Paris' };
const YANTAI = { city: 'Yantai', country: 'CN', timeZone: 'Asia/Shanghai' };
const KUNMING = { city: 'Kunming', country: 'CN', timeZone: 'Asia/Shanghai' };
const LIUZHOU = { city: 'Liuzhou', country: 'CN', timeZone: 'Asia/Shanghai' };

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    name: 'Programme Secretariat',
    email: 'organizer@iuc-demo.example',
    organisation: 'IUC Asia — Life Sciences and Healthy City',
    city: 'Brussels',
    country: 'BE',
    timeZone: 'Europe/Brussels',
    languages: ['en', 'fr', 'zh'],
    sectors: ['healthy-city', 'biotechnology', 'smart-city'],
    offers: ['joint-event', 'capacity-building'],
    seeks: ['pilot-project'],
    bio: 'Runs the matchmaking sessions, webinars and virtual exchanges between the six cities.',
    role: 'organizer',
  },
  // Granada
  {
    ...GRANADA,
    name: 'Lucía Fernández Ortega',
    email: 'lucia.fernandez@pts-granada.example',
    organisation: 'Health and Technology Science Park of Granada (PTS)',
    languages: ['es', 'en'],
    sectors: ['biotechnology', 'biomedicine', 'healthy-city'],
    offers: ['capacity-building', 'technology-transfer', 'market-entry'],
    seeks: ['investment', 'pilot-project'],
    bio: 'International relations at the science park. We advise on the design of health cities and biotech towns and host companies in our incubator.',
  },
  {
    ...GRANADA,
    name: 'Javier Molina Ruiz',
    email: 'javier.molina@ongranada.example',
    organisation: 'OnGranada Tech City (technology and biotechnology cluster)',
    languages: ['es', 'en'],
    sectors: ['biotechnology', 'health-technology', 'digital-health'],
    offers: ['market-entry', 'joint-event'],
    seeks: ['investment', 'market-entry'],
    bio: 'Cluster manager. Soft-landing programme for Chinese companies in Granada; representative offices in Liuzhou and Kunming.',
  },
  {
    ...GRANADA,
    name: 'Carmen Ruiz Delgado',
    email: 'carmen.ruiz@ugr-demo.example',
    organisation: 'University of Granada',
    languages: ['es', 'en', 'fr'],
    sectors: ['biotechnology', 'higher-education', 'biomedicine'],
    offers: ['research-partnership', 'staff-exchange'],
    seeks: ['research-partnership', 'staff-exchange'],
    bio: 'Professor of biochemistry and molecular biology. Exchanges and internships of students and staff in biotechnology; genomics and cell therapy research.',
  },
  {
    ...GRANADA,
    name: 'Pablo Jiménez Vera',
    email: 'pablo.jimenez@granada-city.example',
    organisation: 'Granada City Council — Economic Development',
    languages: ['es', 'en'],
    sectors: ['healthy-city', 'tourism', 'smart-city'],
    offers: ['joint-event', 'capacity-building'],
    seeks: ['investment', 'pilot-project'],
    bio: 'City officer for international cooperation and investment promotion.',
  },
  {
    ...GRANADA,
    name: 'Elena Castillo Marín',
    email: 'elena.castillo@biomedgr.example',
    organisation: 'GranaBio Therapeutics (biotech start-up)',
    languages: ['es', 'en'],
    sectors: ['biomedicine', 'biotechnology'],
    offers: ['technology-transfer', 'pilot-project'],
    seeks: ['investment', 'market-entry'],
    bio: 'Start-up developing diagnostic kits for chronic diseases; looking for distribution partners and clinical pilots in China.',
  },
  // Rome and Lazio
  {
    ...ROME,
    name: 'Giulia Conti',
    email: 'giulia.conti@smartcitylab-roma.example',
    organisation: 'Smart City Lab of Rome and Lazio',
    languages: ['it', 'en'],
    sectors: ['smart-city', 'digital-health', 'health-technology'],
    offers: ['technology-transfer', 'joint-event', 'research-partnership'],
    seeks: ['pilot-project', 'investment'],
    bio: 'Coordinates the Europe–Asia research and innovation platform connecting researchers, small firms, start-ups and investors.',
  },
  {
    ...ROME,
    city: 'Viterbo',
    name: 'Marco Bellini',
    email: 'marco.bellini@tuscia-demo.example',
    organisation: 'Tuscia University — Department of Agriculture and Forest Sciences',
    languages: ['it', 'en'],
    sectors: ['wine-viticulture', 'precision-agriculture', 'higher-education'],
    offers: ['research-partnership', 'staff-exchange', 'capacity-building'],
    seeks: ['research-partnership', 'joint-event'],
    bio: 'Oenology researcher. Proposing a Sino-Italian Institute of Vine and Wine Science and a summer school on precision agriculture.',
  },
  {
    ...ROME,
    name: 'Francesca Greco',
    email: 'francesca.greco@setel-demo.example',
    organisation: 'Setel (precision agriculture systems)',
    languages: ['it', 'en'],
    sectors: ['precision-agriculture', 'wine-viticulture', 'smart-city'],
    offers: ['technology-transfer', 'pilot-project'],
    seeks: ['market-entry', 'pilot-project'],
    bio: 'Sensors and decision support for vineyards: soil moisture, disease risk, irrigation. Seeking a pilot with a Chinese winery.',
  },
  {
    ...ROME,
    name: 'Alessandro Ricci',
    email: 'alessandro.ricci@roma-city.example',
    organisation: 'Roma Capitale — International Relations',
    languages: ['it', 'en', 'fr'],
    sectors: ['healthy-city', 'tourism', 'smart-city'],
    offers: ['joint-event', 'capacity-building'],
    seeks: ['pilot-project', 'investment'],
    bio: 'City officer following the Rome–Yantai cooperation and the innovation roundtables.',
  },
  {
    ...ROME,
    name: 'Chiara Moretti',
    email: 'chiara.moretti@lazio-biotech.example',
    organisation: 'Lazio Life Sciences Network',
    languages: ['it', 'en'],
    sectors: ['biotechnology', 'biomedicine', 'medical-devices'],
    offers: ['market-entry', 'research-partnership'],
    seeks: ['investment', 'technology-transfer'],
    bio: 'Network of life-science companies in Lazio; organises business delegations and partner searches.',
  },
  {
    ...ROME,
    name: 'Luca Esposito',
    email: 'luca.esposito@telemed-roma.example',
    organisation: 'TeleCura (telemedicine company)',
    languages: ['it', 'en'],
    sectors: ['digital-health', 'elderly-care', 'health-technology'],
    offers: ['technology-transfer', 'pilot-project'],
    seeks: ['market-entry', 'investment'],
    bio: 'Remote monitoring for elderly patients at home; interested in healthy-ageing pilots with Chinese cities.',
  },
  // Nice and the Côte d’Azur
  {
    ...NICE,
    name: 'Camille Laurent',
    email: 'camille.laurent@nice-metropole.example',
    organisation: 'Métropole Nice Côte d’Azur — Smart and Healthy City',
    languages: ['fr', 'en'],
    sectors: ['smart-city', 'healthy-city', 'elderly-care'],
    offers: ['capacity-building', 'joint-event'],
    seeks: ['pilot-project', 'technology-transfer'],
    bio: 'Leads the metropolis’s healthy-ageing and smart-city programmes.',
  },
  {
    ...NICE,
    name: 'Thomas Girard',
    email: 'thomas.girard@univ-cotedazur-demo.example',
    organisation: 'Université Côte d’Azur',
    languages: ['fr', 'en'],
    sectors: ['higher-education', 'digital-health', 'biomedicine'],
    offers: ['research-partnership', 'staff-exchange'],
    seeks: ['research-partnership', 'investment'],
    bio: 'Researcher in AI for medical imaging; open to joint PhD supervision and student exchanges.',
  },
  {
    ...NICE,
    name: 'Sophie Martin',
    email: 'sophie.martin@riviera-medtech.example',
    organisation: 'Riviera MedTech',
    languages: ['fr', 'en'],
    sectors: ['medical-devices', 'health-technology'],
    offers: ['technology-transfer', 'pilot-project'],
    seeks: ['market-entry', 'investment'],
    bio: 'Wearable cardiac monitors; certified in the EU, preparing registration in China.',
  },
  {
    ...NICE,
    name: 'Nicolas Rossi',
    email: 'nicolas.rossi@nice-tourisme.example',
    organisation: 'Nice Côte d’Azur Convention Bureau',
    languages: ['fr', 'en', 'it'],
    sectors: ['tourism', 'healthy-city'],
    offers: ['joint-event', 'market-entry'],
    seeks: ['investment', 'joint-event'],
    bio: 'Wellness and medical tourism; joint promotion with partner cities.',
  },
  // Yantai (Shandong)
  {
    ...YANTAI,
    name: 'Wang Lei 王磊',
    email: 'wang.lei@changyu-demo.example',
    organisation: 'Changyu Winery 张裕葡萄酿酒',
    languages: ['zh', 'en'],
    sectors: ['wine-viticulture', 'precision-agriculture', 'tourism'],
    offers: ['pilot-project', 'investment'],
    seeks: ['technology-transfer', 'research-partnership'],
    bio: '负责国际合作与葡萄园数字化。希望引进欧洲精准农业技术，在烟台葡萄园开展试点。',
    workingHours: chineseOffice(),
    locale: 'zh',
  },
  {
    ...YANTAI,
    name: 'Liu Fang 刘芳',
    email: 'liu.fang@ytu-demo.example',
    organisation: 'Yantai University 烟台大学',
    languages: ['zh', 'en'],
    sectors: ['wine-viticulture', 'higher-education', 'food-nutrition'],
    offers: ['research-partnership', 'staff-exchange'],
    seeks: ['research-partnership', 'capacity-building'],
    bio: 'Professor of oenology. Co-founder of the proposed Sino-Italian Institute of Vine and Wine Science; summer schools for students.',
    locale: 'en',
  },
  {
    ...YANTAI,
    name: 'Zhang Wei 张伟',
    email: 'zhang.wei@yantai-gov.example',
    organisation: 'Yantai Municipal Foreign Affairs Office 烟台市外事办公室',
    languages: ['zh', 'en'],
    sectors: ['healthy-city', 'tourism', 'smart-city'],
    offers: ['joint-event', 'investment'],
    seeks: ['capacity-building', 'pilot-project'],
    bio: '负责烟台与罗马的城市合作，组织线上交流与考察团。',
    workingHours: chineseOffice(),
    locale: 'zh',
  },
  {
    ...YANTAI,
    name: 'Sun Jing 孙静',
    email: 'sun.jing@yantai-biopark.example',
    organisation: 'Yantai Biomedical Industrial Park 烟台生物医药产业园',
    languages: ['zh'],
    sectors: ['biomedicine', 'biotechnology', 'medical-devices'],
    offers: ['investment', 'market-entry'],
    seeks: ['technology-transfer', 'research-partnership'],
    bio: '园区招商与国际合作。为欧洲生物医药企业提供落地支持与投资对接。',
    workingHours: chineseOffice(),
    locale: 'zh',
  },
  {
    ...YANTAI,
    name: 'Chen Hao 陈浩',
    email: 'chen.hao@shandong-agritech.example',
    organisation: 'Jiaodong Smart Agriculture Co. 胶东智慧农业',
    languages: ['zh', 'en'],
    sectors: ['precision-agriculture', 'smart-city'],
    offers: ['pilot-project', 'market-entry'],
    seeks: ['technology-transfer', 'investment'],
    bio: 'Drone and sensor services for orchards and vineyards in Shandong.',
  },
  // Kunming (Yunnan)
  {
    ...KUNMING,
    name: 'Li Na 李娜',
    email: 'li.na@kangmei-demo.example',
    organisation: 'Kangmei Kunming Health City 康美昆明健康城',
    languages: ['zh', 'en'],
    sectors: ['healthy-city', 'elderly-care', 'biomedicine'],
    offers: ['investment', 'pilot-project'],
    seeks: ['capacity-building', 'technology-transfer'],
    bio: '负责健康城的规划与国际合作，关注养老康养与智慧医疗。',
    workingHours: chineseOffice(),
    locale: 'zh',
  },
  {
    ...KUNMING,
    name: 'Yang Ming 杨明',
    email: 'yang.ming@ciba-biotown.example',
    organisation: 'Ciba Biotechnology Town',
    languages: ['zh'],
    sectors: ['biotechnology', 'biomedicine'],
    offers: ['investment', 'market-entry'],
    seeks: ['capacity-building', 'technology-transfer', 'research-partnership'],
    bio: '生物科技小镇的建设与招商，希望借鉴格拉纳达科技园的经验，引进欧洲生物技术企业。',
    workingHours: chineseOffice(),
    locale: 'zh',
  },
  {
    ...KUNMING,
    name: 'Zhao Li 赵丽',
    email: 'zhao.li@kmmu-demo.example',
    organisation: 'Kunming Medical University 昆明医科大学',
    languages: ['zh', 'en'],
    sectors: ['biomedicine', 'higher-education', 'biotechnology'],
    offers: ['research-partnership', 'staff-exchange'],
    seeks: ['research-partnership', 'staff-exchange'],
    bio: 'Associate professor of pharmacology; research on medicinal plants of Yunnan. Looking for joint projects and student exchanges in biotechnology.',
    locale: 'en',
  },
  {
    ...KUNMING,
    name: 'He Jun 何军',
    email: 'he.jun@kunming-gov.example',
    organisation: 'Kunming Municipal Bureau of Commerce 昆明市商务局',
    languages: ['zh', 'en'],
    sectors: ['healthy-city', 'biotechnology', 'tourism'],
    offers: ['joint-event', 'investment'],
    seeks: ['market-entry', 'capacity-building'],
    bio: '推动昆明与格拉纳达的生物医药与生物技术论坛。',
    workingHours: chineseOffice(),
    locale: 'zh',
  },
  {
    ...KUNMING,
    name: 'Wu Xiaoling 吴晓玲',
    email: 'wu.xiaoling@yunnan-herbs.example',
    organisation: 'Yunnan Botanica Pharmaceuticals 云南植物药业',
    languages: ['zh'],
    sectors: ['biomedicine', 'food-nutrition'],
    offers: ['market-entry', 'pilot-project'],
    seeks: ['technology-transfer', 'market-entry'],
    bio: '天然药物与保健食品企业，寻求欧洲市场准入与技术合作。',
    workingHours: chineseOffice(),
    locale: 'zh',
  },
  // Liuzhou (Guangxi)
  {
    ...LIUZHOU,
    name: 'Huang Min 黄敏',
    email: 'huang.min@liuzhou-health.example',
    organisation: 'Liuzhou Municipal Health Commission 柳州市卫生健康委员会',
    languages: ['zh'],
    sectors: ['healthy-city', 'digital-health'],
    offers: ['pilot-project', 'joint-event'],
    seeks: ['capacity-building', 'technology-transfer'],
    bio: '负责柳州健康城市建设，希望与欧洲城市交流新冠疫情防控与公共卫生经验。',
    workingHours: chineseOffice(),
    locale: 'zh',
  },
  {
    ...LIUZHOU,
    name: 'Qin Yu 覃宇',
    email: 'qin.yu@gxust-demo.example',
    organisation: 'Guangxi University of Science and Technology 广西科技大学',
    languages: ['zh', 'en'],
    sectors: ['higher-education', 'biotechnology', 'health-technology'],
    offers: ['research-partnership', 'staff-exchange'],
    seeks: ['staff-exchange', 'research-partnership'],
    bio: 'International office. Internships and exchanges of students and professors with European universities.',
    locale: 'en',
  },
  {
    ...LIUZHOU,
    name: 'Lu Tao 陆涛',
    email: 'lu.tao@liuzhou-medtech.example',
    organisation: 'Liuzhou Medical Equipment Industrial Park 柳州医疗器械产业园',
    languages: ['zh', 'en'],
    sectors: ['medical-devices', 'health-technology'],
    offers: ['investment', 'market-entry'],
    seeks: ['technology-transfer', 'pilot-project'],
    bio: 'Industrial park attracting medical-device makers; offers premises and matching funds.',
  },
  {
    ...LIUZHOU,
    name: 'Mo Lan 莫兰',
    email: 'mo.lan@liuzhou-gov.example',
    organisation: 'Liuzhou Foreign Affairs Office 柳州市外事办公室',
    languages: ['zh', 'en'],
    sectors: ['healthy-city', 'smart-city'],
    offers: ['joint-event'],
    seeks: ['capacity-building', 'pilot-project'],
    bio: '组织柳州与罗马、格拉纳达的线上交流及专家简报会。',
    workingHours: chineseOffice(),
    locale: 'zh',
  },
  {
    ...LIUZHOU,
    name: 'Wei Hong 韦红',
    email: 'wei.hong@liuzhou-eldercare.example',
    organisation: 'Longcheng Elderly Care Group 龙城康养集团',
    languages: ['zh'],
    sectors: ['elderly-care', 'digital-health', 'healthy-city'],
    offers: ['pilot-project', 'investment'],
    seeks: ['technology-transfer'],
    bio: '连锁养老机构，希望引进欧洲远程监护与智慧养老方案并开展试点。',
    workingHours: weekdays('08:00', '17:00'),
    locale: 'zh',
  },
];

/** Fills an empty database with the demo people; does nothing when anyone is registered. */
export async function seedDemo(db: Db, now: number): Promise<number> {
  return db.write(async () => {
    // Checked inside the transaction: instances started together seed once.
    if ((await countParticipants(db)) > 0) return 0;
    const people = await seedDemoPeople(db, now);
    await seedDemoEvent(db, now, people);
    await seedDemoSessions(db, now, people);
    await seedDemoProjects(db, async (email) => (await findIdByEmail(db, email))?.id);
    return DEMO_PEOPLE.length;
  });
}

async function seedDemoPeople(db: Db, now: number): Promise<SeededPerson[]> {
  const people: SeededPerson[] = [];
  for (const person of DEMO_PEOPLE) {
    const profile: Profile = validateProfile(person);
    const id = randomUUID();
    const role = person.role ?? 'participant';
    await insertParticipant(db, id, profile, role, now, now);
    people.push({ ...profile, id, email: person.email, role });
  }
  return people;
}

interface SeededPerson extends DemoPersonRef {
  side: string;
  role: Role;
}

/**
 * An online matchmaking event three weeks ahead (two mornings in Rome, afternoons in China) that
 * everyone has joined, with accepted requests between the two sides, scheduled and published: each
 * person has an agenda, and an organizer can still run the scheduler again and republish.
 */
async function seedDemoEvent(db: Db, now: number, people: SeededPerson[]): Promise<void> {
  const { events, eventParticipants, meetingRequests } = db.t;
  const europe = people.filter((p) => p.role !== 'organizer' && p.side === 'eu').map((p) => p.id);
  const china = people.filter((p) => p.role !== 'organizer' && p.side === 'cn').map((p) => p.id);
  const organizer = people.find((p) => p.role === 'organizer')?.id ?? null;
  const days: string[] = [];
  const d = new Date(now + 21 * DAY_MS);
  while (days.length < 2) {
    if (d.getUTCDay() >= 2 && d.getUTCDay() <= 4) days.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  const settings = {
    name: 'Healthy Cities online matchmaking',
    timeZone: 'Europe/Rome',
    days,
    windows: [{ start: '09:00', end: '11:30' }],
    slotMinutes: 20,
    breakMinutes: 5,
    parallelLimit: 6,
  };
  const eventId = randomUUID();
  await db.insert(events).values({
    id: eventId,
    ...settings,
    description:
      'Twenty-minute video meetings between European and Chinese life-science stakeholders of the IUC city pairings.',
    joinPolicy: 'open',
    createdBy: organizer,
    createdAt: now,
    updatedAt: now,
  });
  const everyone = [...europe, ...china];
  if (everyone.length) {
    await db
      .insert(eventParticipants)
      .values(everyone.map((participantId) => ({ eventId, participantId, unavailable: [], joinedAt: now })));
  }
  const requests: (typeof meetingRequests.$inferInsert)[] = [];
  for (const [i, eu] of europe.entries()) {
    for (const k of [0, 1, 2]) {
      const cn = china[(i + k * 2) % Math.max(1, china.length)];
      if (!cn || requests.some((r) => r.fromId === eu && r.toId === cn)) continue;
      requests.push({
        id: randomUUID(),
        fromId: eu,
        toId: cn,
        message: '',
        status: 'accepted' as const,
        createdAt: now,
        respondedAt: now,
        expiresAt: now + 14 * DAY_MS,
      });
    }
  }
  if (requests.length) await db.insert(meetingRequests).values(requests);
  await publishDemoSchedule(
    db,
    now,
    { id: eventId, name: settings.name, parallelLimit: settings.parallelLimit, organizer },
    eventSlots(settings),
    new Map(people.map((p) => [p.id, p])),
    requests.map((r) => ({ requestId: r.id!, aId: r.fromId, bId: r.toId })),
  );
}
