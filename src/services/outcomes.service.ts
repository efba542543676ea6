/**
 * After a meeting: who came (from the lobby), what each person says came of it, the question
 * mailed at its end and the follow-up mailed FOLLOW_UP_DAYS later to those who saw a possibility.
 *
 * The mailed links carry a secret derived (HMAC) from the session, the person and the question, as
 * the invite's Accept links do: nothing to store, nothing to leak from the database. Opening a link
 * shows a page; only its button changes anything, so mail scanners that open links answer nothing.
 */
import * as repo from '../db/after-meeting.repo';
import { FOLLOW_UP_STAGES, OUTCOME_RESULTS } from '../db/schema';
import * as sessionsRepo from '../db/sessions.repo';
import { getOrCreateSetting } from '../db/settings.repo';
import { presentDuring } from '../domain/attendance';
import { DomainError } from '../domain/errors';
import { DAY_MS, MINUTE_MS } from '../domain/time';
import {
  type FollowUpStage,
  followUpQuestionMail,
  type OutcomeResult,
  outcomeQuestionMail,
} from '../mail/templates/outcome';
import { type ServiceContext, write } from './context';
import { loadMailContext, type MailContext } from './mail-context';
import { hmac, randomToken, sameSecret } from './secrets';

export const NOTE_MAX_CHARS = 2000;
/** The question after a meeting goes out within this long of its end, or not at all. */
const ASK_WITHIN_MS = 2 * DAY_MS;
/** The longest a session can last (MAX_DURATION_MINUTES), to search ends by the start index. */
const LONGEST_SESSION_MS = 8 * 60 * MINUTE_MS;

export type Question = 'outcome' | 'follow-up';
/** Signed in, or holding a mailed link's person and token. */
export type Answerer = { viewerId: string } | { participantId: string; token: string };

export interface AfterMeeting {
  attendance: { participantId: string; present: boolean }[];
  outcomes: { participantId: string; result: string | null; stage: string | null; note: string }[];
}

export function createOutcomesService(ctx: ServiceContext) {
  const { db, config } = ctx;

  let key: string | undefined;
  async function linkToken(q: Question, sessionId: string, participantId: string): Promise<string> {
    key ??= await getOrCreateSetting(db, 'outcome_link_key', randomToken);
    return hmac(key, `${q}:${sessionId}:${participantId}`);
  }

  async function linkFor(q: Question, sessionId: string, participantId: string) {
    const token = await linkToken(q, sessionId, participantId);
    const param = q === 'outcome' ? 'result' : 'stage';
    return (answer: string) =>
      `${config.publicUrl}/sessions/${sessionId}/${q}?p=${participantId}&t=${token}&${param}=${answer}`;
  }

  /** Whether a mailed link's person and token belong together for this session and question. */
  async function linkIsValid(q: Question, sessionId: string, participantId: string, token: string) {
    return sameSecret(token, await linkToken(q, sessionId, participantId));
  }

  /** The person answering, after checking the link or that the viewer is one of the meeting. */
  async function answererOf(q: Question, sessionId: string, who: Answerer) {
    const s = await sessionsRepo.findSession(db, sessionId);
    if ('token' in who && !(await linkIsValid(q, sessionId, who.participantId, who.token))) {
      throw new DomainError('INVALID_ANSWER_LINK');
    }
    const participantId = 'viewerId' in who ? who.viewerId : who.participantId;
    if (!s || !(await sessionsRepo.personIn(db, sessionId, participantId))) {
      throw new DomainError('SESSION_NOT_FOUND');
    }
    return { session: s, participantId };
  }

  function mustBeOver(s: sessionsRepo.SessionRow): void {
    if (s.kind !== 'meeting') throw new DomainError('NOT_A_MEETING');
    if (s.status === 'cancelled') throw new DomainError('SESSION_CANCELLED');
    if (s.endAt > ctx.clock()) throw new DomainError('SESSION_NOT_OVER');
  }

  function checkNote(note: string | undefined): string {
    const text = (note ?? '').trim();
    if ([...text].length > NOTE_MAX_CHARS) throw new DomainError('NOTE_TOO_LONG');
    return text;
  }

  async function queueQuestion(
    mc: MailContext,
    q: Question,
    row: { sessionId: string; participantId: string },
  ): Promise<void> {
    const s = mc.session(row.sessionId);
    const me = mc.contact(row.participantId);
    if (!s || !me) return;
    const input = {
      to: me,
      title: s.title,
      startAt: s.startAt,
      endAt: s.endAt,
      others: mc.othersOf(s.id, me.id),
      linkFor: await linkFor(q, s.id, me.id),
    };
    await ctx.queueMail({
      kind: q === 'outcome' ? 'outcome-question' : 'follow-up-question',
      to: { name: me.name, address: me.email },
      participantId: me.id,
      sessionId: s.id,
      ...(q === 'outcome'
        ? outcomeQuestionMail(input)
        : followUpQuestionMail({ ...input, days: config.followUpDays })),
    });
  }

  return {
    linkIsValid,

    /**
     * Mails the question to the people of meetings that ended in `(from, now]` (at most two days
     * back: a question much later than the meeting is not worth asking). Each person is asked once:
     * the claim marks `askedAt` in the same transaction that queues the mail.
     */
    async questionPass(from: number, now: number): Promise<number> {
      const since = Math.max(from, now - ASK_WITHIN_MS);
      const pairs = await repo.meetingsEndedBetween(db, since, now, LONGEST_SESSION_MS);
      if (!pairs.length) return 0;
      const mc = await loadMailContext(
        db,
        pairs.map((p) => p.sessionId),
        pairs.map((p) => p.participantId),
      );
      const asked = await db.write(
        async () => {
          const claimed = await repo.claimQuestions(db, pairs, now);
          // Someone who answered on the session page before the mail went is not asked.
          const open = claimed.filter((r) => r.result === null);
          for (const r of open) await queueQuestion(mc, 'outcome', r);
          return open.length;
        },
        { isolation: 'read committed' },
      );
      if (asked) ctx.mailQueued();
      return asked;
    },

    /** Mails the follow-up to those who answered cooperation-possible FOLLOW_UP_DAYS ago, once. */
    async followUpPass(now: number): Promise<number> {
      if (!(await repo.followUpsWaiting(db, now - config.followUpDays * DAY_MS))) return 0;
      const asked = await db.write(
        async () => {
          const claimed = await repo.claimFollowUps(db, now - config.followUpDays * DAY_MS, now);
          const open = claimed.filter((r) => r.stage === null);
          if (!open.length) return 0;
          const mc = await loadMailContext(
            db,
            open.map((r) => r.sessionId),
            open.map((r) => r.participantId),
          );
          for (const r of open) await queueQuestion(mc, 'follow-up', r);
          return open.length;
        },
        { isolation: 'read committed' },
      );
      if (asked) ctx.mailQueued();
      return asked;
    },

    async answerOutcome(
      sessionId: string,
      who: Answerer,
      body: { result: string; note?: string },
    ): Promise<AfterMeeting> {
      const note = checkNote(body.note);
      if (!(OUTCOME_RESULTS as readonly string[]).includes(body.result))
        throw new DomainError('UNKNOWN_RESULT');
      const result = body.result as OutcomeResult;
      return write(ctx, async () => {
        const { session, participantId } = await answererOf('outcome', sessionId, who);
        mustBeOver(session);
        await repo.saveResult(db, { sessionId, participantId }, { result, note, at: ctx.clock() });
        return (await afterMeeting([session.id], participantId, false)).get(session.id)!;
      });
    },

    async answerFollowUp(
      sessionId: string,
      who: Answerer,
      body: { stage: string; note?: string },
    ): Promise<AfterMeeting> {
      const note = checkNote(body.note);
      if (!(FOLLOW_UP_STAGES as readonly string[]).includes(body.stage))
        throw new DomainError('UNKNOWN_STAGE');
      const stage = body.stage as FollowUpStage;
      return write(ctx, async () => {
        const { session, participantId } = await answererOf('follow-up', sessionId, who);
        mustBeOver(session);
        // Only those who saw cooperation as possible are asked how it went on; any other stage
        // would count in the impact report a cooperation its own author said was not there.
        const mine = await repo.findOutcome(db, sessionId, participantId);
        if (mine?.result !== 'cooperation-possible') throw new DomainError('FOLLOW_UP_NOT_ASKED');
        await repo.saveStage(db, { sessionId, participantId }, { stage, note, at: ctx.clock() });
        return (await afterMeeting([session.id], participantId, false)).get(session.id)!;
      });
    },

    /**
     * What the answer page shows: the meeting, whom it was with, and this person's answers so far.
     * A link that was changed or is someone else's gets INVALID_ANSWER_LINK and shows nothing.
     */
    async question(sessionId: string, q: Question, who: Answerer) {
      const { session, participantId } = await answererOf(q, sessionId, who);
      const mc = await loadMailContext(db, [sessionId], [participantId]);
      const mine = await repo.findOutcome(db, sessionId, participantId);
      return {
        session,
        participantId,
        me: mc.contact(participantId),
        others: mc.othersOf(sessionId, participantId),
        result: mine?.result ?? null,
        note: mine?.note ?? '',
        stage: mine?.stage ?? null,
        stageNote: mine?.stageNote ?? '',
      };
    },

    afterMeeting,
  };

  /**
   * Attendance and answers of the sessions among `ids` that have ended. Present means in the
   * lobby at some moment of the scheduled time. Each person's note is shown to them and to
   * organizers only: it is written for the programme, not for the other side.
   */
  async function afterMeeting(
    ids: string[],
    viewerId: string,
    organizer: boolean,
  ): Promise<Map<string, AfterMeeting>> {
    const now = ctx.clock();
    const { sessions, people } = await repo.sessionsWithPeople(db, ids);
    const ended = sessions.filter((s) => s.endAt <= now && s.status === 'confirmed');
    const out = new Map<string, AfterMeeting>();
    if (!ended.length) return out;
    const endedIds = ended.map((s) => s.id);
    const stays = await repo.staysIn(db, endedIds);
    const outcomes = await repo.outcomesOf(db, endedIds);
    for (const s of ended) {
      const who = people.filter((p) => p.sessionId === s.id);
      out.set(s.id, {
        attendance: who.map((p) => ({
          participantId: p.participantId,
          present: presentDuring(
            stays.filter((x) => x.sessionId === s.id && x.participantId === p.participantId),
            s.startAt,
            s.endAt,
            now,
          ),
        })),
        outcomes: outcomes
          .filter((o) => o.sessionId === s.id && (o.result !== null || o.stage !== null))
          .map((o) => ({
            participantId: o.participantId,
            result: o.result,
            stage: o.stage,
            note: organizer || o.participantId === viewerId ? o.note : '',
          })),
      });
    }
    return out;
  }
}

export type OutcomesService = ReturnType<typeof createOutcomesService>;
