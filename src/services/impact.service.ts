/**
 * The organizers' impact report: the way from a meeting request to a cooperation project.
 *
 * What each figure counts (the README says the same for readers of the report):
 * - requests: meeting requests sent (any status), by the month they were sent.
 * - accepted: of those, the ones accepted.
 * - meetingsBooked: 1:1 and small-group meetings (not webinars) that are confirmed, i.e. not
 *   cancelled, by the month they start in.
 * - meetingsHeld: booked meetings that have ended and took place: every one of their people was
 *   in the lobby at some moment between the start and the end (a person who came only before the
 *   start or after the end was absent), or someone answered the outcome question with anything
 *   but "did not take place" (people who met on another line).
 * - noShows: booked meetings that have ended and were not held: someone was absent and nobody
 *   said it took place. So meetingsHeld + noShows = the meetings that have ended.
 * - cooperationPossible: meetings where at least one person answered "cooperation possible".
 * - agreements, mous, pilots: cooperations that reached at least that step, each counted once.
 *   A project counts by the furthest stage its history reached (MoU signed counts as an
 *   agreement and an MoU; running or completed as all three, even when stopped later). A meeting
 *   counts by the furthest follow-up answer of its people (agreement; MoU signed; pilot
 *   launched), but only when no project names it as a meeting it grew from: that project
 *   already counts the cooperation. So agreements ≥ mous ≥ pilots.
 * - projects: cooperation projects recorded, by the month they were recorded.
 * - projectsByStage: projects by the stage they are in now.
 *
 * Breakdowns: overTime groups each unit by the UTC month it started (request sent, meeting start,
 * project recorded); byCityPair puts a unit under every pair of cities of the people it joins (a
 * meeting between Rome and Yantai under Rome–Yantai; a project's pairs from its partners);
 * bySector puts a meeting or request under every sector of its people, a project under its own
 * sectors, so the rows of those two do not add up to the funnel. Filters keep the units that
 * started in the period, join someone of each city of the pair, and touch the sector.
 *
 * Counts stay when a person is erased: their row stays as an anonymised tombstone, and so do
 * their requests, sessions, lobby stays and answers.
 */

import * as repo from '../db/impact.repo';
import { refreshImpactFacts } from '../db/impact-facts.repo';
import { PROJECT_STAGES } from '../db/schema';
import { DomainError } from '../domain/errors';
import { isSector } from '../domain/taxonomy';
import { FIRST_DAY, LAST_DAY } from '../domain/time';
import type { ServiceContext } from './context';
import { csvTable } from './csv';

type Viewer = { id: string; role: string };

export type ImpactCounts = repo.ImpactCounts;

export const FIGURES = [
  'requests',
  'accepted',
  'meetingsBooked',
  'meetingsHeld',
  'noShows',
  'cooperationPossible',
  'agreements',
  'mous',
  'pilots',
  'projects',
] as const satisfies readonly (keyof ImpactCounts)[];

export interface ImpactReport {
  funnel: ImpactCounts;
  byCityPair: ({ cities: [string, string] } & ImpactCounts)[];
  bySector: ({ sector: string } & ImpactCounts)[];
  overTime: ({ month: string } & ImpactCounts)[];
  projectsByStage: Record<(typeof PROJECT_STAGES)[number], number>;
}

export interface ImpactQuery {
  /** Months, YYYY-MM, both inclusive, UTC. */
  from?: string;
  to?: string;
  /** "Rome,Yantai". */
  cities?: string;
  sector?: string;
}

const zero = (): ImpactCounts => Object.fromEntries(FIGURES.map((f) => [f, 0])) as unknown as ImpactCounts;

function monthStart(text: string, next: boolean): number {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (!m) throw new DomainError('INVALID_PERIOD', `"${text}" is not a month written YYYY-MM.`);
  // The product's calendar (time.ts): Date.UTC would read years 0–99 as 1900–1999.
  if (`${text}-01` < FIRST_DAY || `${text}-01` > LAST_DAY)
    throw new DomainError('INVALID_PERIOD', `"${text}" is not a month from 2000-01 to 2099-12.`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1 + (next ? 1 : 0), 1);
}

export function parseImpactQuery(q: ImpactQuery): repo.ImpactFilter {
  const f: repo.ImpactFilter = {};
  if (q.from) f.from = monthStart(q.from, false);
  if (q.to) f.to = monthStart(q.to, true);
  if (f.from !== undefined && f.to !== undefined && f.to <= f.from)
    throw new DomainError('INVALID_PERIOD', 'The period ends before it starts.');
  if (q.cities) {
    const parts = q.cities.split(',').map((c) => c.trim());
    if (parts.length !== 2 || !parts[0] || !parts[1])
      throw new DomainError(
        'INVALID_CITY_PAIR',
        'A city pair is two cities separated by a comma, like Rome,Yantai.',
      );
    f.cities = [parts[0], parts[1]];
  }
  if (q.sector) {
    if (!isSector(q.sector)) throw new DomainError('UNKNOWN_SECTOR', `"${q.sector}" is not in the taxonomy.`);
    f.sector = q.sector;
  }
  return f;
}

export function createImpactService(ctx: ServiceContext) {
  const { db } = ctx;

  async function report(viewer: Viewer, q: ImpactQuery): Promise<ImpactReport> {
    if (viewer.role !== 'organizer') throw new DomainError('FORBIDDEN', 'Only organizers may do this.');
    const f = parseImpactQuery(q);
    // Units changed since the last report are worked out again first: usually a few answers and
    // lobby stays, so the report itself only adds up rows.
    await refreshImpactFacts(db);
    const rows = await repo.factGroups(db, f, ctx.clock());
    const stages = await repo.projectsByStage(db, f);

    const funnel = zero();
    const months = new Map<string, ImpactCounts>();
    const pairs = new Map<string, ImpactCounts>();
    const sectors = new Map<string, ImpactCounts>();
    const add = (into: ImpactCounts, row: repo.ImpactGroupRow) => {
      for (const k of FIGURES) into[k] += row[k] ?? 0;
    };
    const slot = (m: Map<string, ImpactCounts>, key: string) => {
      const c = m.get(key) ?? zero();
      m.set(key, c);
      return c;
    };
    for (const r of rows) {
      if (r.dim === 'day') {
        add(funnel, r);
        add(slot(months, new Date(Number(r.k1) * 86_400_000).toISOString().slice(0, 7)), r);
      } else if (r.dim === 'pair') add(slot(pairs, `${r.k1}\u0000${r.k2}`), r);
      else add(slot(sectors, r.k1), r);
    }
    const projectsByStage = Object.fromEntries(
      PROJECT_STAGES.map((s) => [s, 0]),
    ) as ImpactReport['projectsByStage'];
    for (const s of stages)
      if (s.stage in projectsByStage) projectsByStage[s.stage as keyof typeof projectsByStage] = s.n;

    const busiest = (a: ImpactCounts, b: ImpactCounts) =>
      b.meetingsBooked - a.meetingsBooked || b.projects - a.projects || b.requests - a.requests;
    return {
      funnel,
      byCityPair: [...pairs.entries()]
        .map(([k, c]) => ({ cities: k.split('\u0000') as [string, string], ...c }))
        .sort((a, b) => busiest(a, b) || a.cities.join().localeCompare(b.cities.join())),
      bySector: [...sectors.entries()]
        .map(([sector, c]) => ({ sector, ...c }))
        .sort((a, b) => busiest(a, b) || a.sector.localeCompare(b.sector)),
      overTime: [...months.entries()]
        .map(([month, c]) => ({ month, ...c }))
        .sort((a, b) => a.month.localeCompare(b.month)),
      projectsByStage,
    };
  }

  /**
   * The report as one CSV table: a row per figure set, its kind (total, month, city pair, sector,
   * stage) and key, so a spreadsheet can pivot it.
   */
  async function reportCsv(viewer: Viewer, q: ImpactQuery): Promise<string> {
    const r = await report(viewer, q);
    const line = (kind: string, key: string, c: ImpactCounts) => [kind, key, ...FIGURES.map((f) => c[f])];
    const rows = [
      line('total', '', r.funnel),
      ...r.overTime.map((m) => line('month', m.month, m)),
      ...r.byCityPair.map((p) => line('city-pair', p.cities.join(' – '), p)),
      ...r.bySector.map((s) => line('sector', s.sector, s)),
      ...PROJECT_STAGES.map((s) => [
        'project-stage',
        s,
        ...FIGURES.map((f) => (f === 'projects' ? r.projectsByStage[s] : '')),
      ]),
    ];
    return csvTable(['group', 'key', ...FIGURES], rows);
  }

  return { report, reportCsv };
}
