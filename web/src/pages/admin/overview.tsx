/** `/admin`: the whole programme at a glance, with the way into each list. */
import { useEffect, useState } from 'preact/hooks';
import { api, me } from '../../api';
import { Feedback } from '../../components';
import { describeError } from '../../errors';
import { type MessageKey, t } from '../../i18n';
import { countryName } from '../../places';
import { OrganizerPage } from './gate';

interface Overview {
  participants: { total: number; participant: number; organizer: number; byCountry: Record<string, number> };
  requests: Record<string, number>;
  upcomingSessions: { meeting: number; webinar: number };
  events: number;
  outbox: Record<string, number>;
}

function Stat(props: { href: string; label: string; value: number; detail?: string }) {
  return (
    <a class="card stat" href={props.href}>
      <span class="stat-value">{props.value}</span>
      <span class="stat-label">{props.label}</span>
      {props.detail && <span class="muted">{props.detail}</span>}
    </a>
  );
}

export function AdminOverview() {
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (me.value?.role === 'organizer')
      api<Overview>('GET', '/api/admin/overview').then(setData, (err) => setError(describeError(err)));
  }, [me.value]);
  return (
    <OrganizerPage>
      {() => (
        <section aria-labelledby="admin-title">
          <h1 id="admin-title">{t('adminTitle')}</h1>
          <Feedback error={error} />
          {!data ? (
            !error && <p>{t('loading')}</p>
          ) : (
            <div class="stats">
              <Stat
                href="/admin/participants"
                label={t('adminParticipants')}
                value={data.participants.total}
                detail={Object.entries(data.participants.byCountry)
                  .sort((a, b) => b[1] - a[1])
                  .map(([c, n]) => `${countryName(c)} ${n}`)
                  .join(' · ')}
              />
              <Stat
                href="/admin/requests?status=pending"
                label={t('adminPendingRequests')}
                value={data.requests.pending ?? 0}
                detail={`${t('st_accepted')} ${data.requests.accepted ?? 0} · ${t('st_declined')} ${data.requests.declined ?? 0}`}
              />
              <Stat
                href="/admin/sessions?kind=meeting"
                label={t('adminMeetingsAhead')}
                value={data.upcomingSessions.meeting}
              />
              <Stat href="/webinars" label={t('adminWebinarsAhead')} value={data.upcomingSessions.webinar} />
              <Stat href="/events" label={t('navEvents')} value={data.events} />
              <Stat
                href="/admin/outbox"
                label={t('adminMailWaiting')}
                value={(data.outbox.pending ?? 0) + (data.outbox.sending ?? 0)}
                detail={`${t('mail_failed' as MessageKey)} ${data.outbox.failed ?? 0} · ${t('mail_sent' as MessageKey)} ${data.outbox.sent ?? 0}`}
              />
            </div>
          )}
        </section>
      )}
    </OrganizerPage>
  );
}
