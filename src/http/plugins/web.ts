/** Serves the built web app; every page URL answers with the app so that links and reloads work. */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { WEB_DIST_DIR } from '../../paths';
import { sendError } from './errors';

export const WEB_DIST = WEB_DIST_DIR;

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Twinning</title></head>
<body><h1>Twinning</h1><p>The web app is not built yet: run <code>npm run build:web</code> (npm start does it for you).</p></body></html>`;

const API_PREFIXES = ['/api/', '/ws/', '/calendar/', '/docs', '/healthz'];

function wantsPage(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url.split('?')[0] ?? '';
  if (API_PREFIXES.some((p) => url === p.replace(/\/$/, '') || url.startsWith(p))) return false;
  // A missing asset (a file name with an extension) is a 404, not the app.
  return !/\.[a-z0-9]+$/i.test(url);
}

/**
 * Answers with the web app's page (which routes itself in the browser). Routes that check a link
 * before the page shows set the status first: a bad link's page is a 400.
 */
export function sendWebApp(reply: FastifyReply) {
  const indexFile = path.join(WEB_DIST, 'index.html');
  reply.header('cache-control', 'no-cache');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  if (!fs.existsSync(indexFile)) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  return reply.type('text/html; charset=utf-8').send(fs.createReadStream(indexFile));
}

export const webPlugin = fp(
  async (app: FastifyInstance) => {
    const indexFile = path.join(WEB_DIST, 'index.html');
    const built = fs.existsSync(indexFile);
    if (built) {
      await app.register(fastifyStatic, {
        root: WEB_DIST,
        wildcard: false,
        index: false,
        setHeaders: (res, file) => {
          // Vite puts a content hash in asset names: they never change, so cache them for a year.
          if (file.includes(`${path.sep}assets${path.sep}`)) {
            res.setHeader('cache-control', 'public, max-age=31536000, immutable');
          }
        },
      });
    }
    const sendApp = sendWebApp;

    // The sign-in page carries the token in its URL: no referrer may leak it to anything it loads.
    app.get('/auth/verify', { schema: { hide: true } }, async (_req, reply) => {
      reply.header('referrer-policy', 'no-referrer');
      return sendApp(reply);
    });

    app.setNotFoundHandler((req, reply) => {
      if (wantsPage(req)) {
        reply.header('referrer-policy', 'strict-origin-when-cross-origin');
        return sendApp(reply);
      }
      return sendError(reply, 'NOT_FOUND', `No route for ${req.method} ${req.url.split('?')[0]}.`);
    });
  },
  { name: 'web' },
);
