/** What a participant says about themselves, checked and put in canonical form. */
import type { FieldProblem } from './errors';
import { throwIfProblems } from './errors';
import { isCountryCode, isLanguageCode, type Side, sideOfCountry } from './places';
import { isInterest, isSector } from './taxonomy';
import { hasControlCharacter, MULTILINE_FIELDS } from './text';
import { canonicalTimeZone, isValidTimeZone, parseClockMinutes } from './time';

/** A weekly window in the participant's own zone; minutes after local midnight, end exclusive. */
export interface WeeklyWindow {
  day: number;
  startMinute: number;
  endMinute: number;
}

export interface WorkingHoursInput {
  day: number;
  start: string;
  end: string;
}

export interface ProfileInput {
  name: string;
  email: string;
  organisation: string;
  city: string;
  country: string;
  timeZone: string;
  languages: string[];
  sectors: string[];
  offers: string[];
  seeks: string[];
  bio?: string;
  /** The bio again in the programme's other language, for readers of that language. */
  bioTranslation?: string;
  /** en or zh; when left out, the language other than the account's (a Chinese account's is en). */
  bioTranslationLanguage?: string;
  workingHours?: WorkingHoursInput[];
  locale?: string;
}

export interface Profile {
  name: string;
  email: string;
  organisation: string;
  city: string;
  country: string;
  side: Side;
  timeZone: string;
  languages: string[];
  sectors: string[];
  offers: string[];
  seeks: string[];
  /** In the person's own words and language (any: people write Spanish, Italian, French too). */
  bio: string;
  /** The bio in English or Chinese, for readers of that language; '' when there is none. */
  bioTranslation: string;
  /** The language of bioTranslation; null exactly when there is none. */
  bioTranslationLanguage: 'en' | 'zh' | null;
  workingHours: WeeklyWindow[];
  locale: 'en' | 'zh';
}

export const DEFAULT_WORKING_HOURS: readonly WeeklyWindow[] = [1, 2, 3, 4, 5].map((day) => ({
  day,
  startMinute: 9 * 60,
  endMinute: 18 * 60,
}));

export const LIMITS = {
  name: 120,
  organisation: 160,
  city: 80,
  bio: 2000,
  listItems: 20,
  windows: 28,
} as const;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

function problem(field: string, code: FieldProblem['code'], message: string): FieldProblem {
  return { field, code, message };
}

function checkText(
  problems: FieldProblem[],
  field: string,
  value: string,
  max: number,
  required: boolean,
): string {
  const text = value.trim();
  if (required && text === '') problems.push(problem(field, 'INVALID_NAME', `${field} must not be empty.`));
  // The HTTP boundary refuses these already; a CSV import reaches here without it.
  if (hasControlCharacter(text, MULTILINE_FIELDS.has(field)))
    problems.push(problem(field, 'CONTROL_CHARACTER', `${field} holds a control character; remove it.`));
  if (text.length > max)
    problems.push(problem(field, 'VALIDATION_FAILED', `${field} is over ${max} characters.`));
  return text;
}

function checkList(
  problems: FieldProblem[],
  field: string,
  values: string[],
  valid: (v: string) => boolean,
  code: FieldProblem['code'],
  what: string,
): string[] {
  const unique = [...new Set(values.map((v) => v.trim()))];
  for (const v of unique) {
    if (!valid(v)) problems.push(problem(field, code, `"${v}" is not ${what}.`));
  }
  if (unique.length > LIMITS.listItems) {
    problems.push(problem(field, 'VALIDATION_FAILED', `${field} has more than ${LIMITS.listItems} entries.`));
  }
  return unique;
}

/** Turns "09:00"–"18:00" windows into minutes, refusing reversed, empty and overlapping ones. */
export function parseWorkingHours(input: WorkingHoursInput[]): {
  windows: WeeklyWindow[];
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const windows: WeeklyWindow[] = [];
  const field = 'workingHours';
  if (input.length > LIMITS.windows) {
    problems.push(problem(field, 'INVALID_WORKING_HOURS', `At most ${LIMITS.windows} windows a week.`));
  }
  input.forEach((w, i) => {
    const start = parseClockMinutes(w.start);
    const end = parseClockMinutes(w.end, true);
    if (!Number.isInteger(w.day) || w.day < 1 || w.day > 7) {
      problems.push(problem(field, 'INVALID_WORKING_HOURS', `Window ${i + 1}: day must be 1 (Monday) to 7.`));
    } else if (start === null || end === null) {
      problems.push(
        problem(field, 'INVALID_WORKING_HOURS', `Window ${i + 1}: times are HH:MM, from 00:00 to 24:00.`),
      );
    } else if (end <= start) {
      problems.push(
        problem(
          field,
          'INVALID_WORKING_HOURS',
          `Window ${i + 1}: ends (${w.end}) before it starts (${w.start}); split hours over midnight into two days.`,
        ),
      );
    } else {
      windows.push({ day: w.day, startMinute: start, endMinute: end });
    }
  });
  windows.sort((a, b) => a.day - b.day || a.startMinute - b.startMinute);
  for (let i = 1; i < windows.length; i++) {
    const prev = windows[i - 1]!;
    const cur = windows[i]!;
    if (prev.day === cur.day && cur.startMinute < prev.endMinute) {
      problems.push(problem(field, 'INVALID_WORKING_HOURS', `Two windows overlap on day ${cur.day}.`));
      break;
    }
  }
  return { windows, problems };
}

/** Checks a whole profile; throws a DomainError naming every problem, or returns it canonical. */
export function validateProfile(input: ProfileInput): Profile {
  const problems: FieldProblem[] = [];
  const email = normaliseEmail(input.email);
  if (!isEmail(email))
    problems.push(problem('email', 'INVALID_EMAIL', `"${input.email}" is not an email address.`));
  const name = checkText(problems, 'name', input.name, LIMITS.name, true);
  const organisation = checkText(problems, 'organisation', input.organisation, LIMITS.organisation, true);
  const city = checkText(problems, 'city', input.city, LIMITS.city, true);
  const bio = checkText(problems, 'bio', input.bio ?? '', LIMITS.bio, false);
  const bioTranslation = checkText(problems, 'bioTranslation', input.bioTranslation ?? '', LIMITS.bio, false);
  const country = input.country.trim().toUpperCase();
  if (!isCountryCode(country)) {
    problems.push(
      problem('country', 'INVALID_COUNTRY', `"${input.country}" is not an ISO 3166-1 alpha-2 code (IT, CN).`),
    );
  }
  const timeZone = canonicalTimeZone(input.timeZone.trim());
  if (!isValidTimeZone(timeZone)) {
    problems.push(
      problem(
        'timeZone',
        'INVALID_TIME_ZONE',
        `"${input.timeZone}" is not an IANA time zone (Europe/Rome, Asia/Shanghai).`,
      ),
    );
  }
  const languages = checkList(
    problems,
    'languages',
    input.languages.map((l) => l.trim().toLowerCase()),
    isLanguageCode,
    'INVALID_LANGUAGE',
    'an ISO 639-1 language code (en, zh)',
  );
  if (languages.length === 0)
    problems.push(problem('languages', 'INVALID_LANGUAGE', 'Name at least one language.'));
  const sectors = checkList(
    problems,
    'sectors',
    input.sectors,
    isSector,
    'UNKNOWN_SECTOR',
    'a sector of the taxonomy',
  );
  const offers = checkList(
    problems,
    'offers',
    input.offers,
    isInterest,
    'UNKNOWN_INTEREST',
    'an interest of the taxonomy',
  );
  const seeks = checkList(
    problems,
    'seeks',
    input.seeks,
    isInterest,
    'UNKNOWN_INTEREST',
    'an interest of the taxonomy',
  );
  let workingHours = [...DEFAULT_WORKING_HOURS];
  if (input.workingHours !== undefined) {
    const parsed = parseWorkingHours(input.workingHours);
    problems.push(...parsed.problems);
    workingHours = parsed.windows;
  }
  const locale = input.locale ?? (languages.includes('zh') && !languages.includes('en') ? 'zh' : 'en');
  if (locale !== 'en' && locale !== 'zh')
    problems.push(problem('locale', 'INVALID_LOCALE', 'locale is en or zh.'));
  // The programme's two languages: a translation is for the readers of one of them.
  const translationLanguage = input.bioTranslationLanguage ?? (locale === 'zh' ? 'en' : 'zh');
  if (translationLanguage !== 'en' && translationLanguage !== 'zh')
    problems.push(
      problem('bioTranslationLanguage', 'VALIDATION_FAILED', 'bioTranslationLanguage is en or zh.'),
    );
  throwIfProblems(problems);
  return {
    name,
    email,
    organisation,
    city,
    country,
    side: sideOfCountry(country),
    timeZone,
    languages,
    sectors,
    offers,
    seeks,
    bio,
    bioTranslation,
    bioTranslationLanguage: bioTranslation ? (translationLanguage as 'en' | 'zh') : null,
    workingHours,
    locale: locale as 'en' | 'zh',
  };
}
