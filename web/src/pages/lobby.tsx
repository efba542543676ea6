/**
 * A session's lobby: countdown in the reader's zone with the other cities' times, who is here and
 * who waits, raised hands, chat, and the video link once a host starts. It reconnects by itself
 * after a dropped network and rebuilds everything from the server's snapshot.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ApiError, api, me } from '../api';
import { clockIn, formatIn } from '../dates';
import { describeCode, describeError } from '../errors';
import { locale, t } from '../i18n';
import { city } from '../places';
import { RequireSignIn } from './require-sign-in';

interface LobbyPerson {
  id: string;
  name: string;
  organisation: string;
  city: string;
  country: string;
  timeZone: string;
  role: 'host' | 'attendee';
  state?: 'waiting' | 'admitted';
  hand?: boolean;
  present?: boolean;
}
interface ChatLine {
  id: string;
  from: { id: string; name: string };
  text: string;
  at: string;
}
type Status = 'scheduled' | 'open' | 'live' | 'ended';
interface LobbyState {
  session: {
    id: string;
    kind: 'meeting' | 'webinar';
    title: string;
    startAt: string;
    endAt: string;
    opensAt: string;
  };
  status: Status;
  videoUrl?: string;
  you: LobbyPerson;
  people: Map<string, LobbyPerson>;
  chat: ChatLine[];
  counts: { present: number; waiting: number };
  /** Server clock minus ours, so that the countdown is right on a phone whose clock is off. */
  skewMs: number;
}
type Frame = { type: string; [k: string]: unknown };

/**
 * Codes after which reconnecting would only be refused again; 4429 (too many tabs): reconnecting
 * would close the person's next oldest tab, and so on round all of them.
 */
const FINAL_CLOSES = new Set([4401, 4403, 4404, 4429, 1008, 1009]);

const timeIn = clockIn;

function dayIn(iso: string, zone: string): string {
  return formatIn(iso, zone, { weekday: 'long', day: 'numeric', month: 'long' });
}

/** "2 days 3 h" more than a day ahead (a clock of 51:00:00 reads as nothing), "1:05:09" within it. */
function countdown(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total >= 86_400) {
    const d = Math.floor(total / 86_400);
    const hours = String(Math.floor((total % 86_400) / 3600));
    return d === 1
      ? t('countdownDayHours', { h: hours })
      : t('countdownDaysHours', { d: String(d), h: hours });
  }
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

function apply(state: LobbyState, f: Frame): LobbyState {
  switch (f.type) {
    case 'presence': {
      const p = f.participant as LobbyPerson;
      const people = new Map(state.people);
      const known = people.get(p.id);
      if (f.state === 'left') {
        // A meeting keeps showing who is expected; a webinar forgets those who left.
        if (state.session.kind === 'meeting')
          people.set(p.id, { ...p, ...known, present: false, hand: false });
        else people.delete(p.id);
      } else {
        people.set(p.id, {
          ...known,
          ...p,
          present: true,
          state: f.state === 'waiting' ? 'waiting' : 'admitted',
        });
      }
      return { ...state, people };
    }
    case 'hand': {
      const people = new Map(state.people);
      const p = people.get(f.participant as string);
      if (p) people.set(p.id, { ...p, hand: f.raised as boolean });
      const you = f.participant === state.you.id ? { ...state.you, hand: f.raised as boolean } : state.you;
      return { ...state, people, you };
    }
    case 'chat':
      return { ...state, chat: [...state.chat, f as unknown as ChatLine].slice(-200) };
    case 'status':
      return {
        ...state,
        status: f.status as Status,
        videoUrl: (f.videoUrl as string | undefined) ?? (f.status === 'live' ? state.videoUrl : undefined),
        session: { ...state.session, startAt: f.startAt as string, endAt: f.endAt as string },
      };
    case 'count':
      return { ...state, counts: { present: f.present as number, waiting: f.waiting as number } };
    default:
      return state;
  }
}

function fromSnapshot(f: Frame): LobbyState {
  const people = new Map<string, LobbyPerson>();
  for (const p of f.participants as LobbyPerson[]) people.set(p.id, p);
  return {
    session: f.session as LobbyState['session'],
    status: f.status as Status,
    videoUrl: f.videoUrl as string | undefined,
    you: f.you as LobbyPerson,
    people,
    chat: f.chat as ChatLine[],
    counts: f.counts as LobbyState['counts'],
    skewMs: Date.parse(f.serverTime as string) - Date.now(),
  };
}

/**
 * The socket, kept open: reconnects with a growing pause after anything but a final refusal.
 * `failures` counts the attempts that never opened (a refused upgrade, or no network: the browser
 * does not say which); `stop` gives up for good.
 */
function useLobbySocket(id: string, onFrame: (f: Frame) => void) {
  const [connection, setConnection] = useState<'connecting' | 'open' | 'lost' | 'closed'>('connecting');
  const [closedWith, setClosedWith] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  // Each round is one socket kept open; a new round knocks again after a refusal that allows it.
  const [round, setRound] = useState(0);
  const stopper = useRef<() => void>(() => {});
  const socket = useRef<WebSocket | null>(null);
  const handler = useRef(onFrame);
  handler.current = onFrame;

  useEffect(() => {
    let stopped = false;
    setConnection('connecting');
    setClosedWith(null);
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let keepAlive: ReturnType<typeof setInterval> | undefined;
    const open = () => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const ws = new WebSocket(`${scheme}://${location.host}/ws/sessions/${encodeURIComponent(id)}/lobby`);
      socket.current = ws;
      let lastError: string | null = null;
      let opened = false;
      ws.onopen = () => {
        opened = true;
        attempt = 0;
        setConnection('open');
        // Browsers cannot send protocol pings; this keeps proxies from closing a quiet lobby.
        keepAlive = setInterval(() => ws.send(JSON.stringify({ type: 'ping' })), 25_000);
      };
      ws.onmessage = (e) => {
        const f = JSON.parse(String(e.data)) as Frame;
        if (f.type === 'error') lastError = f.code as string;
        handler.current(f);
      };
      ws.onclose = (e) => {
        clearInterval(keepAlive);
        if (stopped) return;
        if (FINAL_CLOSES.has(e.code)) {
          setConnection('closed');
          setClosedWith(lastError ?? e.reason ?? String(e.code));
          return;
        }
        setConnection('lost');
        if (!opened) setFailures((n) => n + 1);
        attempt += 1;
        retry = setTimeout(open, Math.min(30_000, 500 * 2 ** attempt));
      };
    };
    open();
    const stop = () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(keepAlive);
      socket.current?.close(1000);
    };
    stopper.current = stop;
    return stop;
  }, [id, round]);

  /** False when the socket is not open (reconnecting): the frame is not sent. */
  const send = (frame: object): boolean => {
    if (socket.current?.readyState !== WebSocket.OPEN) return false;
    socket.current.send(JSON.stringify(frame));
    return true;
  };
  return {
    connection,
    closedWith,
    failures,
    send,
    stop: () => stopper.current(),
    again: () => setRound((r) => r + 1),
  };
}

/**
 * Why the lobby refuses the viewer for good, as the session's page tells it, or null when trying
 * again may work (the network or the server is down, or the lobby is busy).
 */
async function whyRefused(id: string): Promise<string | null> {
  try {
    const s = await api<{ status: string; removedFromLobby?: true }>(
      'GET',
      `/api/sessions/${encodeURIComponent(id)}`,
    );
    if (s.status === 'cancelled') return describeCode('SESSION_CANCELLED', '');
    if (s.removedFromLobby) return t('lobbyRemoved');
    return null;
  } catch (err) {
    if (!(err instanceof ApiError)) return null;
    // Not one of its people, or no such session: the API does not say which, nor should the page.
    if (err.status === 404) return t('lobbyNotYours');
    if (err.status === 401 || err.status === 403) return describeError(err);
    return null;
  }
}

function Countdown({ state }: { state: LobbyState }) {
  const [now, setNow] = useState(Date.now() + state.skewMs);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + state.skewMs), 1000);
    return () => clearInterval(timer);
  }, [state.skewMs]);
  const start = Date.parse(state.session.startAt);
  // Past the start, a host is the one who starts: waiting for a host would be waiting for oneself.
  const hostsNow =
    state.you.role === 'host'
      ? t(state.session.kind === 'webinar' ? 'lobbyReadyWebinar' : 'lobbyReadyMeeting')
      : t('waitingForHost');
  if (state.status === 'live') return <p class="lobby-status live">{t('lobbyLive')}</p>;
  if (state.status === 'ended') return <p class="lobby-status">{t('lobbyEnded')}</p>;
  return (
    <p class="lobby-status">
      {now < start ? (
        <>
          {t('startsIn')} <strong class="countdown">{countdown(start - now)}</strong>
        </>
      ) : (
        hostsNow
      )}
    </p>
  );
}

function PersonRow({
  p,
  isHost,
  you,
  act,
}: {
  p: LobbyPerson;
  isHost: boolean;
  you: string;
  /** A host's action on this person, whose buttons then leave the row. */
  act: (f: object) => void;
}) {
  return (
    <li class={`lobby-person ${p.present === false ? 'absent' : ''}`}>
      <div>
        <strong>{p.name || t('formerParticipant')}</strong>
        {p.id === you && <span class="muted">{t('youAside')}</span>}
        {p.hand && <span class="tag hand"> {t('handRaised')}</span>}
        <div class="muted">
          {p.organisation} · {city(p.city)}
        </div>
      </div>
      <div class="badges">
        {p.role === 'host' && <span class="tag">{t('host')}</span>}
        {p.present === false && <span class="tag">{t('notHereYet')}</span>}
        {p.state === 'waiting' && <span class="tag st-pending">{t('waiting')}</span>}
        {isHost && p.state === 'waiting' && (
          <>
            <button type="button" class="admit" onClick={() => act({ type: 'admit', participantId: p.id })}>
              {t('admit')}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => act({ type: 'deny', participantId: p.id })}
            >
              {t('deny')}
            </button>
          </>
        )}
        {isHost && p.role !== 'host' && p.state === 'admitted' && p.present !== false && (
          <button type="button" class="link" onClick={() => act({ type: 'remove', participantId: p.id })}>
            {t('removeFromLobby')}
          </button>
        )}
      </div>
    </li>
  );
}

/** Refusals of a chat line: the line is put back in the box rather than lost. */
const CHAT_REFUSALS = new Set(['CHAT_RATE_LIMITED', 'CHAT_TOO_LONG', 'CHAT_EMPTY', 'LOBBY_WAITING']);

function Chat({
  state,
  say,
  text,
  setText,
}: {
  state: LobbyState;
  say: (line: string) => boolean;
  /** The box's text, kept by the room, which puts a refused line back in it. */
  text: string;
  setText: (text: string) => void;
}) {
  const list = useRef<HTMLOListElement>(null);
  // Once the lines overflow their box, the box takes the keyboard focus, so that it scrolls
  // without a mouse (WCAG 2.1.1); lines that fit add no tab stop.
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    el.scrollTo({ top: el.scrollHeight });
    setScrolls(el.scrollHeight > el.clientHeight + 1);
    // The newest line's id, not the count: the page keeps the last 200 lines, after which every
    // new line leaves the count as it was.
  }, [state.chat.at(-1)?.id]);
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setScrolls(el.scrollHeight > el.clientHeight + 1));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const zone = me.value?.timeZone ?? 'UTC';
  const submit = (e: Event) => {
    e.preventDefault();
    const line = text.trim();
    if (!line) return;
    // Kept in the box while the connection is down: nothing was sent.
    if (say(line)) setText('');
  };
  return (
    <section class="card lobby-chat" aria-labelledby="chat-title">
      <h2 id="chat-title">{t('chat')}</h2>
      <ol
        class="plain chat-lines"
        ref={list}
        aria-live="polite"
        {...(scrolls ? { tabIndex: 0, 'aria-labelledby': 'chat-title' } : {})}
      >
        {state.chat.map((c) => (
          <li key={c.id}>
            <span class="muted">{timeIn(c.at, zone)}</span> <strong>{c.from.name}</strong>{' '}
            <span class="chat-text">{c.text}</span>
          </li>
        ))}
        {state.chat.length === 0 && <li class="muted">{t('chatEmpty')}</li>}
      </ol>
      <form onSubmit={submit} class="chat-form">
        <label for="chat-input" class="visually-hidden">
          {t('chatMessage')}
        </label>
        <input
          id="chat-input"
          value={text}
          maxLength={2000}
          autocomplete="off"
          placeholder={t('chatMessage')}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <button type="submit">{t('send')}</button>
      </form>
    </section>
  );
}

function LobbyRoom({ id }: { id: string }) {
  const [state, setState] = useState<LobbyState | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pre, setPre] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  // Lines sent and not yet back from the server, oldest first: the server answers each, in order,
  // with the line itself or with a refusal (too fast, too long), after which it goes back in the
  // box instead of being lost with the box cleared at sending.
  const unconfirmed = useRef<string[]>([]);
  const { connection, closedWith, failures, send, stop, again } = useLobbySocket(id, (f) => {
    if (f.type === 'snapshot') {
      unconfirmed.current = [];
      setState(fromSnapshot(f));
    } else if (f.type === 'error') {
      if (CHAT_REFUSALS.has(f.code as string)) {
        const refused = unconfirmed.current.shift();
        if (refused) setDraft((d) => (d.trim() ? `${d} ${refused}` : refused));
      }
      setNotice(describeCode(f.code as string, f.message as string));
    } else if (f.type !== 'pong') {
      if (f.type === 'chat' && state && (f.from as { id: string }).id === state.you.id) {
        const at = unconfirmed.current.indexOf(f.text as string);
        if (at >= 0) unconfirmed.current.splice(at, 1);
      }
      setState((s) => (s ? apply(s, f) : s));
    }
  });
  const say = (line: string): boolean => {
    if (!send({ type: 'chat', text: line })) return false;
    unconfirmed.current.push(line);
    return true;
  };
  // The socket cannot tell a browser why an upgrade was refused (a cancelled session, someone a
  // host removed, a stranger); the session's page can, after each attempt that never opened.
  // Rather that than "Connecting…" for ever; a dropped network answers nothing, and we retry.
  useEffect(() => {
    if (failures === 0) return;
    let current = true;
    void whyRefused(id).then((why) => {
      if (!current || !why) return;
      setPre(why);
      stop();
    });
    return () => {
      current = false;
    };
  }, [failures, id]);

  // Admitting, denying or removing someone takes the pressed button away with their row: the
  // focus goes on to the next person waiting, or to the list's heading, not to the page's body.
  const peopleTitle = useRef<HTMLHeadingElement>(null);
  const peopleList = useRef<HTMLUListElement>(null);
  const refocus = useRef(false);
  const act = (frame: object) => {
    refocus.current = true;
    send(frame);
  };
  useEffect(() => {
    if (!refocus.current) return;
    const active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;
    refocus.current = false;
    const next = peopleList.current?.querySelector<HTMLButtonElement>('button.admit');
    (next ?? peopleTitle.current)?.focus();
  }, [state]);

  // Knocking again replaces the page's words and its button with the lobby: the focus goes to
  // the lobby's title, where its waiting-room notice follows.
  const knocked = useRef(false);
  const lobbyTitle = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!knocked.current || !lobbyTitle.current || connection !== 'open') return;
    knocked.current = false;
    lobbyTitle.current.focus();
  }, [state, connection]);

  const zones = useMemo(() => {
    if (!state) return [];
    const seen = new Map<string, string>();
    for (const p of state.people.values()) if (!seen.has(p.timeZone)) seen.set(p.timeZone, city(p.city));
    return [...seen.entries()];
  }, [state]);

  if (pre) {
    return (
      <section class="card narrow">
        <h1>{t('lobby')}</h1>
        <p class="error" role="alert">
          {pre}
        </p>
        <a href="/schedule">{t('lobbyBack')}</a>
      </section>
    );
  }
  if (closedWith && (!state || connection === 'closed')) {
    // A host may deny someone and let them in later: they knock again from here, with a button
    // rather than an instruction to reload the page.
    const denied = closedWith === 'LOBBY_DENIED';
    return (
      <section class="card narrow">
        <h1>{t('lobby')}</h1>
        <p class="error" role="alert">
          {closedWith === 'LOBBY_REMOVED'
            ? t('lobbyRemoved')
            : denied
              ? t('lobbyDenied')
              : describeCode(closedWith, '')}
        </p>
        {denied && (
          <p>
            <button
              type="button"
              onClick={() => {
                knocked.current = true;
                setNotice(null);
                again();
              }}
            >
              {t('lobbyKnockAgain')}
            </button>
          </p>
        )}
        <a href="/schedule">{t('lobbyBack')}</a>
      </section>
    );
  }
  if (!state) return <p class="card">{t('connecting')}</p>;

  const isHost = state.you.role === 'host';
  const live = state.status === 'live';
  const waiting = state.you.state === 'waiting';
  const people = [...state.people.values()].sort(
    (a, b) => Number(b.role === 'host') - Number(a.role === 'host') || a.name.localeCompare(b.name),
  );
  const waitingCount = people.filter((p) => p.state === 'waiting').length;
  const myZone = me.value?.timeZone ?? state.you.timeZone;

  return (
    <div class="lobby">
      <section class="card" aria-labelledby="lobby-title">
        <h1 id="lobby-title" tabIndex={-1} ref={lobbyTitle}>
          {state.session.title}
        </h1>
        <p>
          {dayIn(state.session.startAt, myZone)}
          {locale.value === 'zh' ? ' ' : ', '}
          {timeIn(state.session.startAt, myZone)}–{timeIn(state.session.endAt, myZone)}
          <span class="muted">
            {me.value?.city ? t('yourTimeIn', { city: city(me.value.city) }) : t('yourTimeAside')}
          </span>
        </p>
        {zones.filter(([z]) => z !== myZone).length > 0 && (
          <p class="muted">
            {zones
              .filter(([z]) => z !== myZone)
              .map(([z, city]) => `${timeIn(state.session.startAt, z)}${t('inCity', { city })}`)
              .join(' · ')}
          </p>
        )}
        <Countdown state={state} />
        <p class="notice" role="status">
          {connection !== 'open' && t('reconnecting')}
        </p>
        <p class="error" role="alert">
          {notice && (
            <>
              {notice}{' '}
              <button type="button" class="link" onClick={() => setNotice(null)}>
                {t('dismiss')}
              </button>
            </>
          )}
        </p>
        <p class="notice" role="status">
          {waiting && t('youAreWaiting')}
        </p>
        {state.status === 'live' && state.videoUrl && (
          <p>
            <a class="button join" href={state.videoUrl} target="_blank" rel="noopener noreferrer">
              {t('joinCall')}
            </a>
          </p>
        )}
        <div class="actions">
          {/* One button that turns from start into end and back: two buttons swapped in and out
              would drop the keyboard focus on the page's body at each press. */}
          {isHost && (
            <button
              type="button"
              class={live ? 'secondary' : undefined}
              disabled={state.status === 'scheduled'}
              onClick={() => send({ type: live ? 'end' : 'start' })}
            >
              {live ? t('endSession') : t('startSession')}
            </button>
          )}
          <button
            type="button"
            class="secondary"
            aria-pressed={state.you.hand ? 'true' : 'false'}
            onClick={() => send({ type: 'hand', raised: !state.you.hand })}
          >
            {state.you.hand ? t('lowerHand') : t('raiseHand')}
          </button>
        </div>
      </section>

      <section class="card" aria-labelledby="people-title">
        <h2 id="people-title" tabIndex={-1} ref={peopleTitle}>
          {t('peopleHere')}{' '}
          <span class="muted">
            {state.session.kind === 'webinar'
              ? t(state.counts.waiting > 0 ? 'countPresent' : 'countPresentAllIn', {
                  n: String(state.counts.present),
                  w: String(state.counts.waiting),
                })
              : ''}
          </span>
        </h2>
        {isHost && waitingCount > 1 && (
          <button type="button" onClick={() => act({ type: 'admit', all: true })}>
            {t('admitAll', { n: String(waitingCount) })}
          </button>
        )}
        <ul class="plain lobby-people" ref={peopleList}>
          {people.map((p) => (
            <PersonRow key={p.id} p={p} isHost={isHost} you={state.you.id} act={act} />
          ))}
        </ul>
      </section>

      {!waiting && <Chat state={state} say={say} text={draft} setText={setDraft} />}
    </div>
  );
}

export function Lobby() {
  const { params } = useRoute();
  if (me.value === undefined) return <p class="card">{t('loading')}</p>;
  if (!me.value) return <RequireSignIn />;
  return <LobbyRoom id={params.id ?? ''} />;
}
