/** The demo data gives the impact report a story on first start: the programme's pilots as projects. */
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed';
import { as, makeTestApp, register, type TestApp, testClock } from '../helpers/app';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('demo projects and meetings', () => {
  it('fill the report with the pilots, their partners and the meetings they grew from', async () => {
    t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z') });
    await seedDemo(t.db.db, t.clock());
    const org = await register(t.app, { email: 'organizer@twinning.test', name: 'Programme office' });
    const r = (await as(t.app, org.sid)({ method: 'GET', url: '/api/admin/impact' })).json();
    expect(r.funnel.projects).toBe(8);
    expect(r.funnel.meetingsHeld).toBeGreaterThanOrEqual(13);
    expect(r.funnel.noShows).toBe(1); // Riviera MedTech waited alone in the lobby in June 2020
    expect(r.funnel.pilots).toBeGreaterThanOrEqual(5);
    expect(r.projectsByStage).toMatchObject({ idea: 1, proposal: 1, running: 5, completed: 1 });
    expect(r.overTime.map((m: { month: string }) => m.month)).toContain('2018-11');
    const list = (await as(t.app, org.sid)({ method: 'GET', url: '/api/projects' })).json().projects;
    const wine = list.find(
      (p: { title: string }) => p.title === 'Sino-Italian Institute of Vine and Wine Science',
    );
    expect(wine.partners.map((p: { organisation: string }) => p.organisation).sort()).toEqual([
      'Tuscia University — Department of Agriculture and Forest Sciences',
      'Yantai University 烟台大学',
    ]);
    expect(wine.stages.map((s: { stage: string }) => s.stage)).toEqual(['idea', 'proposal']);
    expect(wine.sessions).toHaveLength(1);
  });
});
