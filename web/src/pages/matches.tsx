import { useEffect, useState } from 'preact/hooks';
import { api, me, type Term, taxonomy } from '../api';
import { describeError } from '../errors';
import { locale, type MessageKey, t } from '../i18n';
import { cityName } from '../places';
import { RequireSignIn } from './require-sign-in';

interface Match {
  participant: {
    id: string;
    name: string;
    organisation: string;
    city: string;
    country: string;
    languages: string[];
    sectors: string[];
    bio: string;
  };
  score: number;
  reasons: { code: string; text: string; warning?: true }[];
  overlapMinutesPerWeek: number;
  request: { id: string; status: string; direction: 'outgoing' | 'incoming' } | null;
}

type Filters = { sector: string; interest: string; city: string; country: string; language: string };
const EMPTY: Filters = { sector: '', interest: '', city: '', country: '', language: '' };

function MatchCard({ m, onChange }: { m: Match; onChange: () => void }) {
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const p = m.participant;
  const send = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/meeting-requests', { to: p.id, message });
      setNote(t('requestSent'));
      setAsking(false);
      onChange();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const hide = async () => {
    try {
      await api('POST', '/api/matches/hidden', { participantId: p.id });
      onChange();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const pct = Math.round(m.score * 100);
  return (
    <li class="card match" aria-labelledby={`m-${p.id}`}>
      <div class="match-head">
        <div>
          <h2 id={`m-${p.id}`}>{p.name}</h2>
          <p class="muted">
            {p.organisation} · {cityName(p.city, locale.value)}
          </p>
        </div>
        <meter
          min={0}
          max={100}
          value={pct}
          aria-label={`${t('score')} ${pct}%`}
          title={`${t('score')} ${pct}%`}
        />
        <strong class="score">{pct}%</strong>
      </div>
      <ul class="reasons">
        {m.reasons.map((r) => (
          <li key={r.code} class={r.warning ? 'warn' : ''}>
            {r.text}
          </li>
        ))}
      </ul>
      {p.bio && <p class="bio">{p.bio}</p>}
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
      <div class="actions">
        {m.request?.status === 'pending' && m.request.direction === 'incoming' ? (
          <a href="/requests">{t('askedYou')}</a>
        ) : m.request?.status === 'pending' ? (
          <span class="tag">{t('alreadyAsked', { status: t(`st_${m.request.status}` as MessageKey) })}</span>
        ) : asking ? (
          <form onSubmit={send} class="ask">
            <label for={`msg-${p.id}`}>{t('messageOptional')}</label>
            <textarea
              id={`msg-${p.id}`}
              maxLength={1000}
              rows={3}
              value={message}
              onInput={(e) => setMessage(e.currentTarget.value)}
            />
            <button type="submit">{t('send')}</button>
            <button type="button" class="secondary" onClick={() => setAsking(false)}>
              {t('cancel')}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setAsking(true)}>
            {t('requestMeeting')}
          </button>
        )}
        {m.request?.status === 'accepted' && <a href={`/schedule?with=${p.id}`}>{t('findTime')}</a>}
        <button type="button" class="link" onClick={hide}>
          {t('hide')}
        </button>
      </div>
    </li>
  );
}

function TermSelect(p: { label: string; terms?: Term[]; value: string; onChange: (e: Event) => void }) {
  const lang = locale.value;
  return (
    <label>
      {p.label}
      <select value={p.value} onChange={p.onChange}>
        <option value="">{t('filterAll')}</option>
        {p.terms?.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Matches() {
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [terms, setTerms] = useState<{ sectors: Term[]; interests: Term[] } | null>(null);
  const lang = locale.value;
  const load = () => {
    const q = new URLSearchParams({ limit: '30', lang });
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    api<{ matches: Match[] }>('GET', `/api/matches?${q}`).then(
      (r) => setMatches(r.matches),
      (err) => setError(describeError(err)),
    );
  };
  useEffect(() => {
    void taxonomy().then(setTerms);
  }, []);
  useEffect(() => {
    if (me.value) load();
  }, [lang, filters, me.value]);
  if (!me.value) return <RequireSignIn />;
  const set = (k: keyof Filters) => (e: Event) =>
    setFilters({ ...filters, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <section>
      <h1>{t('matchesTitle')}</h1>
      <p class="help">{t('matchesHelp')}</p>
      <form class="filters card" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <TermSelect
          label={t('sectors')}
          terms={terms?.sectors}
          value={filters.sector}
          onChange={set('sector')}
        />
        <TermSelect
          label={t('interest')}
          terms={terms?.interests}
          value={filters.interest}
          onChange={set('interest')}
        />
        <label>
          {t('city')}
          <input value={filters.city} onChange={set('city')} />
        </label>
        <label>
          {t('country')}
          <input value={filters.country} maxLength={2} size={3} onChange={set('country')} />
        </label>
        <label>
          {t('language')}
          <input value={filters.language} maxLength={2} size={3} onChange={set('language')} />
        </label>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {matches === null ? (
        <p>{t('loading')}</p>
      ) : matches.length === 0 ? (
        <p class="card">{t('matchesEmpty')}</p>
      ) : (
        <ol class="plain matches">
          {matches.map((m) => (
            <MatchCard key={m.participant.id} m={m} onChange={load} />
          ))}
        </ol>
      )}
    </section>
  );
}
