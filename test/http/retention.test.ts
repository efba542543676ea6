/**
 * The retention job with an injected clock: chat lines older than RETENTION_DAYS go, a person's
 * comings and goings in an old session fold into one stay (present/absent and first arrival to
 * last departure stay), sent mail keeps its row but loses its body; newer things are untouched; a
 * run happens once a day however many instances look.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { runIfDue, startRetentionJob } from '../../src/services/retention';
import {
  as,
  bookMeeting,
  connect,
  makeTestApp,
  register,
  romeYantaiNice,
  type TestApp,
  testClock,
} from '../helpers/app';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const DAY = 24 * 3600_000;
const at = (iso: string) => Date.parse(iso);

async function seed() {
  const { rome, yantai } = await romeYantaiNice(t.app);
  await connect(t.app, rome, yantai);
  const s = (await bookMeeting(t.app, rome.sid, yantai.participant.id, '2027-05-10T08:15:00Z')).json();
  const r = rome.participant.id;
  const y = yantai.participant.id;
  // An old meeting's chat and stays (May 2027), and a recent line (a year later).
  await t.db.rows(sql`INSERT INTO lobby_chat (id, session_id, participant_id, from_name, text, at) VALUES
    ('old-1', ${s.id}, ${r}, 'Giulia Conti', 'Old line', ${at('2027-05-10T08:16:00Z')}),
    ('new-1', ${s.id}, ${y}, '王磊', 'New line', ${at('2028-05-01T08:00:00Z')})`);
  await t.db.rows(sql`INSERT INTO lobby_attendance (session_id, participant_id, joined_at, admitted_at, left_at) VALUES
    (${s.id}, ${r}, ${at('2027-05-10T08:10:00Z')}, ${at('2027-05-10T08:10:00Z')}, ${at('2027-05-10T08:20:00Z')}),
    (${s.id}, ${r}, ${at('2027-05-10T08:25:00Z')}, ${at('2027-05-10T08:25:00Z')}, ${at('2027-05-10T08:45:00Z')}),
    (${s.id}, ${y}, ${at('2027-05-10T08:14:00Z')}, ${at('2027-05-10T08:14:00Z')}, ${at('2027-05-10T08:44:00Z')})`);
  // Every mail queued so far was "sent" in May 2027; one more is sent a year later.
  await t.db.rows(sql`UPDATE outbox SET status = 'sent', sent_at = created_at`);
  await t.db.rows(sql`INSERT INTO outbox (id, message_id, kind, to_address, subject, text, html, status, next_attempt_at, created_at, sent_at)
    VALUES ('recent', '<recent@t>', 'welcome', 'x@example.org', 'Hello', 'Recent body', '<p>Recent body</p>', 'sent', 0, ${at('2028-05-01T00:00:00Z')}, ${at('2028-05-01T00:00:00Z')})`);
  return { sessionId: s.id, r, y };
}

describe('retention (RETENTION_DAYS)', () => {
  it('removes what is older than the setting, once a day, and keeps what reports need', async () => {
    t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z'), env: { RETENTION_DAYS: '365' } });
    const { sessionId, r, y } = await seed();
    const db = t.app.db;

    // A year and a day after the meeting: the May 2027 things are older than 365 days.
    const now = at('2028-05-11T12:00:00Z');
    const report = await runIfDue(db, now, t.config.retentionDays);
    expect(report).toMatchObject({ chatLines: 1, stays: 1 });
    expect(report!.mailBodies).toBeGreaterThan(3);
    expect(report!.cutoff).toBe('2027-05-12T12:00:00.000Z');

    expect(
      (await t.db.rows<{ id: string }>(sql`SELECT id FROM lobby_chat ORDER BY id`)).map((c) => c.id),
    ).toEqual(['new-1']);
    const stays = await t.db.rows<{ participant_id: string; joined_at: number; left_at: number }>(
      sql`SELECT participant_id, joined_at, left_at FROM lobby_attendance WHERE session_id = ${sessionId} ORDER BY joined_at`,
    );
    expect(stays.map((s) => [s.participant_id, Number(s.joined_at), Number(s.left_at)])).toEqual([
      [r, at('2027-05-10T08:10:00Z'), at('2027-05-10T08:45:00Z')],
      [y, at('2027-05-10T08:14:00Z'), at('2027-05-10T08:44:00Z')],
    ]);
    const mails = await t.db.rows<{
      id: string;
      text: string;
      html: string;
      subject: string;
      to_address: string;
    }>(sql`SELECT id, text, html, subject, to_address FROM outbox`);
    expect(mails.filter((m) => m.id !== 'recent').every((m) => m.text === '' && m.html === '')).toBe(true);
    // The row says what was sent to whom, when: only the body went.
    expect(mails.filter((m) => m.id !== 'recent').every((m) => m.subject !== '' && m.to_address !== '')).toBe(
      true,
    );
    expect(mails.find((m) => m.id === 'recent')).toMatchObject({ text: 'Recent body' });

    // The organizer's attendance report still says both were there.
    const org = await register(t.app, {
      email: 'organizer@twinning.test',
      name: 'Programme office',
    });
    const attendance = await as(
      t.app,
      org.sid,
    )({ method: 'GET', url: `/api/sessions/${sessionId}/attendance` });
    expect(attendance.statusCode, attendance.body).toBe(200);
    expect(attendance.body).toContain(r);
    expect(attendance.body).toContain(y);

    // Once a day: an hour later nothing runs; a day later it runs (and finds nothing new).
    expect(await runIfDue(db, now + 3600_000, 365)).toBeNull();
    expect(await runIfDue(db, now + DAY, 365)).toMatchObject({ chatLines: 0, stays: 0, mailBodies: 0 });
  });

  it('runs once when several instances look at the same moment', async () => {
    t = await makeTestApp({ clock: testClock('2027-05-10T06:00:00Z') });
    await seed();
    const now = at('2028-05-11T12:00:00Z');
    const runs = await Promise.all([1, 2, 3].map(() => runIfDue(t.app.db, now, 365)));
    expect(runs.filter((x) => x !== null)).toHaveLength(1);
  });

  it('is a job on the injected clock that stops cleanly', async () => {
    const clock = testClock('2027-05-10T06:00:00Z');
    t = await makeTestApp({ clock });
    await seed();
    const lines: string[] = [];
    const job = startRetentionJob({
      db: t.app.db,
      clock: t.app.services.clock,
      days: 30,
      log: { info: (_o, m) => lines.push(m), error: (_o, m) => lines.push(`error: ${m}`) },
      checkEveryMs: 60_000,
    });
    // On the meeting's own day nothing is 30 days old.
    expect(await job.tick()).toMatchObject({ chatLines: 0, stays: 0 });
    clock.set('2027-06-20T00:00:00Z');
    expect(await job.tick()).toMatchObject({ chatLines: 1, stays: 1 });
    await job.stop();
    expect(await job.tick()).toBeNull();
    expect(lines).toEqual(['retention: removed expired data', 'retention: removed expired data']);
  });

  it('is shown to anyone on GET /api/privacy', async () => {
    t = await makeTestApp({ env: { RETENTION_DAYS: '90' } });
    const res = await t.app.inject({ method: 'GET', url: '/api/privacy' });
    expect(res.json()).toEqual({ retentionDays: 90 });
  });
});
