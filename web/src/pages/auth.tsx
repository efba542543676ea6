/** Registration, asking for a sign-in link, and the page behind the link. */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, loadMe, type Me, me } from '../api';
import { Field } from '../components';
import { describeError, fieldErrors } from '../errors';
import { setLocale, t } from '../i18n';
import { safeNextPath } from '../next-path';
import { blankProfile, ProfileForm, type ProfileValues } from './profile-form';

export function Register() {
  const { route } = useLocation();
  const submit = async (v: ProfileValues) => {
    const res = await api<{ participant: Me }>('POST', '/api/participants', v);
    me.value = res.participant;
    setLocale(res.participant.locale);
    // The next step is the mailed link: the page says so, and how to look around meanwhile.
    route(`/check-mail?email=${encodeURIComponent(res.participant.email)}&registered=1`);
  };
  return (
    <section class="card narrow">
      <h1>{t('registerTitle')}</h1>
      <p class="help">
        {t('alreadyRegistered')} <a href="/sign-in">{t('navSignIn')}</a>
      </p>
      <ProfileForm initial={blankProfile()} withEmail submitLabel={t('register')} onSubmit={submit} />
    </section>
  );
}

export function SignIn() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const { route, query } = useLocation();
  // The page that sent the reader here; the mailed link comes back to it.
  const next = safeNextPath(query.next);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await api('POST', '/api/auth/login', { email, ...(next ? { next } : {}) });
      route(`/check-mail?email=${encodeURIComponent(email)}`);
    } catch (err) {
      setError(fieldErrors(err).email ?? describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card narrow">
      <h1>{t('signInTitle')}</h1>
      <p>{t('signInHelp')}</p>
      <form onSubmit={submit} noValidate>
        <Field label={t('email')} error={error}>
          {(id, describedBy) => (
            <input
              id={id}
              type="email"
              required
              autocomplete="email"
              aria-describedby={describedBy}
              aria-invalid={error ? 'true' : undefined}
              value={email}
              onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
            />
          )}
        </Field>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('sendLink')}
          </button>
        </div>
      </form>
      <p class="help">
        {t('noAccount')} <a href="/register">{t('navRegister')}</a>
      </p>
    </section>
  );
}

export function CheckMail() {
  const { query } = useLocation();
  const email = query.email ?? '';
  if (query.registered) {
    return (
      <section class="card narrow">
        <h1>{t('confirmTitle')}</h1>
        <p>{t('confirmText', { email })}</p>
        <p class="help">{t('confirmMeanwhile')}</p>
        <div class="actions">
          <a class="button" href="/matches">
            {t('seeMatches')}
          </a>
          <ResendLink email={email} />
        </div>
      </section>
    );
  }
  return (
    <section class="card narrow">
      <h1>{t('checkMailTitle')}</h1>
      <p>{t('checkMailText', { email })}</p>
    </section>
  );
}

/** Mails a new link (a sign-in link confirms the address as well). */
export function ResendLink(props: { email: string }) {
  const [state, setState] = useState<'idle' | 'busy' | 'sent' | string>('idle');
  const send = async () => {
    setState('busy');
    try {
      await api('POST', '/api/auth/login', { email: props.email });
      setState('sent');
    } catch (err) {
      setState(describeError(err));
    }
  };
  return (
    <>
      <button type="button" class="secondary" onClick={send} disabled={state === 'busy'}>
        {t('resendLink')}
      </button>
      <p class="notice" role="status">
        {state === 'sent' && t('linkResent', { email: props.email })}
      </p>
      <p class="error" role="alert">
        {state !== 'idle' && state !== 'busy' && state !== 'sent' && state}
      </p>
    </>
  );
}

/** Above every page while the address waits for its link: why others do not see you yet. */
export function ConfirmBanner() {
  const { path } = useLocation();
  const who = me.value;
  if (!who || who.confirmed || path === '/check-mail' || path === '/auth/verify') return null;
  return (
    <div class="banner confirm" role="note">
      <p>{t('confirmBanner', { email: who.email })}</p>
      <ResendLink email={who.email} />
    </div>
  );
}

/** Opening the link changes nothing (mail scanners open links); only the button uses the token. */
export function Verify() {
  const { query, route } = useLocation();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      await api('POST', '/api/auth/verify', { token: query.token ?? '' });
      await loadMe();
      if (me.value) setLocale(me.value.locale);
      // Back to the page the reader came from (a request, a lobby, a session), or the profile.
      route(safeNextPath(query.next) ?? '/profile', true);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };
  return (
    <section class="card narrow">
      <h1>{t('verifyTitle')}</h1>
      {error ? (
        <>
          <p class="error" role="alert">
            {error}
          </p>
          <a class="button" href="/sign-in">
            {t('askNewLink')}
          </a>
        </>
      ) : (
        <>
          <p>{t('verifyText')}</p>
          <button type="button" onClick={go} disabled={busy}>
            {t('verifyButton')}
          </button>
        </>
      )}
    </section>
  );
}
