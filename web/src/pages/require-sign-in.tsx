import { t } from '../i18n';

export function RequireSignIn() {
  return (
    <section class="card narrow">
      <h1>{t('signInTitle')}</h1>
      <p>{t('signInHelp')}</p>
      <a class="button" href="/sign-in">
        {t('navSignIn')}
      </a>
    </section>
  );
}
