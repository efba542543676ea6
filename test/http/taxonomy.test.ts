import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const suggest = (payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/taxonomy/suggest', payload: payload as object });

describe('POST /api/taxonomy/suggest', () => {
  it('reads sectors and interests from a bio in any of the five languages, before signing in', async () => {
    t = await makeTestApp();
    const res = await suggest({
      text: 'Parque tecnológico de Granada:\nbiotecnología, ciudades de la salud y transferencia de tecnología.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      sectors: ['biotechnology', 'healthy-city'],
      interests: ['technology-transfer'],
      mentions: [
        { kind: 'sector', id: 'biotechnology', phrase: 'biotecnología' },
        { kind: 'sector', id: 'healthy-city', phrase: 'ciudades de la salud' },
        { kind: 'interest', id: 'technology-transfer', phrase: 'transferencia de tecnología' },
      ],
    });
    const zh = (await suggest({ text: '烟台的葡萄酒企业，想在葡萄园试点精准农业。' })).json();
    expect(zh.sectors).toEqual(['precision-agriculture', 'wine-viticulture']);
    expect(zh.interests).toEqual(['pilot-project']);
  });

  it('suggests nothing for a text that mentions nothing it knows', async () => {
    t = await makeTestApp();
    expect((await suggest({ text: 'Hello!' })).json()).toEqual({ sectors: [], interests: [], mentions: [] });
  });

  it.each([
    ['no text', {}, 'MISSING_FIELD'],
    ['a number', { text: 42 }, 'INVALID_TYPE'],
    ['an extra field', { text: 'x', lang: 'en' }, 'UNKNOWN_FIELD'],
  ])('refuses %s with a 400 and a stable code', async (_name, body, code) => {
    t = await makeTestApp();
    const res = await suggest(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(code);
  });

  it('refuses a text longer than a bio may be', async () => {
    t = await makeTestApp();
    const res = await suggest({ text: 'vino '.repeat(401) });
    expect(res.statusCode).toBe(400);
    expect(typeof res.json().code).toBe('string');
  });
});
