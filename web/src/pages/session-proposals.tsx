/**
 * On a session's page, for its hosts: the other times people proposed from their calendar app
 * (an iTIP COUNTER received by mail), each in the proposer's and every host's own time, to move
 * the session there (a reschedule) or decline.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Feedback } from '../components';
import { describeError } from '../errors';
import { aside, detailOf, locale, t } from '../i18n';
import { city } from '../places';
import type { SessionDetail } from './session';
import { when } from './slot-finder';

interface Proposal {
  id: string;
  status: 'open' | 'accepted' | 'declined';
  stale: boolean;
  start: string;
  end: string;
  comment: string;
  from: { id: string; name: string; city: string };
  local: { id: string; name: string; city: string; timeZone: string; start: string; end: string }[];
}

export function SessionProposals(props: { session: SessionDetail; onMoved: (s: SessionDetail) => void }) {
  const s = props.session;
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  // Asked again after each change of the session: a reschedule makes the older proposals stale.
  useEffect(() => {
    api<{ proposals: Proposal[] }>('GET', `/api/sessions/${s.id}/proposals`).then(
      (r) => setProposals(r.proposals),
      () => setProposals([]),
    );
  }, [s.id, s.sequence]);
  const open = proposals.filter((p) => p.status === 'open' && !p.stale);
  if (!open.length && !note && !error) return null;
  const decide = async (p: Proposal, how: 'accept' | 'decline') => {
    setError(null);
    setNote(null);
    try {
      if (how === 'accept') {
        props.onMoved(await api<SessionDetail>('POST', `/api/sessions/${s.id}/proposals/${p.id}/accept`));
      } else {
        await api('POST', `/api/sessions/${s.id}/proposals/${p.id}/decline`);
        setProposals(proposals.map((x) => (x.id === p.id ? { ...x, status: 'declined' } : x)));
        setNote(t('proposalDeclined'));
      }
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t('proposalsTitle')}</h2>
      <p class="help">{t('proposalsHelp')}</p>
      <Feedback note={note} error={error} />
      <ul class="plain">
        {open.map((p) => (
          <li key={p.id}>
            <p>
              <strong>{t('proposalFrom', { name: p.from.name, city: city(p.from.city) })}</strong>
            </p>
            <ul>
              {p.local.map((l) => (
                <li key={l.id}>
                  {detailOf([l.name, city(l.city)])}
                  {locale.value === 'zh' ? '：' : ': '}
                  <strong>{when(p.start, p.end, l.timeZone)}</strong>
                  <span class="muted">
                    {aside(t('proposalNow', { time: when(s.start, s.end, l.timeZone) }))}
                  </span>
                </li>
              ))}
            </ul>
            {p.comment && <blockquote class="bio">{p.comment}</blockquote>}
            <div class="actions">
              <button type="button" onClick={() => decide(p, 'accept')}>
                {t('proposalAccept')}
              </button>
              <button type="button" class="secondary" onClick={() => decide(p, 'decline')}>
                {t('proposalDecline')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
