/**
 * A cell written into a CSV that spreadsheets will open: text that starts like a formula (=, +, -,
 * @, or a tab or carriage return) is prefixed with an apostrophe, so that a name such as
 * "=HYPERLINK(…)" is shown as typed and never run (OWASP "CSV injection").
 */
export function csvCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
