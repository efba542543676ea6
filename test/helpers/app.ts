/** Builds the real app on a freshly migrated SQLite file, with a clock the test can move. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type AppDeps, buildApp } from '../../src/app';
import { type Config, loadConfig } from '../../src/config';
import type { MailSender } from '../../src/mail/transport';
import { createTestRedis, createTestStore, type TestStore } from './store';

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
  db: TestStore;
  clock: TestClock;
  close(): Promise<void>;
}

export async function makeTestApp(
  opts: {
    env?: Record<string, string>;
    clock?: TestClock;
    mailSender?: MailSender | null;
    lobby?: AppDeps['lobby'];
    logStream?: AppDeps['logStream'];
    scheduler?: AppDeps['scheduler'];
  } = {},
): Promise<TestApp> {
  const db = await createTestStore();
  const shared = await createTestRedis();
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
    logStream: opts.logStream,
    scheduler: opts.scheduler,
    ...(shared ? { redis: shared.redis, redisPrefix: shared.prefix } : {}),
  });
  await app.ready();
  return {
    app,
    config,
    db,
    clock,
    close: async () => {
      await app.close();
      await db.close();
      shared?.close();
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

/** Registers without confirming: the account has a login but reaches nobody yet. */
export async function registerUnconfirmed(app: FastifyInstance, overrides: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'POST', url: '/api/participants', payload: person(overrides) });
  if (res.statusCode !== 201) throw new Error(`registration failed: ${res.body}`);
  return { participant: res.json().participant, sid: sidFrom(res)! };
}

/** The confirmation token mailed to a newly registered address, read from the outbox. */
export async function confirmationToken(app: FastifyInstance, email: string): Promise<string> {
  const mail = (await app.services.dev.mailbox(email, 20)).find(
    (m) => m.kind === 'confirm-email' || m.kind === 'sign-in',
  );
  const token = mail && /\/auth\/verify\?token=([\w%-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no confirmation link mailed to ${email}`);
  return decodeURIComponent(token);
}

/**
 * Registers and confirms the address with the mailed link, as a person does; the sid is the
 * login the link started (confirming ends the registration's own login).
 */
export async function register(app: FastifyInstance, overrides: Record<string, unknown> = {}) {
  const { participant } = await registerUnconfirmed(app, overrides);
  const token = await confirmationToken(app, participant.email);
  const res = await app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } });
  if (res.statusCode !== 204) throw new Error(`confirmation failed: ${res.body}`);
  return { participant: { ...participant, confirmed: true }, sid: sidFrom(res)! };
}

/**
 * One person's request accepted by the other: what a participant needs before booking a meeting
 * with someone. Returns the request's id.
 */
export async function connect(
  app: FastifyInstance,
  from: { sid: string },
  to: { sid: string; participant: { id: string } },
): Promise<string> {
  const sent = await as(
    app,
    from.sid,
  )({
    method: 'POST',
    url: '/api/meeting-requests',
    payload: { to: to.participant.id },
  });
  if (sent.statusCode !== 201) throw new Error(`request refused: ${sent.body}`);
  const id = sent.json().id as string;
  const accepted = await as(app, to.sid)({ method: 'POST', url: `/api/meeting-requests/${id}/accept` });
  if (accepted.statusCode !== 200) throw new Error(`accept refused: ${accepted.body}`);
  return id;
}

/** Three confirmed people of the programme: Rome, Yantai and Nice, with fresh addresses. */
export async function romeYantaiNice(app: FastifyInstance) {
  const stamp = Math.random().toString(36).slice(2, 8);
  const rome = await register(app, { name: 'Giulia Conti', email: `giulia.${stamp}@lazio.example` });
  const yantai = await register(app, yantaiPerson(`wang.${stamp}@ytu.example`));
  const nice = await register(app, {
    name: 'Pierre Martin',
    email: `pierre.${stamp}@nice.example`,
    city: 'Nice',
    country: 'FR',
    timeZone: 'Europe/Paris',
  });
  return { rome, yantai, nice };
}

/** A 30-minute meeting booked by the holder of `sid` with one other person. */
export function bookMeeting(app: FastifyInstance, sid: string, withId: string, start: string) {
  return as(
    app,
    sid,
  )({
    method: 'POST',
    url: '/api/sessions',
    payload: { kind: 'meeting', with: [withId], start, duration: 30 },
  });
}
