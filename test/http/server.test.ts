import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runServer, startServer } from '../helpers/server-process';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-server-'));
fs.writeFileSync(path.join(dir, 'a-file'), '');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the server process', () => {
  // Two starts, one seeding the demo: beside other test workers this can pass the default 20 s.
  it('keeps data across a clean restart, and stops cleanly on SIGTERM and SIGINT', {
    timeout: 60_000,
  }, async () => {
    const env = { DATABASE_URL: `file:${path.join(dir, 'restart.db')}`, SEED_DEMO: '1' };
    const first = await startServer(env);
    const people = (await (await fetch(`${first.url}/api/dev/people`)).json()) as { people: unknown[] };
    expect(people.people.length).toBeGreaterThanOrEqual(30);
    const reg = await fetch(`${first.url}/api/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: first.url },
      body: JSON.stringify({
        name: 'Marco Bellini',
        email: 'marco@tuscia.example',
        organisation: 'Tuscia University',
        city: 'Viterbo',
        country: 'IT',
        timeZone: 'Europe/Rome',
        languages: ['it', 'en'],
        sectors: ['wine-viticulture'],
        offers: ['research-partnership'],
        seeks: ['joint-event'],
      }),
    });
    expect(reg.status).toBe(201);
    const cookie = reg.headers.get('set-cookie')!.split(';')[0]!;
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startServer(env);
    const me = await fetch(`${second.url}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { participant: { email: string } }).participant.email).toBe(
      'marco@tuscia.example',
    );
    // The demo is seeded once: a restart does not add the people again.
    const again = (await (await fetch(`${second.url}/api/dev/people`)).json()) as { people: unknown[] };
    expect(again.people.length).toBe(people.people.length + 1);
    expect(await second.stop('SIGINT')).toBe(0);
  });

  it('starts empty with SEED_DEMO=0', async () => {
    const s = await startServer({ DATABASE_URL: `file:${path.join(dir, 'empty.db')}`, SEED_DEMO: '0' });
    const people = (await (await fetch(`${s.url}/api/dev/people`)).json()) as { people: unknown[] };
    expect(people.people).toEqual([]);
    await s.stop();
  });

  it('logs one JSON line per event: what is in force at start (secrets masked), and every request with its id', async () => {
    const s = await startServer({
      DATABASE_URL: `file:${path.join(dir, 'logs.db')}`,
      SEED_DEMO: '0',
      LOG_LEVEL: 'info',
      // Nothing is queued on an empty database, so this server is never dialled.
      SMTP_URL: 'smtps://twinning:s3cret-pass@127.0.0.1:1',
    });
    const mine = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': 'proxy-7f3a.42' } });
    expect(mine.headers.get('x-request-id')).toBe('proxy-7f3a.42');
    const missing = await fetch(`${s.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    const generated = missing.headers.get('x-request-id')!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    // Spaces, quotes and length could forge or flood log lines: such an id is replaced.
    const forged = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': 'a" "msg":"x' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const long = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': 'x'.repeat(500) } });
    expect(long.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await s.stop()).toBe(0);

    const lines = s
      .output()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(s.output()).not.toContain('s3cret-pass');
    const start = lines.find((l) => l.msg === 'configuration in force')!;
    expect(start).toMatchObject({
      database: { engine: 'sqlite', path: path.join(dir, 'logs.db') },
      mail: { smtp: 'smtps://twinning:***@127.0.0.1:1' },
      listener: { host: '127.0.0.1', publicUrl: s.url },
    });
    expect(lines.some((l) => String(l.msg).startsWith(`Twinning is running at ${s.url}`))).toBe(true);
    const requestLines = lines.filter((l) => l.req || l.res);
    expect(requestLines.length).toBeGreaterThanOrEqual(8);
    for (const l of requestLines) expect(typeof l.reqId).toBe('string');
    expect(requestLines.filter((l) => l.reqId === 'proxy-7f3a.42')).toHaveLength(2);
    expect(requestLines.filter((l) => l.reqId === generated)).toHaveLength(2);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: expected a whole number/],
    // A parent "directory" that is a file: the path can never be created.
    [
      { DATABASE_URL: `file:${path.join(dir, 'a-file', 'twinning.db')}` },
      /DATABASE_URL: .*cannot open the database/,
    ],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected file:PATH/],
  ])('exits with code 78 and a clear message on %j', async (env, message) => {
    const { done, output } = runServer(env);
    expect(await done).toBe(78);
    const line = JSON.parse(output().trim().split('\n').at(-1)!);
    expect(line.msg).toMatch(/^Configuration error: /);
    expect(line.msg).toMatch(message);
    expect(line.variable).toBe(Object.keys(env)[0]);
  });
});
