import { useEffect, useState } from 'preact/hooks';
import { api, me, type Term, taxonomy } from '../api';
import { describeError } from '../errors';
import { locale, type MessageKey, t } from '../i18n';
import { cityName } from '../places';
import { BioText } from './bio-text';
import { MeetingBooked } from './meeting-booked';
import { COUNTRIES, LANGUAGES } from './profile-form';
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
    bioTranslation: string;
    bioTranslationLanguage: 'en' | 'zh' | null;
  };
  score: number;
  reasons: { code: string; text: string; warning?: true }[];
  overlapMinutesPerWeek: number;
  request: {
    id: string;
    status: string;
    direction: 'outgoing' | 'incoming';
    meeting?: { sessionId: string; start: string; end: string } | null;
  } | null;
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
      <BioText p={p} />
      <p class="notice" role="status">
        {note}
      </p>
      <p class="error" role="alert">
        {error}
      </p>
      <div class="actions">
        {m.request?.status === 'pending' && m.request.direction === 'incoming' ? (
          <a href="/requests">{t('askedYou')}</a>
        ) : m.request?.status === 'pending' ? (
          <span class="tag">{t('alreadyAsked', { status: t(`st_${m.request.status}` as MessageKey) })}</span>
        ) : m.request?.status === 'accepted' ? (
          // Accepted: the request is where a meeting is booked from, never a second request.
          m.request.meeting ? (
            <MeetingBooked meeting={m.request.meeting} />
          ) : (
            <a class="button" href={`/schedule?with=${p.id}&request=${m.request.id}`}>
              {t('findTime')}
            </a>
          )
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
        <button type="button" class="link" onClick={hide}>
          {t('hide')}
        </button>
      </div>
    </li>
  );
}

/** Codes as terms named in both languages by the browser's own data, sorted by the reader's names. */
function named(codes: string[], type: 'region' | 'language'): Term[] {
  const en = new Intl.DisplayNames(['en'], { type });
  const zh = new Intl.DisplayNames(['zh-CN'], { type });
  const lang = locale.value;
  return codes
    .map((id) => ({ id, label: { en: en.of(id) ?? id, zh: zh.of(id) ?? id } }))
    .sort((a, b) => a.label[lang].localeCompare(b.label[lang], lang === 'zh' ? 'zh-CN' : 'en'));
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

interface HiddenPerson {
  id: string;
  name: string;
  organisation: string;
  city: string;
}

/** The people one chose not to see, each with a way back into the matches. */
function HiddenList(p: { version: number; onChange: () => void }) {
  const [hidden, setHidden] = useState<HiddenPerson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ hidden: HiddenPerson[] }>('GET', '/api/matches/hidden').then(
      (r) => setHidden(r.hidden),
      (err) => setError(describeError(err)),
    );
  }, [p.version]);
  const unhide = async (id: string) => {
    try {
      await api('DELETE', `/api/matches/hidden/${encodeURIComponent(id)}`);
      p.onChange();
    } catch (err) {
      setError(describeError(err));
    }
  };
  if (!hidden?.length && !error) return null;
  return (
    <details class="card hidden-people">
      <summary>{t('hiddenPeople', { n: String(hidden?.length ?? 0) })}</summary>
      <p class="error" role="alert">
        {error}
      </p>
      <ul class="plain">
        {hidden?.map((h) => (
          <li key={h.id} class="row">
            <span>
              {h.name} · {h.organisation} · {cityName(h.city, locale.value)}
            </span>
            <button type="button" class="secondary" onClick={() => void unhide(h.id)}>
              {t('unhide')} <span class="visually-hidden">{h.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function Matches() {
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  /** Bumped when someone is hidden or shown again: the hidden list reloads with the matches. */
  const [version, setVersion] = useState(0);
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
  const changed = () => {
    setVersion((v) => v + 1);
    load();
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
        <TermSelect
          label={t('country')}
          terms={named(COUNTRIES, 'region')}
          value={filters.country}
          onChange={set('country')}
        />
        <TermSelect
          label={t('language')}
          terms={named(LANGUAGES, 'language')}
          value={filters.language}
          onChange={set('language')}
        />
      </form>
      <p class="error" role="alert">
        {error}
      </p>
      {matches === null ? (
        <p>{t('loading')}</p>
      ) : matches.length === 0 ? (
        <p class="card">{t('matchesEmpty')}</p>
      ) : (
        <ol class="plain matches">
          {matches.map((m) => (
            <MatchCard key={m.participant.id} m={m} onChange={changed} />
          ))}
        </ol>
      )}
      <HiddenList version={version} onChange={changed} />
    </section>
  );
}
