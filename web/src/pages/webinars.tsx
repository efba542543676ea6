/**
 * `/webinars`: webinars ahead, each in the reader's time and its hosts', with one press to
 * register; organizers create one here, with hosts picked by name and the time shown in every
 * host's city as it is typed. `/webinars?w=ID` (the announcement's link) brings that webinar into
 * view, marked and focused: the list shows what anyone signed in may see, so the link reveals
 * nothing a session's own page would keep from people not in it.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, me } from '../api';
import { Feedback, Field } from '../components';
import { describeError, fieldErrors } from '../errors';
import { detailOf, listOf, t } from '../i18n';
import { city } from '../places';
import { RequireSignIn } from './require-sign-in';
import { when } from './slot-finder';
import { TimePicker, type TimeValue, timeValueIso } from './time-picker';

interface Host {
  id: string;
  name: string;
  organisation: string;
  city: string;
  timeZone: string;
}
interface Webinar {
  id: string;
  title: string;
  description: string;
  start: string;
  end: string;
  live: boolean;
  registrants: number;
  you: 'host' | 'attendee' | null;
  hosts: Host[];
}

/** Where a refusal belongs in the form. */
const FIELD_OF: Record<string, string> = {
  START_IN_PAST: 'start',
  START_OFF_GRID: 'start',
  OUTSIDE_WORKING_HOURS: 'start',
  SLOT_TAKEN: 'start',
  INVALID_INSTANT: 'start',
  INVALID_DURATION: 'duration',
  PARTICIPANT_NOT_FOUND: 'hosts',
};

function HostPicker(props: { value: Host[]; onChange: (v: Host[]) => void; error?: string }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Host[]>([]);
  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) return setFound([]);
    const timer = setTimeout(() => {
      api<{ participants: Host[] }>(
        'GET',
        `/api/admin/participants?limit=8&q=${encodeURIComponent(query)}`,
      ).then(
        (r) => setFound(r.participants),
        () => setFound([]),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [q]);
  const chosen = new Set(props.value.map((h) => h.id));
  return (
    <fieldset class={`hosts${props.error ? ' has-error' : ''}`}>
      <legend>{t('webinarHosts')}</legend>
      <ul class="plain chips" aria-live="polite">
        {props.value.map((h) => (
          <li key={h.id}>
            {h.name} <span class="muted">{city(h.city)}</span>{' '}
            <button
              type="button"
              class="link"
              aria-label={t('removeHost', { name: h.name })}
              onClick={() => props.onChange(props.value.filter((x) => x.id !== h.id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <label>
        {t('findPerson')}{' '}
        <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} autocomplete="off" />
      </label>
      {found.length > 0 && (
        <ul class="plain found">
          {found
            .filter((h) => !chosen.has(h.id))
            .map((h) => (
              <li key={h.id}>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => {
                    props.onChange([...props.value, h]);
                    setQ('');
                  }}
                >
                  + {h.name}
                </button>{' '}
                <span class="muted">{detailOf([h.organisation, city(h.city)])}</span>
              </li>
            ))}
        </ul>
      )}
      <p class="error" role="alert">
        {props.error}
      </p>
    </fieldset>
  );
}

function NewWebinar(props: { onCreated: (id: string) => void }) {
  const zone = me.value!.timeZone;
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [hosts, setHosts] = useState<Host[]>([]);
  const [when, setWhen] = useState<TimeValue>({ date: '', time: '09:00' });
  const [duration, setDuration] = useState(60);
  const [videoUrl, setVideoUrl] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  // Set after the server warned that the time is outside a host's hours: the organizer may go on.
  const [outsideWarned, setOutsideWarned] = useState(false);
  const [outsideHours, setOutsideHours] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setError(null);
    const start = timeValueIso(when, zone);
    const local: Record<string, string> = {};
    if (!start) local.start = t('invalidDateTime');
    if (!hosts.length) local.hosts = t('needHost');
    if (Object.keys(local).length) return setErrors(local);
    try {
      const created = await api<{ id: string }>('POST', '/api/sessions', {
        kind: 'webinar',
        title,
        ...(description.trim() ? { description } : {}),
        hosts: hosts.map((h) => h.id),
        start,
        duration,
        ...(videoUrl.trim() ? { videoUrl: videoUrl.trim() } : {}),
        ...(outsideWarned && outsideHours ? { outsideHours: true } : {}),
      });
      props.onCreated(created.id);
    } catch (err) {
      const byField = fieldErrors(err);
      const code = (err as { code?: string }).code ?? '';
      const placed = FIELD_OF[code];
      if (placed) byField[placed] = describeError(err);
      // OUTSIDE_WORKING_HOURS names each host by id: say who, next to the time.
      if (code === 'OUTSIDE_WORKING_HOURS') {
        setOutsideWarned(true);
        const names = hosts
          .filter((h) => byField[h.id])
          .map((h) => t('nameWithDetail', { name: h.name, detail: city(h.city) }));
        const text = describeError(err);
        if (names.length && !names.every((n) => text.includes(n))) byField.start = `${text} ${listOf(names)}`;
      }
      setErrors(byField);
      if (
        !Object.keys(byField).some((k) =>
          ['title', 'description', 'hosts', 'start', 'duration', 'videoUrl'].includes(k),
        )
      )
        setError(describeError(err));
    }
  };
  return (
    <form class="card" aria-labelledby="new-webinar" onSubmit={submit} noValidate>
      <h2 id="new-webinar">{t('newWebinar')}</h2>
      <Field label={t('webinarTitle')} error={errors.title}>
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            value={title}
            maxLength={200}
            required
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t('webinarDescription')} error={errors.description}>
        {(id, d) => (
          <textarea
            id={id}
            aria-describedby={d}
            rows={3}
            maxLength={5000}
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        )}
      </Field>
      <HostPicker value={hosts} onChange={setHosts} error={errors.hosts} />
      <TimePicker value={when} onChange={setWhen} zone={zone} elsewhere={hosts} error={errors.start} />
      <Field label={t('duration')} error={errors.duration}>
        {(id, d) => (
          <select
            id={id}
            aria-describedby={d}
            value={duration}
            onChange={(e) => setDuration(Number(e.currentTarget.value))}
          >
            {[30, 45, 60, 90, 120, 180].map((n) => (
              <option key={n} value={n}>
                {t('minutes', { n: String(n) })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('videoLink')} help={t('videoLinkHelp')} error={errors.videoUrl}>
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            type="url"
            placeholder="https://"
            value={videoUrl}
            onInput={(e) => setVideoUrl(e.currentTarget.value)}
          />
        )}
      </Field>
      {outsideWarned && (
        <label class="check">
          <input
            type="checkbox"
            checked={outsideHours}
            onChange={(e) => setOutsideHours(e.currentTarget.checked)}
          />
          {t('webinarOutsideHoursAnyway')}
        </label>
      )}
      <Feedback error={error} />
      <button type="submit">{t('createWebinar')}</button>
    </form>
  );
}

export function Webinars() {
  const { route, query } = useLocation();
  const wanted = query.w;
  const [list, setList] = useState<Webinar[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const load = () =>
    api<{ webinars: Webinar[] }>('GET', '/api/webinars').then(
      (r) => setList(r.webinars),
      (err) => setError(describeError(err)),
    );
  useEffect(() => {
    if (me.value) void load();
  }, [me.value]);
  // Once the list is there: the linked webinar scrolls into view and takes the focus, so that a
  // screen reader starts at it too. A query survives the sign-in detour; a #fragment would not.
  const listed = !!list?.some((w) => w.id === wanted);
  useEffect(() => {
    if (!listed) return;
    const card = document.getElementById(`webinar-${wanted}`);
    card?.scrollIntoView({ block: 'start' });
    card?.focus({ preventScroll: true });
  }, [listed, wanted]);
  if (me.value === undefined) return <p class="card">{t('loading')}</p>;
  if (!me.value) return <RequireSignIn />;
  const mine = me.value;
  const register = async (w: Webinar) => {
    setError(null);
    setNote(null);
    try {
      await api('POST', `/api/sessions/${w.id}/register`);
      setNote(t('registeredFor', { title: w.title }));
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section aria-labelledby="webinars-title">
      <h1 id="webinars-title">{t('webinarsTitle')}</h1>
      <p class="help">{t('webinarsHelp')}</p>
      {mine.role === 'organizer' &&
        (creating ? (
          <NewWebinar onCreated={(id) => route(`/sessions/${id}?created=1`)} />
        ) : (
          <button type="button" onClick={() => setCreating(true)}>
            {t('newWebinar')}
          </button>
        ))}
      <Feedback note={note} error={error} />
      <p class="notice" role="status">
        {wanted && list && !listed && t('webinarLinkedGone')}
      </p>
      {!list ? (
        <p>{t('loading')}</p>
      ) : list.length === 0 ? (
        <p class="card">{t('webinarsEmpty')}</p>
      ) : (
        <ul class="plain sessions">
          {list.map((w) => {
            const zones = [
              ...new Map(
                w.hosts.filter((h) => h.timeZone !== mine.timeZone).map((h) => [h.timeZone, h]),
              ).values(),
            ];
            return (
              <li
                key={w.id}
                id={`webinar-${w.id}`}
                class={`card session${w.id === wanted ? ' linked' : ''}`}
                {...(w.id === wanted ? { tabIndex: -1, 'aria-current': 'true' as const } : {})}
              >
                <h2>
                  {w.title} {w.live && <span class="tag st-accepted">{t('liveNow')}</span>}
                </h2>
                <p>
                  <strong>{when(w.start, w.end, mine.timeZone)}</strong>
                  {t('yourTimeIn', { city: city(mine.city) })}
                  {zones.map((h) => (
                    <span key={h.timeZone} class="muted">
                      {' '}
                      · {when(w.start, w.end, h.timeZone)} {city(h.city)}
                    </span>
                  ))}
                </p>
                {w.description && <p class="bio">{w.description}</p>}
                <p class="muted">
                  {t('hostedBy', {
                    names: listOf(
                      w.hosts.map((h) => t('nameWithDetail', { name: h.name, detail: h.organisation })),
                    ),
                  })}{' '}
                  · {t('registrantsCount', { n: String(w.registrants) })}
                </p>
                <div class="actions">
                  {w.you === null ? (
                    <button
                      type="button"
                      onClick={() => register(w)}
                      aria-label={t('registerFor', { title: w.title })}
                    >
                      {t('registerWebinar')}
                    </button>
                  ) : (
                    <>
                      <span class="tag st-accepted">{t(w.you === 'host' ? 'youHost' : 'youRegistered')}</span>
                      <a href={`/sessions/${w.id}/lobby`}>{t('lobby')}</a>
                    </>
                  )}
                  {(w.you !== null || mine.role === 'organizer') && (
                    <a href={`/sessions/${w.id}`}>{t('sessionDetails')}</a>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
