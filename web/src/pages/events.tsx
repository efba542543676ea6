/** `/events`: the matchmaking events one may join; organizers create them here. */
import { useEffect, useState } from 'preact/hooks';
import { api, me } from '../api';
import { Field } from '../components';
import { formatIn } from '../dates';
import { describeError, fieldErrors } from '../errors';
import { t } from '../i18n';
import { RequireSignIn } from './require-sign-in';

export interface EventSummary {
  id: string;
  name: string;
  description: string;
  timeZone: string;
  days: string[];
  windows: { start: string; end: string }[];
  slotMinutes: number;
  breakMinutes: number;
  parallelLimit: number | null;
  joinPolicy: 'open' | 'invited';
  joined: boolean;
  slots: number;
  start: string | null;
  publishedAt: string | null;
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Rome';

function NewEvent(props: { onCreated: (id: string) => void }) {
  const [form, setForm] = useState({
    name: '',
    description: '',
    timeZone: browserZone(),
    days: '',
    windows: '09:00-11:00',
    slotMinutes: '20',
    breakMinutes: '5',
    parallelLimit: '',
    joinPolicy: 'open',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      const created = await api<{ id: string }>('POST', '/api/events', {
        name: form.name,
        description: form.description,
        timeZone: form.timeZone.trim(),
        days: form.days.split(/[\s,;]+/).filter(Boolean),
        windows: form.windows
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map((w) => {
            const [start = '', end = ''] = w.split(/[-–]/);
            // "9:00" is how many people write 09:00.
            const clock = (x: string) => x.trim().replace(/^(\d):/, '0$1:');
            return { start: clock(start), end: clock(end) };
          }),
        slotMinutes: Number(form.slotMinutes),
        breakMinutes: Number(form.breakMinutes || 0),
        parallelLimit: form.parallelLimit ? Number(form.parallelLimit) : null,
        joinPolicy: form.joinPolicy,
      });
      props.onCreated(created.id);
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(describeError(err));
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-event-title" noValidate>
      <h2 id="new-event-title">{t('eventNew')}</h2>
      <Field label={t('eventName')} error={errors.name}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.name} onInput={set('name')} required />}
      </Field>
      <Field label={t('eventDescription')} error={errors.description}>
        {(id, d) => (
          <textarea id={id} aria-describedby={d} value={form.description} onInput={set('description')} />
        )}
      </Field>
      <div class="row">
        <Field label={t('eventZone')} error={errors.timeZone} help={t('eventZoneHelp')}>
          {(id, d) => <input id={id} aria-describedby={d} value={form.timeZone} onInput={set('timeZone')} />}
        </Field>
        <Field label={t('eventDays')} error={errors.days} help={t('eventDaysHelp')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              value={form.days}
              onInput={set('days')}
              placeholder="2027-05-11, 2027-05-12"
            />
          )}
        </Field>
        <Field label={t('eventWindows')} error={errors.windows} help={t('eventWindowsHelp')}>
          {(id, d) => <input id={id} aria-describedby={d} value={form.windows} onInput={set('windows')} />}
        </Field>
      </div>
      <div class="row">
        <Field label={t('eventSlotMinutes')} error={errors.slotMinutes}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="number"
              min={10}
              max={120}
              step={5}
              value={form.slotMinutes}
              onInput={set('slotMinutes')}
            />
          )}
        </Field>
        <Field label={t('eventBreakMinutes')} error={errors.breakMinutes}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="number"
              min={0}
              max={60}
              step={5}
              value={form.breakMinutes}
              onInput={set('breakMinutes')}
            />
          )}
        </Field>
        <Field label={t('eventParallel')} error={errors.parallelLimit} help={t('eventParallelHelp')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="number"
              min={1}
              value={form.parallelLimit}
              onInput={set('parallelLimit')}
            />
          )}
        </Field>
        <Field label={t('eventJoinPolicy')}>
          {(id) => (
            <select id={id} value={form.joinPolicy} onChange={set('joinPolicy')}>
              <option value="open">{t('eventOpen')}</option>
              <option value="invited">{t('eventInvited')}</option>
            </select>
          )}
        </Field>
      </div>
      <p class="error" role="alert">
        {error}
      </p>
      <button type="submit">{t('eventCreate')}</button>
    </form>
  );
}

export function Events() {
  const [list, setList] = useState<EventSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<EventSummary[]>('GET', '/api/events').then(setList, (err) => setError(describeError(err)));
  useEffect(() => {
    if (me.value) void load();
  }, [me.value]);
  if (me.value === undefined) return <p class="card">{t('loading')}</p>;
  if (!me.value) return <RequireSignIn />;
  const zone = me.value.timeZone;
  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">{t('eventsTitle')}</h1>
      <p class="help">{t('eventsHelp')}</p>
      <p class="error" role="alert">
        {error}
      </p>
      {list && list.length === 0 && <p class="card">{t('eventsNone')}</p>}
      <ul class="plain">
        {list?.map((e) => (
          <li key={e.id} class="card">
            <h2>
              <a href={`/events/${e.id}`}>{e.name}</a>
            </h2>
            <p class="muted">
              {e.start ? formatIn(e.start, zone, { dateStyle: 'full', timeStyle: 'short' }) : ''} ·{' '}
              {t('eventSlotsCount', { n: String(e.slots), m: String(e.slotMinutes) })}
              {e.joined && (
                <>
                  {' '}
                  <span class="tag">{t('eventJoined')}</span>
                </>
              )}
              {e.publishedAt && (
                <>
                  {' '}
                  <span class="tag">{t('eventPublished')}</span>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
      {me.value.role === 'organizer' && <NewEvent onCreated={(id) => (location.href = `/events/${id}`)} />}
    </section>
  );
}
