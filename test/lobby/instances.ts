/**
 * Several instances of the product in one test process: each its own app, listening on its own
 * port with its own Redis connections, all on one store and one Redis, as behind a load balancer.
 * Every group gets its own Redis key prefix, so that test files running at once share no rooms.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { type AppDeps, buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openRedis } from '../../src/redis/connection';
import { createTestStore, type TestStore } from '../helpers/store';
import { type Frame, LobbyClient } from '../helpers/ws';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Whether the test Redis answers; tests that need it are skipped (and say so) when it does not. */
export async function redisAvailable(): Promise<boolean> {
  try {
    const redis = await openRedis(TEST_REDIS_URL);
    redis.disconnect();
    return true;
  } catch {
    console.warn(`Redis at ${TEST_REDIS_URL} is not reachable: the tests of several instances are skipped.`);
    return false;
  }
}

export const TEST_ENV = {
  NODE_ENV: 'test',
  PUBLIC_URL: 'http://twinning.test',
  ORGANIZER_EMAILS: 'organizer@twinning.test',
  LOGIN_LIMIT_PER_ADDRESS: '1000',
  LOGIN_LIMIT_PER_EMAIL: '1000',
  OUTBOX_POLL_MS: '50',
};

/** Short leases, so that a lost owner is noticed within a second or two. */
export const FAST_LEASES = { leaseMs: 1500, renewMs: 250 };

export interface Instance {
  id: string;
  app: FastifyInstance;
  redis: Redis;
  /** ws://host:port */
  base: string;
  close(): Promise<void>;
}

export interface Instances {
  store: TestStore;
  keyPrefix: string;
  list: Instance[];
  /** Starts one more instance on the same store and Redis. */
  add(): Promise<Instance>;
  close(): Promise<void>;
}

export async function startInstances(
  count: number,
  opts: { clock: () => number; lobby?: AppDeps['lobby']; store?: TestStore },
): Promise<Instances> {
  const store = opts.store ?? (await createTestStore());
  const keyPrefix = opts.lobby?.keyPrefix ?? `test:${randomUUID().slice(0, 8)}:lobby:`;
  const config = loadConfig(TEST_ENV);
  const list: Instance[] = [];
  const add = async (): Promise<Instance> => {
    const redis = await openRedis(TEST_REDIS_URL);
    const id = `instance-${list.length + 1}-${randomUUID().slice(0, 6)}`;
    const app = await buildApp(config, {
      db: store.db,
      clock: opts.clock,
      mailSender: null,
      redis,
      instanceId: id,
      lobby: { leaveGraceMs: 0, keyPrefix, ...FAST_LEASES, ...opts.lobby },
    });
    await app.ready();
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    let closed = false;
    const instance: Instance = {
      id,
      app,
      redis,
      base: address.replace('http', 'ws'),
      close: async () => {
        if (closed) return;
        closed = true;
        await app.close();
        redis.disconnect();
      },
    };
    list.push(instance);
    return instance;
  };
  for (let i = 0; i < count; i++) await add();
  return {
    store,
    keyPrefix,
    list,
    add,
    close: async () => {
      for (const i of list) await i.close().catch(() => {});
      if (!opts.store) await store.close();
    },
  };
}

/**
 * A client that comes back as the web page does after a close that is not final: it opens again
 * (the upgrade may be refused, or closed at once with 1012, while a room changes owner) until it
 * has a snapshot, and answers with the connection and that snapshot.
 */
export async function reopen(
  url: string,
  sid: string,
  timeoutMs = 8000,
): Promise<{ client: LobbyClient; snapshot: Frame }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let client: LobbyClient | null = null;
    try {
      client = await LobbyClient.open(url, { sid });
      const snapshot = await client.next((f) => f.type === 'snapshot', 2000);
      return { client, snapshot };
    } catch (err) {
      await client?.close().catch(() => {});
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
