import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { safeNextPath } from '../next-path';

/** In place of a page that needs a sign-in: the link to sign in comes back here afterwards. */
export function RequireSignIn() {
  const { url } = useLocation();
  const next = safeNextPath(url);
  return (
    <section class="card narrow">
      <h1>{t('signInTitle')}</h1>
      <p>{t('signInHelp')}</p>
      <a class="button" href={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}>
        {t('navSignIn')}
      </a>
    </section>
  );
}
