/**
 * `/events/:id`: an event's windows in every participant city's local time, joining and leaving,
 * the slots one cannot make, and one's agenda with the gaps; organizers get the admin panel.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, me } from '../api';
import { ConfirmButton } from '../confirm';
import { clockIn, dayAndClockIn, dayIn, formatIn } from '../dates';
import { describeError } from '../errors';
import { aside, count, detailOf, locale, type MessageKey, t } from '../i18n';
import { cityName } from '../places';
import { isoDateIn } from '../zoned';
import { EventAdmin } from './event-admin';
import type { EventSummary } from './events';
import { RequireSignIn } from './require-sign-in';

export interface Slot {
  id: string;
  start: string;
  end: string;
  day: string;
  window: number;
  meetings: number;
}
interface LocalWindow {
  day: string;
  window: number;
  start: string;
  end: string;
  local: { zone: string; city: string | null; cities?: string[]; date: string; start: string; end: string }[];
}
export interface AdminPerson {
  id: string;
  name: string;
  email: string;
  organisation: string;
  city: string;
  side: string;
  timeZone: string;
  unavailable: number;
  meetings: number;
  placed: number;
}
export interface AdminMeeting {
  id: string;
  people: { id: string; name: string; organisation: string; city: string; timeZone: string }[];
  source: 'request' | 'organizer';
  weight: number;
  mustMeet: boolean;
  slot: string | null;
  locked: boolean;
  reason: string | null;
  /** For a meeting left out because its people were booked: who was at every time both can make. */
  full?: string[];
  /** Of those, who has no free slot left in the whole event. */
  noFreeSlot?: string[];
  sessionId: string | null;
  /** Who of its people cannot make the slot it is placed in (they said so after it was placed). */
  cannotMake?: string[];
  /** When its session starts as published (null: not published, or its session was cancelled). */
  publishedStart?: string | null;
}
export interface EventPageData {
  event: EventSummary;
  slots: Slot[];
  windows: LocalWindow[];
  participantCount: number;
  me: {
    joined: boolean;
    unavailable: string[];
    auto: Record<string, string>;
    /** One's own requested meetings that found no slot in the last scheduling run, and why. */
    unplaced?: {
      meetingId: string;
      with: { id: string; name: string; organisation: string; city: string };
      reason: string;
    }[];
  };
  summary: { meetings: number; placed: number; published: number };
  participants?: AdminPerson[];
  meetings?: AdminMeeting[];
}
interface Agenda {
  timeZone: string;
  entries: {
    meetingId: string;
    slot: string;
    sessionId: string | null;
    start: string;
    end: string;
    gapBefore: number | null;
    with: { name: string; organisation: string; city: string; timeZone: string } | null;
    /** When the invitations have it (null: not published yet). */
    publishedStart?: string | null;
  }[];
}

function WindowsTable(props: { data: EventPageData }) {
  const zones = props.data.windows[0]?.local ?? [];
  // Focusable and named: on a narrow phone the table may scroll sideways, and keyboards must reach it.
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scroll area must take focus to be scrolled by keyboard (WCAG 2.1.1)
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('eventWindowsCaption')}>
      <table class="windows">
        <caption>
          <span class="caption-text">{t('eventWindowsCaption')}</span>
        </caption>
        <thead>
          <tr>
            {zones.map((z) => (
              <th scope="col" key={z.zone}>
                {z.cities?.length
                  ? z.cities.map((c, i) => (
                      <Fragment key={c}>
                        {i > 0 && ' · '}
                        <span class="nowrap">{cityName(c, locale.value)}</span>
                      </Fragment>
                    ))
                  : z.zone}
                {/* A zone where no participant lives is the event's own: named once, and said so. */}
                <div class="muted">{z.cities?.length ? z.zone : t('eventReferenceZone')}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.data.windows.map((w) => (
            <tr key={`${w.day}-${w.window}`}>
              {w.local.map((l) => (
                <td key={l.zone}>
                  <span class="muted">{dayIn(`${l.date}T12:00:00Z`, 'UTC')}</span>
                  <strong>
                    {l.start}–{l.end}
                  </strong>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MySlots(props: { id: string; data: EventPageData; zone: string; onSaved: () => void }) {
  const [marked, setMarked] = useState(new Set(props.data.me.unavailable));
  const [status, setStatus] = useState<string | null>(null);
  // By the reader's own date: a window late in the event's zone may end after midnight in theirs.
  const byDay = new Map<string, Slot[]>();
  for (const s of props.data.slots) {
    const day = isoDateIn(Date.parse(s.start), props.zone);
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }
  const save = async () => {
    setStatus(null);
    try {
      await api('PUT', `/api/events/${props.id}/unavailable`, { slots: [...marked] });
      setStatus(t('saved'));
      props.onSaved();
    } catch (err) {
      setStatus(describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="my-slots-title">
      <h2 id="my-slots-title" tabIndex={-1}>
        {t('eventMySlots')}
      </h2>
      <p class="help">{t('eventMySlotsHelp', { zone: props.zone })}</p>
      {[...byDay.entries()].map(([day, slots]) => (
        <fieldset key={day} class="slot-day">
          <legend>
            {formatIn(slots[0]!.start, props.zone, { weekday: 'long', month: 'long', day: 'numeric' })}
          </legend>
          {slots.map((s) => {
            const auto = props.data.me.auto[s.id];
            return (
              <label key={s.id} class={`slot-check${auto ? ' auto' : ''}`}>
                <input
                  type="checkbox"
                  checked={!!auto || marked.has(s.id)}
                  disabled={!!auto}
                  onChange={(e) => {
                    const next = new Set(marked);
                    if (e.currentTarget.checked) next.add(s.id);
                    else next.delete(s.id);
                    setMarked(next);
                  }}
                />{' '}
                {clockIn(s.start, props.zone)}
                {auto && <span class="muted">{aside(t(`auto_${auto}` as MessageKey))}</span>}
              </label>
            );
          })}
        </fieldset>
      ))}
      <button type="button" onClick={() => void save()}>
        {t('eventSaveSlots')}
      </button>
      <p class="status" role="status">
        {status}
      </p>
    </section>
  );
}

function MyAgenda(props: { agenda: Agenda }) {
  const zone = props.agenda.timeZone;
  if (!props.agenda.entries.length) return <p class="card">{t('eventAgendaEmpty')}</p>;
  return (
    <section class="card" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t('eventAgenda')}</h2>
      <ol class="agenda">
        {props.agenda.entries.map((e) => (
          <li key={e.meetingId}>
            {e.gapBefore !== null && e.gapBefore > 0 && (
              <p class="gap muted">{t('eventGap', { n: String(e.gapBefore) })}</p>
            )}
            <p>
              <strong>
                {dayAndClockIn(e.start, zone)}–{clockIn(e.end, zone)}
              </strong>{' '}
              {e.with && (
                <>
                  {detailOf([e.with.name, e.with.organisation])}
                  <span class="muted">
                    {locale.value === 'zh' ? '（' : ' ('}
                    <span class="nowrap">
                      {clockIn(e.start, e.with.timeZone)} {cityName(e.with.city, locale.value)}
                    </span>
                    {locale.value === 'zh' ? '）' : ')'}
                  </span>
                </>
              )}{' '}
              {e.sessionId && <a href={`/sessions/${e.sessionId}/lobby`}>{t('openLobby')}</a>}
            </p>
            {!e.publishedStart ? (
              <p class="muted">{t('eventAgendaDraft')}</p>
            ) : (
              Date.parse(e.publishedStart) !== Date.parse(e.start) && (
                <p class="muted">
                  {t('eventAgendaMoved', {
                    when: dayAndClockIn(e.publishedStart, zone),
                  })}
                </p>
              )
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function MyUnplaced(props: { items: NonNullable<EventPageData['me']['unplaced']> }) {
  if (!props.items.length) return null;
  return (
    <section class="card" aria-labelledby="unplaced-title">
      <h2 id="unplaced-title">{t('eventUnplaced')}</h2>
      <ul>
        {props.items.map((u) => (
          <li key={u.meetingId}>
            {u.with.name || t('formerParticipant')}
            {u.with.organisation &&
              (locale.value === 'zh' ? `，${u.with.organisation}` : `, ${u.with.organisation}`)}
            {locale.value === 'zh'
              ? `（${cityName(u.with.city, locale.value)}）：`
              : ` (${cityName(u.with.city, locale.value)}): `}
            <span class="muted">
              {/* The organizers' words for it ("place it again or remove it") are not the reader's to act on. */}
              {t(u.reason === 'CANCELLED' ? 'eventUnplacedCancelled' : (`reason_${u.reason}` as MessageKey))}
            </span>
          </li>
        ))}
      </ul>
      <p class="help">{t('eventUnplacedHelp')}</p>
    </section>
  );
}

export function EventPage() {
  const { params } = useRoute();
  const id = params.id!;
  const [data, setData] = useState<EventPageData | null>(null);
  const [agenda, setAgenda] = useState<Agenda | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      const d = await api<EventPageData>('GET', `/api/events/${id}`);
      setData(d);
      setAgenda(d.me.joined ? await api<Agenda>('GET', `/api/events/${id}/agenda`) : null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  useEffect(() => {
    if (me.value) void load();
  }, [me.value, id]);
  if (me.value === undefined) return <p class="card">{t('loading')}</p>;
  if (!me.value) return <RequireSignIn />;
  if (error && !data)
    return (
      <p class="card error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p class="card">{t('loading')}</p>;
  const e = data.event;
  const act = async (method: string) => {
    setError(null);
    try {
      await api(method, `/api/events/${id}/join`);
      await load();
      // The button pressed is gone: the focus goes on to what comes next, the slots one cannot
      // make after joining, the button to join again after leaving.
      requestAnimationFrame(() =>
        document.getElementById(method === 'POST' ? 'my-slots-title' : 'event-join')?.focus(),
      );
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section aria-labelledby="event-title">
      <h1 id="event-title">{e.name}</h1>
      {e.description && <p>{e.description}</p>}
      <p class="muted">
        {t(e.breakMinutes ? 'eventFacts' : 'eventFactsNoBreaks', {
          slots: String(data.slots.length),
          m: String(e.slotMinutes),
          b: String(e.breakMinutes),
          people: count(data.participantCount),
        })}
        {e.parallelLimit !== null && ` · ${t('eventRooms', { n: String(e.parallelLimit) })}`}
      </p>
      <WindowsTable data={data} />
      <p class="error" role="alert">
        {error}
      </p>
      {data.me.joined ? (
        <>
          {agenda && <MyAgenda agenda={agenda} />}
          <MyUnplaced items={data.me.unplaced ?? []} />
          <MySlots id={id} data={data} zone={me.value.timeZone} onSaved={() => void load()} />
          <p>
            <a class="button secondary" href={`/api/events/${id}/agenda.csv`} download>
              {t('eventAgendaCsv')}
            </a>{' '}
            <ConfirmButton
              class="secondary"
              label={t('eventLeave')}
              title={t('confirmLeaveTitle')}
              body={<p>{t('confirmLeaveBody')}</p>}
              confirmLabel={t('confirmLeaveYes')}
              onConfirm={() => act('DELETE')}
            />
          </p>
        </>
      ) : (
        e.joinPolicy === 'open' && (
          <p>
            <button id="event-join" type="button" onClick={() => void act('POST')}>
              {t('eventJoin')}
            </button>
          </p>
        )
      )}
      {me.value.role === 'organizer' && <EventAdmin id={id} data={data} onChange={() => void load()} />}
    </section>
  );
}
