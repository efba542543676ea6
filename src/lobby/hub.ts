/**
 * The live lobbies of this process: rooms, the tabs connected to them, timers, and delivery. It
 * speaks to sockets through a three-method interface and to storage through `LobbyStore`, so it
 * runs without Fastify and without a database. `Lobbies` is the surface the route sees; with
 * several instances `SharedLobbies` (shared.ts) implements it and runs this hub for the rooms
 * its instance owns.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors';
import { type Bucket, type ClientFrame, parseClientFrame, takeToken } from './frames';
import {
  CLOSE,
  type Delivery,
  errorFrame,
  type LobbyPerson,
  type LobbyRecord,
  type LobbyRole,
  LobbyRoom,
  type LobbySession,
  type Outcome,
  type RoomHistory,
} from './room';

/** The little the hub needs of a websocket. */
export interface LobbySocket {
  send(data: Buffer): void;
  close(code: number, reason: string): void;
  terminate(): void;
  readonly bufferedAmount: number;
}

export interface LobbyStore {
  history(sessionId: string): Promise<RoomHistory>;
  record(sessionId: string, records: LobbyRecord[]): void;
}

/** Who may come in, as decided by the service before the upgrade. */
export interface Admission {
  session: LobbySession;
  person: LobbyPerson;
  role: LobbyRole;
  /** A meeting's people, to show who is still expected. */
  expected: LobbyPerson[];
}

export interface Tab {
  readonly id: string;
  readonly sessionId: string;
  readonly participantId: string;
  readonly socket: LobbySocket;
  closed: boolean;
}

/**
 * One person's chat allowance in one lobby, shared by all their tabs and kept while the room
 * lives, so that neither opening more tabs nor reconnecting buys more lines.
 */
interface ChatAllowance {
  bucket: Bucket;
  refusedLines: number;
}

export interface LobbyOptions {
  clock: () => number;
  openBeforeMs: number;
  /** How long a person stays present after their last tab closed, so that a reload is no leave. */
  leaveGraceMs: number;
  /** A tab whose unsent data exceeds this is dropped; it reconnects and gets a fresh snapshot. */
  maxBufferedBytes: number;
  /** One person's chat lines, across all their tabs: a burst, then so many a second. */
  chat: { burst: number; perSecond: number };
  /** One person's chat lines refused for flooding before the tab that sends more is closed. */
  maxRefusedLines: number;
  /** Tabs one person may keep open in one lobby; a newer one closes the oldest. */
  maxTabsPerPerson: number;
  countsEveryMs: number;
  onError?: (err: unknown) => void;
}

export const DEFAULT_LOBBY_OPTIONS: Omit<LobbyOptions, 'clock' | 'openBeforeMs'> = {
  leaveGraceMs: 3000,
  maxBufferedBytes: 1024 * 1024,
  chat: { burst: 5, perSecond: 1 },
  maxRefusedLines: 20,
  maxTabsPerPerson: 5,
  countsEveryMs: 1000,
};

/** What any implementation of the lobbies offers the websocket route and the services. */
export interface Lobbies {
  /** Readies a session's room before its socket is accepted (loads what it remembers). */
  prepare(sessionId: string): Promise<void>;
  connect(admission: Admission, socket: LobbySocket): Tab | null;
  receive(tab: Tab, text: string): void;
  disconnect(tab: Tab): void;
  sessionChanged(sessionId: string, session: LobbySession | null): void;
  isRemoved(sessionId: string, participantId: string): boolean;
  /** An erased account: its tabs close in every room held here; the rooms go on for the others. */
  forgetPerson(participantId: string): void;
  stats(): { rooms: number; tabs: number };
  /** Shuts down; awaited, so that what the lobbies must tell others is told before the exit. */
  close(): void | Promise<void>;
}

interface Entry {
  room: LobbyRoom;
  /** Each person's open tabs, oldest first. */
  tabs: Map<string, Set<Tab>>;
  chat: Map<string, ChatAllowance>;
  clockTimer: NodeJS.Timeout | null;
  leaveTimers: Map<string, NodeJS.Timeout>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long a room's loaded history may wait for the first socket (an upgrade takes moments). */
const HISTORY_FRESH_MS = 10_000;

export class LobbyHub implements Lobbies {
  private readonly rooms = new Map<string, Entry>();
  /** Histories being loaded, and loaded ones waiting for their room's first socket. */
  private readonly histories = new Map<string, Promise<RoomHistory>>();
  private readonly loaded = new Map<string, { history: RoomHistory; at: number }>();
  private readonly countsTimer: NodeJS.Timeout;

  constructor(
    private readonly store: LobbyStore,
    private readonly options: LobbyOptions,
  ) {
    this.countsTimer = setInterval(() => this.sendCounts(), options.countsEveryMs);
    this.countsTimer.unref();
  }

  connect(admission: Admission, socket: LobbySocket): Tab | null {
    const now = this.options.clock();
    const id = admission.session.id;
    const history = this.freshHistory(id);
    if (!this.rooms.has(id) && !history) {
      // The room went away between prepare() and now: the client reconnects and prepares again.
      socket.close(CLOSE.goingAway, 'TRY_AGAIN');
      return null;
    }
    const entry = this.entryFor(admission, history!);
    this.loaded.delete(id);
    const tab: Tab = {
      id: randomUUID(),
      sessionId: admission.session.id,
      participantId: admission.person.id,
      socket,
      closed: false,
    };
    let outcome: Outcome;
    try {
      outcome = entry.room.openTab(admission.person, admission.role, now);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.sendTo(tab, errorFrame(err.code));
      socket.close(CLOSE.forbidden, err.code);
      this.dropIfEmpty(entry);
      return null;
    }
    const leaving = entry.leaveTimers.get(tab.participantId);
    if (leaving) {
      clearTimeout(leaving);
      entry.leaveTimers.delete(tab.participantId);
    }
    // The others hear of the arrival; the newcomer learns everything from its snapshot instead.
    this.apply(entry, outcome);
    let mine = entry.tabs.get(tab.participantId);
    if (!mine) {
      mine = new Set();
      entry.tabs.set(tab.participantId, mine);
    }
    mine.add(tab);
    this.closeOldestTabs(entry, mine);
    this.sendTo(tab, entry.room.snapshot(tab.participantId, now));
    return tab;
  }

  /**
   * Beyond the cap the newest tab wins: it is the one the person is looking at, and a forgotten
   * tab is the likelier one to go. The closed tab says why, so it does not simply reconnect.
   * Each tab costs a socket and a copy of every frame, which is why there is a cap at all.
   */
  private closeOldestTabs(entry: Entry, mine: Set<Tab>): void {
    for (const oldest of mine) {
      if (mine.size <= this.options.maxTabsPerPerson) return;
      mine.delete(oldest);
      // The person keeps at least the new tab, so this never counts as leaving.
      entry.room.closeTab(oldest.participantId);
      this.sendTo(oldest, errorFrame('TOO_MANY_TABS'));
      oldest.closed = true;
      oldest.socket.close(CLOSE.tooManyTabs, 'TOO_MANY_TABS');
    }
  }

  private allowanceOf(entry: Entry, participantId: string, now: number): ChatAllowance {
    let allowance = entry.chat.get(participantId);
    if (!allowance) {
      allowance = { bucket: { tokens: this.options.chat.burst, at: now }, refusedLines: 0 };
      entry.chat.set(participantId, allowance);
    }
    return allowance;
  }

  receive(tab: Tab, text: string): void {
    if (tab.closed) return;
    const entry = this.rooms.get(tab.sessionId);
    if (!entry) return;
    try {
      const frame = parseClientFrame(text);
      this.apply(entry, this.act(entry, tab, frame));
    } catch (err) {
      if (err instanceof DomainError) this.sendTo(tab, errorFrame(err.code, err.message));
      else {
        this.options.onError?.(err);
        this.sendTo(tab, errorFrame('INVALID_FRAME', 'The lobby could not act on this frame.'));
      }
    }
  }

  private act(entry: Entry, tab: Tab, frame: ClientFrame): Outcome {
    const now = this.options.clock();
    const me = tab.participantId;
    const room = entry.room;
    switch (frame.type) {
      case 'chat': {
        const allowance = this.allowanceOf(entry, me, now);
        if (!takeToken(allowance.bucket, now, this.options.chat)) {
          allowance.refusedLines += 1;
          if (allowance.refusedLines > this.options.maxRefusedLines) {
            this.sendTo(tab, errorFrame('CHAT_RATE_LIMITED', 'Too many chat lines: disconnected.'));
            tab.socket.close(CLOSE.policy, 'CHAT_RATE_LIMITED');
            tab.closed = true;
          }
          throw new DomainError('CHAT_RATE_LIMITED');
        }
        return room.say(me, frame.text, randomUUID(), now);
      }
      case 'hand':
        return room.hand(me, frame.raised);
      case 'admit':
        return room.admit(me, frame.participantId, now);
      case 'deny':
        return room.deny(me, frame.participantId, now);
      case 'remove':
        return room.remove(me, frame.participantId, now);
      case 'start':
        return room.start(me, now);
      case 'end':
        return room.end(me, now);
      case 'ping':
        this.sendTo(tab, { type: 'pong', serverTime: new Date(now).toISOString() });
        return { deliveries: [], records: [], closings: [] };
    }
  }

  disconnect(tab: Tab): void {
    tab.closed = true;
    const entry = this.rooms.get(tab.sessionId);
    if (!entry) return;
    const mine = entry.tabs.get(tab.participantId);
    if (!mine?.delete(tab)) return;
    if (mine.size === 0) entry.tabs.delete(tab.participantId);
    if (!entry.room.closeTab(tab.participantId)) return;
    const depart = () => {
      entry.leaveTimers.delete(tab.participantId);
      this.apply(entry, entry.room.depart(tab.participantId, this.options.clock()));
      this.dropIfEmpty(entry);
    };
    if (this.options.leaveGraceMs <= 0) {
      depart();
      return;
    }
    const timer = setTimeout(depart, this.options.leaveGraceMs);
    timer.unref();
    entry.leaveTimers.set(tab.participantId, timer);
  }

  sessionChanged(sessionId: string, session: LobbySession | null): void {
    const entry = this.rooms.get(sessionId);
    if (!entry) return;
    this.apply(entry, entry.room.sessionChanged(session, this.options.clock()));
    if (session === null) this.drop(entry);
    else this.scheduleClock(entry);
  }

  forgetPerson(participantId: string): void {
    const now = this.options.clock();
    for (const entry of this.rooms.values()) this.apply(entry, entry.room.forget(participantId, now));
  }

  isRemoved(sessionId: string, participantId: string): boolean {
    return this.rooms.get(sessionId)?.room.isRemoved(participantId) ?? false;
  }

  /** Whether this hub holds a live room for the session, or is loading one. */
  hasRoom(sessionId: string): boolean {
    return this.rooms.has(sessionId) || this.histories.has(sessionId);
  }

  /**
   * Lets go of one room without recording anyone's departure: another process now holds (or is
   * about to rebuild) it, and ends the stays this one left open when it does. Its tabs close with
   * `code`, which tells the clients to reconnect and get a fresh snapshot there.
   */
  evict(sessionId: string, code: number, reason: string): void {
    this.loaded.delete(sessionId);
    const entry = this.rooms.get(sessionId);
    if (!entry) return;
    for (const tabs of entry.tabs.values()) {
      for (const tab of tabs) {
        tab.closed = true;
        tab.socket.close(code, reason);
      }
    }
    entry.tabs.clear();
    this.drop(entry);
  }

  stats(): { rooms: number; tabs: number } {
    let tabs = 0;
    for (const e of this.rooms.values()) for (const s of e.tabs.values()) tabs += s.size;
    return { rooms: this.rooms.size, tabs };
  }

  /** Everyone leaves (and is recorded as leaving) and every socket closes as "going away". */
  close(): void {
    clearInterval(this.countsTimer);
    const now = this.options.clock();
    for (const entry of [...this.rooms.values()]) {
      for (const [pid, tabs] of entry.tabs) {
        for (const tab of tabs) {
          tab.closed = true;
          tab.socket.close(CLOSE.goingAway, 'SERVER_CLOSING');
        }
        entry.tabs.delete(pid);
      }
      this.store.record(entry.room.id, entry.room.departAll(now).records);
      this.drop(entry);
    }
  }

  /**
   * Loads what a room remembers (chat, who was let in or removed) before its first socket comes:
   * the upgrade awaits this, so that `connect` can stay synchronous.
   */
  async prepare(sessionId: string): Promise<void> {
    if (this.rooms.has(sessionId) || this.freshHistory(sessionId)) return;
    const pending = this.histories.get(sessionId);
    if (pending !== undefined) {
      await pending;
      return;
    }
    const loading = this.store.history(sessionId);
    this.histories.set(sessionId, loading);
    try {
      this.loaded.set(sessionId, { history: await loading, at: Date.now() });
    } finally {
      this.histories.delete(sessionId);
    }
  }

  /** A history loaded moments ago; an older one may miss chat lines written since. */
  private freshHistory(sessionId: string): RoomHistory | undefined {
    const found = this.loaded.get(sessionId);
    if (found && Date.now() - found.at < HISTORY_FRESH_MS) return found.history;
    this.loaded.delete(sessionId);
    return undefined;
  }

  private entryFor(admission: Admission, history: RoomHistory): Entry {
    const id = admission.session.id;
    let entry = this.rooms.get(id);
    if (!entry) {
      const now = this.options.clock();
      entry = {
        room: new LobbyRoom(admission.session, this.options.openBeforeMs, history, admission.expected, now),
        tabs: new Map(),
        chat: new Map(),
        clockTimer: null,
        leaveTimers: new Map(),
      };
      this.rooms.set(id, entry);
      this.scheduleClock(entry);
    }
    return entry;
  }

  /** Wakes the room when its status changes by the clock (opening; closing unused). */
  private scheduleClock(entry: Entry): void {
    if (entry.clockTimer) clearTimeout(entry.clockTimer);
    entry.clockTimer = null;
    const now = this.options.clock();
    const at = entry.room.nextChangeAt(now);
    if (at === null) return;
    entry.clockTimer = setTimeout(
      () => {
        this.apply(entry, entry.room.tick(this.options.clock()));
        this.scheduleClock(entry);
      },
      Math.min(MAX_TIMER_MS, Math.max(0, at - now) + 5),
    );
    entry.clockTimer.unref();
  }

  private dropIfEmpty(entry: Entry): void {
    if (entry.room.isEmpty && entry.tabs.size === 0 && entry.leaveTimers.size === 0) this.drop(entry);
  }

  private drop(entry: Entry): void {
    if (entry.clockTimer) clearTimeout(entry.clockTimer);
    for (const t of entry.leaveTimers.values()) clearTimeout(t);
    this.rooms.delete(entry.room.id);
  }

  private apply(entry: Entry, outcome: Outcome): void {
    if (outcome.records.length) this.store.record(entry.room.id, outcome.records);
    for (const d of outcome.deliveries) this.deliver(entry, d);
    for (const c of outcome.closings) {
      const tabs = entry.tabs.get(c.participantId);
      if (!tabs) continue;
      entry.tabs.delete(c.participantId);
      for (const tab of tabs) {
        tab.closed = true;
        tab.socket.close(c.code, c.reason);
      }
    }
  }

  private tabsOf(entry: Entry, ids: Iterable<string>): Tab[] {
    const out: Tab[] = [];
    for (const id of ids) {
      const tabs = entry.tabs.get(id);
      if (tabs) for (const t of tabs) out.push(t);
    }
    return out;
  }

  private recipients(entry: Entry, d: Delivery): Tab[] {
    const a = d.audience;
    switch (a.to) {
      case 'all':
        return this.tabsOf(entry, entry.tabs.keys());
      case 'admitted':
        return this.tabsOf(entry, entry.room.idsIn('admitted'));
      case 'hosts':
        return this.tabsOf(entry, entry.room.hostIds());
      case 'person':
        return this.tabsOf(entry, [a.id]);
      case 'hostsAnd': {
        const hosts = entry.room.hostIds();
        return this.tabsOf(entry, hosts.has(a.id) ? hosts : [...hosts, a.id]);
      }
    }
  }

  private deliver(entry: Entry, d: Delivery): void {
    const tabs = this.recipients(entry, d);
    if (!tabs.length) return;
    if (d.frame === 'snapshot') {
      const now = this.options.clock();
      for (const tab of tabs) this.sendTo(tab, entry.room.snapshot(tab.participantId, now));
      return;
    }
    // Serialised once for everyone: the fan-out to thousands is then one write per socket.
    const data = Buffer.from(JSON.stringify(d.frame));
    for (const tab of tabs) this.write(tab, data);
  }

  private sendTo(tab: Tab, frame: object): void {
    this.write(tab, Buffer.from(JSON.stringify(frame)));
  }

  /** A tab that has fallen too far behind is dropped rather than allowed to hold memory. */
  private write(tab: Tab, data: Buffer): void {
    if (tab.closed) return;
    if (tab.socket.bufferedAmount > this.options.maxBufferedBytes) {
      tab.closed = true;
      tab.socket.terminate();
      return;
    }
    tab.socket.send(data);
  }

  private sendCounts(): void {
    for (const entry of this.rooms.values()) {
      const d = entry.room.counts();
      if (d && entry.room.kind === 'webinar') this.deliver(entry, d);
    }
  }
}
