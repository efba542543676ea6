import { useEffect, useState } from 'preact/hooks';
import { api, me } from '../api';
import { ConfirmButton } from '../confirm';
import { describeError } from '../errors';
import { detailOf, locale, type MessageKey, t } from '../i18n';
import { city } from '../places';
import { MeetingBooked } from './meeting-booked';
import { RequireSignIn } from './require-sign-in';

interface MeetingRequest {
  id: string;
  status: string;
  message: string;
  createdAt: string;
  expiresAt: string;
  other: { id: string; name: string; organisation: string; city: string; timeZone: string };
  meeting?: { sessionId: string; start: string; end: string } | null;
}

function RequestItem({
  r,
  incoming,
  onChange,
}: {
  r: MeetingRequest;
  incoming: boolean;
  onChange: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const act = async (action: 'accept' | 'decline' | 'withdraw') => {
    try {
      await api('POST', `/api/meeting-requests/${r.id}/${action}`);
      onChange();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const date = new Intl.DateTimeFormat(locale.value === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
  }).format(new Date(r.expiresAt));
  return (
    <li class="card request">
      <h3>
        {r.other.name || t('formerParticipant')}{' '}
        {/* A former participant's organisation is gone: no stray comma before the city. */}
        <span class="muted">· {detailOf([r.other.organisation, city(r.other.city)].filter(Boolean))}</span>
      </h3>
      {r.message && <blockquote>{r.message}</blockquote>}
      <p>
        <span class={`tag st-${r.status}`}>{t(`st_${r.status}` as MessageKey)}</span>{' '}
        {r.status === 'pending' && <span class="muted">{t('expires', { date })}</span>}
      </p>
      <p class="error" role="alert">
        {error}
      </p>
      <div class="actions">
        {r.status === 'pending' && incoming && (
          <>
            <button type="button" onClick={() => act('accept')}>
              {t('accept')}
            </button>
            <ConfirmButton
              class="secondary"
              label={t('decline')}
              title={t('confirmDeclineTitle')}
              body={<p>{t('confirmDeclineBody', { name: r.other.name })}</p>}
              confirmLabel={t('confirmDeclineYes')}
              onConfirm={() => act('decline')}
            />
          </>
        )}
        {r.status === 'pending' && !incoming && (
          <ConfirmButton
            class="secondary"
            label={t('withdraw')}
            title={t('confirmWithdrawTitle')}
            body={<p>{t('confirmWithdrawBody', { name: r.other.name })}</p>}
            confirmLabel={t('confirmWithdrawYes')}
            onConfirm={() => act('withdraw')}
          />
        )}
        {r.status === 'accepted' && r.meeting && <MeetingBooked meeting={r.meeting} />}
        {/* Nobody to meet once they erased their account. */}
        {r.status === 'accepted' && !r.meeting && r.other.name && (
          <a class="button" href={`/schedule?with=${r.other.id}&request=${r.id}`}>
            {t('findTime')}
          </a>
        )}
      </div>
    </li>
  );
}

export function Requests() {
  const [data, setData] = useState<{ incoming: MeetingRequest[]; outgoing: MeetingRequest[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<{ incoming: MeetingRequest[]; outgoing: MeetingRequest[] }>('GET', '/api/meeting-requests').then(
      setData,
      (err) => setError(describeError(err)),
    );
  useEffect(() => {
    if (me.value) void load();
  }, [me.value]);
  if (!me.value) return <RequireSignIn />;
  return (
    <section>
      <h1>{t('requestsTitle')}</h1>
      <p class="error" role="alert">
        {error}
      </p>
      {!data ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <h2>{t('incoming')}</h2>
          {data.incoming.length === 0 ? (
            <p class="muted">{t('noRequests')}</p>
          ) : (
            <ul class="plain">
              {data.incoming.map((r) => (
                <RequestItem key={r.id} r={r} incoming onChange={load} />
              ))}
            </ul>
          )}
          <h2>{t('outgoing')}</h2>
          {data.outgoing.length === 0 ? (
            <p class="muted">{t('noRequests')}</p>
          ) : (
            <ul class="plain">
              {data.outgoing.map((r) => (
                <RequestItem key={r.id} r={r} incoming={false} onChange={load} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
