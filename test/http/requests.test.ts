import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpSender } from '../../src/mail/transport';
import { as, makeTestApp, register, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

let smtp: TestSmtp;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(async () => {
  await t?.close();
});

async function twoPeople(env: Record<string, string> = {}) {
  t = await makeTestApp({ env, mailSender: createSmtpSender(smtp.url) });
  const rome = await register(t.app, {
    name: 'Giulia Conti',
    email: `giulia.${Date.now()}@lazio.example`,
    locale: 'en',
  });
  const yantai = await register(t.app, {
    name: '王磊',
    email: `wang.${Date.now()}@ytu.example`,
    organisation: 'Yantai University',
    city: 'Yantai',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    languages: ['zh', 'en'],
    locale: 'zh',
    sectors: ['smart-city'],
    offers: ['pilot-project'],
    seeks: ['technology-transfer'],
  });
  return { rome, yantai };
}

const countRequests = async () =>
  (await t.db.rows<{ n: number }>(sql`select cast(count(*) as integer) as n from meeting_requests`))[0]!.n;

describe('meeting requests', () => {
  it('request, mail, accept, mail back: end to end over SMTP', async () => {
    const { rome, yantai } = await twoPeople();
    const sent = await as(
      t.app,
      rome.sid,
    )({
      method: 'POST',
      url: '/api/meeting-requests',
      payload: { to: yantai.participant.id, message: 'Shall we talk about the smart-city pilot?' },
    });
    expect(sent.statusCode).toBe(201);
    const req = sent.json();
    expect(req.status).toBe('pending');
    expect(req.id).toEqual(expect.any(String));

    const mail = await smtp.waitFor(
      (m) => m.to.includes(yantai.participant.email) && /会面/.test(m.parsed.subject ?? ''),
    );
    expect(mail.parsed.subject).toBe(
      'Giulia Conti（Smart City Lab of Rome and Lazio）希望与您会面 · Giulia Conti (Smart City Lab of Rome and Lazio) would like to meet you',
    );
    expect(mail.parsed.text).toContain('Shall we talk about the smart-city pilot?');
    expect(mail.parsed.text).toContain('http://twinning.test/requests');

    const theirs = (await as(t.app, yantai.sid)({ method: 'GET', url: '/api/meeting-requests' })).json();
    expect(theirs.incoming).toHaveLength(1);
    expect(theirs.incoming[0].other.name).toBe('Giulia Conti');
    expect(theirs.outgoing).toHaveLength(0);
    const mine = (await as(t.app, rome.sid)({ method: 'GET', url: '/api/meeting-requests' })).json();
    expect(mine.outgoing[0].id).toBe(req.id);

    // The match list shows who was already asked.
    const m = (await as(t.app, rome.sid)({ method: 'GET', url: '/api/matches' })).json().matches;
    expect(
      m.find((x: { participant: { id: string } }) => x.participant.id === yantai.participant.id).request,
    ).toEqual({
      id: req.id,
      status: 'pending',
      direction: 'outgoing',
    });

    const accepted = await as(
      t.app,
      yantai.sid,
    )({ method: 'POST', url: `/api/meeting-requests/${req.id}/accept` });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    const back = await smtp.waitFor(
      (m) => m.to.includes(rome.participant.email) && /accepted/.test(m.parsed.subject ?? ''),
    );
    expect(back.parsed.subject).toMatch(/^王磊 accepted your meeting request · 王磊 接受了您的会面请求$/);
    expect(back.parsed.text).toContain(`/schedule?with=${yantai.participant.id}`);

    const again = await as(
      t.app,
      yantai.sid,
    )({ method: 'POST', url: `/api/meeting-requests/${req.id}/decline` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('REQUEST_NOT_PENDING');
  });

  it('declines and withdraws', async () => {
    const { rome, yantai } = await twoPeople();
    const a = (
      await as(
        t.app,
        rome.sid,
      )({ method: 'POST', url: '/api/meeting-requests', payload: { to: yantai.participant.id } })
    ).json();
    const d = await as(t.app, yantai.sid)({ method: 'POST', url: `/api/meeting-requests/${a.id}/decline` });
    expect(d.json().status).toBe('declined');
    await smtp.waitFor(
      (m) => m.to.includes(rome.participant.email) && /declined/.test(m.parsed.subject ?? ''),
    );
    // Once answered, a new request may be sent.
    const b = (
      await as(
        t.app,
        rome.sid,
      )({ method: 'POST', url: '/api/meeting-requests', payload: { to: yantai.participant.id } })
    ).json();
    expect(
      (await as(t.app, yantai.sid)({ method: 'POST', url: `/api/meeting-requests/${b.id}/withdraw` })).json()
        .code,
    ).toBe('NOT_REQUEST_SENDER');
    const w = await as(t.app, rome.sid)({ method: 'POST', url: `/api/meeting-requests/${b.id}/withdraw` });
    expect(w.json().status).toBe('withdrawn');
  });

  it('expires requests left unanswered for the configured days', async () => {
    const { rome, yantai } = await twoPeople({ REQUEST_EXPIRY_DAYS: '3' });
    const a = (
      await as(
        t.app,
        rome.sid,
      )({ method: 'POST', url: '/api/meeting-requests', payload: { to: yantai.participant.id } })
    ).json();
    expect(Date.parse(a.expiresAt) - Date.parse(a.createdAt)).toBe(3 * 86_400_000);
    t.clock.advance(3 * 86_400_000 + 1);
    const list = (await as(t.app, yantai.sid)({ method: 'GET', url: '/api/meeting-requests' })).json();
    expect(list.incoming[0].status).toBe('expired');
    const late = await as(t.app, yantai.sid)({ method: 'POST', url: `/api/meeting-requests/${a.id}/accept` });
    expect(late.json().code).toBe('REQUEST_NOT_PENDING');
    // An expired request no longer blocks a new one.
    const fresh = await as(
      t.app,
      rome.sid,
    )({ method: 'POST', url: '/api/meeting-requests', payload: { to: yantai.participant.id } });
    expect(fresh.statusCode).toBe(201);
  });

  it('refuses each bad request with its own code and changes nothing', async () => {
    const { rome, yantai } = await twoPeople({ REQUESTS_PER_DAY: '2' });
    const post = (sid: string, payload: object) =>
      as(t.app, sid)({ method: 'POST', url: '/api/meeting-requests', payload });
    const cases: [string, () => Promise<{ statusCode: number; json(): { code: string } }>, number, string][] =
      [
        ['to oneself', () => post(rome.sid, { to: rome.participant.id }), 422, 'CANNOT_REQUEST_SELF'],
        ['to an unknown id', () => post(rome.sid, { to: 'no-such-person' }), 404, 'PARTICIPANT_NOT_FOUND'],
        [
          'a message too long',
          () => post(rome.sid, { to: yantai.participant.id, message: 'x'.repeat(1001) }),
          422,
          'MESSAGE_TOO_LONG',
        ],
        [
          'a number as message',
          () => post(rome.sid, { to: yantai.participant.id, message: 5 }),
          400,
          'INVALID_TYPE',
        ],
        [
          'an unknown field',
          () => post(rome.sid, { to: yantai.participant.id, when: 'now' }),
          400,
          'UNKNOWN_FIELD',
        ],
        ['no recipient', () => post(rome.sid, {}), 400, 'MISSING_FIELD'],
        [
          'not signed in',
          () =>
            t.app.inject({
              method: 'POST',
              url: '/api/meeting-requests',
              payload: { to: yantai.participant.id },
            }),
          401,
          'NOT_SIGNED_IN',
        ],
      ];
    for (const [name, run, status, code] of cases) {
      const res = await run();
      expect(res.statusCode, name).toBe(status);
      expect(res.json().code, name).toBe(code);
    }
    expect(await countRequests()).toBe(0);

    const first = (await post(rome.sid, { to: yantai.participant.id })).json();
    const dup = await post(rome.sid, { to: yantai.participant.id });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'REQUEST_ALREADY_OPEN']);
    const reverse = await post(yantai.sid, { to: rome.participant.id });
    expect([reverse.statusCode, reverse.json().code]).toEqual([409, 'REQUEST_FROM_THEM_OPEN']);

    const own = await as(
      t.app,
      rome.sid,
    )({ method: 'POST', url: `/api/meeting-requests/${first.id}/accept` });
    expect([own.statusCode, own.json().code]).toEqual([403, 'NOT_REQUEST_RECIPIENT']);
    const stranger = await register(t.app, { email: `s.${Date.now()}@x.example` });
    const other = await as(
      t.app,
      stranger.sid,
    )({ method: 'POST', url: `/api/meeting-requests/${first.id}/accept` });
    expect([other.statusCode, other.json().code]).toEqual([404, 'REQUEST_NOT_FOUND']);
    expect(
      (await as(t.app, stranger.sid)({ method: 'GET', url: `/api/meeting-requests/${first.id}` })).statusCode,
    ).toBe(404);
    const unknown = await as(t.app, yantai.sid)({ method: 'POST', url: '/api/meeting-requests/nope/accept' });
    expect(unknown.json().code).toBe('REQUEST_NOT_FOUND');

    // Hidden by the recipient: refused.
    await as(
      t.app,
      yantai.sid,
    )({ method: 'POST', url: '/api/matches/hidden', payload: { participantId: stranger.participant.id } });
    const blocked = await post(stranger.sid, { to: yantai.participant.id });
    expect([blocked.statusCode, blocked.json().code]).toEqual([403, 'RECIPIENT_UNAVAILABLE']);

    // The daily limit: two a day here.
    const third = await register(t.app, {
      email: `t.${Date.now()}@x.example`,
      country: 'CN',
      city: 'Kunming',
      timeZone: 'Asia/Shanghai',
    });
    expect((await post(rome.sid, { to: third.participant.id })).statusCode).toBe(201);
    const fourth = await register(t.app, { email: `f.${Date.now()}@x.example` });
    const over = await post(rome.sid, { to: fourth.participant.id });
    expect([over.statusCode, over.json().code]).toEqual([429, 'DAILY_LIMIT_REACHED']);
    t.clock.advance(86_400_000);
    expect((await post(rome.sid, { to: fourth.participant.id })).statusCode).toBe(201);
    expect(await countRequests()).toBe(3);
  });

  it('lets exactly one of two racing identical requests through', async () => {
    const { rome, yantai } = await twoPeople();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        as(
          t.app,
          rome.sid,
        )({ method: 'POST', url: '/api/meeting-requests', payload: { to: yantai.participant.id } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
  });
});
