/**
 * Who is asking, from the `sid` cookie; and the same-origin rule for requests that change state.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/errors';
import { LOGIN_DAYS, type Viewer } from '../../services/auth.service';

export const SID_COOKIE = 'sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid';
  }
}

/**
 * True when a browser says the request came from elsewhere. Browsers send Origin on every
 * cross-site POST (and Sec-Fetch-Site); clients that send neither are scripts, which cannot ride
 * on someone's cookie, so they pass.
 */
export function isCrossSite(req: FastifyRequest, publicOrigin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') return true;
  const own = new Set([publicOrigin, `${req.protocol}://${req.host}`]);
  const origin = req.headers.origin;
  if (origin !== undefined) return !own.has(origin);
  const referer = originOf(req.headers.referer);
  return referer !== null && !own.has(referer);
}

export function requireViewer(req: FastifyRequest): Viewer {
  if (!req.viewer) throw new DomainError('NOT_SIGNED_IN');
  return req.viewer;
}

/** The text of a CSV upload; a JSON or form body sent by mistake is refused, not read as empty. */
export function csvBody(body: unknown): string {
  if (typeof body !== 'string') throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv.');
  return body;
}

export function requireOrganizer(req: FastifyRequest): Viewer {
  const viewer = requireViewer(req);
  if (viewer.role !== 'organizer') throw new DomainError('FORBIDDEN', 'Only organizers may do this.');
  return viewer;
}

export function setLoginCookie(app: FastifyInstance, reply: FastifyReply, sid: string): void {
  reply.setCookie(SID_COOKIE, sid, {
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.secureCookies,
    path: '/',
    maxAge: LOGIN_DAYS * 24 * 60 * 60,
  });
}

export function clearLoginCookie(app: FastifyInstance, reply: FastifyReply): void {
  reply.clearCookie(SID_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.secureCookies,
  });
}

export const authPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(cookie);
    app.decorateRequest('viewer', null);
    app.addHook('onRequest', async (req, reply) => {
      if (!SAFE_METHODS.has(req.method) && isCrossSite(req, app.config.publicOrigin)) {
        return reply.code(403).send({
          statusCode: 403,
          code: 'CROSS_ORIGIN',
          error: 'Forbidden',
          message: 'This request did not come from the app.',
        });
      }
      const sid = req.cookies[SID_COOKIE];
      req.viewer = sid ? ((await app.services.auth.resolve(sid)) ?? null) : null;
    });
    // Everything under /api/admin/ is for organizers: who asks is settled before what they send,
    // so a participant learns nothing about those routes' bodies from a 400.
    app.addHook('preValidation', async (req) => {
      if (req.routeOptions.url?.startsWith('/api/admin/')) requireOrganizer(req);
    });
  },
  { name: 'auth', dependencies: ['services'] },
);
