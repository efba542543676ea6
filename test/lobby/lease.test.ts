/** Room leases in Redis: one holder at a time, and only the holder renews or releases. */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedis } from '../../src/redis/connection';
import { Leases } from '../../src/redis/lease';
import { redisAvailable, TEST_REDIS_URL } from './instances';

const redisUp = await redisAvailable();

describe.skipIf(!redisUp)('leases', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = await openRedis(TEST_REDIS_URL);
  });
  afterAll(() => redis?.disconnect());

  it('lets one holder take, renew and release a lease, and nobody else', async () => {
    const key = `test:${randomUUID()}:owner:s1`;
    const a = new Leases(redis, 'a', 300);
    const b = new Leases(redis, 'b', 300);
    expect(await a.take(key)).toBe(true);
    expect(await a.take(key)).toBe(true); // already ours
    expect(await b.take(key)).toBe(false);
    expect(await b.renew([key])).toEqual([false]);
    await b.release([key]);
    expect(await a.holders([key])).toEqual(['a']);

    // Renewed, it outlives its first term; not renewed, it lapses and another may take it.
    await new Promise((r) => setTimeout(r, 200));
    expect(await a.renew([key])).toEqual([true]);
    await new Promise((r) => setTimeout(r, 200));
    expect(await b.take(key)).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
    expect(await b.take(key)).toBe(true);
    // The old holder finds out when it tries to renew, and cannot release the new one's lease.
    expect(await a.renew([key])).toEqual([false]);
    await a.release([key]);
    expect(await b.holders([key])).toEqual(['b']);
    await b.release([key]);
    expect(await a.holders([key])).toEqual([null]);
  });
});
