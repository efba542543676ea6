/**
 * The page behind a mail's Accept / Decline link. Opening it changes nothing (mail scanners open
 * links); the button does.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api';
import { describeError } from '../errors';
import { t } from '../i18n';

interface Answered {
  id: string;
  title: string;
  start: string;
  end: string;
  lobbyUrl: string;
  people: { id: string; timeZone: string; localStart: string; answer: string }[];
}

export function Respond() {
  const { query, path } = useLocation();
  const id = path.split('/')[2] ?? '';
  const [answer, setAnswer] = useState<'accept' | 'decline'>(
    query.answer === 'decline' ? 'decline' : 'accept',
  );
  const [done, setDone] = useState<Answered | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    setError(null);
    try {
      setDone(
        await api<Answered>('POST', `/api/sessions/${encodeURIComponent(id)}/rsvp`, {
          answer,
          participantId: query.p,
          token: query.t,
        }),
      );
    } catch (err) {
      setError(describeError(err));
    }
  };
  if (done) {
    const me = done.people.find((p) => p.id === query.p);
    return (
      <section class="card narrow" aria-live="polite">
        <h1>{done.title}</h1>
        <p role="status">{answer === 'accept' ? t('rsvpAccepted') : t('rsvpDeclined')}</p>
        {me && <p class="muted">{me.localStart.replace('T', ' ').slice(0, 16)}</p>}
        {answer === 'accept' && <a href={`/sessions/${id}/lobby`}>{t('lobby')}</a>}
      </section>
    );
  }
  return (
    <section class="card narrow">
      <h1>{t('rsvpTitle')}</h1>
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
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={() => void send()}>
        {t('rsvpSend')}
      </button>
    </section>
  );
}
