/**
 * Control characters in what people type. A line break in a name becomes a new line in a calendar
 * file or a mail header, which is how one adds events to someone's feed; so single-line text may
 * hold none, and multi-line text (a bio, a message, a note) only line breaks and tabs.
 */

/** Fields whose text may run over several lines; every other text field is one line. */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set([
  'bio',
  'bioTranslation',
  'message',
  'description',
  'note',
  'summary',
  'text',
]);

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: matching them is the point.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;

/** Each run of control characters (line breaks included) as one space. */
export function withoutControlCharacters(text: string): string {
  return text.replace(new RegExp(ANY_CONTROL.source, 'g'), ' ').replace(/ {2,}/g, ' ');
}

export function hasControlCharacter(text: string, multiline: boolean): boolean {
  return (multiline ? CONTROL_BUT_LINE_BREAKS : ANY_CONTROL).test(text);
}

/**
 * The path of the first string in a parsed body, query or set of params that holds a control
 * character it may not, or null. The field's own name (the last key) decides whether it is
 * multi-line; strings in arrays are one line each (ids, codes).
 */
export function findControlCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') {
    const key = path.slice(path.lastIndexOf('.') + 1);
    return hasControlCharacter(value, MULTILINE_FIELDS.has(key)) ? path : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findControlCharacter(v, path ? `${path}.${k}` : k);
      if (found !== null) return found;
    }
  }
  return null;
}
