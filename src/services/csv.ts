import { stringify } from 'csv-stringify/sync';

/**
 * A cell written into a CSV that spreadsheets will open: text that starts like a formula (=, +, -,
 * @, or a tab or carriage return) is prefixed with an apostrophe, so that a name such as
 * "=HYPERLINK(…)" is shown as typed and never run (OWASP "CSV injection").
 */
export function csvCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A whole file: the header, then the rows, every text cell through `csvCell`. Every field is
 * quoted: Excel in Italy, Spain and France splits on `;`, so an unquoted "Mallory;=cmd|…" would
 * become a cell that starts with `=`. It starts with a byte-order mark, so that Excel reads UTF-8
 * and Chinese names survive a double-click.
 */
export function csvTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'string' ? csvCell(c) : c)));
  return `\uFEFF${stringify([[...header], ...cells], { quoted: true, quoted_empty: true })}`;
}
