/**
 * A refusal as a small page, for links people open from a mail on a phone (a calendar file, say):
 * a browser shows the sentence and a way on, where an API client would get JSON.
 */
import type { FastifyReply } from 'fastify';
import type { DomainError } from '../domain/errors';
import { statusOf } from './plugins/errors';

/** Whether the caller is a browser that asked for a page rather than data. */
export function wantsPage(accept: string | undefined): boolean {
  return !!accept && /\btext\/html\b/.test(accept);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function sendErrorPage(reply: FastifyReply, err: DomainError, publicUrl: string) {
  const status = statusOf(err.code);
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Twinning</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#111827}a{color:#1d4ed8}</style>
</head><body><main>
<h1>This calendar link does not work · 此日历链接无效</h1>
<p>${escapeHtml(err.message)}</p>
<p lang="zh-CN">链接可能已失效，或会议已不存在。请登录 Twinning 查看您的日程。</p>
<p><a href="${escapeHtml(publicUrl)}/schedule">Open my schedule · 打开我的日程</a></p>
</main></body></html>`;
  return reply.code(status).type('text/html; charset=utf-8').header('x-error-code', err.code).send(body);
}
