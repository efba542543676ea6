/**
 * A profile form's refusals as sentences that name the field the way the form does ("Enter your
 * organisation."), rather than the API's wording ("organisation must not be empty."). Chinese
 * keeps the error catalogue, already written for people.
 */
import { ApiError } from './api';
import { fieldErrors } from './errors';
import { locale, t } from './i18n';

/** English only (Chinese keeps the catalogue): the field as a sentence names it. */
const NOUNS: Record<string, string> = {
  name: 'name',
  email: 'email address',
  organisation: 'organisation',
  city: 'city',
  bio: 'introduction',
  bioTranslation: 'second version of your introduction',
};

function sentence(field: string, code: string, message: string): string {
  const lower = NOUNS[field] ?? field;
  const label = `${lower[0]!.toUpperCase()}${lower.slice(1)}`;
  switch (code) {
    case 'INVALID_NAME':
    case 'MISSING_FIELD':
      return t('formErrEmpty', { label: lower });
    case 'INVALID_EMAIL':
      return t('formErrEmail');
    case 'EMAIL_TAKEN':
      return t('formErrEmailTaken');
    case 'INVALID_COUNTRY':
      return t('formErrCountry');
    case 'INVALID_TIME_ZONE':
      return t('formErrTimeZone');
    case 'INVALID_LANGUAGE':
      return t('formErrLanguages');
    case 'UNKNOWN_SECTOR':
    case 'UNKNOWN_INTEREST':
      return t('formErrTerms');
    case 'CONTROL_CHARACTER':
      return t('formErrControl', { label });
    case 'VALIDATION_FAILED':
      if (/ is over \d+ characters/.test(message)) return t('formErrTooLong', { label });
      break;
  }
  // Already a sentence (working hours: "Two windows overlap on day 3."): make sure it reads as one.
  const text = message.trim();
  return text
    ? `${text[0]!.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`
    : t('errorGeneric');
}

/** Per-field sentences for the form, from the server's `details`. */
export function profileFieldErrors(err: unknown): Record<string, string> {
  if (locale.value === 'zh' || !(err instanceof ApiError)) return fieldErrors(err);
  const out: Record<string, string> = {};
  for (const d of err.details) {
    const field = d.field.split('.')[0] ?? d.field;
    out[field] ??= sentence(field, d.code, d.message);
  }
  return out;
}
