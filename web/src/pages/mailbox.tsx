import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { describeError } from '../errors';
import { locale, type MessageKey, t } from '../i18n';

interface Mail {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  status: string;
  hasInvite: boolean;
  createdAt: string;
}

/** Development only: the mail that would have gone out, with its links clickable. */
export function Mailbox() {
  const [mails, setMails] = useState<Mail[] | null>(null);
  const [error, setError] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    api<{ mails: Mail[] }>('GET', '/api/dev/mailbox?limit=100').then(
      (r) => setMails(r.mails),
      (e) => setError(describeError(e)),
    );
  }, []);
  return (
    <section class="card">
      <h1>{t('mailboxTitle')}</h1>
      <p class="help">{t('mailboxHelp')}</p>
      {error && <p class="error">{error}</p>}
      {mails?.length === 0 && <p>{t('mailboxEmpty')}</p>}
      <ul class="mails">
        {mails?.map((m) => (
          <li key={m.id}>
            <button
              type="button"
              class="mail-head"
              aria-expanded={open === m.id}
              onClick={() => setOpen(open === m.id ? null : m.id)}
            >
              <strong>{m.subject}</strong>
              <span class="muted">
                {t('to')}
                {locale.value === 'zh' ? '：' : ': '}
                {m.to} · {new Date(m.createdAt).toLocaleString()} · {t(`mail_${m.status}` as MessageKey)}
                {m.hasInvite ? ' · invite.ics' : ''}
              </span>
            </button>
            {open === m.id && (
              <div class="mail-body">
                <iframe
                  title={m.subject}
                  src={`/api/dev/mailbox/${m.id}/html`}
                  sandbox="allow-popups allow-popups-to-escape-sandbox"
                />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
