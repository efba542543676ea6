/**
 * On a webinar's page, for organizers: mail it to the people it suits (the webinar inside their
 * working hours, not in it yet, not told before), after saying how many that is.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ConfirmButton } from '../confirm';
import { describeError } from '../errors';
import { t } from '../i18n';

export function AnnounceWebinar(props: { sessionId: string }) {
  const [recipients, setRecipients] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const count = () =>
    api<{ recipients: number }>('GET', `/api/sessions/${props.sessionId}/announcement`).then(
      (r) => setRecipients(r.recipients),
      (err) => setError(describeError(err)),
    );
  useEffect(() => {
    void count();
  }, [props.sessionId]);
  const announce = async () => {
    setError(null);
    try {
      const r = await api<{ sent: number }>('POST', `/api/sessions/${props.sessionId}/announcement`);
      setNote(t('announceSent', { n: String(r.sent) }));
      await count();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="announce-title">
      <h2 id="announce-title">{t('announceTitle')}</h2>
      <p>{recipients === null ? t('loading') : t('announceHelp', { n: String(recipients) })}</p>
      <ConfirmButton
        danger={false}
        disabled={!recipients}
        label={t('announceButton')}
        title={t('announceConfirmTitle')}
        body={<p>{t('announceConfirmBody', { n: String(recipients ?? 0) })}</p>}
        confirmLabel={t('announceConfirmYes', { n: String(recipients ?? 0) })}
        onConfirm={announce}
      />
      <p class="notice" role="status">
        {note}
      </p>
      <p class="error" role="alert">
        {error}
      </p>
    </section>
  );
}
