/**
 * Leases in Redis: a key whose value names the holder and which expires unless the holder renews
 * it. Taking one is `SET NX PX`; renewing and releasing compare the holder first (in a Lua script,
 * so that the check and the write are one step), so that an instance whose lease already lapsed
 * and was taken by another can never extend or delete the new holder's.
 */
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class Leases {
  constructor(
    private readonly redis: Redis,
    private readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  /** True when the lease was free and is now ours (or was ours already). */
  async take(key: string): Promise<boolean> {
    const set = await this.redis.set(key, this.holder, 'PX', this.ttlMs, 'NX');
    if (set === 'OK') return true;
    return (await this.redis.get(key)) === this.holder;
  }

  /** Renews several leases in one round trip; answers, per key, whether it is still ours. */
  async renew(keys: string[]): Promise<boolean[]> {
    if (!keys.length) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.eval(RENEW, 1, key, this.holder, this.ttlMs);
    const results = (await pipeline.exec()) ?? [];
    return keys.map((_, i) => {
      const [err, value] = results[i] ?? [new Error('no answer'), 0];
      return !err && value === 1;
    });
  }

  async release(keys: string[]): Promise<void> {
    if (!keys.length) return;
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.eval(RELEASE, 1, key, this.holder);
    await pipeline.exec();
  }

  /** Who holds each key now (null when nobody). */
  async holders(keys: string[]): Promise<(string | null)[]> {
    if (!keys.length) return [];
    return this.redis.mget(...keys);
  }
}
