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
  /** The bio in the other programme language: Chinese for a bio in English, English for one in Chinese. */
  bioTranslation: string;
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
    bioTranslation: '负责六个城市之间的对接洽谈、网络研讨会和线上交流活动。',
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
    bioTranslation:
      '负责科技园的国际关系。我们为健康城和生物科技小镇的规划设计提供咨询，并在孵化器中接纳入驻企业。',
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
    bioTranslation: '产业集群经理。为中国企业提供在格拉纳达的软着陆计划；在柳州和昆明设有代表处。',
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
    bioTranslation:
      '生物化学与分子生物学教授。负责生物技术领域的师生交流与实习；从事基因组学与细胞治疗研究。',
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
    bioTranslation: '市政府国际合作与投资促进官员。',
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
    bioTranslation: '初创企业，研发慢性病诊断试剂盒；在中国寻找经销合作伙伴和临床试点。',
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
    bioTranslation: '协调欧亚研究与创新平台，连接研究人员、小企业、初创企业和投资者。',
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
    bioTranslation: '葡萄酒酿造学研究员。倡议成立中意葡萄与葡萄酒科学研究院，并举办精准农业暑期学校。',
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
    bioTranslation: '为葡萄园提供传感器与决策支持：土壤湿度、病害风险、灌溉。寻求与中国酒庄合作开展试点。',
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
    bioTranslation: '市政府官员，负责罗马与烟台的合作及创新圆桌会议。',
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
    bioTranslation: '拉齐奥大区生命科学企业网络；组织商务代表团，协助寻找合作伙伴。',
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
    bioTranslation: '为居家老年患者提供远程监护；希望与中国城市开展健康老龄化试点。',
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
    bioTranslation: '负责大都市区的健康老龄化与智慧城市项目。',
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
    bioTranslation: '医学影像人工智能研究员；欢迎联合指导博士生及开展学生交流。',
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
    bioTranslation: '可穿戴心脏监测设备；已获欧盟认证，正在准备在中国注册。',
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
    bioTranslation: '康养与医疗旅游；与伙伴城市联合推广。',
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
    bioTranslation:
      'International cooperation and the digitalisation of our vineyards. We hope to bring in European precision-agriculture technology and run a pilot in Yantai’s vineyards.',
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
    bioTranslation: '葡萄酒酿造学教授。拟建的中意葡萄与葡萄酒科学研究院共同发起人；为学生举办暑期学校。',
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
    bioTranslation:
      'In charge of the cooperation between Yantai and Rome; organises online exchanges and study delegations.',
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
    bioTranslation:
      'Investment promotion and international cooperation for the park. Landing support and investor matchmaking for European biomedical companies.',
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
    bioTranslation: '为山东的果园和葡萄园提供无人机与传感器服务。',
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
    bioTranslation:
      'In charge of the health city’s planning and international cooperation, with a focus on elderly care, wellness and smart healthcare.',
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
    bioTranslation:
      'Building the biotechnology town and bringing investors to it. We hope to learn from the Granada science park’s experience and attract European biotechnology companies.',
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
    bioTranslation: '药理学副教授，研究云南药用植物。寻求生物技术领域的联合项目与学生交流。',
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
    bioTranslation: 'Promotes the Kunming–Granada forum on biomedicine and biotechnology.',
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
    bioTranslation:
      'Natural medicines and health foods; seeking market entry in Europe and technology cooperation.',
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
    bioTranslation:
      'In charge of making Liuzhou a healthy city; hopes to share experience of Covid-19 prevention and control and of public health with European cities.',
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
    bioTranslation: '国际交流处。与欧洲高校开展学生和教师的实习与交流。',
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
    bioTranslation: '吸引医疗器械企业入驻的产业园；提供场地和配套资金。',
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
    bioTranslation:
      'Organises Liuzhou’s online exchanges with Rome and Granada and the briefings with the programme’s experts.',
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
    bioTranslation:
      'A chain of elderly-care homes. We hope to bring in European remote-monitoring and smart elderly-care solutions and run pilots.',
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
