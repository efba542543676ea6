/** `/admin/requests`: every meeting request between participants, by status; CSV out. */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, me } from '../../api';
import { Feedback } from '../../components';
import { formatIn } from '../../dates';
import { describeError } from '../../errors';
import { detailOf, type MessageKey, t } from '../../i18n';
import { city } from '../../places';
import { CountedTable, OrganizerPage } from './gate';

interface Person {
  id: string;
  name: string;
  organisation: string;
  city: string;
}
interface Row {
  id: string;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
  message: string;
  createdAt: string;
  respondedAt: string | null;
  from: Person | null;
  to: Person | null;
}

const STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;

const who = (p: Person | null) =>
  p ? (
    <>
      {p.name || t('formerParticipant')}
      <div class="muted">{detailOf([p.organisation, city(p.city)])}</div>
    </>
  ) : (
    '—'
  );

export function AdminRequests() {
  const { query } = useLocation();
  const [status, setStatus] = useState<string>(STATUSES.includes(query.status as never) ? query.status! : '');
  const [data, setData] = useState<{ total: number; requests: Row[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (me.value?.role !== 'organizer') return;
    api<{ total: number; requests: Row[] }>(
      'GET',
      `/api/admin/requests${status ? `?status=${status}` : ''}`,
    ).then(setData, (err) => setError(describeError(err)));
  }, [status, me.value]);
  return (
    <OrganizerPage>
      {() => (
        <section aria-labelledby="requests-title">
          <h1 id="requests-title">{t('adminRequests')}</h1>
          <div class="filters">
            <label>
              {t('show')}{' '}
              <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
                <option value="">{t('filterAll')}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`st_${s}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <a
              class="button secondary"
              href={`/api/admin/requests.csv${status ? `?status=${status}` : ''}`}
              download
            >
              {t('downloadCsv')}
            </a>
          </div>
          <Feedback error={error} />
          {data && (
            <CountedTable
              label={t('adminRequests')}
              shown={data.requests.length}
              total={data.total}
              headers={[t('colSent'), t('requestFrom'), t('requestTo'), t('mailStatus'), t('requestMessage')]}
            >
              {data.requests.map((r) => (
                <tr key={r.id}>
                  <td>
                    {formatIn(r.createdAt, me.value!.timeZone, {
                      dateStyle: 'short',
                      timeStyle: 'short',
                    })}
                  </td>
                  <td>{who(r.from)}</td>
                  <td>{who(r.to)}</td>
                  <td>
                    <span class={`tag st-${r.status}`}>{t(`st_${r.status}` as MessageKey)}</span>
                  </td>
                  <td class="message">{r.message}</td>
                </tr>
              ))}
            </CountedTable>
          )}
        </section>
      )}
    </OrganizerPage>
  );
}
