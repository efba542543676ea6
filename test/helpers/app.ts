/** Builds the real app on a freshly migrated SQLite file, with a clock the test can move. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type AppDeps, buildApp } from '../../src/app';
import { type Config, loadConfig } from '../../src/config';
import { createTestDb } from '../../src/db/client';
import type { MailSender } from '../../src/mail/transport';

export interface TestClock {
  (): number;
  set(iso: string | number): void;
  advance(ms: number): void;
}

export function testClock(start = '2027-05-10T08:00:00Z'): TestClock {
  let now = typeof start === 'number' ? start : Date.parse(start);
  const clock = (() => now) as TestClock;
  clock.set = (t) => {
    now = typeof t === 'number' ? t : Date.parse(t);
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  db: ReturnType<typeof createTestDb>;
  clock: TestClock;
  close(): Promise<void>;
}

export async function makeTestApp(
  opts: {
    env?: Record<string, string>;
    clock?: TestClock;
    mailSender?: MailSender | null;
    lobby?: AppDeps['lobby'];
    scheduler?: AppDeps['scheduler'];
  } = {},
): Promise<TestApp> {
  const db = createTestDb();
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: 'http://twinning.test',
    ORGANIZER_EMAILS: 'organizer@twinning.test',
    LOGIN_LIMIT_PER_ADDRESS: '1000',
    LOGIN_LIMIT_PER_EMAIL: '1000',
    OUTBOX_POLL_MS: '50',
    ...opts.env,
  });
  const clock = opts.clock ?? testClock();
  const app = await buildApp(config, {
    db: db.db,
    clock,
    mailSender: opts.mailSender ?? null,
    lobby: opts.lobby,
    scheduler: opts.scheduler,
  });
  await app.ready();
  return {
    app,
    config,
    db,
    clock,
    close: async () => {
      await app.close();
      db.close();
    },
  };
}

/** The value of the sid cookie a response set, or undefined. */
export function sidFrom(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name === 'sid')?.value;
}

/** Inject as a signed-in browser would: with the cookie and the app's own origin. */
export function as(app: FastifyInstance, sid: string | undefined) {
  return (opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: {
        ...(sid ? { cookie: `sid=${sid}` } : {}),
        origin: 'http://twinning.test',
        ...(opts.headers ?? {}),
      },
    });
}

export function person(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Giulia Conti',
    email: `giulia.${Math.random().toString(36).slice(2, 8)}@example.org`,
    organisation: 'Smart City Lab of Rome and Lazio',
    city: 'Rome',
    country: 'IT',
    timeZone: 'Europe/Rome',
    languages: ['it', 'en'],
    sectors: ['smart-city', 'digital-health'],
    offers: ['technology-transfer'],
    seeks: ['pilot-project'],
    bio: 'Coordinates a research platform.',
    ...overrides,
  };
}

/** A Yantai University researcher: the Chinese side of most scenarios. */
export function yantaiPerson(email: string, overrides: Record<string, unknown> = {}) {
  return {
    name: '王磊',
    email,
    organisation: 'Yantai University',
    city: 'Yantai',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    languages: ['zh', 'en'],
    ...overrides,
  };
}

export async function register(app: FastifyInstance, overrides: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'POST', url: '/api/participants', payload: person(overrides) });
  if (res.statusCode !== 201) throw new Error(`registration failed: ${res.body}`);
  return { participant: res.json().participant, sid: sidFrom(res)! };
}
