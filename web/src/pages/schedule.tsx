/**
 * `/schedule`: "My schedule" in the reader's zone with the other side's local time beside each
 * entry, and, with `?with=ID`, the slot finder to book a meeting with that person.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, me } from '../api';
import { ConfirmButton } from '../confirm';
import { describeError } from '../errors';
import { listOf, locale, t } from '../i18n';
import { cityName } from '../places';
import { MeetingBooked } from './meeting-booked';
import { RequireSignIn } from './require-sign-in';
import { SlotFinder, when } from './slot-finder';

interface SessionPerson {
  id: string;
  name: string;
  organisation: string;
  city: string;
  timeZone: string;
  role: string;
}
interface Session {
  id: string;
  kind: string;
  title: string;
  start: string;
  end: string;
  status: string;
  lobbyUrl: string;
  icsUrl: string;
  people: SessionPerson[];
  attendance?: { participantId: string; present: boolean }[];
}
export function Schedule() {
  const { query, route } = useLocation();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<{ sessions: Session[] }>('GET', '/api/me/sessions').then(
      (r) => setSessions(r.sessions),
      (err) => setError(describeError(err)),
    );
  // Opened from a request (the acceptance mail's link): if it is booked already, say so rather
  // than offer a second meeting.
  const [booked, setBooked] = useState<{ sessionId: string; start: string; end: string } | null>(null);
  useEffect(() => {
    if (me.value) void load();
  }, [me.value]);
  useEffect(() => {
    setBooked(null);
    if (!me.value || !query.request) return;
    api<{ meeting?: { sessionId: string; start: string; end: string } | null }>(
      'GET',
      `/api/meeting-requests/${encodeURIComponent(query.request)}`,
    ).then(
      (r) => setBooked(r.meeting ?? null),
      () => {},
    );
  }, [me.value, query.request]);
  if (!me.value) return <RequireSignIn />;
  const mine = me.value;
  const cancel = async (id: string) => {
    try {
      await api('POST', `/api/sessions/${id}/cancel`);
      void load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section>
      <h1>{t('scheduleTitle')}</h1>
      <div class="card notice" role="status">
        {booked && <MeetingBooked meeting={booked} />}
      </div>
      {query.with && !booked && (
        <SlotFinder
          withIds={[query.with]}
          title={(others) => t('findTimeWith', { name: listOf(others.map((o) => o.name)) })}
          actionLabel={t('book')}
          askAgenda
          onPick={async (start, duration, agenda) => {
            const booked = await api<{ id: string }>('POST', '/api/sessions', {
              kind: 'meeting',
              with: [query.with],
              start,
              duration,
              ...(agenda ? { description: agenda } : {}),
              ...(query.request ? { requestId: query.request } : {}),
            });
            route(`/sessions/${booked.id}?booked=1`);
          }}
        />
      )}
      <p class="error" role="alert">
        {error}
      </p>
      {!sessions ? (
        <p>{t('loading')}</p>
      ) : sessions.length === 0 ? (
        <p class="card">{t('scheduleEmpty')}</p>
      ) : (
        <ul class="plain sessions">
          {sessions.map((s) => {
            const others = s.people.filter((p) => p.id !== mine.id);
            const zones = [
              ...new Map(
                others.filter((p) => p.timeZone !== mine.timeZone).map((p) => [p.timeZone, p]),
              ).values(),
            ];
            return (
              <li key={s.id} class={`card session ${s.status}`}>
                <h2>
                  {s.title}{' '}
                  {s.status === 'cancelled' && <span class="tag st-declined">{t('cancelled')}</span>}
                </h2>
                <p>
                  <strong>{when(s.start, s.end, mine.timeZone)}</strong>
                  {t('yourTimeIn', { city: cityName(mine.city, locale.value) })}
                  {zones.map((p) => (
                    <span key={p.timeZone} class="muted">
                      {' '}
                      · {when(s.start, s.end, p.timeZone)} {cityName(p.city, locale.value)}
                    </span>
                  ))}
                </p>
                <p class="muted">
                  {listOf(
                    others.map((p) =>
                      p.organisation
                        ? t('nameWithDetail', {
                            name: p.name || t('formerParticipant'),
                            detail: p.organisation,
                          })
                        : p.name || t('formerParticipant'),
                    ),
                  )}
                </p>
                <div class="actions">
                  <a href={`/sessions/${s.id}`}>{t('sessionDetails')}</a>
                  {s.status === 'confirmed' && <a href={`/sessions/${s.id}/lobby`}>{t('lobby')}</a>}
                  <a href={s.icsUrl} download>
                    {t('downloadIcs')}
                  </a>
                  {s.kind === 'meeting' &&
                    (s.attendance ?? [])
                      .filter((a) => !a.present && a.participantId !== mine.id)
                      .map((a) => (
                        <a
                          key={a.participantId}
                          href={`/schedule?with=${encodeURIComponent(a.participantId)}`}
                        >
                          {t('bookAgain', { name: others.find((o) => o.id === a.participantId)?.name ?? '' })}
                        </a>
                      ))}
                  {s.status === 'confirmed' &&
                    !s.attendance &&
                    (mine.role === 'organizer' ||
                      s.people.some((p) => p.id === mine.id && p.role === 'host')) && (
                      <ConfirmButton
                        class="link"
                        label={t('cancelSession')}
                        title={t(
                          s.kind === 'webinar' ? 'confirmCancelWebinarTitle' : 'confirmCancelMeetingTitle',
                        )}
                        body={
                          <p>
                            {s.kind === 'webinar'
                              ? t('confirmCancelWebinarBody', { n: String(s.people.length) })
                              : t('confirmCancelMeetingBody', {
                                  names: listOf(others.map((p) => p.name)),
                                })}
                          </p>
                        }
                        confirmLabel={t('confirmCancelYes')}
                        onConfirm={() => cancel(s.id)}
                      />
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
