/** Organizers: every mail the product sends, what waits, what failed and why, and retry. */
import { useEffect, useState } from 'preact/hooks';
import { api, me } from '../api';
import { TableWrap } from '../components';
import { formatIn } from '../dates';
import { describeError } from '../errors';
import { type MessageKey, t } from '../i18n';
import { AdminNav, OrganizersOnly } from './admin/gate';
import { RequireSignIn } from './require-sign-in';

type Status = 'pending' | 'sending' | 'sent' | 'failed';
interface Mail {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: Status;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
interface Answer {
  counts: Record<Status, number>;
  mails: Mail[];
  /** Whether mail leaves at all: without a mail server it waits here (and in the dev mailbox). */
  delivery: 'sent' | 'dev-mailbox' | 'held';
}

const STATUSES: Status[] = ['pending', 'sending', 'sent', 'failed'];

export function Outbox() {
  const [status, setStatus] = useState<Status | ''>('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<Answer>('GET', `/api/admin/outbox?limit=200${status ? `&status=${status}` : ''}`).then(
      setAnswer,
      (err) => setError(describeError(err)),
    );
  useEffect(() => {
    if (me.value?.role === 'organizer') void load();
  }, [status, me.value]);
  if (me.value === undefined) return <p class="card">{t('loading')}</p>;
  if (!me.value) return <RequireSignIn />;
  if (me.value.role !== 'organizer') return <OrganizersOnly />;
  const zone = me.value.timeZone;
  const when = (iso: string) => formatIn(iso, zone, { dateStyle: 'short', timeStyle: 'short' });
  const retry = async (id: string) => {
    setError(null);
    try {
      await api('POST', `/api/admin/outbox/${id}/retry`);
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section aria-labelledby="outbox-title">
      <AdminNav />
      <h1 id="outbox-title">{t('outboxTitle')}</h1>
      <p class="help">{t('outboxHelp')}</p>
      {answer?.delivery === 'dev-mailbox' && (
        <p class="notice outbox-delivery">
          {t('outboxDevMailbox')} <a href="/dev/mailbox">{t('outboxOpenMailbox')}</a>
        </p>
      )}
      {answer?.delivery === 'held' && <p class="notice outbox-delivery">{t('outboxHeld')}</p>}
      {answer && (
        <p class="outbox-counts">
          {STATUSES.map((s) => (
            <span key={s} class={`tag mail-${s}`}>
              {t(`mail_${s}` as MessageKey)}: {answer.counts[s]}
            </span>
          ))}
        </p>
      )}
      <label>
        {t('show')}{' '}
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value as Status | '')}>
          <option value="">{t('filterAll')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`mail_${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" class="secondary" onClick={() => void load()}>
        {t('refresh')}
      </button>
      <p class="error" role="alert">
        {error}
      </p>
      <TableWrap label={t('navOutbox')}>
        <table class="outbox">
          <thead>
            <tr>
              <th scope="col">{t('mailCreated')}</th>
              <th scope="col">{t('mailTo')}</th>
              <th scope="col">{t('mailSubject')}</th>
              <th scope="col">{t('mailStatus')}</th>
              <th scope="col">{t('mailAttempts')}</th>
              <th scope="col">{t('mailLastError')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {answer?.mails.map((m) => (
              <tr key={m.id}>
                <td>{when(m.createdAt)}</td>
                <td>{m.to}</td>
                <td>{m.subject}</td>
                <td>
                  <span class={`tag mail-${m.status}`}>{t(`mail_${m.status}` as MessageKey)}</span>
                  {m.status === 'pending' && m.nextAttemptAt && m.attempts > 0 && (
                    <div class="muted">
                      {t('nextAttempt')} {when(m.nextAttemptAt)}
                    </div>
                  )}
                  {m.sentAt && <div class="muted">{when(m.sentAt)}</div>}
                </td>
                <td>{m.attempts}</td>
                <td class="muted">{m.lastError ?? ''}</td>
                <td>
                  {(m.status === 'failed' || (m.status === 'pending' && m.attempts > 0)) && (
                    <button type="button" onClick={() => void retry(m.id)}>
                      {t('retry')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
