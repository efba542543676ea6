/**
 * `/sessions/:id`: one meeting or webinar. Everyone in it sees when it is in each person's own
 * time, who has answered, the calendar file and the lobby, and answers the invite; hosts and
 * organizers reschedule (on the time axis, or by registrants' coverage for a webinar), rename,
 * cancel, and read who came to the lobby.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, me } from '../api';
import { Feedback, Field, TableWrap } from '../components';
import { ConfirmButton } from '../confirm';
import { clockIn, formatIn } from '../dates';
import { describeError, fieldErrors } from '../errors';
import { listOf, type MessageKey, t } from '../i18n';
import { city } from '../places';
import { isoDateIn } from '../zoned';
import { Attendance } from './attendance';
import { AfterMeetingBox, type AfterMeetingData } from './outcome';
import { RequireSignIn } from './require-sign-in';
import { SessionProposals } from './session-proposals';
import { SlotFinder, when, whenParts } from './slot-finder';
import { TimePicker, type TimeValue, timeValueIso } from './time-picker';
import { AnnounceWebinar } from './webinar-announce';

export interface SessionPerson {
  id: string;
  name: string;
  organisation: string;
  city: string;
  timeZone: string;
  role: 'host' | 'attendee';
  answer: 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';
  localStart: string;
  localEnd: string;
}
export interface SessionDetail extends AfterMeetingData {
  id: string;
  kind: 'meeting' | 'webinar';
  /** A webinar's registrants, counted even when the reader (an attendee) sees only the hosts and themselves. */
  registered?: number;
  title: string;
  description: string;
  start: string;
  end: string;
  status: 'confirmed' | 'cancelled';
  sequence: number;
  lobbyUrl: string;
  icsUrl: string;
  /** Only for hosts and organizers. */
  videoUrl?: string;
  people: SessionPerson[];
}

const ANSWERS = { accept: 'ACCEPTED', tentative: 'TENTATIVE', decline: 'DECLINED' } as const;
/** People listed by name on a webinar's page; the rest are counted. */
const LISTED = 50;

function WebinarSlots(props: { session: SessionDetail; onMoved: (s: SessionDetail) => void }) {
  const [slots, setSlots] = useState<{ start: string; end: string; coverage: number }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const zone = me.value!.timeZone;
  useEffect(() => {
    api<{ slots: { start: string; end: string; coverage: number }[] }>(
      'GET',
      `/api/sessions/${props.session.id}/slots`,
    ).then(
      (r) => setSlots(r.slots),
      (err) => setError(describeError(err)),
    );
  }, [props.session.id]);
  const move = async (start: string) => {
    setError(null);
    try {
      props.onMoved(await api<SessionDetail>('PATCH', `/api/sessions/${props.session.id}`, { start }));
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="webinar-slots">
      <h2 id="webinar-slots">{t('webinarSlotsTitle')}</h2>
      <p class="help">{t('webinarSlotsHelp')}</p>
      <Feedback error={error} />
      {!slots ? (
        !error && <p>{t('loading')}</p>
      ) : slots.length === 0 ? (
        <p>{t('noSlots')}</p>
      ) : (
        <ul class="plain slots">
          {slots.map((s) => (
            <li key={s.start}>
              <span>
                <strong>{when(s.start, s.end, zone)}</strong>{' '}
                <span class="tag">{t('coverage', { n: String(Math.round(s.coverage * 100)) })}</span>
              </span>
              <button type="button" onClick={() => move(s.start)}>
                {t('moveHere')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Title and video link, each refusal next to its field; what was typed stays on an error. */
function SessionDetailsForm(props: { session: SessionDetail; onSaved: (s: SessionDetail) => void }) {
  const [title, setTitle] = useState(props.session.title);
  const [videoUrl, setVideoUrl] = useState(props.session.videoUrl ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    try {
      const link = videoUrl.trim();
      props.onSaved(
        await api<SessionDetail>('PATCH', `/api/sessions/${props.session.id}`, {
          title,
          ...(link !== (props.session.videoUrl ?? '') ? { videoUrl: link || null } : {}),
        }),
      );
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors(Object.keys(byField).length ? byField : { title: describeError(err) });
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field label={t('sessionTitle')} error={errors.title}>
        {(fid, d) => (
          <input
            id={fid}
            aria-describedby={d}
            value={title}
            maxLength={200}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        )}
      </Field>
      {props.session.videoUrl !== undefined && (
        <Field label={t('videoLink')} help={t('videoLinkHelp')} error={errors.videoUrl}>
          {(fid, d) => (
            <input
              id={fid}
              aria-describedby={d}
              type="url"
              value={videoUrl}
              onInput={(e) => setVideoUrl(e.currentTarget.value)}
            />
          )}
        </Field>
      )}
      <button type="submit" class="secondary">
        {t('save')}
      </button>
    </form>
  );
}

/** Any time typed by hand, in the reader's zone: the server checks hours, holidays and clashes. */
function MoveTo(props: { session: SessionDetail; zone: string; onMoved: (s: SessionDetail) => void }) {
  const s = props.session;
  const [value, setValue] = useState<TimeValue>({
    date: isoDateIn(Date.parse(s.start), props.zone),
    time: clockIn(s.start, props.zone),
  });
  const [duration, setDuration] = useState((Date.parse(s.end) - Date.parse(s.start)) / 60_000);
  const [error, setError] = useState<string | undefined>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    const start = timeValueIso(value, props.zone);
    if (!start) return setError(t('invalidDateTime'));
    try {
      props.onMoved(await api<SessionDetail>('PATCH', `/api/sessions/${s.id}`, { start, duration }));
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <form class="card" aria-labelledby="move-to-title" onSubmit={submit}>
      <h2 id="move-to-title">{t('moveToTime')}</h2>
      <TimePicker value={value} onChange={setValue} zone={props.zone} elsewhere={s.people} error={error} />
      <label>
        {t('duration')}{' '}
        <select value={duration} onChange={(e) => setDuration(Number(e.currentTarget.value))}>
          {[...new Set([15, 30, 45, 60, 90, 120, duration])]
            .sort((a, b) => a - b)
            .map((n) => (
              <option key={n} value={n}>
                {t('minutes', { n: String(n) })}
              </option>
            ))}
        </select>
      </label>{' '}
      <button type="submit">{t('moveHere')}</button>
    </form>
  );
}

export function SessionPage() {
  const { params } = useRoute();
  const { query } = useLocation();
  const id = params.id ?? '';
  const [session, setSession] = useState<SessionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(
    query.booked ? t('booked') : query.created ? t('webinarCreatedNote') : null,
  );
  const [moving, setMoving] = useState(false);
  useEffect(() => {
    if (!me.value) return;
    api<SessionDetail>('GET', `/api/sessions/${encodeURIComponent(id)}`).then(setSession, (err) =>
      setError(describeError(err)),
    );
  }, [id, me.value]);
  if (me.value === undefined) return <p class="card">{t('loading')}</p>;
  if (!me.value) return <RequireSignIn />;
  if (!session) {
    return error ? (
      <section class="card narrow">
        <h1>{t('notFound')}</h1>
        <p class="error" role="alert">
          {error}
        </p>
        <a href="/schedule">{t('navSchedule')}</a>
      </section>
    ) : (
      <p class="card">{t('loading')}</p>
    );
  }
  const mine = me.value;
  const you = session.people.find((p) => p.id === mine.id);
  const canHost = you?.role === 'host' || mine.role === 'organizer';
  const over = Date.parse(session.end) <= Date.now();
  const open = session.status === 'confirmed' && !over;
  // Under way: people come here to get in, not to say whether they will come.
  const running = open && Date.parse(session.start) <= Date.now();
  const hosts = session.people.filter((p) => p.role === 'host');
  const attendees = session.people.filter((p) => p.role === 'attendee');
  const listed = [...hosts, ...attendees.slice(0, LISTED)];
  const registrants = session.registered ?? attendees.length;
  const minutes = (Date.parse(session.end) - Date.parse(session.start)) / 60_000;
  const updated = (s: SessionDetail, message: MessageKey) => {
    setSession(s);
    setMoving(false);
    setNote(t(message));
    setError(null);
  };
  const act = async (run: () => Promise<void>) => {
    setError(null);
    setNote(null);
    try {
      await run();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const answer = (a: keyof typeof ANSWERS) =>
    act(async () => {
      updated(await api<SessionDetail>('POST', `/api/sessions/${id}/rsvp`, { answer: a }), 'answerSaved');
    });
  return (
    <section aria-labelledby="session-title">
      <h1 id="session-title">
        {session.title}{' '}
        <span class="tag">{t(session.kind === 'webinar' ? 'kindWebinar' : 'kindMeeting')}</span>{' '}
        {session.status === 'cancelled' && <span class="tag st-declined">{t('cancelled')}</span>}
        {running && <span class="tag st-accepted">{t('liveNow')}</span>}
      </h1>
      <Feedback note={note} error={error} />
      <div class="card">
        <p>
          <strong>{when(session.start, session.end, mine.timeZone)}</strong>
          {t('yourTimeIn', { city: city(mine.city) })}
        </p>
        {session.description && <p class="bio">{session.description}</p>}
        <div class="actions">
          {session.status === 'confirmed' && (
            <a class="button" href={`/sessions/${session.id}/lobby`}>
              {t(running ? 'joinLobbyNow' : 'lobby')}
            </a>
          )}
          <a href={session.icsUrl} download>
            {t('downloadIcs')}
          </a>
        </div>
      </div>

      {you && open && !running && (
        <fieldset class="card rsvp">
          <legend>{t('rsvpQuestion')}</legend>
          <div class="actions">
            {(Object.keys(ANSWERS) as (keyof typeof ANSWERS)[]).map((a) => (
              <button
                key={a}
                type="button"
                class={you.answer === ANSWERS[a] ? '' : 'secondary'}
                aria-pressed={you.answer === ANSWERS[a]}
                onClick={() => answer(a)}
              >
                {t(`rsvp_${a}` as MessageKey)}
              </button>
            ))}
          </div>
        </fieldset>
      )}

      <section class="card" aria-labelledby="people-title">
        <h2 id="people-title">
          {t('sessionPeople')}
          {registrants > 0 && ` · ${t('registrantsCount', { n: String(registrants) })}`}
        </h2>
        <TableWrap label={t('sessionPeople')}>
          <table class="people-times">
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                {/* A city name never splits: in Chinese the narrow column broke 罗马 into one character per line. */}
                <th scope="col" class="nowrap">
                  {t('city')}
                </th>
                <th scope="col">{t('theirTime')}</th>
                <th scope="col">{t('answer')}</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((p) => (
                <tr key={p.id}>
                  <td>
                    {/* An erased account keeps its place in past sessions, without a name. */}
                    {p.name || t('formerParticipant')}
                    {p.role === 'host' && session.kind === 'webinar' && (
                      <span class="tag">{t('roleHost')}</span>
                    )}
                    <div class="muted">{p.organisation}</div>
                  </td>
                  <td class="nowrap">{city(p.city)}</td>
                  <td>
                    <WhenCell start={session.start} end={session.end} zone={p.timeZone} />
                  </td>
                  <td>
                    <span class={`tag answer-${p.answer.toLowerCase()}`}>
                      {t(`answer_${p.answer.replace('-', '_')}` as MessageKey)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {attendees.length > LISTED && (
          <p class="muted">{t('andMore', { n: String(attendees.length - LISTED) })}</p>
        )}
      </section>

      {canHost && open && <SessionProposals session={session} onMoved={(s) => updated(s, 'sessionMoved')} />}
      <AfterMeetingBox session={session} viewerId={mine.id} />

      {canHost && open && (
        <section class="card" aria-labelledby="manage-title">
          <h2 id="manage-title">{t('manageSession')}</h2>
          <SessionDetailsForm session={session} onSaved={(s) => updated(s, 'sessionUpdated')} />
          <div class="actions">
            <button type="button" aria-expanded={moving} onClick={() => setMoving(!moving)}>
              {t('reschedule')}
            </button>
            <ConfirmButton
              class="secondary"
              label={t('cancelSession')}
              title={t(
                session.kind === 'webinar' ? 'confirmCancelWebinarTitle' : 'confirmCancelMeetingTitle',
              )}
              body={
                <p>
                  {session.kind === 'webinar'
                    ? t('confirmCancelWebinarBody', { n: String(session.people.length) })
                    : t('confirmCancelMeetingBody', {
                        names: listOf(session.people.filter((p) => p.id !== mine.id).map((p) => p.name)),
                      })}
                </p>
              }
              confirmLabel={t('confirmCancelYes')}
              onConfirm={() =>
                act(async () =>
                  updated(await api<SessionDetail>('POST', `/api/sessions/${id}/cancel`), 'sessionCancelled'),
                )
              }
            />
          </div>
        </section>
      )}
      {mine.role === 'organizer' && session.kind === 'webinar' && open && (
        <AnnounceWebinar sessionId={session.id} />
      )}
      {canHost && open && moving && (
        <>
          {session.kind === 'meeting' && you ? (
            <SlotFinder
              withIds={session.people.filter((p) => p.id !== mine.id).map((p) => p.id)}
              initialDuration={minutes}
              title={(others) => t('rescheduleWith', { name: listOf(others.map((o) => o.name)) })}
              actionLabel={t('moveHere')}
              onPick={async (start, duration) => {
                updated(
                  await api<SessionDetail>('PATCH', `/api/sessions/${id}`, { start, duration }),
                  'sessionMoved',
                );
              }}
            />
          ) : (
            session.kind === 'webinar' && (
              <WebinarSlots session={session} onMoved={(s) => updated(s, 'sessionMoved')} />
            )
          )}
          <MoveTo session={session} zone={mine.timeZone} onMoved={(s) => updated(s, 'sessionMoved')} />
        </>
      )}
      {canHost && Date.parse(session.start) - 15 * 60_000 <= Date.now() && (
        <Attendance sessionId={session.id} zone={mine.timeZone} city={mine.city} />
      )}
      {canHost && session.status === 'confirmed' && Date.parse(session.start) - 15 * 60_000 > Date.now() && (
        <p class="muted">
          {t('attendanceLater', {
            time: formatIn(session.start, mine.timeZone, { dateStyle: 'medium', timeStyle: 'short' }),
          })}
        </p>
      )}
    </section>
  );
}

/** A person's local time in a narrow column: "11月28日周六" and "15:55–16:40" each stay whole. */
function WhenCell(props: { start: string; end: string; zone: string }) {
  const [day, between, time] = whenParts(props.start, props.end, props.zone);
  return (
    <>
      <span class="nowrap">{day}</span>
      {between}
      <span class="nowrap">{time}</span>
    </>
  );
}
