import net from 'node:net';
import path from 'node:path';

/** Everything the process learns from its environment, read once and frozen. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the SQLite file, or ':memory:'. */
  readonly databasePath: string;
  /** PostgreSQL's URL when DATABASE_URL names one (then `databasePath` is empty), else null. */
  readonly postgresUrl: string | null;
  /** Redis, shared by several instances (lobbies, rate limits, change notices); null: one instance. */
  readonly redisUrl: string | null;
  readonly publicUrl: string;
  /** Origin of `publicUrl` (scheme://host[:port]); the only origin the lobby accepts. */
  readonly publicOrigin: string;
  readonly secureCookies: boolean;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  /**
   * The base of the per-attendee reply addresses put in every invite's ORGANIZER: calendar clients
   * mail their Accept/Decline (iTIP REPLY) to `local+TOKEN@domain`.
   */
  readonly replyAddress: { readonly local: string; readonly domain: string };
  /** Where calendar answers are received over SMTP; null: no listener. */
  readonly inboundSmtp: { readonly host: string; readonly port: number } | null;
  /** Largest inbound message taken, in bytes (a calendar answer is a few kB). */
  readonly inboundMaxBytes: number;
  /** A mailbox to read calendar answers from (`imaps://user:pass@host/INBOX`); null: none. */
  readonly imapUrl: string | null;
  readonly imapPollMs: number;
  readonly organizerEmails: readonly string[];
  readonly seedDemo: boolean;
  readonly mailRetrySeconds: number;
  readonly lobbyOpenMinutes: number;
  readonly production: boolean;
  /**
   * Dev conveniences (dev mailbox, one-click sign-in as anyone) are on only for a copy that nobody
   * else can reach: outside production and with a loopback PUBLIC_URL.
   */
  readonly devTools: boolean;
  /**
   * Whose `X-Forwarded-For` is believed (Fastify's trustProxy): the load balancer's addresses or
   * a hop count; false when the server faces clients directly.
   */
  readonly trustProxy: false | number | string[];
  readonly logLevel: string;
  /** How often the outbox worker looks for due mail when nothing wakes it. */
  readonly outboxPollMs: number;
  /** How long a worker's claim on a mail holds; a mail whose sender died goes again after it. */
  readonly outboxLeaseMs: number;
  /**
   * Default video link of a session: `{room}` is replaced by the session's random room name (`{id}`,
   * from older settings, means the same: a session's id is never put in a link).
   */
  readonly videoUrlTemplate: string;
  /** Days a meeting request stays open without an answer. */
  readonly requestExpiryDays: number;
  /** Minutes before a session's start at which each of its people is reminded, largest first. */
  readonly reminderMinutes: readonly number[];
  /** Days after a meeting at which those who saw a possibility of cooperation are asked again. */
  readonly followUpDays: number;
  /** How often the after-meeting job looks for reminders and questions that fell due. */
  readonly afterMeetingPollMs: number;
  /** Meeting requests one person may send in 24 hours. */
  readonly requestsPerDay: number;
  /** Days chat lines, attendance details and sent mail bodies are kept (the daily retention job). */
  readonly retentionDays: number;
  /** One person's chat lines in one lobby: a burst at once, then so many a second. */
  readonly lobbyChat: { readonly burst: number; readonly perSecond: number };
  readonly rateLimits: {
    readonly loginPerEmail: number;
    readonly loginPerAddress: number;
    readonly windowMs: number;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `expected ${min}–${max}, got ${value}`);
  return value;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigError(name, `expected 1 or 0, got "${raw}"`);
}

function databasePathFrom(raw: string, cwd: string): string {
  if (raw === ':memory:' || raw === 'file::memory:') return ':memory:';
  if (!raw.startsWith('file:')) {
    throw new ConfigError(
      'DATABASE_URL',
      `expected file:PATH (SQLite) or postgres://user:pass@host:5432/db (PostgreSQL), got "${raw}"`,
    );
  }
  const file = raw.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
  if (file === '') throw new ConfigError('DATABASE_URL', 'the path after file: is empty');
  return path.resolve(cwd, file);
}

function parseUrl(name: string, raw: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a URL: "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `expected ${protocols.join(' or ')} URL, got "${raw}"`);
  }
  return url;
}

/** Hostnames that only this machine can reach. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** proxy-addr's names for address ranges, accepted beside addresses and CIDR blocks. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxyFrom(raw: string | undefined): Config['trustProxy'] {
  const value = raw?.trim();
  if (!value) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) throw new ConfigError('TRUST_PROXY', `expected 1–10 hops, got ${hops}`);
    return hops;
  }
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = net.isIP(address ?? '');
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_RANGES.has(entry) && (family === 0 || !bitsOk || extra !== undefined)) {
      throw new ConfigError(
        'TRUST_PROXY',
        `"${entry}" is not an IP address, a CIDR block, loopback, linklocal, uniquelocal or a hop count`,
      );
    }
  }
  return entries;
}

function videoUrlTemplateFrom(raw: string | undefined): string {
  const template = raw?.trim() || 'https://meet.jit.si/Twinning-{room}';
  parseUrl('VIDEO_URL_TEMPLATE', template.replaceAll(/\{(room|id)\}/g, 'x'), ['https:', 'http:']);
  if (!/\{(room|id)\}/.test(template)) {
    throw new ConfigError(
      'VIDEO_URL_TEMPLATE',
      'must contain {room}, so that each session gets its own room',
    );
  }
  return template;
}

/** `1440,15`: whole minutes, at most 30 days, each once, largest first; `none` or empty for none. */
function reminderMinutesFrom(raw: string | undefined): number[] {
  const value = raw?.trim() ?? '1440,15';
  if (value === '' || value === 'none') return [];
  const parts = value.split(',').map((p) => p.trim());
  const minutes = parts.map((p) => {
    if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 30 * 24 * 60) {
      throw new ConfigError(
        'REMINDER_MINUTES',
        `expected minutes from 1 to 43200, comma-separated, got "${raw}"`,
      );
    }
    return Number(p);
  });
  return [...new Set(minutes)].sort((a, b) => b - a);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * REPLY_ADDRESS, or `rsvp@` the domain of MAIL_FROM. Tokens go after a `+`, so the local part must
 * have none, and must leave room for one within SMTP's 64 characters.
 */
function replyAddressFrom(raw: string | undefined, mailFrom: string): Config['replyAddress'] {
  const given = raw?.trim();
  const address = given || `rsvp@${/@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'localhost'}`;
  const m = /^([A-Za-z0-9._-]{1,20})@([A-Za-z0-9.-]+)$/.exec(address);
  if (!m) {
    throw new ConfigError(
      given ? 'REPLY_ADDRESS' : 'MAIL_FROM',
      `"${address}" cannot carry reply tokens: expected local@domain, the local part at most 20 letters, digits, dots, dashes or underscores`,
    );
  }
  return Object.freeze({ local: m[1]!.toLowerCase(), domain: m[2]!.toLowerCase() });
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const port = intVar(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST?.trim() || '127.0.0.1';
  const databaseUrl = env.DATABASE_URL?.trim() || 'file:data/twinning.db';
  const postgresUrl = /^postgres(ql)?:\/\//.test(databaseUrl) ? databaseUrl : null;
  if (postgresUrl && !parseUrl('DATABASE_URL', postgresUrl, ['postgres:', 'postgresql:']).hostname) {
    throw new ConfigError(
      'DATABASE_URL',
      'a postgres:// URL needs a host: postgres://user:pass@host:5432/db',
    );
  }
  const databasePath = postgresUrl ? '' : databasePathFrom(databaseUrl, cwd);
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl) parseUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:']);

  const publicUrlRaw = (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
  const publicUrl = parseUrl('PUBLIC_URL', publicUrlRaw, ['http:', 'https:']);

  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl) parseUrl('SMTP_URL', smtpUrl, ['smtp:', 'smtps:']);

  const organizerEmails = (env.ORGANIZER_EMAILS ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  for (const email of organizerEmails) {
    if (!EMAIL.test(email)) throw new ConfigError('ORGANIZER_EMAILS', `"${email}" is not an email address`);
  }

  const production = env.NODE_ENV === 'production';
  const mailFrom = env.MAIL_FROM?.trim() || 'Twinning <no-reply@localhost>';
  const imapUrl = env.IMAP_URL?.trim() || null;
  if (imapUrl) {
    const u = parseUrl('IMAP_URL', imapUrl, ['imap:', 'imaps:']);
    if (!u.hostname || !u.username)
      throw new ConfigError('IMAP_URL', 'expected imaps://user:pass@host[:port][/MAILBOX]');
  }
  const inboundPort = env.INBOUND_SMTP_PORT?.trim() ? intVar(env, 'INBOUND_SMTP_PORT', 0, 0, 65535) : null;
  return Object.freeze({
    port,
    host,
    databasePath,
    postgresUrl,
    redisUrl,
    publicUrl: publicUrlRaw,
    publicOrigin: publicUrl.origin,
    secureCookies: publicUrl.protocol === 'https:',
    smtpUrl,
    mailFrom,
    replyAddress: replyAddressFrom(env.REPLY_ADDRESS, mailFrom),
    inboundSmtp:
      inboundPort === null
        ? null
        : Object.freeze({ host: env.INBOUND_SMTP_HOST?.trim() || '127.0.0.1', port: inboundPort }),
    inboundMaxBytes: intVar(env, 'INBOUND_MAX_BYTES', 1024 * 1024, 1024, 50 * 1024 * 1024),
    imapUrl,
    imapPollMs: intVar(env, 'IMAP_POLL_SECONDS', 60, 1, 86_400) * 1000,
    organizerEmails: Object.freeze(organizerEmails),
    seedDemo: production ? false : boolVar(env, 'SEED_DEMO', true),
    mailRetrySeconds: intVar(env, 'MAIL_RETRY_SECONDS', 30, 1, 3600),
    lobbyOpenMinutes: intVar(env, 'LOBBY_OPEN_MINUTES', 15, 0, 30 * 24 * 60),
    production,
    devTools: !production && isLoopbackHost(publicUrl.hostname),
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL?.trim() || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    outboxPollMs: intVar(env, 'OUTBOX_POLL_MS', 2000, 10, 60_000),
    outboxLeaseMs: intVar(env, 'OUTBOX_LEASE_SECONDS', 300, 1, 86_400) * 1000,
    videoUrlTemplate: videoUrlTemplateFrom(env.VIDEO_URL_TEMPLATE),
    requestExpiryDays: intVar(env, 'REQUEST_EXPIRY_DAYS', 14, 1, 365),
    // A year: a programme runs in yearly rounds and its organizers review meetings (chat, who came,
    // what was mailed) at the round's end; longer than that is keeping data nobody needs.
    retentionDays: intVar(env, 'RETENTION_DAYS', 365, 1, 3650),
    requestsPerDay: intVar(env, 'REQUESTS_PER_DAY', 20, 1, 10_000),
    reminderMinutes: Object.freeze(reminderMinutesFrom(env.REMINDER_MINUTES)),
    followUpDays: intVar(env, 'FOLLOW_UP_DAYS', 90, 1, 3650),
    afterMeetingPollMs: intVar(env, 'AFTER_MEETING_POLL_MS', 10_000, 10, 60_000),
    lobbyChat: Object.freeze({
      burst: intVar(env, 'LOBBY_CHAT_BURST', 5, 1, 1000),
      perSecond: intVar(env, 'LOBBY_CHAT_PER_SECOND', 1, 1, 1000),
    }),
    rateLimits: Object.freeze({
      loginPerEmail: intVar(env, 'LOGIN_LIMIT_PER_EMAIL', 5, 1, 10_000),
      loginPerAddress: intVar(env, 'LOGIN_LIMIT_PER_ADDRESS', 30, 1, 100_000),
      windowMs: 15 * 60 * 1000,
    }),
  });
}

/** A URL with its password, and any query value that looks like a secret, replaced by `***`. */
export function maskUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '***';
  }
  if (url.password) url.password = '***';
  for (const key of [...url.searchParams.keys()]) {
    if (/pass|secret|token|key/i.test(key)) url.searchParams.set(key, '***');
  }
  return url.href;
}

/**
 * What is in force, for the line the server logs at start: where the data lives, where mail goes,
 * where it listens. Secrets are masked, so the line may be pasted into a support request.
 */
export function describeConfig(config: Config, env: Env = process.env) {
  return {
    nodeEnv: env.NODE_ENV ?? null,
    database: config.postgresUrl
      ? { engine: 'postgres', url: maskUrl(config.postgresUrl) }
      : { engine: 'sqlite', path: config.databasePath },
    redis: config.redisUrl ? maskUrl(config.redisUrl) : null,
    mail: config.smtpUrl
      ? { smtp: maskUrl(config.smtpUrl), from: config.mailFrom }
      : {
          smtp: null,
          from: config.mailFrom,
          keptIn: config.devTools ? `the dev mailbox, ${config.publicUrl}/dev/mailbox` : 'the outbox',
        },
    listener: { host: config.host, port: config.port, publicUrl: config.publicUrl },
    calendarAnswers: {
      replyAddress: `${config.replyAddress.local}+TOKEN@${config.replyAddress.domain}`,
      smtp: config.inboundSmtp,
      imap: config.imapUrl ? maskUrl(config.imapUrl) : null,
      maxBytes: config.inboundMaxBytes,
    },
    seedDemo: config.seedDemo,
    reminderMinutes: config.reminderMinutes,
    followUpDays: config.followUpDays,
    devTools: config.devTools,
    logLevel: config.logLevel,
    retentionDays: config.retentionDays,
  };
}
