/**
 * Reminders with 10,000 sessions starting in the same hour (on the quarter hours: 2,500 sessions,
 * 5,000 people at each), both reminders (a day and 15 minutes before). The job is run as the
 * server runs it, a pass every AFTER_MEETING_POLL_MS (10 s) of a simulated clock; a reminder's
 * delay is how long after its due time the pass that queued it ended (the wait for the next pass
 * plus that pass's real work), and then the outbox delivers each quarter hour's batch to an SMTP
 * server on loopback. Baseline: queueing the same number of mails with plain `queueMail` in one
 * transaction, in the same run.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config';
import { createTestDb } from '../src/db/client';
import { OutboxWorker, queueMail } from '../src/mail/outbox';
import { createSmtpSender } from '../src/mail/transport';
import { createServiceContext } from '../src/services/context';
import { createRemindersService } from '../src/services/reminders.service';
import type { Row } from './run';

const SESSIONS = 10_000;
const QUARTERS = 4;
const PAIRS = SESSIONS / QUARTERS;
const POLL_MS = 10_000;
const HOUR = Date.parse('2027-05-12T08:00:00Z');

async function smtpServer() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      stream.resume();
      stream.on('end', () => {
        received++;
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () => received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function populate(db: ReturnType<typeof createTestDb>): void {
  const now = HOUR - 7 * 86_400_000;
  const person = db.sqlite.prepare(
    `insert into participants (id, email, name, organisation, city, country, side, time_zone, locale, confirmed_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const session = db.sqlite.prepare(
    `insert into sessions (id, kind, title, description, start_at, end_at, status, sequence, uid, video_room, created_at, updated_at)
     values (?, 'meeting', ?, '', ?, ?, 'confirmed', 0, ?, 'room', ?, ?)`,
  );
  const member = db.sqlite.prepare(
    `insert into session_people (session_id, participant_id, role, partstat, start_at, end_at, active)
     values (?, ?, 'host', 'ACCEPTED', ?, ?, 1)`,
  );
  db.sqlite.transaction(() => {
    for (let i = 0; i < PAIRS; i++) {
      person.run(
        `r${i}`,
        `r${i}@lazio.example`,
        `Giulia ${i}`,
        'Lazio Innova',
        'Rome',
        'IT',
        'eu',
        'Europe/Rome',
        'en',
        now,
        now,
        now,
      );
      person.run(
        `y${i}`,
        `y${i}@ytu.example`,
        `王磊 ${i}`,
        '烟台大学',
        'Yantai',
        'CN',
        'cn',
        'Asia/Shanghai',
        'zh',
        now,
        now,
        now,
      );
    }
    for (let q = 0; q < QUARTERS; q++) {
      const start = HOUR + q * 15 * 60_000;
      for (let i = 0; i < PAIRS; i++) {
        const id = `s${q}-${i}`;
        session.run(
          id,
          'Lazio Innova · Yantai University',
          start,
          start + 15 * 60_000,
          `${id}@bench`,
          now,
          now,
        );
        member.run(id, `r${i}`, start, start + 15 * 60_000);
        member.run(id, `y${i}`, start, start + 15 * 60_000);
      }
    }
  })();
}

export async function benchReminders(): Promise<Row[]> {
  const db = createTestDb();
  populate(db);
  const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://twinning.example' });
  let simNow = 0;
  const ctx = createServiceContext(
    db.db,
    config,
    () => simNow,
    () => {},
  );
  const reminders = createRemindersService(ctx);

  let maxDelayMs = 0;
  let queued = 0;
  let longestPassMs = 0;
  let biggestBatch = 0;
  // A pass every 10 s through each hour in which reminders fall due, starting at a random phase.
  for (const offsetMin of config.reminderMinutes) {
    const first = HOUR - offsetMin * 60_000;
    let last = first - POLL_MS - 3_700;
    for (simNow = last + POLL_MS; simNow <= first + 60 * 60_000; simNow += POLL_MS) {
      const t0 = performance.now();
      const r = await reminders.pass(last, simNow);
      const took = performance.now() - t0;
      last = simNow;
      if (!r.queued) continue;
      queued += r.queued;
      longestPassMs = Math.max(longestPassMs, took);
      biggestBatch = Math.max(biggestBatch, r.queued);
      // The earliest due time among those queued: a quarter hour's start minus the offset.
      const due = Math.floor((simNow - (HOUR - offsetMin * 60_000)) / (15 * 60_000)) * 15 * 60_000 + first;
      maxDelayMs = Math.max(maxDelayMs, simNow - due + took);
    }
  }

  // Delivery of one quarter hour's batch (the last one queued), by the outbox, to SMTP on loopback.
  const smtp = await smtpServer();
  db.sqlite
    .prepare("update outbox set status = 'sent' where status = 'pending' and created_at < ?")
    .run(simNow - 20 * 60_000);
  const batch = (
    db.sqlite.prepare("select count(*) as n from outbox where status = 'pending'").get() as { n: number }
  ).n;
  const worker = new OutboxWorker({
    db: db.db,
    sender: createSmtpSender(smtp.url),
    from: 'Twinning <no-reply@twinning.example>',
    clock: () => simNow,
    retrySeconds: 30,
    pollMs: 50,
    log: { warn: () => {}, error: () => {} },
  });
  const t0 = performance.now();
  worker.start();
  while (smtp.count() < batch) await new Promise((r) => setTimeout(r, 20));
  const deliverMs = performance.now() - t0;
  await worker.stop();
  await smtp.close();

  // Baseline: queueing as many mails with plain queueMail in one transaction.
  const base = createTestDb();
  const b0 = performance.now();
  await base.db.write(async () => {
    for (let i = 0; i < biggestBatch; i++) {
      await queueMail(
        base.db,
        { kind: 'x', to: { name: 'x', address: `x${i}@example.org` }, subject: 's', text: 't', html: 'h' },
        0,
        'twinning.example',
      );
    }
  });
  const baselineMs = performance.now() - b0;
  base.close();
  db.close();

  const worst = maxDelayMs + deliverMs;
  return [
    {
      benchmark: 'reminders: queued per 10,000 sessions in one hour',
      figure: `${queued} mails`,
      baseline: `${SESSIONS * 2 * config.reminderMinutes.length} owed`,
      ratio: (queued / (SESSIONS * 2 * config.reminderMinutes.length)).toFixed(2),
      note: 'each reminder once, both offsets',
    },
    {
      benchmark: 'reminders: largest pass (one quarter hour)',
      figure: `${biggestBatch} mails in ${longestPassMs.toFixed(0)} ms`,
      baseline: `plain queueMail ${baselineMs.toFixed(0)} ms`,
      ratio: (longestPassMs / baselineMs).toFixed(2),
    },
    {
      benchmark: 'reminders: latest queued after its time',
      figure: `${(maxDelayMs / 1000).toFixed(1)} s`,
      baseline: '60 s',
      ratio: (maxDelayMs / 60_000).toFixed(2),
      note: `poll ${POLL_MS / 1000} s + pass`,
    },
    {
      benchmark: 'reminders: latest delivered (SMTP loopback) after its time',
      figure: `${(worst / 1000).toFixed(1)} s`,
      baseline: '60 s',
      ratio: (worst / 60_000).toFixed(2),
      note: `batch of ${batch} delivered in ${(deliverMs / 1000).toFixed(1)} s; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
    },
  ];
}
