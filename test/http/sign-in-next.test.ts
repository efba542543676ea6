/**
 * Sign-in from a mailed link comes back to the page it was opened on: the sign-in link carries a
 * `next` path, only ever one on this site (the open-redirect attempts are dropped, not followed).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeNextPath } from '../../src/domain/next-path';
import { safeNextPath as webSafeNextPath } from '../../web/src/next-path';
import { makeTestApp, register, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const SAFE: [string, string][] = [
  ['/requests', '/requests'],
  ['/sessions/abc/lobby', '/sessions/abc/lobby'],
  ['/schedule?with=p1&request=r1', '/schedule?with=p1&request=r1'],
  ['/sessions/abc/../../requests', '/requests'],
];
const UNSAFE = [
  '//evil.example/phish',
  '/\\evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  'evil.example',
  '/%0d%0aLocation:%20x'.replace('%0d%0a', '\r\n'),
  '/sign-in?next=/requests',
  '/auth/verify?token=x',
  '',
  `/${'a'.repeat(600)}`,
];

describe('the page after sign-in', () => {
  it('keeps paths on this site and drops anything that could leave it (server and web agree)', () => {
    for (const check of [safeNextPath, webSafeNextPath]) {
      for (const [raw, kept] of SAFE) expect(check(raw)).toBe(kept);
      for (const raw of UNSAFE) expect(check(raw)).toBeNull();
      expect(check(undefined)).toBeNull();
    }
  });

  const mailedLink = async (email: string) => {
    const mail = (await t.app.services.dev.mailbox(email, 5)).find((m) => m.kind === 'sign-in');
    return new URL(/(http:\/\/twinning\.test\/auth\/verify\?\S+)/.exec(mail!.text)![1]!);
  };

  it('mails a link that comes back to the page it was asked from', async () => {
    const { participant } = await register(t.app, { email: 'giulia.next@lazio.example' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://twinning.test' },
      payload: { email: participant.email, next: '/sessions/s1/lobby?from=mail' },
    });
    expect(res.statusCode).toBe(202);
    const link = await mailedLink(participant.email);
    expect(link.searchParams.get('next')).toBe('/sessions/s1/lobby?from=mail');
    expect(link.searchParams.get('token')).toBeTruthy();
  });

  it('drops an open-redirect attempt: the link signs in to the profile, never off the site', async () => {
    const { participant } = await register(t.app, { email: 'wang.next@ytu.example' });
    for (const next of ['//evil.example/phish', 'https://evil.example/']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: 'http://twinning.test' },
        payload: { email: participant.email, next },
      });
      expect(res.statusCode).toBe(202);
      const link = await mailedLink(participant.email);
      expect(link.searchParams.has('next')).toBe(false);
      expect(link.origin).toBe('http://twinning.test');
    }
    const tooLong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://twinning.test' },
      payload: { email: participant.email, next: `/${'a'.repeat(600)}` },
    });
    expect([tooLong.statusCode, tooLong.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
