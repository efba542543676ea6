/** `/admin/participants`: everyone registered, searchable, with activity; CSV out and in. */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, type FieldProblem, me, postCsv } from '../../api';
import { Feedback, Problems } from '../../components';
import { formatIn } from '../../dates';
import { describeError } from '../../errors';
import { detailOf, t } from '../../i18n';
import { city, countryName } from '../../places';
import { CountedTable, OrganizerPage } from './gate';

interface Row {
  id: string;
  name: string;
  email: string;
  organisation: string;
  city: string;
  country: string;
  timeZone: string;
  role: 'participant' | 'organizer';
  registeredAt: string;
  requestsSent: number;
  requestsReceived: number;
  requestsAccepted: number;
  upcomingSessions: number;
}

const PAGE = 500;

export function AdminParticipants() {
  const [q, setQ] = useState('');
  const [data, setData] = useState<{ total: number; participants: Row[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const load = (query: string) =>
    api<{ total: number; participants: Row[] }>(
      'GET',
      `/api/admin/participants?limit=${PAGE}${query ? `&q=${encodeURIComponent(query)}` : ''}`,
    ).then(setData, (err) => setError(describeError(err)));
  useEffect(() => {
    if (me.value?.role !== 'organizer') return;
    const timer = setTimeout(() => void load(q.trim()), 200);
    return () => clearTimeout(timer);
  }, [q, me.value]);
  const importFile = async (file: File) => {
    setError(null);
    setProblems([]);
    setNote(null);
    try {
      const r = await postCsv<{ registered: number; already: number }>(
        '/api/admin/participants.csv',
        await file.text(),
      );
      setNote(t('importDone', { registered: String(r.registered), already: String(r.already) }));
      await load(q.trim());
    } catch (err) {
      setError(describeError(err));
      if (err instanceof ApiError) setProblems(err.details);
    }
  };
  return (
    <OrganizerPage>
      {() => {
        const zone = me.value!.timeZone;
        return (
          <section aria-labelledby="people-title">
            <h1 id="people-title">{t('adminParticipants')}</h1>
            <div class="filters">
              <label>
                {t('search')}{' '}
                <input
                  type="search"
                  value={q}
                  onInput={(e) => setQ(e.currentTarget.value)}
                  placeholder={t('searchPeopleHint')}
                />
              </label>
              <a
                class="button secondary"
                href={`/api/admin/participants.csv${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`}
                download
              >
                {t('downloadCsv')}
              </a>
              <label class="file">
                {t('importPeopleCsv')}{' '}
                <input
                  type="file"
                  accept=".csv,text/csv"
                  onChange={(e) => {
                    const f = e.currentTarget.files?.[0];
                    if (f) void importFile(f);
                    e.currentTarget.value = '';
                  }}
                />
              </label>
            </div>
            <p class="help">{t('eventImportHelp')}</p>
            <Feedback note={note} />
            <Problems error={error} problems={problems} />
            {data && (
              <CountedTable
                label={t('adminParticipants')}
                shown={data.participants.length}
                total={data.total}
                headers={[
                  t('colName'),
                  t('organisation'),
                  t('city'),
                  t('timeZone'),
                  t('adminRequestsColumn'),
                  t('adminSessionsAhead'),
                  t('registeredOn'),
                ]}
              >
                {data.participants.map((p) => (
                  <tr key={p.id}>
                    <td>
                      {p.name} {p.role === 'organizer' && <span class="tag">{t('roleOrganizer')}</span>}
                      <div class="muted">{p.email}</div>
                    </td>
                    <td>{p.organisation}</td>
                    <td>{detailOf([city(p.city), countryName(p.country)])}</td>
                    <td>{p.timeZone}</td>
                    <td>
                      <span title={t('requestsSentReceivedAccepted')}>
                        ↑{p.requestsSent} ↓{p.requestsReceived} ✓{p.requestsAccepted}
                      </span>
                    </td>
                    <td>{p.upcomingSessions}</td>
                    <td>{formatIn(p.registeredAt, zone, { dateStyle: 'medium' })}</td>
                  </tr>
                ))}
              </CountedTable>
            )}
          </section>
        );
      }}
    </OrganizerPage>
  );
}
