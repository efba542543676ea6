/** The profile form, shared by registration and editing; shows each refusal next to its field. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Me, type Term, taxonomy, type WorkingWindow } from '../api';
import { CheckGroup, Field, termOptions, WorkingHoursEditor } from '../components';
import { describeError } from '../errors';
import { profileFieldErrors } from '../form-errors';
import { locale, t } from '../i18n';
import { BioSuggestions } from './bio-suggestions';

// Visibility is its own switch on the profile page, saved at once, not a field of this form.
export type ProfileValues = Omit<Me, 'id' | 'side' | 'role' | 'calendarUrl' | 'confirmed' | 'visible'>;

export const COUNTRIES =
  'IT ES FR CN DE PT NL BE AT GR IE PL SE FI DK CZ HU RO BG HR SI SK LT LV EE LU MT CY GB CH NO HK MO US BR'.split(
    ' ',
  );
export const LANGUAGES = ['en', 'zh', 'it', 'es', 'fr', 'de', 'pt'];

export const DEFAULT_HOURS: WorkingWindow[] = [1, 2, 3, 4, 5].map((day) => ({
  day,
  start: '09:00',
  end: '18:00',
}));

export function blankProfile(): ProfileValues {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const guessCountry =
    zone === 'Asia/Shanghai'
      ? 'CN'
      : zone === 'Europe/Rome'
        ? 'IT'
        : zone === 'Europe/Madrid'
          ? 'ES'
          : zone === 'Europe/Paris'
            ? 'FR'
            : '';
  return {
    name: '',
    email: '',
    organisation: '',
    city: '',
    country: guessCountry,
    timeZone: zone,
    languages: locale.value === 'zh' ? ['zh'] : ['en'],
    sectors: [],
    offers: [],
    seeks: [],
    bio: '',
    bioTranslation: '',
    bioTranslationLanguage: null,
    workingHours: DEFAULT_HOURS,
    locale: locale.value,
  };
}

export function ProfileForm(props: {
  initial: ProfileValues;
  withEmail: boolean;
  submitLabel: string;
  onSubmit: (values: ProfileValues) => Promise<void>;
  onCancel?: () => void;
}) {
  const [v, setV] = useState(props.initial);
  const [terms, setTerms] = useState<{ sectors: Term[]; interests: Term[] } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  // After a refused submit, the first field in trouble takes the focus (and so scrolls into view).
  const form = useRef<HTMLFormElement>(null);
  const focusFirstError = useRef(false);
  useEffect(() => {
    if (!focusFirstError.current) return;
    focusFirstError.current = false;
    const first =
      form.current?.querySelector<HTMLElement>('.has-error input, .has-error select, .has-error textarea') ??
      form.current?.querySelector<HTMLElement>('.error.banner');
    first?.focus();
  }, [errors, formError]);
  useEffect(() => {
    taxonomy().then(setTerms, () => setFormError(t('networkError')));
  }, []);
  const zones = useMemo(
    () => (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone'),
    [],
  );
  const regionName = useMemo(
    () => new Intl.DisplayNames([locale.value === 'zh' ? 'zh-CN' : 'en'], { type: 'region' }),
    [locale.value],
  );
  const languageName = useMemo(
    () => new Intl.DisplayNames([locale.value === 'zh' ? 'zh-CN' : 'en'], { type: 'language' }),
    [locale.value],
  );
  const set = <K extends keyof ProfileValues>(k: K, value: ProfileValues[K]) => setV({ ...v, [k]: value });
  // The second version is for readers of the programme's other language: a Granada user writing in
  // English or Spanish is read in Chinese in Kunming, and the other way round.
  const translationLanguage = v.bioTranslationLanguage ?? (v.locale === 'zh' ? 'en' : 'zh');
  const text = (
    k: 'name' | 'email' | 'organisation' | 'city',
    label: string,
    type: 'text' | 'email' = 'text',
    auto?: string,
  ) => (
    <Field label={label} error={errors[k]}>
      {(id, describedBy) => (
        <input
          id={id}
          type={type as 'text'}
          required
          autocomplete={auto}
          aria-invalid={errors[k] ? 'true' : undefined}
          aria-describedby={describedBy}
          value={v[k]}
          onInput={(e) => set(k, (e.currentTarget as HTMLInputElement).value)}
        />
      )}
    </Field>
  );

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setFormError('');
    try {
      await props.onSubmit({ ...v, bioTranslationLanguage: translationLanguage });
    } catch (err) {
      // Only the form's own fields can be highlighted; a refusal of anything else is said in full.
      const own = blankProfile();
      const fields = Object.fromEntries(Object.entries(profileFieldErrors(err)).filter(([k]) => k in own));
      setErrors(fields);
      focusFirstError.current = true;
      if (Object.keys(fields).length === 0) setFormError(describeError(err));
      else setFormError(t('formErrSummary'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate class="profile-form" ref={form}>
      <p class="error banner" role="alert" tabIndex={-1}>
        {formError}
      </p>
      {text('name', t('name'), 'text', 'name')}
      {props.withEmail && text('email', t('email'), 'email', 'email')}
      {text('organisation', t('organisation'), 'text', 'organization')}
      <div class="row">
        {text('city', t('city'), 'text', 'address-level2')}
        <Field label={t('country')} error={errors.country}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={v.country}
              onChange={(e) => set('country', (e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">—</option>
              {[...new Set([...COUNTRIES, v.country].filter(Boolean))].map((c) => (
                <option key={c} value={c}>
                  {regionName.of(c) ?? c}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('timeZone')} help={t('timeZoneHelp')} error={errors.timeZone}>
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            value={v.timeZone}
            onChange={(e) => set('timeZone', (e.currentTarget as HTMLSelectElement).value)}
          >
            {[...new Set([v.timeZone, ...zones])].map((z) => (
              <option key={z} value={z}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CheckGroup
        legend={t('languages')}
        name="languages"
        options={[...new Set([...LANGUAGES, ...v.languages])].map((l) => ({
          id: l,
          label: languageName.of(l) ?? l,
        }))}
        value={v.languages}
        onChange={(x) => set('languages', x)}
        error={errors.languages}
      />
      {terms && (
        <>
          <CheckGroup
            legend={t('sectors')}
            name="sectors"
            options={termOptions(terms.sectors)}
            value={v.sectors}
            onChange={(x) => set('sectors', x)}
            error={errors.sectors}
          />
          <CheckGroup
            legend={t('offers')}
            name="offers"
            options={termOptions(terms.interests)}
            value={v.offers}
            onChange={(x) => set('offers', x)}
            error={errors.offers}
          />
          <CheckGroup
            legend={t('seeks')}
            name="seeks"
            options={termOptions(terms.interests)}
            value={v.seeks}
            onChange={(x) => set('seeks', x)}
            error={errors.seeks}
          />
        </>
      )}
      <Field label={t('bio')} help={t('bioHelp')} error={errors.bio}>
        {(id, describedBy) => (
          <textarea
            id={id}
            rows={4}
            maxLength={2000}
            aria-invalid={errors.bio ? 'true' : undefined}
            aria-describedby={describedBy}
            value={v.bio}
            onInput={(e) => set('bio', (e.currentTarget as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      <Field label={t('bioTranslationLanguage')} error={errors.bioTranslationLanguage}>
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            value={translationLanguage}
            onChange={(e) =>
              set('bioTranslationLanguage', (e.currentTarget as HTMLSelectElement).value as 'en' | 'zh')
            }
          >
            {(['zh', 'en'] as const).map((l) => (
              <option key={l} value={l}>
                {languageName.of(l) ?? l}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t(translationLanguage === 'zh' ? 'bioTranslation_zh' : 'bioTranslation_en')}
        help={t(translationLanguage === 'zh' ? 'bioTranslationHelp_zh' : 'bioTranslationHelp_en')}
        error={errors.bioTranslation}
      >
        {(id, describedBy) => (
          <textarea
            id={id}
            rows={4}
            maxLength={2000}
            lang={translationLanguage === 'zh' ? 'zh-CN' : 'en'}
            aria-invalid={errors.bioTranslation ? 'true' : undefined}
            aria-describedby={describedBy}
            value={v.bioTranslation}
            onInput={(e) => set('bioTranslation', (e.currentTarget as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      {terms && (
        <BioSuggestions
          bio={v.bio}
          terms={terms}
          sectors={v.sectors}
          offers={v.offers}
          seeks={v.seeks}
          onAdd={(x) =>
            setV((now) => ({
              ...now,
              sectors: [...now.sectors, ...x.sectors],
              seeks: [...now.seeks, ...x.seeks],
            }))
          }
        />
      )}
      <WorkingHoursEditor
        value={v.workingHours}
        onChange={(x) => set('workingHours', x)}
        error={errors.workingHours}
      />
      <Field label={t('interfaceLanguage')} error={errors.locale}>
        {(id) => (
          <select
            id={id}
            value={v.locale}
            onChange={(e) => set('locale', (e.currentTarget as HTMLSelectElement).value as 'en' | 'zh')}
          >
            <option value="en">English</option>
            <option value="zh">中文</option>
          </select>
        )}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="secondary" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
