import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, loadMe, me } from '../api';
import { t } from '../i18n';
import { city } from '../places';

interface DemoPerson {
  id: string;
  name: string;
  organisation: string;
  city: string;
  role: string;
}

export function Home() {
  const [people, setPeople] = useState<DemoPerson[] | null>(null);
  const { route, query } = useLocation();
  useEffect(() => {
    // Answers only in development; in production the list simply stays hidden.
    api<{ people: DemoPerson[] }>('GET', '/api/dev/people').then(
      (r) => setPeople(r.people),
      () => setPeople(null),
    );
  }, []);
  const signInAs = async (p: DemoPerson) => {
    await api('POST', '/api/dev/login-as', { participantId: p.id });
    await loadMe();
    route('/profile');
  };
  return (
    <>
      {query.deleted && (
        <p class="notice" role="status">
          {t('deleted')}
        </p>
      )}
      <section class="hero">
        <h1>{t('tagline')}</h1>
        <p class="cities">{t('cities')}</p>
        <p>{t('intro')}</p>
        {!me.value && (
          <p class="actions">
            <a class="button" href="/register">
              {t('register')}
            </a>
            <a class="button secondary" href="/sign-in">
              {t('navSignIn')}
            </a>
          </p>
        )}
      </section>
      {people && people.length > 0 && (
        <section class="card" aria-labelledby="demo-title">
          <h2 id="demo-title">{t('demoTitle')}</h2>
          <p class="help">
            {t('demoHelp')} <a href="/dev/mailbox">{t('navMailbox')}</a>
          </p>
          <ul class="people">
            {people.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  class="person"
                  onClick={() => signInAs(p)}
                  aria-label={t('signInAs', { name: p.name })}
                >
                  <strong>{p.name}</strong>
                  <span>{p.organisation}</span>
                  <span class="muted">
                    {city(p.city)}
                    {p.role === 'organizer' ? ` · ${t('organizer')}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
