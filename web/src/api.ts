/** The JSON API, as the pages use it: same-origin, with the login cookie, errors as ApiError. */
import { signal } from '@preact/signals';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
  }
}

async function send<T>(method: string, path: string, body?: { type: string; text: string }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body ? { 'content-type': body.type } : {},
      body: body?.text,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  if (res.status === 204 || res.status === 202)
    return (res.headers.get('content-type')?.includes('json') ? await res.json() : undefined) as T;
  const data = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new ApiError(
      res.status,
      data.code ?? 'UNKNOWN',
      data.message ?? res.statusText,
      data.details ?? [],
    );
  return data as T;
}

export function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(
    method,
    path,
    body === undefined ? undefined : { type: 'application/json', text: JSON.stringify(body) },
  );
}

/** Uploads a CSV file's text; refusals come back as ApiError with each problem in `details`. */
export function postCsv<T>(path: string, text: string): Promise<T> {
  return send<T>('POST', path, { type: 'text/csv', text });
}

export interface WorkingWindow {
  day: number;
  start: string;
  end: string;
}

export interface Me {
  id: string;
  /** false until the mailed link is used: nobody sees the account and it reaches nobody. */
  confirmed: boolean;
  name: string;
  email: string;
  organisation: string;
  city: string;
  country: string;
  side: 'eu' | 'cn' | 'other';
  timeZone: string;
  languages: string[];
  sectors: string[];
  offers: string[];
  seeks: string[];
  /** In the person's own words and language. */
  bio: string;
  /** The bio in bioTranslationLanguage; '' when there is none. */
  bioTranslation: string;
  bioTranslationLanguage: 'en' | 'zh' | null;
  workingHours: WorkingWindow[];
  role: 'participant' | 'organizer';
  locale: 'en' | 'zh';
  calendarUrl: string;
  /** "Show me to others": false keeps the person out of matches and out of reach of requests. */
  visible: boolean;
}

export interface Term {
  id: string;
  label: { en: string; zh: string };
}

export const me = signal<Me | null | undefined>(undefined);

export async function loadMe(): Promise<void> {
  try {
    me.value = (await api<{ participant?: Me }>('GET', '/api/auth/session')).participant ?? null;
  } catch {
    me.value = null;
  }
}

let taxonomyPromise: Promise<{ sectors: Term[]; interests: Term[] }> | null = null;
export function taxonomy() {
  taxonomyPromise ??= api('GET', '/api/taxonomy');
  return taxonomyPromise;
}
