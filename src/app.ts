/**
 * buildApp(config, deps) → a Fastify instance with every route, not yet listening. The server and
 * the tests both build the product through here.
 */
import { randomUUID } from 'node:crypto';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { Db } from './db/client';
import { refreshImpactFacts } from './db/impact-facts.repo';
import { ERROR_CODES } from './domain/errors';
import { authPlugin } from './http/plugins/auth';
import { errorsPlugin } from './http/plugins/errors';
import { webPlugin } from './http/plugins/web';
import { redactUrl } from './http/redact';
import { REQUEST_ID_HEADER, requestIdFor } from './http/request-id';
import { adminRoutes } from './http/routes/admin';
import { attendanceRoutes } from './http/routes/attendance';
import { authRoutes } from './http/routes/auth';
import { devRoutes } from './http/routes/dev';
import { eventRoutes } from './http/routes/events';
import { healthRoutes } from './http/routes/health';
import { impactRoutes } from './http/routes/impact';
import { matchRoutes } from './http/routes/matches';
import { meRoutes } from './http/routes/me';
import { outboxRoutes } from './http/routes/outbox';
import { outcomeRoutes } from './http/routes/outcomes';
import { participantRoutes } from './http/routes/participants';
import { privacyRoutes } from './http/routes/privacy';
import { projectRoutes } from './http/routes/projects';
import { proposalRoutes } from './http/routes/proposals';
import { requestRoutes } from './http/routes/requests';
import { sessionRoutes } from './http/routes/sessions';
import { taxonomyRoutes } from './http/routes/taxonomy';
import { ErrorResponse } from './http/schemas/common';
import { MeetingRequestSchema } from './http/schemas/matching';
import { PublicParticipant } from './http/schemas/participant';
import { DEFAULT_LOBBY_OPTIONS, type Lobbies, LobbyHub, type LobbyOptions } from './lobby/hub';
import { DEFAULT_SHARED_LOBBY_OPTIONS, SharedLobbies, type SharedLobbyOptions } from './lobby/shared';
import { lobbyRoutes } from './lobby/ws';
import { inboundMailPlugin } from './mail/inbound/plugin';
import { OutboxWorker } from './mail/outbox';
import { createSmtpSender, type MailSender } from './mail/transport';
import { openChangeBus } from './redis/change-bus';
import { createAdminService } from './services/admin.service';
import { AfterMeetingJob } from './services/after-meeting.job';
import { createAuthService } from './services/auth.service';
import { createCalendarMailService } from './services/calendar-mail.service';
import { createServiceContext } from './services/context';
import { createDevService } from './services/dev.service';
import { createErasureService } from './services/erasure.service';
import { createEventsService } from './services/events.service';
import { createExportService } from './services/export.service';
import { createImpactService } from './services/impact.service';
import { createLobbyService } from './services/lobby.service';
import { createMatchingService } from './services/matching.service';
import { createOutboxService } from './services/outbox.service';
import { createOutcomesService } from './services/outcomes.service';
import { createParticipantsService } from './services/participants.service';
import { createProjectsService } from './services/projects.service';
import { createRemindersService } from './services/reminders.service';
import { createRequestsService } from './services/requests.service';
import {
  createSchedulerRunner,
  type SchedulerRunner,
  type SchedulerRunnerOptions,
} from './services/scheduler-runner';
import { createSessionsService } from './services/sessions.service';

export interface AppDeps {
  db: Db;
  /** Now, in epoch ms; tests pass a movable clock. */
  clock?: () => number;
  /** Where mail goes; by default SMTP_URL through nodemailer, or nowhere (the dev mailbox). */
  mailSender?: MailSender | null;
  /** Lobby timings (leave grace, heartbeat, chat limits) for tests and benchmarks. */
  lobby?: Partial<Omit<LobbyOptions, 'clock' | 'openBeforeMs'>> &
    Partial<SharedLobbyOptions> & { heartbeatMs?: number };
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
  /** The event scheduler's worker threads and search budget, for tests and benchmarks. */
  scheduler?: Omit<SchedulerRunnerOptions, 'onError'> & { timeBudgetMs?: number };
  /**
   * Redis shared with the other instances (REDIS_URL), connected: rate limits count across them
   * and changes made here reach their match indexes and lobbies. Absent: this is the only one.
   */
  redis?: Redis;
  /** This instance's name among the others (in Redis keys and notices). */
  instanceId?: string;
  /** Where this product's keys and channels live in Redis; tests give each app its own. */
  redisPrefix?: string;
}

export const LOBBY_HEARTBEAT_MS = 30_000;

function createServices(
  db: Db,
  config: Config,
  clock: () => number,
  wakeOutbox: () => void,
  scheduler: { runner: SchedulerRunner; timeBudgetMs?: number },
) {
  const ctx = createServiceContext(db, config, clock, wakeOutbox);
  const matching = createMatchingService(ctx);
  ctx.onChanged('profile', (id) => matching.profileChanged(id));
  ctx.onChanged('matches', () => matching.changed());
  const participants = createParticipantsService(ctx);
  const sessions = createSessionsService(ctx);
  return {
    participants,
    auth: createAuthService(ctx),
    dev: createDevService(ctx),
    export: createExportService(ctx),
    erasure: createErasureService(ctx, { sessions }),
    matching,
    requests: createRequestsService(ctx, () => ctx.changed('matches', '')),
    sessions,
    calendarMail: createCalendarMailService(ctx, { sessions }),
    events: createEventsService(ctx, {
      sessions,
      participants,
      scheduler: scheduler.runner,
      schedulerBudgetMs: scheduler.timeBudgetMs,
    }),
    lobby: createLobbyService(ctx),
    outbox: createOutboxService(ctx),
    admin: createAdminService(ctx, { participants }),
    reminders: createRemindersService(ctx),
    outcomes: createOutcomesService(ctx),
    projects: createProjectsService(ctx),
    impact: createImpactService(ctx),
    clock,
    ctx,
  };
}

export type Services = ReturnType<typeof createServices>;

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    services: Services;
    outbox: OutboxWorker | null;
    lobbies: Lobbies;
    afterMeeting: AfterMeetingJob;
  }
}

/**
 * Bodies are validated strictly: a string where a number belongs is an error, and an unknown field
 * is refused rather than silently dropped. Query strings and params are text, so they are coerced.
 */
function validatorCompilers() {
  const strict = new Ajv({
    allErrors: false,
    removeAdditional: false,
    coerceTypes: false,
    useDefaults: true,
    strict: false,
  });
  const coercing = new Ajv({
    removeAdditional: false,
    coerceTypes: 'array',
    useDefaults: true,
    strict: false,
  });
  addFormats.default(strict);
  addFormats.default(coercing);
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    httpPart === 'body' ? strict.compile(schema) : coercing.compile(schema);
}

/** A hop count as Fastify's own trustProxy function (its types omit the number form). */
function hopsTrusted(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

export const BODY_LIMIT_BYTES = 256 * 1024;

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? Date.now;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // Cookies carry login secrets and links carry tokens: neither may reach the logs.
      redact: ['req.headers.cookie', 'res.headers["set-cookie"]', 'req.headers.authorization'],
      serializers: {
        req: (req) => ({ method: req.method, url: redactUrl(String(req.url)) }),
      },
    },
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIdFor,
    // Behind a load balancer the client's address (rate limits, logs) comes from X-Forwarded-For,
    // believed only from the configured proxies; otherwise every client would share one address.
    trustProxy: typeof config.trustProxy === 'number' ? hopsTrusted(config.trustProxy) : config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompilers());
  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });

  const sender =
    deps.mailSender === undefined
      ? config.smtpUrl
        ? createSmtpSender(config.smtpUrl)
        : null
      : deps.mailSender;
  const worker = sender
    ? new OutboxWorker({
        db: deps.db,
        sender,
        from: config.mailFrom,
        clock,
        retrySeconds: config.mailRetrySeconds,
        pollMs: config.outboxPollMs,
        leaseMs: config.outboxLeaseMs,
        log: app.log,
      })
    : null;

  app.decorate('config', config);
  app.decorate('db', deps.db);
  app.decorate('outbox', worker);
  const { timeBudgetMs, ...runnerOptions } = deps.scheduler ?? {};
  const schedulerRunner = createSchedulerRunner({
    ...runnerOptions,
    onError: (err) => app.log.error({ err }, 'event scheduler'),
  });
  await app.register(
    fp(
      async (instance) => {
        instance.decorate(
          'services',
          createServices(deps.db, config, clock, () => worker?.kick(), {
            runner: schedulerRunner,
            timeBudgetMs,
          }),
        );
      },
      { name: 'services' },
    ),
  );

  const services = app.services;
  const afterMeeting = new AfterMeetingJob({
    reminders: services.reminders,
    outcomes: services.outcomes,
    clock,
    pollMs: config.afterMeetingPollMs,
    lookBackMs: Math.max(Math.max(0, ...config.reminderMinutes) * 60_000, 2 * 24 * 60 * 60_000),
    refreshImpactFacts: () => refreshImpactFacts(deps.db),
    log: app.log,
  });
  app.decorate('afterMeeting', afterMeeting);
  const instanceId = deps.instanceId ?? randomUUID();
  const lobbyOptions = {
    ...DEFAULT_LOBBY_OPTIONS,
    ...DEFAULT_SHARED_LOBBY_OPTIONS,
    chat: config.lobbyChat,
    ...deps.lobby,
    clock,
    openBeforeMs: config.lobbyOpenMinutes * 60_000,
    onError: (err: unknown) => app.log.error({ err }, 'lobby'),
    ...(deps.redisPrefix ? { keyPrefix: `${deps.redisPrefix}lobby:` } : {}),
  };
  // With Redis each room runs at one instance (its owner) and the others relay to it.
  const shared = deps.redis
    ? await SharedLobbies.open(
        deps.redis,
        instanceId,
        {
          ...services.lobby.store,
          flush: services.lobby.flush,
          endOpenStays: services.lobby.endOpenStays,
          sessionsWithOpenStays: services.lobby.sessionsWithOpenStays,
        },
        lobbyOptions,
      )
    : null;
  const lobbies: Lobbies = shared ?? new LobbyHub(services.lobby.store, lobbyOptions);
  app.decorate('lobbies', lobbies);
  services.ctx.onChanged('session', async (id) => {
    try {
      lobbies.sessionChanged(id, await services.lobby.liveSession(id));
    } catch (err) {
      app.log.error({ err }, 'lobby');
    }
  });

  // An erased person's tabs close in the lobbies held here, whichever instance erased them; a chat
  // line of theirs still in the write queue is deleted once it is written.
  services.ctx.onChanged('profile', async (id) => {
    try {
      if (!(await services.erasure.isErased(id))) return;
      lobbies.forgetPerson(id);
      await services.lobby.flush();
      await services.erasure.deleteLateChat(id);
    } catch (err) {
      app.log.error({ err }, 'lobby');
    }
  });

  app.addSchema(ErrorResponse);
  app.addSchema(PublicParticipant);
  app.addSchema(MeetingRequestSchema);
  await app.register(errorsPlugin);
  // Pages, scripts and long lists go out compressed: the app's first load on a phone over a slow
  // link is ~50 kB instead of ~140 kB. Brotli at quality 5 costs a few ms per response, not 100.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Twinning API',
        version: '0.1.0',
        description: [
          'Matchmaking, scheduling and live lobbies for EU–China city cooperation.',
          'Every refusal is `{statusCode, code, error, message, details?}`. The codes:',
          '',
          ...Object.entries(ERROR_CODES).map(([code, e]) => `- \`${code}\` (${e.kind}): ${e.text}`),
        ].join('\n'),
      },
      components: { securitySchemes: { sid: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(rateLimit, {
    global: false,
    // Shared by every instance, so that thirty sign-ins are thirty wherever they land. Redis out
    // of reach lets requests through rather than locking everyone out.
    ...(deps.redis
      ? { redis: deps.redis, nameSpace: `${deps.redisPrefix ?? 'twinning:'}rate:`, skipOnError: true }
      : {}),
  });
  await app.register(authPlugin);

  await app.register(healthRoutes);
  await app.register(taxonomyRoutes);
  await app.register(privacyRoutes);
  await app.register(participantRoutes);
  await app.register(meRoutes);
  await app.register(authRoutes);
  await app.register(matchRoutes);
  await app.register(requestRoutes);
  await app.register(sessionRoutes);
  await app.register(proposalRoutes);
  await app.register(inboundMailPlugin);
  await app.register(eventRoutes);
  await app.register(attendanceRoutes);
  await app.register(outcomeRoutes);
  await app.register(outboxRoutes);
  await app.register(adminRoutes);
  await app.register(projectRoutes);
  await app.register(impactRoutes);
  await app.register(lobbyRoutes, {
    lobbies,
    heartbeatMs: deps.lobby?.heartbeatMs ?? LOBBY_HEARTBEAT_MS,
  });
  await app.register(devRoutes);
  await app.register(webPlugin);

  app.addHook('onReady', async () => {
    // Alone, this instance owns every stay left open: a crash left them. Among several, only
    // rooms nobody owns had their stays left open by a stopped instance; owned ones are live.
    await (shared ? shared.recover() : services.lobby.recover());
    worker?.start();
    afterMeeting.start();
  });
  // Lobbies close first, so that everyone's departure is recorded while the database is open.
  app.addHook('preClose', async () => {
    await lobbies.close();
    await services.lobby.flush();
  });
  app.addHook('onClose', async () => {
    await afterMeeting.stop();
    await worker?.stop();
  });
  if (deps.redis) {
    const bus = await openChangeBus(deps.redis, deps.redisPrefix ?? 'twinning:', instanceId, (n) => {
      services.ctx.changedElsewhere(n.topic, n.id).catch((err) => app.log.error({ err }, 'change notice'));
    });
    services.ctx.broadcast = (topic, id) => bus.publish({ topic, id, from: instanceId });
    app.addHook('onClose', async () => bus.close());
  }
  // A run still going when the server closes answers SCHEDULER_UNAVAILABLE; no thread outlives the app.
  app.addHook('onClose', async () => schedulerRunner.close());
  return app;
}
