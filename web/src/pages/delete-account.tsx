/**
 * "Delete my account" on the profile page: a dialog says what will happen, and the button works
 * only once the person has typed their own address, so that no stray click erases anyone.
 */
import { useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, me } from '../api';
import { describeError } from '../errors';
import { t } from '../i18n';

export function DeleteAccount({ email }: { email: string }) {
  const { route } = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const matches = typed.trim().toLowerCase() === email.toLowerCase();
  const erase = async (e: Event) => {
    e.preventDefault();
    if (!matches || busy) return;
    setBusy(true);
    try {
      await api('DELETE', '/api/me');
      dialog.current?.close();
      me.value = null;
      route('/?deleted=1');
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };
  return (
    <>
      <h3 id="delete-title">{t('deleteTitle')}</h3>
      <p class="help" id="delete-help">
        {t('deleteHelp')}
      </p>
      <p class="actions">
        <button
          type="button"
          class="danger"
          aria-describedby="delete-help"
          onClick={() => {
            setTyped('');
            setError('');
            dialog.current?.showModal();
          }}
        >
          {t('deleteOpen')}
        </button>
      </p>
      <dialog ref={dialog} class="confirm-delete" aria-labelledby="delete-dialog-title">
        <form onSubmit={erase}>
          <h2 id="delete-dialog-title">{t('deleteDialogTitle')}</h2>
          <ul>
            <li>{t('deleteWhat1')}</li>
            <li>{t('deleteWhat2')}</li>
            <li>{t('deleteWhat3')}</li>
            <li>{t('deleteWhat4')}</li>
            <li>{t('deleteWhat5')}</li>
          </ul>
          <label for="delete-email">{t('deleteTypeEmail', { email })}</label>
          <input
            id="delete-email"
            type="email"
            autocomplete="off"
            value={typed}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
          <p class="banner" role="alert">
            {error}
          </p>
          <p class="actions">
            <button type="submit" class="danger" disabled={!matches || busy}>
              {t('deleteConfirm')}
            </button>
            <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
              {t('deleteCancel')}
            </button>
          </p>
        </form>
      </dialog>
    </>
  );
}
