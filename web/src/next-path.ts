/**
 * Where to go after signing in (the same rule as the server's src/domain/next-path.ts, which the
 * unit test checks against this copy): a path on this site only. A sign-in link carries it, and anyone
 * can write a link, so anything that could leave the site (`//evil.example`, `/\evil.example`,
 * `https://…`, `javascript:…`) or smuggle a control character is dropped, never followed.
 */
export const NEXT_MAX_LENGTH = 500;

export function safeNextPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > NEXT_MAX_LENGTH) return null;
  // One leading slash, then not a second slash or backslash (browsers read "/\" as "//").
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return null;
  const base = 'http://same-origin.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  // Back to the sign-in pages would go round in circles.
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/auth/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
