/** The privacy page: what is kept, why and for how long (the days from the running server). */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';

export function Privacy() {
  const [days, setDays] = useState<number | null>(null);
  useEffect(() => {
    api<{ retentionDays: number }>('GET', '/api/privacy').then(
      (r) => setDays(r.retentionDays),
      () => undefined,
    );
  }, []);
  const d = days === null ? '…' : String(days);
  return (
    <article class="card narrow privacy">
      <h1>{t('privacyPageTitle')}</h1>
      <p>{t('privacyIntro')}</p>
      <p class="notice" data-testid="retention">
        {t('privacyRetention', { days: d })}
      </p>
      <h2>{t('privacyKeptTitle')}</h2>
      <ul>
        <li>{t('privacyKeptProfile')}</li>
        <li>{t('privacyKeptRequests')}</li>
        <li>{t('privacyKeptChat', { days: d })}</li>
        <li>{t('privacyKeptAttendance', { days: d })}</li>
        <li>{t('privacyKeptMail', { days: d })}</li>
        <li>{t('privacyKeptCounts')}</li>
      </ul>
      <h2>{t('privacyRightsTitle')}</h2>
      <ul>
        <li>{t('privacyRightSee')}</li>
        <li>{t('privacyRightHide')}</li>
        <li>{t('privacyRightDownload')}</li>
        <li>{t('privacyRightErase')}</li>
      </ul>
      <p>
        {t('privacyWhere')} <a href="/profile">{t('navProfile')}</a>
      </p>
      <p class="help">{t('privacyContact')}</p>
    </article>
  );
}
