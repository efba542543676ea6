import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runServer, startServer } from '../helpers/server-process';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-server-'));
fs.writeFileSync(path.join(dir, 'a-file'), '');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the server process', () => {
  it('keeps data across a clean restart, and stops cleanly on SIGTERM and SIGINT', async () => {
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
    expect(output()).toMatch(message);
  });
});
