/**
 * An event's window table: one column for each set of clocks that read the same, labelled with the
 * participants' own cities, the reader's first. Rome, Granada and Nice share their clocks (CEST in
 * May); Yantai, Kunming and Liuzhou share China's: two columns, not a Viterbo or a lone Kunming.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { as, makeTestApp, register, type TestApp } from '../helpers/app';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const EVENT = {
  name: 'Healthy Cities matchmaking',
  timeZone: 'Europe/Rome',
  days: ['2027-05-11'],
  windows: [{ start: '09:00', end: '11:00' }],
  slotMinutes: 20,
  breakMinutes: 0,
};

const CAST = [
  ['Rome', 'IT', 'Europe/Rome'],
  ['Rome', 'IT', 'Europe/Rome'],
  ['Viterbo', 'IT', 'Europe/Rome'],
  ['Granada', 'ES', 'Europe/Madrid'],
  ['Nice', 'FR', 'Europe/Paris'],
  ['Yantai', 'CN', 'Asia/Shanghai'],
  ['Kunming', 'CN', 'Asia/Shanghai'],
  ['Kunming', 'CN', 'Asia/Shanghai'],
  ['Liuzhou', 'CN', 'Asia/Shanghai'],
] as const;

describe('event window columns', () => {
  it('fold zones with the same clocks and name each column by its people’s cities', async () => {
    t = await makeTestApp();
    const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
    const id = (await as(t.app, org.sid)({ method: 'POST', url: '/api/events', payload: EVENT })).json().id;
    const sids: Record<string, string> = {};
    for (const [i, [city, country, timeZone]] of CAST.entries()) {
      const p = await register(t.app, { email: `p${i}@example.org`, city, country, timeZone });
      sids[city] = p.sid;
      expect((await as(t.app, p.sid)({ method: 'POST', url: `/api/events/${id}/join` })).statusCode).toBe(
        204,
      );
    }
    const columns = async (city: string) =>
      (await as(t.app, sids[city])({ method: 'GET', url: `/api/events/${id}` }))
        .json()
        .windows[0].local.map((l: { cities: string[]; start: string }) => [l.start, l.cities]);
    // A reader in Kunming: their own column first, led by their city.
    expect(await columns('Kunming')).toEqual([
      ['15:00', ['Kunming', 'Liuzhou', 'Yantai']],
      ['09:00', ['Rome', 'Granada', 'Nice', 'Viterbo']],
    ]);
    // In Granada: Granada leads the European column (the same clocks as Rome's in May).
    expect(await columns('Granada')).toEqual([
      ['09:00', ['Granada', 'Rome', 'Nice', 'Viterbo']],
      ['15:00', ['Kunming', 'Liuzhou', 'Yantai']],
    ]);
  });
});
