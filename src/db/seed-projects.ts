/**
 * Demo data for what came of the meetings: the programme's real pilots and agreements (as the
 * IUC Asia reports name them) recorded as cooperation projects between the demo people, with the
 * meetings they grew from and the dates of each stage, plus a few meetings that led nowhere or
 * where someone did not come. So the impact report tells the programme's story on first start.
 * The people are invented; the organisations, pilots and dates are the programme's.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './client';
import type { FOLLOW_UP_STAGES, OUTCOME_RESULTS, PROJECT_STAGES } from './schema';

type Result = (typeof OUTCOME_RESULTS)[number];
type FollowUp = (typeof FOLLOW_UP_STAGES)[number];
type Stage = (typeof PROJECT_STAGES)[number];

const P = {
  pts: 'lucia.fernandez@pts-granada.example',
  onGranada: 'javier.molina@ongranada.example',
  ugr: 'carmen.ruiz@ugr-demo.example',
  smartCityLab: 'giulia.conti@smartcitylab-roma.example',
  tuscia: 'marco.bellini@tuscia-demo.example',
  setel: 'francesca.greco@setel-demo.example',
  romeCity: 'alessandro.ricci@roma-city.example',
  niceMetropole: 'camille.laurent@nice-metropole.example',
  rivieraMedtech: 'sophie.martin@riviera-medtech.example',
  changyu: 'wang.lei@changyu-demo.example',
  ytu: 'liu.fang@ytu-demo.example',
  yantaiGov: 'zhang.wei@yantai-gov.example',
  kangmei: 'li.na@kangmei-demo.example',
  ciba: 'yang.ming@ciba-biotown.example',
  kmmu: 'zhao.li@kmmu-demo.example',
  kunmingGov: 'he.jun@kunming-gov.example',
  liuzhouHealth: 'huang.min@liuzhou-health.example',
  gxust: 'qin.yu@gxust-demo.example',
  liuzhouGov: 'mo.lan@liuzhou-gov.example',
} as const;
type Who = keyof typeof P;

interface DemoMeeting {
  key: string;
  title: string;
  /** UTC, on the programme's missions and virtual exchanges. */
  start: string;
  minutes: number;
  people: [Who, Who];
  /** Who was in the lobby (virtual meetings from 2020 only; the missions met in person). */
  came?: Who[];
  answers?: Partial<Record<Who, [Result, FollowUp?]>>;
}

/** Meetings on the missions of 2018–2019 and the virtual exchanges of 2020. */
const MEETINGS: DemoMeeting[] = [
  {
    key: 'pts-kunming',
    title: 'PTS Granada · Kangmei Kunming Health City',
    start: '2018-09-20T08:00:00Z',
    minutes: 60,
    people: ['pts', 'kangmei'],
    answers: {
      pts: ['cooperation-possible', 'mou-signed'],
      kangmei: ['cooperation-possible', 'pilot-launched'],
    },
  },
  {
    key: 'ugr-kmmu',
    title: 'University of Granada · Kunming Medical University',
    start: '2018-09-21T08:00:00Z',
    minutes: 45,
    people: ['ugr', 'kmmu'],
    answers: { ugr: ['cooperation-possible', 'agreement'], kmmu: ['cooperation-possible'] },
  },
  {
    key: 'tuscia-ytu',
    title: 'Tuscia University · Yantai University',
    start: '2018-11-12T02:00:00Z',
    minutes: 60,
    people: ['tuscia', 'ytu'],
    answers: { tuscia: ['cooperation-possible', 'in-talks'], ytu: ['cooperation-possible', 'in-talks'] },
  },
  {
    key: 'ciba-pts',
    title: 'Ciba Biotechnology Town · PTS Granada',
    start: '2018-11-15T03:00:00Z',
    minutes: 45,
    people: ['pts', 'ciba'],
    answers: { ciba: ['cooperation-possible', 'mou-signed'] },
  },
  {
    key: 'ongranada-liuzhou',
    title: 'OnGranada · Liuzhou Foreign Affairs Office',
    start: '2019-06-18T02:30:00Z',
    minutes: 45,
    people: ['onGranada', 'liuzhouGov'],
    answers: { onGranada: ['cooperation-possible', 'agreement'] },
  },
  {
    key: 'ongranada-kunming',
    title: 'OnGranada · Kunming Bureau of Commerce',
    start: '2018-11-16T02:00:00Z',
    minutes: 45,
    people: ['onGranada', 'kunmingGov'],
    answers: { kunmingGov: ['cooperation-possible', 'agreement'] },
  },
  {
    key: 'setel-changyu',
    title: 'Setel · Changyu Winery',
    start: '2019-09-10T02:00:00Z',
    minutes: 60,
    people: ['setel', 'changyu'],
    answers: {
      setel: ['cooperation-possible', 'pilot-launched'],
      changyu: ['cooperation-possible', 'pilot-launched'],
    },
  },
  {
    key: 'ugr-gxust',
    title: 'University of Granada · Guangxi University of Science and Technology',
    start: '2019-06-19T02:00:00Z',
    minutes: 45,
    people: ['ugr', 'gxust'],
    answers: { gxust: ['cooperation-possible', 'agreement'] },
  },
  {
    key: 'smartcity-yantai',
    title: 'Smart City Lab of Rome and Lazio · Yantai Foreign Affairs Office',
    start: '2019-11-05T09:00:00Z',
    minutes: 30,
    people: ['smartCityLab', 'yantaiGov'],
    answers: { smartCityLab: ['informative'], yantaiGov: ['cooperation-possible', 'in-talks'] },
  },
  {
    key: 'nice-liuzhou',
    title: 'Nice Côte d’Azur · Liuzhou Health Commission',
    start: '2019-11-06T09:00:00Z',
    minutes: 30,
    people: ['niceMetropole', 'liuzhouHealth'],
    answers: { niceMetropole: ['no-interest'], liuzhouHealth: ['informative'] },
  },
  // From April 2020 the exchanges went online, through the lobby.
  {
    key: 'covid-liuzhou',
    title: 'Liuzhou–Europe virtual exchange on Covid-19',
    start: '2020-04-22T08:00:00Z',
    minutes: 60,
    people: ['liuzhouHealth', 'romeCity'],
    came: ['liuzhouHealth', 'romeCity'],
    answers: { romeCity: ['informative'] },
  },
  {
    key: 'yantai-rome-may',
    title: 'Yantai–Rome virtual exchange',
    start: '2020-05-14T08:00:00Z',
    minutes: 45,
    people: ['yantaiGov', 'romeCity'],
    came: ['yantaiGov', 'romeCity'],
    answers: { yantaiGov: ['cooperation-possible', 'in-talks'] },
  },
  {
    key: 'yantai-rome-june',
    title: 'Yantai–Rome virtual exchange: smart agriculture',
    start: '2020-06-11T08:00:00Z',
    minutes: 45,
    people: ['ytu', 'setel'],
    came: ['ytu', 'setel'],
  },
  {
    key: 'medtech-liuzhou',
    title: 'Riviera MedTech · Liuzhou Health Commission',
    start: '2020-06-16T08:00:00Z',
    minutes: 30,
    people: ['rivieraMedtech', 'liuzhouHealth'],
    came: ['rivieraMedtech'],
  },
  {
    key: 'pts-kunming-virtual',
    title: 'Granada–Kunming virtual pilot meeting',
    start: '2020-07-08T07:00:00Z',
    minutes: 60,
    people: ['pts', 'kangmei'],
    came: ['pts', 'kangmei'],
    answers: { pts: ['cooperation-possible'] },
  },
];

interface DemoProject {
  title: string;
  summary: string;
  partners: Who[];
  sectors: string[];
  meetings: string[];
  stages: [Stage, string][];
}

const PROJECTS: DemoProject[] = [
  {
    title: 'PTS Granada in the design of Kangmei Kunming Health City and Ciba Biotechnology Town',
    summary:
      'The Health and Technology Science Park of Granada helps design Kunming’s health city and biotechnology town, with Granada’s biomedicine and biotechnology researchers and companies.',
    partners: ['pts', 'kangmei', 'ciba'],
    sectors: ['healthy-city', 'biotechnology', 'biomedicine'],
    meetings: ['pts-kunming', 'ciba-pts', 'pts-kunming-virtual'],
    stages: [
      ['idea', '2018-09-20'],
      ['mou-signed', '2018-11-15'],
      ['running', '2019-09-12'],
    ],
  },
  {
    title: 'EU–China Biomedicine and Biotechnology Forum, Granada and Kunming',
    summary: 'A joint forum of Granada’s and Kunming’s universities and clusters.',
    partners: ['ugr', 'kmmu', 'pts'],
    sectors: ['biomedicine', 'biotechnology', 'higher-education'],
    meetings: ['ugr-kmmu'],
    stages: [
      ['idea', '2018-09-21'],
      ['proposal', '2019-04-10'],
      ['running', '2019-11-20'],
      ['completed', '2020-05-30'],
    ],
  },
  {
    title: 'Sino-Italian Institute of Vine and Wine Science',
    summary: 'Proposed by Tuscia University (Viterbo) and Yantai University.',
    partners: ['tuscia', 'ytu'],
    sectors: ['wine-viticulture', 'higher-education'],
    meetings: ['tuscia-ytu'],
    stages: [
      ['idea', '2018-11-12'],
      ['proposal', '2019-09-11'],
    ],
  },
  {
    title: 'Summer school on precision agriculture',
    summary: 'Tuscia University and Yantai University, with the vineyards of Yantai.',
    partners: ['tuscia', 'ytu'],
    sectors: ['precision-agriculture', 'higher-education'],
    meetings: ['yantai-rome-june'],
    stages: [
      ['idea', '2019-09-11'],
      ['proposal', '2020-02-03'],
      ['running', '2020-06-15'],
    ],
  },
  {
    title: 'Precision and smart agriculture pilot at Changyu Winery',
    summary: 'Setel (Rome) brings its precision agriculture systems to Changyu’s vineyards in Yantai.',
    partners: ['setel', 'changyu'],
    sectors: ['precision-agriculture', 'wine-viticulture'],
    meetings: ['setel-changyu'],
    stages: [
      ['idea', '2019-09-10'],
      ['mou-signed', '2019-09-13'],
      ['running', '2020-03-02'],
    ],
  },
  {
    title: 'OnGranada offices in Liuzhou and Kunming and soft landing in Granada',
    summary:
      'Representative offices of Granada’s technology and biotechnology cluster in Liuzhou and Kunming, and a soft-landing programme for Chinese companies in Granada.',
    partners: ['onGranada', 'liuzhouGov', 'kunmingGov'],
    sectors: ['biotechnology', 'health-technology'],
    meetings: ['ongranada-kunming', 'ongranada-liuzhou'],
    stages: [
      ['idea', '2018-11-16'],
      ['mou-signed', '2019-06-18'],
      ['running', '2019-11-20'],
    ],
  },
  {
    title: 'Student and staff exchanges in biotechnology: Granada, Kunming and Liuzhou',
    summary:
      'Exchanges and internships of students, professors and staff between the University of Granada and the universities of Kunming and Liuzhou.',
    partners: ['ugr', 'kmmu', 'gxust'],
    sectors: ['biotechnology', 'higher-education'],
    meetings: ['ugr-gxust'],
    stages: [
      ['idea', '2019-06-19'],
      ['mou-signed', '2019-09-20'],
      ['running', '2020-02-17'],
    ],
  },
  {
    title: 'Europe–Asia research and innovation platform',
    summary:
      'The Smart City Lab of Rome and Lazio’s platform for technology transfer among researchers, small firms, start-ups and investors, opened to Yantai.',
    partners: ['smartCityLab', 'yantaiGov'],
    sectors: ['smart-city'],
    meetings: ['smartcity-yantai'],
    stages: [['idea', '2019-11-05']],
  },
];

const day = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T09:00:00Z` : iso);

/** Records the demo projects and the meetings behind them; `ids` maps demo emails to participant ids. */
export async function seedDemoProjects(
  db: Db,
  ids: (email: string) => Promise<string | undefined>,
): Promise<void> {
  const { sessions, sessionPeople, sessionOutcomes, lobbyAttendance, meetingRequests, projects } = db.t;
  const { projectPartners, projectSectors, projectSessions, projectStages } = db.t;
  const who = new Map<Who, string>();
  for (const k of Object.keys(P) as Who[]) {
    const id = await ids(P[k]);
    if (!id) return; // the demo people changed: leave the projects out rather than half of them
    who.set(k, id);
  }
  const id = (k: Who) => who.get(k)!;
  const sessionIds = new Map<string, string>();
  for (const m of MEETINGS) {
    const startAt = day(m.start);
    const endAt = startAt + m.minutes * 60_000;
    const sessionId = randomUUID();
    const requestId = randomUUID();
    sessionIds.set(m.key, sessionId);
    const [a, b] = m.people;
    await db.insert(meetingRequests).values({
      id: requestId,
      fromId: id(a),
      toId: id(b),
      message: '',
      status: 'accepted',
      createdAt: startAt - 14 * 86_400_000,
      respondedAt: startAt - 12 * 86_400_000,
      expiresAt: startAt,
    });
    await db.insert(sessions).values({
      id: sessionId,
      kind: 'meeting',
      title: m.title,
      startAt,
      endAt,
      status: 'confirmed',
      sequence: 0,
      uid: `${sessionId}@twinning-demo`,
      videoRoom: randomBytes(12).toString('hex'),
      createdBy: id(a),
      requestId,
      createdAt: startAt - 12 * 86_400_000,
      updatedAt: startAt - 12 * 86_400_000,
    });
    await db.insert(sessionPeople).values(
      m.people.map((p) => ({
        sessionId,
        participantId: id(p),
        role: 'host' as const,
        partstat: 'ACCEPTED' as const,
        startAt,
        endAt,
      })),
    );
    for (const p of m.came ?? [])
      await db.insert(lobbyAttendance).values({
        sessionId,
        participantId: id(p),
        joinedAt: startAt - 120_000,
        admittedAt: startAt - 120_000,
        leftAt: endAt - 60_000,
      });
    for (const [p, [result, stage]] of Object.entries(m.answers ?? {}) as [Who, [Result, FollowUp?]][])
      await db.insert(sessionOutcomes).values({
        sessionId,
        participantId: id(p),
        result,
        answeredAt: endAt + 3_600_000,
        askedAt: endAt,
        stage: stage ?? null,
        stageAnsweredAt: stage ? endAt + 90 * 86_400_000 : null,
        // The programme's past: its follow-ups were asked then, not by mail on first start.
        followUpAskedAt: endAt + 90 * 86_400_000,
      });
  }
  for (const p of PROJECTS) {
    const projectId = randomUUID();
    const history = p.stages.map(([stage, at]) => ({ stage, at: day(at) }));
    const first = history[0]!;
    const last = history[history.length - 1]!;
    await db.insert(projects).values({
      id: projectId,
      title: p.title,
      summary: p.summary,
      stage: last.stage,
      createdBy: id(p.partners[0]!),
      createdAt: first.at,
      updatedAt: last.at,
    });
    await db.insert(projectPartners).values(p.partners.map((k) => ({ projectId, participantId: id(k) })));
    await db.insert(projectSectors).values(p.sectors.map((sectorId) => ({ projectId, sectorId })));
    const linked = p.meetings.map((k) => sessionIds.get(k)).filter((s): s is string => s !== undefined);
    if (linked.length)
      await db.insert(projectSessions).values(linked.map((sessionId) => ({ projectId, sessionId })));
    await db
      .insert(projectStages)
      .values(history.map((h) => ({ projectId, stage: h.stage, at: h.at, changedBy: id(p.partners[0]!) })));
  }
}
