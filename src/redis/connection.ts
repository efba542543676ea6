/**
 * Redis, which several instances share for what the database does not hold: lobby fan-out and
 * presence, rate limits and change notices. One command connection per process; subscribers use
 * a duplicate, since a subscribed connection can do nothing else.
 */
import { Redis } from 'ioredis';

export class RedisOpenError extends Error {
  constructor(url: string, cause: unknown) {
    super(
      `cannot reach Redis at ${shownUrl(url)}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'RedisOpenError';
  }
}

/** The URL without its password, for messages and logs. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * Connects and checks that Redis answers, so that a wrong URL or a missing server stops start-up
 * rather than the first request. Once running, a lost connection is retried for ever (every two
 * seconds at most), and commands fail fast meanwhile instead of queueing without end.
 */
export async function openRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // Errors surface on the commands that fail; without a listener ioredis would print each one.
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new RedisOpenError(url, err);
  }
  return redis;
}
