/**
 * Cooperation projects: `/projects` (the ones you are a partner in, or all for organizers),
 * `/projects/:id` (one, with its stage history), `/projects/new` and `/projects/:id/edit`.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, me, type Term, taxonomy } from '../api';
import { CheckGroup, Feedback, Field, termOptions } from '../components';
import { formatIn } from '../dates';
import { describeError } from '../errors';
import { detailOf, type MessageKey, t } from '../i18n';
import { city } from '../places';
import { RequireSignIn } from './require-sign-in';
import './impact.css';

export const PROJECT_STAGES = ['idea', 'proposal', 'mou-signed', 'running', 'completed', 'stopped'] as const;

interface Partner {
  id: string;
  name: string;
  organisation: string;
  city: string;
  country: string;
  side: string;
}

export interface Project {
  id: string;
  title: string;
  summary: string;
  stage: string;
  partners: Partner[];
  sectors: string[];
  sessions: { id: string; title: string; kind: string; start: string; end: string }[];
  stages: { stage: string; at: string }[];
  createdAt: string;
  updatedAt: string;
}

export const stageLabel = (stage: string) => t(`stage_${stage}` as MessageKey);
const zone = () => me.value?.timeZone ?? 'UTC';
const day = (iso: string) => formatIn(iso, zone(), { year: 'numeric', month: 'short', day: 'numeric' });
const sideLabel = (side: string) =>
  t(side === 'eu' ? 'projectSideEu' : side === 'cn' ? 'projectSideCn' : 'projectSideOther');

function useSectors(): Term[] {
  const [sectors, setSectors] = useState<Term[]>([]);
  useEffect(() => {
    taxonomy().then(
      (x) => setSectors(x.sectors),
      () => undefined,
    );
  }, []);
  return sectors;
}

function StageBadge(props: { stage: string }) {
  return <span class={`stage-badge stage-${props.stage}`}>{stageLabel(props.stage)}</span>;
}

export function Projects() {
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (me.value)
      api<{ projects: Project[] }>('GET', '/api/projects').then(
        (r) => setProjects(r.projects),
        (err) => setError(describeError(err)),
      );
  }, [me.value]);
  if (me.value === undefined) return <p class="card">{t('loading')}</p>;
  if (!me.value) return <RequireSignIn />;
  return (
    <section aria-labelledby="projects-title">
      <div class="row-split">
        <h1 id="projects-title">{t('projectsTitle')}</h1>
        <a class="button" href="/projects/new">
          {t('projectNew')}
        </a>
      </div>
      <p class="muted">{t('projectsIntro')}</p>
      <Feedback error={error} />
      {!projects ? (
        !error && <p>{t('loading')}</p>
      ) : projects.length === 0 ? (
        <p class="card">{t('projectsNone')}</p>
      ) : (
        <ul class="plain project-list">
          {projects.map((p) => (
            <li key={p.id} class="card">
              <h2>
                <a href={`/projects/${p.id}`}>{p.title}</a>
              </h2>
              <p>
                <StageBadge stage={p.stage} />{' '}
                <span class="muted">{t('projectUpdated', { date: day(p.updatedAt) })}</span>
              </p>
              <p>
                {p.partners
                  .map((x) => t('nameWithDetail', { name: x.organisation, detail: city(x.city) }))
                  .join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ProjectPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sectors = useSectors();
  useEffect(() => {
    if (me.value)
      api<Project>('GET', `/api/projects/${encodeURIComponent(id)}`).then(setProject, (err) =>
        setError(describeError(err)),
      );
  }, [me.value, id]);
  if (me.value === undefined) return <p class="card">{t('loading')}</p>;
  if (!me.value) return <RequireSignIn />;
  const options = termOptions(sectors);
  return (
    <section aria-labelledby="project-title">
      <p>
        <a href="/projects">← {t('projectBack')}</a>
      </p>
      <Feedback error={error} />
      {project && (
        <article class="card">
          <div class="row-split">
            <h1 id="project-title">{project.title}</h1>
            <a class="button" href={`/projects/${project.id}/edit`}>
              {t('projectEdit')}
            </a>
          </div>
          <p>
            <StageBadge stage={project.stage} />
          </p>
          {project.summary && <p class="pre-line">{project.summary}</p>}
          <h2>{t('projectPartners')}</h2>
          <ul>
            {project.partners.map((x) => (
              <li key={x.id}>
                {detailOf([x.name, x.organisation])} —{' '}
                {t('nameWithDetail', { name: city(x.city), detail: sideLabel(x.side) })}
              </li>
            ))}
          </ul>
          {project.sectors.length > 0 && (
            <>
              <h2>{t('projectSectors')}</h2>
              <p>{project.sectors.map((s) => options.find((o) => o.id === s)?.label ?? s).join(' · ')}</p>
            </>
          )}
          <h2>{t('projectMeetings')}</h2>
          {project.sessions.length === 0 ? (
            <p class="muted">{t('projectMeetingsNone')}</p>
          ) : (
            <ul>
              {project.sessions.map((s) => (
                <li key={s.id}>
                  <a href={`/sessions/${s.id}`}>{s.title}</a> — {day(s.start)}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('projectHistory')}</h2>
          <ol class="stage-history">
            {project.stages.map((s) => (
              <li key={`${s.stage}${s.at}`}>
                <time dateTime={s.at}>{day(s.at)}</time>: {stageLabel(s.stage)}
              </li>
            ))}
          </ol>
        </article>
      )}
    </section>
  );
}

type Candidate = Partner;
interface MySession {
  id: string;
  kind: string;
  title: string;
  start: string;
  status: string;
}

export function ProjectForm() {
  const { params } = useRoute();
  const { route } = useLocation();
  const id = params.id;
  const sectors = useSectors();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [stage, setStage] = useState('idea');
  const [partners, setPartners] = useState<string[]>([]);
  const [chosenSectors, setChosenSectors] = useState<string[]>([]);
  const [sessions, setSessions] = useState<string[]>([]);
  const [people, setPeople] = useState<Candidate[]>([]);
  const [meetings, setMeetings] = useState<{ id: string; label: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // The form for an existing project shows once its fields are in, so that nothing typed or
  // chosen meanwhile is overwritten by the load, and nothing half-empty can be saved over it.
  const [loaded, setLoaded] = useState(!id);

  useEffect(() => {
    if (!me.value) return;
    setLoaded(!id);
    void (async () => {
      try {
        const [cands, mine, existing] = await Promise.all([
          api<{ people: Candidate[] }>('GET', '/api/projects/candidates'),
          api<{ sessions: MySession[] }>('GET', '/api/me/sessions'),
          id ? api<Project>('GET', `/api/projects/${encodeURIComponent(id)}`) : Promise.resolve(null),
        ]);
        const others = (existing?.partners ?? []).filter((p) => p.id !== me.value?.id);
        const byId = new Map([...cands.people, ...others].map((p) => [p.id, p]));
        setPeople([...byId.values()]);
        const meetingList = new Map(
          mine.sessions
            .filter((s) => s.kind === 'meeting' && s.status !== 'cancelled')
            .map((s) => [s.id, `${s.title} — ${day(s.start)}`]),
        );
        for (const s of existing?.sessions ?? []) meetingList.set(s.id, `${s.title} — ${day(s.start)}`);
        setMeetings([...meetingList.entries()].map(([k, label]) => ({ id: k, label })));
        if (existing) {
          setTitle(existing.title);
          setSummary(existing.summary);
          setStage(existing.stage);
          setPartners(others.map((p) => p.id));
          setChosenSectors(existing.sectors);
          setSessions(existing.sessions.map((s) => s.id));
          setLoaded(true);
        }
      } catch (err) {
        setError(describeError(err));
      }
    })();
  }, [me.value, id]);

  if (me.value === undefined) return <p class="card">{t('loading')}</p>;
  if (!me.value) return <RequireSignIn />;
  if (!loaded) {
    return error ? (
      <section class="card" aria-labelledby="project-form-title">
        <h1 id="project-form-title">{t('projectEdit')}</h1>
        <Feedback error={error} />
      </section>
    ) : (
      <p class="card">{t('loading')}</p>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setProblems({});
    const body = { title, summary, stage, partners, sectors: chosenSectors, sessions };
    try {
      const saved = id
        ? await api<Project>('PATCH', `/api/projects/${encodeURIComponent(id)}`, body)
        : await api<Project>('POST', '/api/projects', body);
      route(`/projects/${saved.id}`);
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      const field: Record<string, string> = {
        INVALID_PROJECT_TITLE: 'title',
        PROJECT_SUMMARY_TOO_LONG: 'summary',
        UNKNOWN_PROJECT_STAGE: 'stage',
        PROJECT_PARTNER_NOT_FOUND: 'partners',
        TOO_MANY_PARTNERS: 'partners',
      };
      const where = field[code];
      if (where) setProblems({ [where]: describeError(err) });
      else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="project-form-title" class="card">
      <h1 id="project-form-title">{id ? t('projectEdit') : t('projectNew')}</h1>
      <Feedback error={error} />
      <form onSubmit={submit} noValidate>
        <Field label={t('projectTitle')} error={problems.title}>
          {(fid, describedBy) => (
            <input
              id={fid}
              required
              maxLength={200}
              value={title}
              aria-describedby={describedBy}
              aria-invalid={problems.title ? true : undefined}
              onInput={(e) => setTitle(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('projectSummary')} error={problems.summary}>
          {(fid, describedBy) => (
            <textarea
              id={fid}
              rows={4}
              maxLength={4000}
              value={summary}
              aria-describedby={describedBy}
              onInput={(e) => setSummary(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('projectStage')} error={problems.stage}>
          {(fid, describedBy) => (
            <select
              id={fid}
              value={stage}
              aria-describedby={describedBy}
              onChange={(e) => setStage(e.currentTarget.value)}
            >
              {PROJECT_STAGES.map((s) => (
                <option key={s} value={s}>
                  {stageLabel(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {people.length === 0 ? (
          <p class="muted">{t('projectPartnersNone')}</p>
        ) : (
          <CheckGroup
            legend={`${t('projectPartners')} — ${t('projectPartnersHelp')}`}
            name="partners"
            options={people.map((p) => ({
              id: p.id,
              label: t('nameWithDetail', { name: detailOf([p.name, p.organisation]), detail: city(p.city) }),
            }))}
            value={partners}
            onChange={setPartners}
            error={problems.partners}
          />
        )}
        <CheckGroup
          legend={t('projectSectors')}
          name="sectors"
          options={termOptions(sectors)}
          value={chosenSectors}
          onChange={setChosenSectors}
        />
        {meetings.length > 0 && (
          <CheckGroup
            legend={t('projectMeetings')}
            name="sessions"
            options={meetings}
            value={sessions}
            onChange={setSessions}
          />
        )}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('projectSave')}
          </button>
          <a href={id ? `/projects/${id}` : '/projects'}>{t('projectCancel')}</a>
        </div>
      </form>
    </section>
  );
}
