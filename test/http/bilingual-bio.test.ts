/**
 * A bio in two languages: the person's own words, and the same in the programme's other language
 * (English or Chinese), so that a reader in Kunming and one in Granada each read it in theirs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/domain/profile';
import { as, makeTestApp, person, register, type TestApp, yantaiPerson } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const LUCIA_EN =
  'International relations at the science park. We advise on the design of health cities and biotech towns.';
const LUCIA_ZH = '负责科技园的国际关系。我们为健康城和生物科技小镇的规划设计提供咨询。';
const LUCIA = {
  name: 'Lucía Fernández',
  email: 'lucia@pts-granada.example',
  organisation: 'Health and Technology Science Park of Granada',
  city: 'Granada',
  country: 'ES',
  timeZone: 'Europe/Madrid',
  languages: ['es', 'en'],
  sectors: ['biotechnology', 'healthy-city'],
  offers: ['capacity-building'],
  seeks: ['investment'],
};

describe('a bio and its translation', () => {
  it('are kept at registration, the translation in the language other than the account’s', async () => {
    const lucia = await register(t.app, { ...LUCIA, bio: LUCIA_EN, bioTranslation: LUCIA_ZH });
    expect(lucia.participant).toMatchObject({
      bio: LUCIA_EN,
      bioTranslation: LUCIA_ZH,
      bioTranslationLanguage: 'zh',
    });
    // A Kunming account in Chinese: its translation is English unless it says otherwise.
    const liNa = await register(
      t.app,
      yantaiPerson('li.na@kangmei.example', {
        city: 'Kunming',
        sectors: ['healthy-city', 'biotechnology'],
        offers: ['investment'],
        seeks: ['capacity-building'],
        locale: 'zh',
        bio: '负责健康城的规划与国际合作，希望借鉴格拉纳达科技园的经验。',
        bioTranslation: 'Planning and international cooperation for the health city.',
      }),
    );
    expect(liNa.participant.bioTranslationLanguage).toBe('en');

    // Each sees the other's whole profile with both texts, and the excerpt of both in matches.
    const seen = await as(
      t.app,
      liNa.sid,
    )({ method: 'GET', url: `/api/participants/${lucia.participant.id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().participant).toMatchObject({
      bio: LUCIA_EN,
      bioTranslation: LUCIA_ZH,
      bioTranslationLanguage: 'zh',
    });
    const matches = (await as(t.app, liNa.sid)({ method: 'GET', url: '/api/matches' })).json();
    expect(matches.matches[0].participant).toMatchObject({
      id: lucia.participant.id,
      bio: LUCIA_EN,
      bioTranslation: LUCIA_ZH,
      bioTranslationLanguage: 'zh',
    });

    // The export holds both.
    const exported = (await as(t.app, lucia.sid)({ method: 'GET', url: '/api/me/export' })).json();
    expect(exported.profile).toMatchObject({ bioTranslation: LUCIA_ZH, bioTranslationLanguage: 'zh' });
  });

  it('without a translation has none and no language', async () => {
    const { participant } = await register(t.app);
    expect(participant).toMatchObject({ bioTranslation: '', bioTranslationLanguage: null });
  });

  it('changes with PATCH /api/me: the language stays unless changed, and goes with the text', async () => {
    const { sid } = await register(t.app, { bio: 'Coordina una piattaforma di ricerca a Roma.' });
    const patch = (payload: object) => as(t.app, sid)({ method: 'PATCH', url: '/api/me', payload });
    // Written in Italian: the English version is for readers in English.
    let res = await patch({
      bioTranslation: 'Coordinates a research platform in Rome.',
      bioTranslationLanguage: 'en',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().participant).toMatchObject({
      bio: 'Coordina una piattaforma di ricerca a Roma.',
      bioTranslation: 'Coordinates a research platform in Rome.',
      bioTranslationLanguage: 'en',
    });
    res = await patch({ bioTranslation: 'Coordinates a research platform in Rome and Lazio.' });
    expect(res.json().participant.bioTranslationLanguage).toBe('en');
    res = await patch({ bioTranslation: '' });
    expect(res.json().participant).toMatchObject({ bioTranslation: '', bioTranslationLanguage: null });
  });

  it.each([
    ['a translation over the limit', 'VALIDATION_FAILED', { bioTranslation: 'x'.repeat(LIMITS.bio + 1) }],
    ['a translation over the schema’s bound', 'VALIDATION_FAILED', { bioTranslation: '字'.repeat(5001) }],
    [
      'a language other than en or zh',
      'VALIDATION_FAILED',
      { bioTranslation: 'Hola', bioTranslationLanguage: 'es' },
    ],
    ['a control character', 'CONTROL_CHARACTER', { bioTranslation: 'Line\u0007bell' }],
  ])('refuses %s with 400 %s, at registration and in PATCH', async (_what, code, change) => {
    const reg = await t.app.inject({ method: 'POST', url: '/api/participants', payload: person(change) });
    expect([reg.statusCode, reg.json().code]).toEqual([400, code]);
    expect(reg.json().details?.[0]?.field).toMatch(/^bioTranslation/);
    const { sid } = await register(t.app);
    const res = await as(t.app, sid)({ method: 'PATCH', url: '/api/me', payload: change });
    expect([res.statusCode, res.json().code]).toEqual([400, code]);
  });

  it('keeps line breaks, as in the bio', async () => {
    const { participant } = await register(t.app, { bioTranslation: '第一段。\n第二段。' });
    expect(participant.bioTranslation).toBe('第一段。\n第二段。');
  });
});

describe('matching reads both texts', () => {
  it('finds the words a Chinese bio’s English version shares with an English bio', async () => {
    const zhBio = '天然药物与保健食品企业，寻求欧洲市场准入。';
    const enBio =
      'Natural medicines and health foods from Yunnan medicinal plants; clinical research partners.';
    const europe = await register(t.app, {
      ...LUCIA,
      bio: 'Clinical research on natural medicines and medicinal plants; health foods laboratory.',
    });
    const plain = await register(
      t.app,
      yantaiPerson('wu.plain@yunnan.example', {
        sectors: ['food-nutrition'],
        offers: ['pilot-project'],
        bio: zhBio,
      }),
    );
    const both = await register(
      t.app,
      yantaiPerson('wu.both@yunnan.example', {
        sectors: ['food-nutrition'],
        offers: ['pilot-project'],
        bio: zhBio,
        bioTranslation: enBio,
      }),
    );
    const list = (await as(t.app, europe.sid)({ method: 'GET', url: '/api/matches' })).json().matches as {
      participant: { id: string };
      components: { bio: number };
      reasons: { code: string; text: string }[];
    }[];
    const of = (id: string) => list.find((m) => m.participant.id === id)!;
    // Only words in the same language are compared: the English version is what Lucía's bio meets.
    const similar = of(both.participant.id).reasons.find((r) => r.code === 'SIMILAR_DESCRIPTIONS');
    expect(similar?.text).toMatch(/medicinal/);
    expect(of(plain.participant.id).reasons.map((r) => r.code)).not.toContain('SIMILAR_DESCRIPTIONS');
  });

  it('reads a sector from the translation when the bio does not name it', async () => {
    const me = await register(t.app, { ...LUCIA, sectors: ['precision-agriculture'], bio: '' });
    const chen = (email: string, bioTranslation: string) =>
      register(
        t.app,
        yantaiPerson(email, { sectors: ['smart-city'], bio: '为山东果园提供服务。', bioTranslation }),
      );
    const both = await chen('chen@jiaodong.example', 'Drones and sensors for precision agriculture.');
    const plain = await chen('chen.plain@jiaodong.example', '');
    const matches = (await as(t.app, me.sid)({ method: 'GET', url: '/api/matches' })).json().matches as {
      participant: { id: string };
      components: { sectors: number };
    }[];
    const sectors = (id: string) => matches.find((m) => m.participant.id === id)?.components.sectors;
    expect(sectors(both.participant.id)).toBeGreaterThan(0);
    expect(sectors(plain.participant.id) ?? 0).toBe(0);
  });
});
