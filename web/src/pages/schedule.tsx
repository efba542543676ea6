import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, me } from '../api';
import { clockIn, formatIn } from '../dates';
import { describeError } from '../errors';
import { t } from '../i18n';
import { RequireSignIn } from './require-sign-in';
import { type AxisPerson, TimeAxis } from './time-axis';

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
}
interface SlotsAnswer {
  slots: { start: string; end: string; score: number }[];
  people: AxisPerson[];
  reason?: { code: string; text: string };
  suggestions: { start: string; end: string; outside: Record<string, number> }[];
}

/** "Tue 12 May, 10:00–10:30" in a zone and the reader's language. */
function when(start: string, end: string, zone: string): string {
  const day = formatIn(start, zone, { weekday: 'short', day: 'numeric', month: 'short' });
  return `${day}, ${clockIn(start, zone)}–${clockIn(end, zone)}`;
}

function SlotFinder({
  withId,
  requestId,
  onBooked,
}: {
  withId: string;
  requestId?: string;
  onBooked: () => void;
}) {
  const [other, setOther] = useState<{ name: string; city: string; timeZone: string } | null>(null);
  const [duration, setDuration] = useState(30);
  const [answer, setAnswer] = useState<SlotsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const mine = me.value!;
  useEffect(() => {
    api<{ participant: { name: string; city: string; timeZone: string } }>(
      'GET',
      `/api/participants/${withId}`,
    ).then(
      (r) => setOther(r.participant),
      (err) => setError(describeError(err)),
    );
  }, [withId]);
  useEffect(() => {
    setAnswer(null);
    api<SlotsAnswer>('GET', `/api/slots?with=${encodeURIComponent(withId)}&duration=${duration}`).then(
      setAnswer,
      (err) => setError(describeError(err)),
    );
  }, [withId, duration]);
  const book = async (start: string) => {
    setError(null);
    try {
      await api('POST', '/api/sessions', {
        kind: 'meeting',
        with: [withId],
        start,
        duration,
        ...(requestId ? { requestId } : {}),
      });
      setNote(t('booked'));
      onBooked();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="finder">
      <h2 id="finder">{t('findTimeWith', { name: other?.name ?? '…' })}</h2>
      <label>
        {t('duration')}{' '}
        <select value={duration} onChange={(e) => setDuration(Number(e.currentTarget.value))}>
          {[15, 30, 45, 60, 90].map((n) => (
            <option key={n} value={n}>
              {t('minutes', { n: String(n) })}
            </option>
          ))}
        </select>
      </label>
      {note && (
        <p class="notice" role="status">
          {note}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {answer && <TimeAxis zone={mine.timeZone} people={answer.people} slots={answer.slots} />}
      {!answer ? (
        <p>{t('loading')}</p>
      ) : answer.slots.length ? (
        <ul class="plain slots">
          {answer.slots.map((s) => (
            <li key={s.start}>
              <span>
                <strong>{when(s.start, s.end, mine.timeZone)}</strong> {mine.city}
                {other && (
                  <span class="muted">
                    {' '}
                    · {when(s.start, s.end, other.timeZone)} {other.city}
                  </span>
                )}
              </span>
              <button type="button" onClick={() => book(s.start)}>
                {t('book')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <>
          <p>{answer.reason?.text ?? t('noSlots')}</p>
          <ul class="plain slots">
            {answer.suggestions.map((s) => (
              <li key={s.start}>
                <span>
                  {when(s.start, s.end, mine.timeZone)} {mine.city}
                  {other && ` · ${when(s.start, s.end, other.timeZone)} ${other.city}`}{' '}
                  <span class="tag">{t('outsideHours')}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function Schedule() {
  const { query } = useLocation();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<{ sessions: Session[] }>('GET', '/api/me/sessions').then(
      (r) => setSessions(r.sessions),
      (err) => setError(describeError(err)),
    );
  useEffect(() => {
    if (me.value) void load();
  }, [me.value]);
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
      {query.with && <SlotFinder withId={query.with} requestId={query.request} onBooked={load} />}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
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
                  <strong>{when(s.start, s.end, mine.timeZone)}</strong> ({t('yourTime')}, {mine.city})
                  {zones.map((p) => (
                    <span key={p.timeZone} class="muted">
                      {' '}
                      · {when(s.start, s.end, p.timeZone)} {p.city}
                    </span>
                  ))}
                </p>
                <p class="muted">{others.map((p) => `${p.name} (${p.organisation})`).join(', ')}</p>
                <div class="actions">
                  {s.status === 'confirmed' && <a href={`/sessions/${s.id}/lobby`}>{t('lobby')}</a>}
                  <a href={s.icsUrl} download>
                    {t('downloadIcs')}
                  </a>
                  {s.status === 'confirmed' && (
                    <button type="button" class="link" onClick={() => cancel(s.id)}>
                      {t('cancelSession')}
                    </button>
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
