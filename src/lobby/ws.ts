/**
 * `GET /ws/sessions/:id/lobby`: the websocket around the hub. Everything that can refuse happens in
 * `preValidation`, before the upgrade, so a refusal is a plain HTTP 401/403/404/409 with a code;
 * once upgraded, the socket's listeners are attached synchronously, before anything can arrive.
 */
import websocket from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { DomainError } from '../domain/errors';
import { requireViewer } from '../http/plugins/auth';
import { errors, IdParams } from '../http/schemas/common';
import { MAX_FRAME_BYTES } from './frames';
import type { Admission, Lobbies, LobbySocket, Tab } from './hub';
import { CLOSE, errorFrame } from './room';

declare module 'fastify' {
  interface FastifyRequest {
    lobbyAdmission?: Admission;
  }
}

export interface LobbyRouteOptions {
  lobbies: Lobbies;
  /** Interval of protocol pings; a socket that has not answered the previous one is dropped. */
  heartbeatMs: number;
}

function socketOf(ws: WebSocket): LobbySocket {
  return {
    send: (data) => ws.send(data, { binary: false }),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}

export const lobbyRoutes: FastifyPluginAsync<LobbyRouteOptions> = async (app, opts) => {
  await app.register(websocket, {
    options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false },
  });

  const alive = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of app.websocketServer.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, opts.heartbeatMs);
  heartbeat.unref();
  app.addHook('onClose', async () => clearInterval(heartbeat));

  app.get(
    '/ws/sessions/:id/lobby',
    {
      websocket: true,
      schema: {
        summary: 'The live lobby of a session (websocket)',
        description:
          'Upgrade to a websocket. Refused before the upgrade with 401 NOT_SIGNED_IN, 403 CROSS_ORIGIN, ' +
          '403 NOT_SESSION_PERSON, 403 LOBBY_REMOVED, 404 SESSION_NOT_FOUND or 409 SESSION_CANCELLED. ' +
          'Frames are JSON objects with a `type`; see README.',
        tags: ['lobby'],
        params: IdParams,
        response: errors(401, 403, 404, 409),
      },
      preValidation: async (req) => {
        const origin = req.headers.origin;
        // Browsers always send Origin on a websocket; one from elsewhere could ride on the cookie.
        if (origin !== undefined && origin !== app.config.publicOrigin) {
          throw new DomainError('CROSS_ORIGIN', `Connect from ${app.config.publicOrigin}.`);
        }
        const viewer = requireViewer(req);
        const { id } = req.params as { id: string };
        const admission = await app.services.lobby.admission(viewer, id);
        if (opts.lobbies.isRemoved(id, viewer.id)) throw new DomainError('LOBBY_REMOVED');
        try {
          await opts.lobbies.prepare(id);
        } catch (err) {
          // Redis (where the lobby's owner is found) or the database is out of reach: try again.
          if (err instanceof DomainError) throw err;
          req.log.warn({ err }, 'lobby not ready');
          throw new DomainError('LOBBY_UNAVAILABLE');
        }
        req.lobbyAdmission = admission;
      },
    },
    (ws, req) => {
      const admission = req.lobbyAdmission;
      if (!admission) return ws.close(CLOSE.notSignedIn, 'NOT_SIGNED_IN');
      let tab: Tab | null = null;
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      ws.on('message', (data, isBinary) => {
        if (!tab) return;
        if (isBinary) {
          ws.send(JSON.stringify(errorFrame('INVALID_FRAME', 'Frames are JSON text.')));
          return;
        }
        opts.lobbies.receive(tab, data.toString());
      });
      ws.on('close', () => {
        if (tab) opts.lobbies.disconnect(tab);
      });
      ws.on('error', (err) => req.log.debug({ err }, 'lobby socket error'));
      tab = opts.lobbies.connect(admission, socketOf(ws));
    },
  );
};
