import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type Me, me, type Term, taxonomy } from '../api';
import { Feedback, WeekGrid } from '../components';
import { describeError } from '../errors';
import { aside, dayNames, listOf, locale, setLocale, t } from '../i18n';
import { city, countryName } from '../places';
import { DeleteAccount } from './delete-account';
import { ProfileForm, type ProfileValues } from './profile-form';

function labels(terms: Term[] | undefined, ids: string[]): string {
  return listOf(ids.map((id) => terms?.find((x) => x.id === id)?.label[locale.value] ?? id)) || '—';
}

export function Profile() {
  const { route } = useLocation();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const [copied, setCopied] = useState(false);
  const [feedNote, setFeedNote] = useState<string | null>(null);
  const [feedError, setFeedError] = useState<string | null>(null);
  const [terms, setTerms] = useState<{ sectors: Term[]; interests: Term[] }>();
  useEffect(() => {
    taxonomy().then(setTerms, () => undefined);
  }, []);
  // The form replaces the profile and back: the focus follows to the form's heading, and back to
  // the button that opened it, instead of falling to the page's body with what was pressed.
  const editTitle = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const switched = useRef(false);
  useEffect(() => {
    if (!switched.current) return;
    switched.current = false;
    (editing ? editTitle : editButton).current?.focus();
  }, [editing]);
  const edit = (on: boolean) => {
    switched.current = true;
    setEditing(on);
  };
  const p = me.value;
  if (p === undefined) return <p>{t('loading')}</p>;
  if (p === null) {
    route('/sign-in', true);
    return null;
  }
  const save = async (v: ProfileValues) => {
    // The form starts from the whole profile (with its id, role, feed link…), and the API refuses
    // fields it does not take: send exactly the editable ones.
    const patch = {
      name: v.name,
      organisation: v.organisation,
      city: v.city,
      country: v.country,
      timeZone: v.timeZone,
      languages: v.languages,
      sectors: v.sectors,
      offers: v.offers,
      seeks: v.seeks,
      bio: v.bio,
      bioTranslation: v.bioTranslation,
      ...(v.bioTranslationLanguage ? { bioTranslationLanguage: v.bioTranslationLanguage } : {}),
      workingHours: v.workingHours,
      locale: v.locale,
    };
    const res = await api<{ participant: Me }>('PATCH', '/api/me', patch);
    me.value = res.participant;
    setLocale(res.participant.locale);
    edit(false);
    setNotice(t('saved'));
  };
  const resetFeed = async () => {
    if (!confirm(t('resetConfirm'))) return;
    try {
      const res = await api<{ calendarUrl: string }>('POST', '/api/me/calendar-url');
      me.value = { ...p, calendarUrl: res.calendarUrl };
      // Said beside the link: the code changing in place is easy to miss, and "Copied" was the
      // old link's.
      setCopied(false);
      setFeedError(null);
      setFeedNote(t('feedReset'));
    } catch (err) {
      setFeedNote(null);
      setFeedError(describeError(err));
    }
  };
  const setVisible = async (visible: boolean) => {
    try {
      const res = await api<{ participant: Me }>('PATCH', '/api/me', { visible });
      me.value = res.participant;
    } catch (err) {
      setNotice(describeError(err));
    }
  };
  const days = dayNames();
  const webcal = p.calendarUrl.replace(/^https?:/, 'webcal:');
  // The form and the profile share their heading and status region, in the same place of the same
  // card: the region stays in the page when the form gives way to the profile, so that "Saved."
  // is put inside it and announced (a region inserted with its text is not, by most readers).
  const top = (
    <>
      <h1 tabIndex={editing ? -1 : undefined} ref={editing ? editTitle : undefined}>
        {editing ? t('edit') : t('welcomeBack', { name: p.name })}
      </h1>
      <p class="notice" role="status">
        {notice}
      </p>
    </>
  );
  if (editing) {
    return (
      <section class="card narrow">
        {top}
        <ProfileForm
          initial={p}
          withEmail={false}
          submitLabel={t('save')}
          onSubmit={save}
          onCancel={() => edit(false)}
        />
      </section>
    );
  }
  return (
    <>
      <section class="card">
        {top}
        <dl class="facts">
          <dt>{t('organisation')}</dt>
          <dd>{p.organisation}</dd>
          <dt>{t('city')}</dt>
          <dd>
            {city(p.city)}
            {aside(countryName(p.country))} · {p.timeZone.replaceAll('_', ' ')}
          </dd>
          <dt>{t('email')}</dt>
          <dd>{p.email}</dd>
          <dt>{t('sectors')}</dt>
          <dd>{labels(terms?.sectors, p.sectors)}</dd>
          <dt>{t('offers')}</dt>
          <dd>{labels(terms?.interests, p.offers)}</dd>
          <dt>{t('seeks')}</dt>
          <dd>{labels(terms?.interests, p.seeks)}</dd>
          <dt>{t('workingHours')}</dt>
          <dd>
            <WeekGrid value={p.workingHours} />
            <ul class="plain">
              {p.workingHours.map((w) => (
                <li key={`${w.day}-${w.start}`}>
                  {days[w.day - 1]} {w.start}–{w.end}
                </li>
              ))}
            </ul>
          </dd>
          {p.bio && (
            <>
              <dt>{t('bio')}</dt>
              <dd class="pre-line">{p.bio}</dd>
            </>
          )}
          {p.bioTranslation && p.bioTranslationLanguage && (
            <>
              <dt>{t(p.bioTranslationLanguage === 'zh' ? 'bioInChinese' : 'bioInEnglish')}</dt>
              <dd class="pre-line" lang={p.bioTranslationLanguage === 'zh' ? 'zh-CN' : 'en'}>
                {p.bioTranslation}
              </dd>
            </>
          )}
        </dl>
        <button
          type="button"
          ref={editButton}
          onClick={() => {
            setNotice('');
            edit(true);
          }}
        >
          {t('edit')}
        </button>
      </section>
      <section class="card" aria-labelledby="feed-title">
        <h2 id="feed-title">{t('calendarFeed')}</h2>
        <p class="help">{t('calendarFeedHelp')}</p>
        <p class="feed">
          <code>{p.calendarUrl}</code>
        </p>
        <Feedback note={feedNote} error={feedError} />
        <p class="actions">
          <a class="button" href={webcal}>
            {t('subscribe')}
          </a>
          <button
            type="button"
            class="secondary"
            onClick={async () => {
              // Say "Copied" only when it was: a browser may refuse (no permission, not a secure
              // page), and then the reader is told to copy the link by hand.
              const done = await (navigator.clipboard?.writeText(p.calendarUrl) ?? Promise.reject()).then(
                () => true,
                () => false,
              );
              setCopied(done);
              setFeedNote(null);
              setFeedError(done ? null : t('copyFailed'));
            }}
          >
            {copied ? t('copied') : t('copyLink')}
          </button>
          <button type="button" class="secondary" onClick={resetFeed}>
            {t('resetLink')}
          </button>
        </p>
      </section>
      <section class="card" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t('privacyTitle')}</h2>
        <p>
          <label class="check">
            <input
              type="checkbox"
              role="switch"
              aria-checked={p.visible}
              aria-describedby="show-me-help"
              checked={p.visible}
              onChange={(e) => setVisible(e.currentTarget.checked)}
            />{' '}
            {t('showMe')}
          </label>
        </p>
        <p class="help" id="show-me-help">
          {t('showMeHelp')}
        </p>
        <p class="actions">
          {/* A plain link: the browser sends the login cookie and saves the file itself. */}
          <a class="button secondary" href="/api/me/export" download aria-describedby="download-help">
            {t('downloadData')}
          </a>
        </p>
        <p class="help" id="download-help">
          {t('downloadDataHelp')}
        </p>
        <p>
          <a href="/privacy">{t('privacyLink')}</a>
        </p>
        <DeleteAccount email={p.email} />
      </section>
    </>
  );
}
