/**
 * The page behind a mail's Accept / Decline links: which session, when in the reader's time and in
 * each other person's, with whom, then the answer. Opening it changes nothing (mail scanners open
 * links); the button does. It needs no login: the link's token speaks for the reader.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api';
import { describeError } from '../errors';
import { detailOf, type MessageKey, t } from '../i18n';
import { city } from '../places';
import { when } from './slot-finder';

interface InvitePerson {
  id: string;
  name: string;
  organisation: string;
  city: string;
  timeZone: string;
  role: 'host' | 'attendee';
  answer: string;
}
interface Invitation {
  id: string;
  kind: 'meeting' | 'webinar';
  title: string;
  description: string;
  start: string;
  end: string;
  status: 'confirmed' | 'cancelled';
  lobbyUrl: string;
  icsUrl: string;
  you: string;
  people: InvitePerson[];
}

function Details(props: { inv: Invitation }) {
  const { inv } = props;
  const reader = inv.people.find((p) => p.id === inv.you);
  const others = inv.people.filter((p) => p.id !== inv.you && (inv.kind === 'meeting' || p.role === 'host'));
  // One line per other zone: two people in Yantai share theirs.
  const zones = [
    ...new Map(others.filter((p) => p.timeZone !== reader?.timeZone).map((p) => [p.timeZone, p])).values(),
  ];
  return (
    <>
      <h1>{inv.title}</h1>
      {reader && (
        <p>
          <strong>
            {t('inviteWhenYou', { when: when(inv.start, inv.end, reader.timeZone), city: city(reader.city) })}
          </strong>
        </p>
      )}
      {zones.map((p) => (
        <p key={p.timeZone} class="muted">
          {t('inviteWhenThem', { when: when(inv.start, inv.end, p.timeZone), city: city(p.city) })}
        </p>
      ))}
      {inv.description && <p class="bio">{inv.description}</p>}
      {others.length > 0 && (
        <>
          <h2>{t(inv.kind === 'meeting' ? 'inviteWith' : 'inviteHosts')}</h2>
          <ul class="plain invite-people">
            {others.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>{' '}
                <span class="muted">· {detailOf([p.organisation, city(p.city)])}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href={inv.icsUrl} download>
          {t('downloadIcs')}
        </a>
      </p>
    </>
  );
}

export function Respond() {
  const { query, path } = useLocation();
  const id = path.split('/')[2] ?? '';
  const [answer, setAnswer] = useState<'accept' | 'decline'>(
    query.answer === 'decline' ? 'decline' : 'accept',
  );
  const [inv, setInv] = useState<Invitation | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const q = new URLSearchParams({ p: query.p ?? '', t: query.t ?? '' });
    api<Invitation>('GET', `/api/sessions/${encodeURIComponent(id)}/invitation?${q}`).then(setInv, (err) =>
      setLoadError(describeError(err)),
    );
  }, [id, query.p, query.t]);
  const send = async () => {
    setError(null);
    try {
      const answered = await api<Invitation>('POST', `/api/sessions/${encodeURIComponent(id)}/rsvp`, {
        answer,
        participantId: query.p,
        token: query.t,
      });
      setInv((before) =>
        before
          ? { ...before, people: before.people.map((p) => answered.people.find((a) => a.id === p.id) ?? p) }
          : before,
      );
      setDone(true);
    } catch (err) {
      setError(describeError(err));
    }
  };
  if (loadError) {
    return (
      <section class="card narrow">
        <h1>{t('rsvpTitle')}</h1>
        <p class="error" role="alert">
          {loadError}
        </p>
        <p>{t('inviteLinkBroken')}</p>
        <a class="button" href="/schedule">
          {t('inviteMySchedule')}
        </a>
      </section>
    );
  }
  if (!inv) return <p class="card narrow">{t('loading')}</p>;
  const mine = inv.people.find((p) => p.id === inv.you);
  const over = Date.parse(inv.end) <= Date.now();
  // One section either way, its status region in place before the answer is sent: the
  // confirmation is then announced (a region inserted with its text is not, by most readers).
  return (
    <section class="card narrow">
      <Details inv={inv} />
      <p role="status" class="notice">
        {done && (answer === 'accept' ? t('rsvpAccepted') : t('rsvpDeclined'))}
      </p>
      {done ? (
        answer === 'accept' && <a href={`/sessions/${id}/lobby`}>{t('lobby')}</a>
      ) : inv.status === 'cancelled' ? (
        <p class="notice" role="status">
          {t('inviteCancelled')}
        </p>
      ) : over ? (
        <p class="notice" role="status">
          {t('inviteOver')}
        </p>
      ) : (
        <>
          {mine && mine.answer !== 'NEEDS-ACTION' && (
            <p class="muted">
              {t('inviteYourAnswer', { answer: t(`answer_${mine.answer.replace('-', '_')}` as MessageKey) })}
            </p>
          )}
          <fieldset>
            <legend>{t('rsvpQuestion')}</legend>
            <label class="check">
              <input
                type="radio"
                name="answer"
                checked={answer === 'accept'}
                onChange={() => setAnswer('accept')}
              />
              {t('accept')}
            </label>
            <label class="check">
              <input
                type="radio"
                name="answer"
                checked={answer === 'decline'}
                onChange={() => setAnswer('decline')}
              />
              {t('decline')}
            </label>
          </fieldset>
          <p class="error" role="alert">
            {error}
          </p>
          <button type="button" onClick={() => void send()}>
            {t('rsvpSend')}
          </button>
        </>
      )}
    </section>
  );
}
