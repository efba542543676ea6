/**
 * The demo on a first start: its people have a meeting booked in the coming days, one going on now,
 * a webinar ahead and a published event schedule; and seeding mails nobody.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, seedDemo } from '../../src/db/seed';
import { DAY_MS, localClock } from '../../src/domain/time';
import { createTestStore, type TestStore } from '../helpers/store';

// A Friday evening in Europe: "the next working day" is Monday, across the weekend.
const NOW = Date.parse('2027-05-14T17:03:00Z');

describe('demo seed', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore();
  });
  afterEach(async () => {
    await store.close();
  });

  async function sessionsOf(email: string) {
    return store.rows<{
      kind: string;
      start_at: number;
      end_at: number;
      live_at: number | null;
      event_id: string | null;
    }>(
      sql`select s.kind, s.start_at, s.end_at, s.live_at, s.event_id from sessions s
          join session_people sp on sp.session_id = s.id
          join participants p on p.id = sp.participant_id
          where p.email = ${email} and s.status = 'confirmed' order by s.start_at`,
    );
  }

  it('gives Lucía and Li Na a booked meeting, a live one and a webinar, and mails nobody', async () => {
    expect(await seedDemo(store.db, NOW)).toBe(DEMO_PEOPLE.length);
    for (const email of ['lucia.fernandez@pts-granada.example', 'li.na@kangmei-demo.example']) {
      const mine = (await sessionsOf(email)).map((s) => ({
        ...s,
        start_at: Number(s.start_at),
        end_at: Number(s.end_at),
      }));
      const live = mine.find((s) => s.start_at <= NOW && NOW < s.end_at);
      expect(live?.live_at, 'going on now').not.toBeNull();
      const booked = mine.find((s) => s.kind === 'meeting' && s.start_at > NOW && !s.event_id);
      // The next working day (Monday), 09:30 in Granada: afternoon in Kunming.
      expect(localClock(booked!.start_at, 'Europe/Madrid')).toMatchObject({
        weekday: 1,
        minutes: 9 * 60 + 30,
      });
      expect(booked!.start_at - NOW).toBeLessThan(4 * DAY_MS);
      expect(mine.some((s) => s.kind === 'webinar' && s.start_at > NOW)).toBe(true);
      expect(
        mine.some((s) => s.event_id),
        'a meeting at the published event',
      ).toBe(true);
    }
    const [event] = await store.rows<{ published_at: number | null }>(sql`select published_at from events`);
    expect(event?.published_at).not.toBeNull();
    const placed = await store.rows<{ n: number }>(
      sql`select count(*) as n from event_meetings where session_id is not null`,
    );
    expect(Number(placed[0]?.n)).toBeGreaterThan(20);
    const mails = await store.rows<{ n: number }>(sql`select count(*) as n from outbox`);
    expect(Number(mails[0]?.n)).toBe(0);
    // No one is in two event meetings at once, and no slot holds more than the room limit.
    const clashes = await store.rows(
      sql`select sp.participant_id from session_people sp join sessions s on s.id = sp.session_id
          where s.status = 'confirmed' group by sp.participant_id, s.start_at having count(*) > 1`,
    );
    expect(clashes).toEqual([]);
  });

  it('gives every demo person a bio in English and Chinese, the translation in the other one', async () => {
    await seedDemo(store.db, NOW);
    const rows = await store.rows<{ bio: string; bio_translation: string; bio_translation_language: string }>(
      sql`select bio, bio_translation, bio_translation_language from participants`,
    );
    expect(rows).toHaveLength(DEMO_PEOPLE.length);
    const chinese = /[\u4e00-\u9fff]/;
    for (const r of rows) {
      expect(r.bio_translation, r.bio).not.toBe('');
      expect(r.bio_translation_language, r.bio).toBe(chinese.test(r.bio) ? 'en' : 'zh');
      expect(chinese.test(r.bio_translation), r.bio_translation).toBe(r.bio_translation_language === 'zh');
    }
  });

  it('seeds once', async () => {
    await seedDemo(store.db, NOW);
    expect(await seedDemo(store.db, NOW)).toBe(0);
  });
});
