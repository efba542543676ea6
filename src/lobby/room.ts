/**
 * One session's lobby as plain state and rules: who is present (several tabs of one person count
 * once), who waits, raised hands, chat, and the session's live status. It knows nothing of sockets,
 * timers or the database: every method takes `now`, and answers with the frames to deliver (to
 * whom) and the facts to record. The hub around it owns connections; the service persists.
 */
import { DomainError, ERROR_CODES, type ErrorCode } from '../domain/errors';

export type LobbyRole = 'host' | 'attendee';
export type LobbyStatus = 'scheduled' | 'open' | 'live' | 'ended';
export type PresenceState = 'joined' | 'left' | 'waiting' | 'admitted';

export interface LobbyPerson {
  id: string;
  name: string;
  organisation: string;
  city: string;
  country: string;
  timeZone: string;
}

export interface LobbySession {
  id: string;
  kind: 'meeting' | 'webinar';
  title: string;
  startAt: number;
  endAt: number;
  videoUrl: string;
  /** When a host last started and ended the call; null when never. */
  liveAt: number | null;
  endedAt: number | null;
}

export interface ChatLine {
  id: string;
  from: { id: string; name: string };
  text: string;
  at: number;
}

/** What the room remembers across restarts, read from the database when it is created. */
export interface RoomHistory {
  chat: ChatLine[];
  /** Attendees a host has let in before: they do not wait again when they come back. */
  admitted: Iterable<string>;
  removed: Iterable<string>;
}

export const CHAT_MAX_CHARS = 2000;
export const CHAT_HISTORY_LINES = 50;
/** A lobby that never went live stops taking people this long after the session's end. */
export const CLOSE_AFTER_END_MS = 60 * 60 * 1000;

export type Audience =
  | { to: 'all' }
  | { to: 'admitted' }
  | { to: 'hosts' }
  | { to: 'person'; id: string }
  /** The hosts, and one more person (a webinar attendee sees only themselves and the hosts). */
  | { to: 'hostsAnd'; id: string };

export type ServerFrame = { type: string } & Record<string, unknown>;

export interface Delivery {
  audience: Audience;
  /** A frame, or 'snapshot' for a fresh snapshot of the room as that audience sees it. */
  frame: ServerFrame | 'snapshot';
}

export type LobbyRecord =
  | { kind: 'joined'; participantId: string; at: number; admitted: boolean }
  | { kind: 'admitted'; participantId: string; at: number }
  | { kind: 'left'; participantId: string; at: number; removed?: boolean }
  | { kind: 'chat'; line: ChatLine }
  | { kind: 'live'; at: number }
  | { kind: 'ended'; at: number };

export interface Closing {
  participantId: string;
  code: number;
  reason: string;
}

export interface Outcome {
  deliveries: Delivery[];
  records: LobbyRecord[];
  closings: Closing[];
}

interface Member {
  person: LobbyPerson;
  role: LobbyRole;
  state: 'waiting' | 'admitted';
  tabs: number;
  hand: boolean;
  since: number;
}

/**
 * The people present, indexed by role and state so that a webinar of thousands finds its hosts
 * and its waiting room without walking everyone.
 */
class Members {
  private readonly all = new Map<string, Member>();
  readonly hosts = new Set<string>();
  readonly waiting = new Set<string>();

  get size(): number {
    return this.all.size;
  }
  get(id: string): Member | undefined {
    return this.all.get(id);
  }
  has(id: string): boolean {
    return this.all.has(id);
  }
  keys(): IterableIterator<string> {
    return this.all.keys();
  }
  values(): IterableIterator<Member> {
    return this.all.values();
  }
  entries(): IterableIterator<[string, Member]> {
    return this.all.entries();
  }
  add(m: Member): void {
    this.all.set(m.person.id, m);
    if (m.role === 'host') this.hosts.add(m.person.id);
    if (m.state === 'waiting') this.waiting.add(m.person.id);
  }
  admit(m: Member): void {
    m.state = 'admitted';
    this.waiting.delete(m.person.id);
  }
  delete(id: string): void {
    this.all.delete(id);
    this.hosts.delete(id);
    this.waiting.delete(id);
  }
  clear(): void {
    this.all.clear();
    this.hosts.clear();
    this.waiting.clear();
  }
}

/** Close codes of API.md, and the ones the room adds. */
export const CLOSE = {
  notSignedIn: 4401,
  forbidden: 4403,
  notFound: 4404,
  /** One person opened more tabs of this lobby than allowed; their oldest tab is closed. */
  tooManyTabs: 4429,
  policy: 1008,
  goingAway: 1001,
  /**
   * "Service restart": the room moved to another instance, or this one may have missed some of
   * its frames; the client reconnects at once and gets a fresh snapshot. Never a final close.
   */
  reconnect: 1012,
} as const;

const iso = (ms: number) => new Date(ms).toISOString();

function none(): Outcome {
  return { deliveries: [], records: [], closings: [] };
}

export class LobbyRoom {
  private session: LobbySession;
  private readonly members = new Members();
  private readonly admittedBefore: Set<string>;
  private readonly removed: Set<string>;
  private readonly chat: ChatLine[];
  /** The session's own people, so that a meeting's lobby can show who is still expected. */
  private readonly expected: LobbyPerson[];
  private announced: LobbyStatus;
  private countsChanged = false;

  constructor(
    session: LobbySession,
    private readonly openBeforeMs: number,
    history: RoomHistory,
    expected: LobbyPerson[],
    now: number,
  ) {
    this.session = { ...session };
    this.admittedBefore = new Set(history.admitted);
    this.removed = new Set(history.removed);
    this.chat = history.chat.slice(-CHAT_HISTORY_LINES);
    this.expected = expected;
    this.announced = this.statusAt(now);
  }

  get id(): string {
    return this.session.id;
  }

  get kind(): LobbySession['kind'] {
    return this.session.kind;
  }

  get isEmpty(): boolean {
    return this.members.size === 0;
  }

  opensAt(): number {
    return this.session.startAt - this.openBeforeMs;
  }

  statusAt(now: number): LobbyStatus {
    const { liveAt, endedAt } = this.session;
    if (liveAt !== null && (endedAt === null || endedAt < liveAt)) return 'live';
    if (endedAt !== null) return 'ended';
    if (now >= this.session.endAt + CLOSE_AFTER_END_MS) return 'ended';
    if (now >= this.opensAt()) return 'open';
    return 'scheduled';
  }

  /** The next instant at which the status changes by itself, if any. */
  nextChangeAt(now: number): number | null {
    const status = this.statusAt(now);
    if (status === 'scheduled') return this.opensAt();
    if (status === 'open') return this.session.endAt + CLOSE_AFTER_END_MS;
    return null;
  }

  isRemoved(participantId: string): boolean {
    return this.removed.has(participantId);
  }

  /** People in one state, for delivery: ids only. */
  *idsIn(state: Member['state']): Iterable<string> {
    if (state === 'waiting') return yield* this.members.waiting;
    for (const [id, m] of this.members.entries()) if (m.state === state) yield id;
  }

  hostIds(): ReadonlySet<string> {
    return this.members.hosts;
  }

  private publicOf(m: Member) {
    return { ...m.person, role: m.role };
  }

  /** Who sees this member: everyone in a meeting, and everyone sees hosts; else hosts and they. */
  private seersOf(m: Member): Audience {
    return this.session.kind === 'meeting' || m.role === 'host'
      ? { to: 'all' }
      : { to: 'hostsAnd', id: m.person.id };
  }

  private presence(m: Member, state: PresenceState): Delivery {
    this.countsChanged = true;
    return {
      audience: this.seersOf(m),
      frame: { type: 'presence', participant: this.publicOf(m), state },
    };
  }

  private statusFrame(now: number, withVideo: boolean): ServerFrame {
    const status = this.statusAt(now);
    return {
      type: 'status',
      status,
      ...(status === 'live' && withVideo ? { videoUrl: this.session.videoUrl } : {}),
      startAt: iso(this.session.startAt),
      endAt: iso(this.session.endAt),
    };
  }

  /** The status, with the video link for the admitted only. */
  private statusDeliveries(now: number): Delivery[] {
    return [
      { audience: { to: 'admitted' }, frame: this.statusFrame(now, true) },
      ...[...this.idsIn('waiting')].map(
        (id): Delivery => ({ audience: { to: 'person', id }, frame: this.statusFrame(now, false) }),
      ),
    ];
  }

  private mustBeHost(actorId: string): void {
    if (this.members.get(actorId)?.role !== 'host') throw new DomainError('NOT_SESSION_HOST');
  }

  /** A tab opens. The first tab of a person makes them present. */
  openTab(person: LobbyPerson, role: LobbyRole, now: number): Outcome {
    if (this.removed.has(person.id)) throw new DomainError('LOBBY_REMOVED');
    const out = none();
    const present = this.members.get(person.id);
    if (present) {
      present.tabs += 1;
      present.person = person;
      return out;
    }
    const admitted = role === 'host' || this.session.kind === 'meeting' || this.admittedBefore.has(person.id);
    const m: Member = {
      person,
      role,
      state: admitted ? 'admitted' : 'waiting',
      tabs: 1,
      hand: false,
      since: now,
    };
    this.members.add(m);
    if (admitted) this.admittedBefore.add(person.id);
    out.records.push({ kind: 'joined', participantId: person.id, at: now, admitted });
    out.deliveries.push(this.presence(m, admitted ? 'joined' : 'waiting'));
    return out;
  }

  /** A tab closes; true when it was the person's last one (they may still come back in time). */
  closeTab(participantId: string): boolean {
    const m = this.members.get(participantId);
    if (!m) return false;
    m.tabs = Math.max(0, m.tabs - 1);
    return m.tabs === 0;
  }

  /** The person is gone for good, unless a tab came back in the meantime. */
  depart(participantId: string, now: number): Outcome {
    const out = none();
    const m = this.members.get(participantId);
    if (!m || m.tabs > 0) return out;
    this.members.delete(participantId);
    out.records.push({ kind: 'left', participantId, at: now });
    out.deliveries.push(this.presence(m, 'left'));
    return out;
  }

  say(actorId: string, rawText: string, id: string, now: number): Outcome {
    const m = this.members.get(actorId);
    if (!m) throw new DomainError('NOT_PRESENT');
    if (m.state !== 'admitted') throw new DomainError('LOBBY_WAITING');
    const text = rawText.trim();
    if (!text) throw new DomainError('CHAT_EMPTY');
    if ([...text].length > CHAT_MAX_CHARS) throw new DomainError('CHAT_TOO_LONG');
    const line: ChatLine = { id, from: { id: actorId, name: m.person.name }, text, at: now };
    this.chat.push(line);
    if (this.chat.length > CHAT_HISTORY_LINES) this.chat.shift();
    return {
      deliveries: [{ audience: { to: 'admitted' }, frame: chatFrame(line) }],
      records: [{ kind: 'chat', line }],
      closings: [],
    };
  }

  hand(actorId: string, raised: boolean): Outcome {
    const m = this.members.get(actorId);
    if (!m) throw new DomainError('NOT_PRESENT');
    const out = none();
    if (m.hand === raised) return out;
    m.hand = raised;
    out.deliveries.push({
      audience: this.seersOf(m),
      frame: { type: 'hand', participant: actorId, raised },
    });
    return out;
  }

  /** Lets one waiting person in, or everyone waiting when `targetId` is null. */
  admit(actorId: string, targetId: string | null, now: number): Outcome {
    this.mustBeHost(actorId);
    const targets = targetId === null ? [...this.idsIn('waiting')] : [targetId];
    const out = none();
    for (const id of targets) {
      const m = this.members.get(id);
      if (m?.state !== 'waiting') {
        if (targetId !== null) throw new DomainError('NOT_WAITING');
        continue;
      }
      this.members.admit(m);
      this.admittedBefore.add(id);
      out.records.push({ kind: 'admitted', participantId: id, at: now });
      out.deliveries.push(this.presence(m, 'admitted'));
      // The chat so far and, when live, the video link: a fresh snapshot says it all.
      out.deliveries.push({ audience: { to: 'person', id }, frame: 'snapshot' });
    }
    return out;
  }

  /** Turns a waiting person away this time; they may knock again. */
  deny(actorId: string, targetId: string, now: number): Outcome {
    this.mustBeHost(actorId);
    const m = this.members.get(targetId);
    if (m?.state !== 'waiting') throw new DomainError('NOT_WAITING');
    return this.evict(m, now, { code: CLOSE.forbidden, reason: 'LOBBY_DENIED' }, false);
  }

  /** Removes someone for the rest of this session. */
  remove(actorId: string, targetId: string, now: number): Outcome {
    this.mustBeHost(actorId);
    const m = this.members.get(targetId);
    if (!m) throw new DomainError('NOT_PRESENT');
    if (m.role === 'host') throw new DomainError('CANNOT_REMOVE_HOST');
    this.removed.add(targetId);
    this.admittedBefore.delete(targetId);
    return this.evict(m, now, { code: CLOSE.forbidden, reason: 'LOBBY_REMOVED' }, true);
  }

  /**
   * The person erased their account: they leave now and may not come back, their chat lines leave
   * the history others see, and a meeting no longer expects them. The session goes on.
   */
  forget(participantId: string, now: number): Outcome {
    this.removed.add(participantId);
    this.admittedBefore.delete(participantId);
    for (let i = this.chat.length - 1; i >= 0; i--) {
      if (this.chat[i]!.from.id === participantId) this.chat.splice(i, 1);
    }
    const gone = this.expected.findIndex((p) => p.id === participantId);
    if (gone >= 0) this.expected.splice(gone, 1);
    const m = this.members.get(participantId);
    if (!m) return none();
    return this.evict(m, now, { code: CLOSE.notSignedIn, reason: 'ACCOUNT_ERASED' }, false);
  }

  private evict(m: Member, now: number, close: { code: number; reason: string }, removed: boolean): Outcome {
    // Their own tabs hear why before the socket closes; the others see them leave.
    const left = this.presence(m, 'left');
    this.members.delete(m.person.id);
    return {
      deliveries: [
        {
          audience: { to: 'person', id: m.person.id },
          frame: errorFrame(close.reason as ErrorCode),
        },
        left,
      ],
      records: [{ kind: 'left', participantId: m.person.id, at: now, removed }],
      closings: [{ participantId: m.person.id, ...close }],
    };
  }

  start(actorId: string, now: number): Outcome {
    this.mustBeHost(actorId);
    const status = this.statusAt(now);
    if (status === 'scheduled') throw new DomainError('LOBBY_NOT_OPEN');
    const out = none();
    if (status === 'live') return out;
    this.session.liveAt = now;
    this.announced = 'live';
    out.records.push({ kind: 'live', at: now });
    out.deliveries.push(...this.statusDeliveries(now));
    return out;
  }

  end(actorId: string, now: number): Outcome {
    this.mustBeHost(actorId);
    if (this.statusAt(now) !== 'live') throw new DomainError('LOBBY_NOT_LIVE');
    this.session.endedAt = now;
    this.announced = 'ended';
    for (const m of this.members.values()) m.hand = false;
    return {
      deliveries: this.statusDeliveries(now),
      records: [{ kind: 'ended', at: now }],
      closings: [],
    };
  }

  /** Announces a status reached by the clock (the lobby opening, or closing unused). */
  tick(now: number): Outcome {
    const out = none();
    const status = this.statusAt(now);
    if (status !== this.announced) {
      this.announced = status;
      out.deliveries.push(...this.statusDeliveries(now));
    }
    return out;
  }

  /** Everyone leaves at once: the server is shutting down. */
  departAll(now: number): Outcome {
    const records = [...this.members.keys()].map(
      (id): LobbyRecord => ({ kind: 'left', participantId: id, at: now }),
    );
    this.members.clear();
    return { deliveries: [], records, closings: [] };
  }

  /** The session was rescheduled, renamed or cancelled elsewhere. */
  sessionChanged(next: LobbySession | null, now: number): Outcome {
    if (next === null) {
      const everyone = [...this.members.keys()];
      this.members.clear();
      return {
        deliveries: [{ audience: { to: 'all' }, frame: errorFrame('SESSION_CANCELLED') }],
        records: everyone.map((id) => ({ kind: 'left' as const, participantId: id, at: now })),
        closings: everyone.map((id) => ({
          participantId: id,
          code: CLOSE.notFound,
          reason: 'SESSION_CANCELLED',
        })),
      };
    }
    this.session = { ...next, liveAt: this.session.liveAt, endedAt: this.session.endedAt };
    this.announced = this.statusAt(now);
    return { deliveries: this.statusDeliveries(now), records: [], closings: [] };
  }

  /** Head counts for everyone when they changed since the last call (called on a timer). */
  counts(): Delivery | null {
    if (!this.countsChanged) return null;
    this.countsChanged = false;
    return {
      audience: { to: 'all' },
      frame: { type: 'count', present: this.members.size, waiting: this.members.waiting.size },
    };
  }

  /** The first frame a tab gets, and the one it gets again when admitted. */
  snapshot(viewerId: string, now: number): ServerFrame {
    const me = this.members.get(viewerId);
    const admitted = me?.state === 'admitted';
    const seesAll = this.session.kind === 'meeting' || me?.role === 'host';
    const visible = seesAll
      ? [...this.members.values()]
      : [...new Set([...this.members.hosts, viewerId])].flatMap((id) => this.members.get(id) ?? []);
    const participants = visible.map((m) => ({
      ...this.publicOf(m),
      state: m.state,
      hand: m.hand,
      present: true,
    }));
    if (this.session.kind === 'meeting') {
      for (const p of this.expected) {
        if (!this.members.has(p.id)) {
          participants.push({ ...p, role: 'host', state: 'admitted', hand: false, present: false });
        }
      }
    }
    const waiting = this.members.waiting.size;
    const status = this.statusFrame(now, admitted);
    return {
      type: 'snapshot',
      session: {
        id: this.session.id,
        kind: this.session.kind,
        title: this.session.title,
        startAt: iso(this.session.startAt),
        endAt: iso(this.session.endAt),
        opensAt: iso(this.opensAt()),
      },
      status: status.status,
      ...(status.videoUrl ? { videoUrl: status.videoUrl } : {}),
      you: me ? { ...this.publicOf(me), state: me.state, hand: me.hand } : null,
      participants,
      counts: { present: this.members.size, waiting },
      chat: admitted ? this.chat.map(chatFrame) : [],
      serverTime: iso(now),
    };
  }
}

export function chatFrame(line: ChatLine): ServerFrame {
  return { type: 'chat', id: line.id, from: line.from, text: line.text, at: iso(line.at) };
}

export function errorFrame(code: ErrorCode, message?: string): ServerFrame {
  return { type: 'error', code, message: message ?? ERROR_CODES[code].text };
}
