/**
 * People in a CSV file, as organizers keep them in spreadsheets: `email` and, for people not
 * registered yet, `name, organisation, city, country, time_zone, languages, sectors, offers, seeks`
 * (lists split on ";" or "|"). The participants export writes the same columns, so an export
 * imports again unchanged. Every row is checked before anything is written.
 */
import { parse } from 'csv-parse/sync';
import type { Db } from '../db/client';
import * as participantsRepo from '../db/participants.repo';
import { DomainError, type ErrorCode, type FieldProblem } from '../domain/errors';
import { type Profile, type ProfileInput, validateProfile } from '../domain/profile';

export const MAX_IMPORT_ROWS = 5_000;

export const PEOPLE_CSV_COLUMNS = [
  'email',
  'name',
  'organisation',
  'city',
  'country',
  'time_zone',
  'languages',
  'sectors',
  'offers',
  'seeks',
] as const;

export interface PeopleFromCsv {
  /** Ids of rows whose email is already registered. */
  existing: string[];
  /** Valid profiles for the others, to register. */
  toRegister: Profile[];
}

/**
 * A problem with the file as a whole: INVALID_CSV as ever, and one detail (field "file") whose
 * code says which, so that a page can say it in the reader's language.
 */
function fileProblem(code: ErrorCode, message: string): DomainError {
  return new DomainError('INVALID_CSV', message, [{ field: 'file', code, message }]);
}

function records(text: string): Record<string, string>[] {
  try {
    return parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) =>
        header.map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_'),
        ),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (err) {
    throw fileProblem(
      'CSV_UNREADABLE',
      `The file is not CSV: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(/[;|]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Reads and checks every row; one bad row throws INVALID_CSV listing each problem by line. */
export async function readPeopleCsv(db: Db, text: string): Promise<PeopleFromCsv> {
  const rows = records(text);
  if (rows.length === 0) throw fileProblem('CSV_NO_ROWS', 'The file has no rows under its header.');
  if (rows.length > MAX_IMPORT_ROWS)
    throw fileProblem('CSV_TOO_MANY_ROWS', `At most ${MAX_IMPORT_ROWS} rows at a time.`);
  if (!('email' in rows[0]!)) throw fileProblem('CSV_NO_EMAIL_COLUMN', 'The header needs an email column.');
  const problems: FieldProblem[] = [];
  const existing: string[] = [];
  const toRegister: Profile[] = [];
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    const line = i + 2;
    const email = (r.email ?? '').trim().toLowerCase();
    if (seen.has(email)) {
      problems.push({
        field: `line ${line}`,
        code: 'CSV_DUPLICATE_EMAIL',
        message: `${email} is listed twice.`,
      });
      continue;
    }
    seen.add(email);
    const found = await participantsRepo.findIdByEmail(db, email);
    if (found) {
      existing.push(found.id);
      continue;
    }
    const input: ProfileInput = {
      email,
      name: r.name ?? '',
      organisation: r.organisation ?? r.organization ?? '',
      city: r.city ?? '',
      country: r.country ?? '',
      timeZone: r.time_zone ?? r.timezone ?? '',
      languages: list(r.languages),
      sectors: list(r.sectors),
      offers: list(r.offers),
      seeks: list(r.seeks),
      ...(r.locale ? { locale: r.locale } : {}),
    };
    try {
      toRegister.push(validateProfile(input));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      for (const d of err.details ?? [{ field: '', code: err.code, message: err.message }]) {
        problems.push({
          field: `line ${line}`,
          code: d.code,
          message: `${d.field ? `${d.field}: ` : ''}${d.message}`,
        });
      }
    }
  }
  if (problems.length) {
    throw new DomainError(
      'INVALID_CSV',
      `${problems.length} row problem(s); nothing was imported.`,
      problems,
    );
  }
  return { existing, toRegister };
}
