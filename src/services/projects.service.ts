/**
 * Cooperation projects that partners record out of their meetings. Who may see and change one:
 * its partners and the organizers; to anyone else it does not exist (404), so that a project's
 * title does not leak to people outside it.
 */
import { randomUUID } from 'node:crypto';
import * as people from '../db/participants.repo';
import * as repo from '../db/projects.repo';
import { PROJECT_STAGES } from '../db/schema';
import { DomainError } from '../domain/errors';
import { isSector } from '../domain/taxonomy';
import { type ServiceContext, write } from './context';
import { isShownTo, mustBeConfirmed } from './participants.service';

export const PROJECT_TITLE_MAX = 200;
export const PROJECT_SUMMARY_MAX = 4000;
/** A consortium of a few dozen organisations is large; a list longer than this is a mistake. */
export const PROJECT_PARTNERS_MAX = 50;

type Viewer = { id: string; role: string; confirmed: boolean };

export interface ProjectInput {
  title?: string;
  summary?: string;
  partners?: string[];
  sectors?: string[];
  stage?: string;
  sessions?: string[];
}

export interface ProjectView {
  project: repo.ProjectRecord;
  partners: people.ParticipantRecord[];
  sessions: { id: string; title: string; startAt: number; endAt: number; kind: string }[];
}

const isStage = (s: string): s is repo.ProjectStage => (PROJECT_STAGES as readonly string[]).includes(s);

function checkTitle(title: string): string {
  const t = title.trim();
  if (!t) throw new DomainError('INVALID_PROJECT_TITLE', 'A project needs a title.');
  if (t.length > PROJECT_TITLE_MAX)
    throw new DomainError('INVALID_PROJECT_TITLE', `A title has at most ${PROJECT_TITLE_MAX} characters.`);
  return t;
}

function checkSummary(summary: string): string {
  if (summary.length > PROJECT_SUMMARY_MAX)
    throw new DomainError(
      'PROJECT_SUMMARY_TOO_LONG',
      `A summary has at most ${PROJECT_SUMMARY_MAX} characters.`,
    );
  return summary.trim();
}

function checkStage(stage: string): repo.ProjectStage {
  if (!isStage(stage))
    throw new DomainError('UNKNOWN_PROJECT_STAGE', `The stage must be one of ${PROJECT_STAGES.join(', ')}.`);
  return stage;
}

function checkSectors(ids: string[]): string[] {
  const bad = ids.filter((s) => !isSector(s));
  if (bad.length) throw new DomainError('UNKNOWN_SECTOR', `Not in the taxonomy: ${bad.join(', ')}.`);
  return [...new Set(ids)];
}

export function createProjectsService(ctx: ServiceContext) {
  const { db } = ctx;
  const organizer = (v: Viewer) => v.role === 'organizer';

  /**
   * The partners a change names: each must be someone the viewer can see (unconfirmed or hidden
   * people are as unknown as missing ones), except people already on the project. A partner who
   * is not an organizer stays on the projects they change.
   */
  async function checkPartners(viewer: Viewer, ids: string[], already: readonly string[]): Promise<string[]> {
    const wanted = new Set(ids);
    if (!organizer(viewer)) wanted.add(viewer.id);
    if (wanted.size > PROJECT_PARTNERS_MAX)
      throw new DomainError('TOO_MANY_PARTNERS', `A project has at most ${PROJECT_PARTNERS_MAX} partners.`);
    const found = new Map((await people.loadParticipants(db, [...wanted])).map((p) => [p.id, p]));
    const missing = [...wanted].filter((id) => {
      const p = found.get(id);
      return !p || (!already.includes(id) && !isShownTo(p, viewer));
    });
    if (missing.length)
      throw new DomainError('PROJECT_PARTNER_NOT_FOUND', `No such participant: ${missing.join(', ')}.`);
    return [...wanted];
  }

  /** Meetings a project grew from: ones the viewer was in (any, for organizers), or already linked. */
  async function checkSessions(viewer: Viewer, ids: string[], already: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(ids)];
    const found = new Map((await repo.sessionsFor(db, wanted, viewer.id)).map((s) => [s.id, s]));
    const bad = wanted.filter((id) => {
      const s = found.get(id);
      return !s || (!already.includes(id) && !s.mine && !organizer(viewer));
    });
    if (bad.length)
      throw new DomainError(
        'PROJECT_SESSION_NOT_FOUND',
        `Not a session of yours: ${bad.join(', ')}. Link only meetings you were in.`,
      );
    return wanted;
  }

  async function view(project: repo.ProjectRecord, viewerId: string): Promise<ProjectView> {
    const partners = await people.loadParticipants(db, project.partners);
    const byName = new Intl.Collator('en');
    partners.sort((a, b) => a.side.localeCompare(b.side) || byName.compare(a.name, b.name));
    const sessions = (await repo.sessionsFor(db, project.sessions, viewerId)).sort(
      (a, b) => a.startAt - b.startAt,
    );
    return { project, partners, sessions };
  }

  async function visible(viewer: Viewer, id: string): Promise<repo.ProjectRecord> {
    const [project] = await repo.loadProjects(db, [id]);
    if (!project || !(organizer(viewer) || project.partners.includes(viewer.id)))
      throw new DomainError('PROJECT_NOT_FOUND');
    return project;
  }

  return {
    async create(viewer: Viewer, input: ProjectInput): Promise<ProjectView> {
      mustBeConfirmed(viewer);
      const title = checkTitle(input.title ?? '');
      const summary = checkSummary(input.summary ?? '');
      const stage = checkStage(input.stage ?? 'idea');
      const sectors = checkSectors(input.sectors ?? []);
      const id = randomUUID();
      await write(ctx, async () => {
        const partners = await checkPartners(viewer, input.partners ?? [], []);
        const sessions = await checkSessions(viewer, input.sessions ?? [], []);
        const now = ctx.clock();
        await repo.insertProject(db, {
          id,
          title,
          summary,
          stage,
          createdBy: viewer.id,
          createdAt: now,
          updatedAt: now,
        });
        await repo.replacePartners(db, id, partners);
        await repo.replaceSectors(db, id, sectors);
        await repo.replaceSessions(db, id, sessions);
        await repo.addStage(db, id, stage, now, viewer.id);
      });
      return view(await visible(viewer, id), viewer.id);
    },

    async update(viewer: Viewer, id: string, input: ProjectInput): Promise<ProjectView> {
      mustBeConfirmed(viewer);
      const title = input.title === undefined ? undefined : checkTitle(input.title);
      const summary = input.summary === undefined ? undefined : checkSummary(input.summary);
      const stage = input.stage === undefined ? undefined : checkStage(input.stage);
      const sectors = input.sectors === undefined ? undefined : checkSectors(input.sectors);
      await write(ctx, async () => {
        const current = await visible(viewer, id);
        const now = ctx.clock();
        const partners =
          input.partners === undefined
            ? undefined
            : await checkPartners(viewer, input.partners, current.partners);
        const sessions =
          input.sessions === undefined
            ? undefined
            : await checkSessions(viewer, input.sessions, current.sessions);
        await repo.updateProject(db, id, { title, summary, stage, updatedAt: now });
        if (partners) await repo.replacePartners(db, id, partners);
        if (sectors) await repo.replaceSectors(db, id, sectors);
        if (sessions) await repo.replaceSessions(db, id, sessions);
        if (stage && stage !== current.stage) await repo.addStage(db, id, stage, now, viewer.id);
      });
      return view(await visible(viewer, id), viewer.id);
    },

    async get(viewer: Viewer, id: string): Promise<ProjectView> {
      return view(await visible(viewer, id), viewer.id);
    },

    /** Organizers see every project; anyone else the projects they are a partner in. */
    async list(viewer: Viewer): Promise<ProjectView[]> {
      const projects = organizer(viewer)
        ? await repo.loadProjects(db)
        : await repo.loadProjects(db, await repo.projectIdsOf(db, viewer.id));
      return Promise.all(projects.map((p) => view(p, viewer.id)));
    },

    /** Whom the form offers as partners: people the viewer met or connected with. */
    async candidates(viewer: Viewer): Promise<people.ParticipantRecord[]> {
      const ids = await repo.metOrConnected(db, viewer.id);
      const byName = new Intl.Collator('en');
      return (await people.loadParticipants(db, ids))
        .filter((p) => isShownTo(p, viewer))
        .sort((a, b) => byName.compare(a.name, b.name));
    },
  };
}
