import { afterEach, describe, expect, it } from 'vitest';
import { as, makeTestApp, register, type TestApp } from '../helpers/app';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

/** A small population where the right order is obvious. */
async function population() {
  t = await makeTestApp();
  const granada = await register(t.app, {
    name: 'Lucía Fernández',
    organisation: 'PTS Granada',
    city: 'Granada',
    country: 'ES',
    timeZone: 'Europe/Madrid',
    languages: ['es', 'en'],
    sectors: ['biotechnology', 'biomedicine'],
    offers: ['technology-transfer', 'research-partnership'],
    seeks: ['investment', 'market-entry'],
    bio: 'Health sciences technology park with biotech companies and a university hospital.',
  });
  const kunming = await register(t.app, {
    name: 'Li Wei',
    organisation: 'Kunming Biotech Town',
    city: 'Kunming',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    languages: ['zh', 'en'],
    sectors: ['biotechnology', 'biomedicine'],
    offers: ['investment', 'market-entry'],
    seeks: ['technology-transfer'],
    bio: 'Biotech companies cluster near the university hospital; health sciences.',
  });
  const yantaiWine = await register(t.app, {
    name: 'Zhang Min',
    organisation: 'Changyu',
    city: 'Yantai',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    languages: ['zh'],
    sectors: ['wine-viticulture', 'biotechnology'],
    offers: ['joint-event'],
    seeks: ['capacity-building'],
  });
  const liuzhouCity = await register(t.app, {
    name: 'Wang Fang',
    organisation: 'Liuzhou city office',
    city: 'Liuzhou',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    languages: ['zh', 'en'],
    sectors: ['smart-city'],
    offers: ['pilot-project'],
    seeks: ['capacity-building'],
  });
  const nice = await register(t.app, {
    name: 'Claire Martin',
    organisation: 'Nice Côte d’Azur',
    city: 'Nice',
    country: 'FR',
    timeZone: 'Europe/Paris',
    languages: ['fr', 'en'],
    sectors: ['biotechnology'],
    offers: ['investment'],
    seeks: ['technology-transfer'],
  });
  return { granada, kunming, yantaiWine, liuzhouCity, nice };
}

const matchesOf = async (sid: string, query = '') => {
  const res = await as(t.app, sid)({ method: 'GET', url: `/api/matches${query}` });
  return res;
};

describe('GET /api/matches', () => {
  it('ranks the obvious counterpart first, only from the other side, with reasons', async () => {
    const p = await population();
    const res = await matchesOf(p.granada.sid);
    expect(res.statusCode).toBe(200);
    const { matches } = res.json();
    const ids = matches.map((m: { participant: { id: string } }) => m.participant.id);
    expect(ids[0]).toBe(p.kunming.participant.id);
    expect(ids).toContain(p.yantaiWine.participant.id); // shares biotechnology
    expect(ids).not.toContain(p.nice.participant.id); // same side
    expect(ids).not.toContain(p.liuzhouCity.participant.id); // shares nothing
    for (const m of matches) {
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
    const scores = matches.map((m: { score: number }) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const top = matches[0];
    const codes = top.reasons.map((r: { code: string }) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'THEY_SEEK_WHAT_YOU_OFFER',
        'THEY_OFFER_WHAT_YOU_SEEK',
        'SHARED_SECTORS',
        'SHARED_LANGUAGE',
      ]),
    );
    const texts = top.reasons.map((r: { text: string }) => r.text);
    expect(texts).toContain('they seek technology transfer, which you offer');
    expect(texts).toContain('you share English');
    // 2027-05-10 is in summer time: Granada 09:00–12:00 is Kunming 15:00–18:00.
    expect(texts).toContain('your working days overlap 3 h (09:00–12:00 in Granada, 15:00–18:00 in Kunming)');
    expect(top.overlapMinutesPerWeek).toBe(5 * 180);

    const wine = matches.find(
      (m: { participant: { id: string } }) => m.participant.id === p.yantaiWine.participant.id,
    );
    expect(wine.reasons.map((r: { code: string }) => r.code)).toContain('NO_COMMON_LANGUAGE');
    expect(wine.participant.email).toBeUndefined();
  });

  it('speaks the viewer’s language, or the one asked for', async () => {
    const p = await population();
    await as(t.app, p.kunming.sid)({ method: 'PATCH', url: '/api/me', payload: { locale: 'zh' } });
    const zh = (await matchesOf(p.kunming.sid)).json().matches[0];
    expect(zh.participant.id).toBe(p.granada.participant.id);
    expect(zh.reasons.map((r: { text: string }) => r.text)).toContain(
      '对方希望获得投资、市场进入与软着陆，正是您所提供的',
    );
    const en = (await matchesOf(p.kunming.sid, '?lang=en')).json().matches[0];
    expect(en.reasons[0].text).toMatch(/^they /);
  });

  it('filters by sector, interest, city, country and language', async () => {
    const p = await population();
    const ids = async (q: string) =>
      (await matchesOf(p.granada.sid, q))
        .json()
        .matches.map((m: { participant: { id: string } }) => m.participant.id);
    expect(await ids('?city=yantai')).toEqual([p.yantaiWine.participant.id]);
    expect(await ids('?sector=wine-viticulture')).toEqual([p.yantaiWine.participant.id]);
    expect(await ids('?interest=investment')).toEqual([p.kunming.participant.id]);
    expect(await ids('?language=en')).toEqual([p.kunming.participant.id]);
    expect(await ids('?country=CN')).toHaveLength(2);
    expect(await ids('?country=FR')).toEqual([]);
  });

  it('follows profile changes at once', async () => {
    const p = await population();
    await as(
      t.app,
      p.liuzhouCity.sid,
    )({
      method: 'PATCH',
      url: '/api/me',
      payload: { sectors: ['biomedicine'], seeks: ['technology-transfer', 'research-partnership'] },
    });
    const ids = (await matchesOf(p.granada.sid))
      .json()
      .matches.map((m: { participant: { id: string } }) => m.participant.id);
    expect(ids).toContain(p.liuzhouCity.participant.id);
    const late = await register(t.app, {
      city: 'Kunming',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['en'],
      sectors: ['biomedicine'],
      offers: ['investment'],
      seeks: ['technology-transfer'],
    });
    const again = (await matchesOf(p.granada.sid))
      .json()
      .matches.map((m: { participant: { id: string } }) => m.participant.id);
    expect(again).toContain(late.participant.id);
  });

  it('hides someone both ways, and shows them again', async () => {
    const p = await population();
    const hide = await as(
      t.app,
      p.granada.sid,
    )({
      method: 'POST',
      url: '/api/matches/hidden',
      payload: { participantId: p.kunming.participant.id },
    });
    expect(hide.statusCode).toBe(204);
    const mine = (await matchesOf(p.granada.sid))
      .json()
      .matches.map((m: { participant: { id: string } }) => m.participant.id);
    expect(mine).not.toContain(p.kunming.participant.id);
    const theirs = (await matchesOf(p.kunming.sid))
      .json()
      .matches.map((m: { participant: { id: string } }) => m.participant.id);
    expect(theirs).not.toContain(p.granada.participant.id);
    const list = await as(t.app, p.granada.sid)({ method: 'GET', url: '/api/matches/hidden' });
    expect(list.json().hidden.map((h: { id: string }) => h.id)).toEqual([p.kunming.participant.id]);
    const self = await as(
      t.app,
      p.granada.sid,
    )({
      method: 'POST',
      url: '/api/matches/hidden',
      payload: { participantId: p.granada.participant.id },
    });
    expect(self.json().code).toBe('CANNOT_HIDE_SELF');
    const unknown = await as(
      t.app,
      p.granada.sid,
    )({
      method: 'POST',
      url: '/api/matches/hidden',
      payload: { participantId: 'nobody' },
    });
    expect(unknown.statusCode).toBe(404);
    const show = await as(
      t.app,
      p.granada.sid,
    )({ method: 'DELETE', url: `/api/matches/hidden/${p.kunming.participant.id}` });
    expect(show.statusCode).toBe(204);
    const back = (await matchesOf(p.granada.sid))
      .json()
      .matches.map((m: { participant: { id: string } }) => m.participant.id);
    expect(back[0]).toBe(p.kunming.participant.id);
  });

  it('lets an organizer allow same-side matching', async () => {
    const p = await population();
    const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
    expect(
      (
        await as(
          t.app,
          p.granada.sid,
        )({ method: 'PUT', url: '/api/admin/settings/matching', payload: { sameSide: true } })
      ).statusCode,
    ).toBe(403);
    // Who asks is settled before what they send: a bad body from a participant is still a 403.
    const bad = await as(
      t.app,
      p.granada.sid,
    )({ method: 'PUT', url: '/api/admin/settings/matching', payload: { sameSide: 'yes', extra: 1 } });
    expect([bad.statusCode, bad.json().code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/settings/matching',
      payload: { sameSide: 'yes' },
    });
    expect(anonymous.statusCode).toBe(401);
    const put = await as(
      t.app,
      org.sid,
    )({ method: 'PUT', url: '/api/admin/settings/matching', payload: { sameSide: true } });
    expect(put.json()).toEqual({ sameSide: true });
    const ids = (await matchesOf(p.granada.sid))
      .json()
      .matches.map((m: { participant: { id: string } }) => m.participant.id);
    expect(ids).toContain(p.nice.participant.id);
    expect(ids).not.toContain(org.participant.id); // organizers are not counterparts
  });

  it('refuses a limit outside 1–100 and needs a sign-in', async () => {
    const p = await population();
    for (const q of ['?limit=0', '?limit=101', '?limit=abc', '?limit=-1', '?limit=2.5']) {
      const res = await matchesOf(p.granada.sid, q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code, q).toBe('INVALID_LIMIT');
    }
    expect((await matchesOf(p.granada.sid, '?limit=1')).json().matches).toHaveLength(1);
    expect((await matchesOf(p.granada.sid, '?limit=100')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/matches' })).statusCode).toBe(401);
  });
});
