/**
 * What a database error means, told apart without loading a driver: the services and the HTTP
 * layer ask this whichever database is in use.
 */

/** SQLSTATEs after which a serializable transaction is simply run again. */
const RETRY_CODES = new Set(['40001', '40P01']);

export function isRetryable(err: unknown): boolean {
  return RETRY_CODES.has(sqlState(err) ?? '');
}

function sqlState(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** The exclusion constraint refused a second confirmed session for someone at that time. */
export function isOverlapRefusal(err: unknown): boolean {
  return sqlState(err) === '23P01';
}

/**
 * The connection failed rather than the statement: the server is down, restarting, or out of
 * reach (SQLSTATE class 08, an administrator's shutdown, or a socket error).
 */
export function isConnectionFailure(err: unknown): boolean {
  // drizzle wraps the driver's error (and pg sometimes a socket's) in `cause`.
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 5;
    i++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (/^08|^57P0[123]$/.test(code)) return true;
    if (/^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH|NOTFOUND)$/.test(code)) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/.test(
        message,
      )
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
}
