/** `/admin/sessions`: meetings and webinars from yesterday on, with hosts and size; CSV out. */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, me } from '../../api';
import { Feedback } from '../../components';
import { describeError } from '../../errors';
import { aside, listOf, t } from '../../i18n';
import { city } from '../../places';
import { when } from '../slot-finder';
import { timeValueIso } from '../time-picker';
import { CountedTable, OrganizerPage } from './gate';

interface Row {
  id: string;
  kind: 'meeting' | 'webinar';
  status: 'confirmed' | 'cancelled';
  title: string;
  start: string;
  end: string;
  people: number;
  hosts: { id: string; name: string; city: string }[];
  eventId: string | null;
  live: boolean;
}

export function AdminSessions() {
  const { query } = useLocation();
  const [kind, setKind] = useState(query.kind === 'meeting' || query.kind === 'webinar' ? query.kind : '');
  const [status, setStatus] = useState('');
  // Empty: from yesterday on, so that what just ended (and its attendance) is still listed.
  const [since, setSince] = useState('');
  const zone = me.value?.timeZone ?? 'UTC';
  const from = since ? timeValueIso({ date: since, time: '00:00' }, zone) : null;
  const [data, setData] = useState<{ total: number; sessions: Row[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const filter = [
    kind && `kind=${kind}`,
    status && `status=${status}`,
    from && `from=${encodeURIComponent(from)}`,
  ]
    .filter(Boolean)
    .join('&');
  useEffect(() => {
    if (me.value?.role !== 'organizer') return;
    api<{ total: number; sessions: Row[] }>('GET', `/api/admin/sessions${filter ? `?${filter}` : ''}`).then(
      setData,
      (err) => setError(describeError(err)),
    );
  }, [filter, me.value]);
  return (
    <OrganizerPage>
      {() => (
        <section aria-labelledby="sessions-title">
          <h1 id="sessions-title">{t('adminSessions')}</h1>
          <div class="filters">
            <label>
              {t('kind')}{' '}
              <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
                <option value="">{t('filterAll')}</option>
                <option value="meeting">{t('kindMeeting')}</option>
                <option value="webinar">{t('kindWebinar')}</option>
              </select>
            </label>
            <label>
              {t('show')}{' '}
              <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
                <option value="">{t('filterAll')}</option>
                <option value="confirmed">{t('confirmed')}</option>
                <option value="cancelled">{t('cancelled')}</option>
              </select>
            </label>
            <label>
              {t('sessionsSince')}{' '}
              <input type="date" value={since} onInput={(e) => setSince(e.currentTarget.value)} />
            </label>
            <a
              class="button secondary"
              href={`/api/admin/sessions.csv${filter ? `?${filter}` : ''}`}
              download
            >
              {t('downloadCsv')}
            </a>
            <a class="button secondary" href="/webinars">
              {t('newWebinar')}
            </a>
          </div>
          <Feedback error={error} />
          {data && (
            <CountedTable
              label={t('adminSessions')}
              shown={data.sessions.length}
              total={data.total}
              headers={[t('when'), t('sessionTitle'), t('kind'), t('webinarHosts'), t('sessionPeople')]}
            >
              {data.sessions.map((s) => (
                <tr key={s.id} class={s.status}>
                  <td>{when(s.start, s.end, me.value!.timeZone)}</td>
                  <td>
                    <a href={`/sessions/${s.id}`}>{s.title}</a>{' '}
                    {s.status === 'cancelled' && <span class="tag st-declined">{t('cancelled')}</span>}
                    {s.live && <span class="tag st-accepted">{t('liveNow')}</span>}
                    {s.eventId && (
                      <a class="muted" href={`/events/${s.eventId}`}>
                        {aside(t('fromEvent'))}
                      </a>
                    )}
                  </td>
                  <td>{t(s.kind === 'webinar' ? 'kindWebinar' : 'kindMeeting')}</td>
                  <td>
                    {listOf(
                      s.hosts.map((h) =>
                        t('nameWithDetail', { name: h.name || t('formerParticipant'), detail: city(h.city) }),
                      ),
                    )}
                  </td>
                  <td>{s.people}</td>
                </tr>
              ))}
            </CountedTable>
          )}
        </section>
      )}
    </OrganizerPage>
  );
}
