/**
 * Secrets that travel in URLs and must not reach the logs: sign-in links (`token=`), the Accept /
 * Decline links of invites (`t=`), and the calendar feed, whose path is its secret.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&](?:token|t)=)[^&#]*/g, '$1[redacted]')
    .replace(/^(\/calendar\/)[^/?#]*/, '$1[redacted]');
}
