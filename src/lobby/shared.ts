/**
 * The lobbies of several instances sharing one Redis. Each room runs in exactly one place at a
 * time, its owner: the instance holding the room's lease in Redis, which runs the ordinary
 * `LobbyHub` for it. Every instance is also a holder of its own sockets: it relays what they do
 * to the owner and carries out what the owner sends back (frames, closes), over one pub/sub
 * channel per instance. The owner's hub sees a remote socket as a stand-in that forwards.
 *
 * Whatever might have left a room and its sockets out of step (the owner gone, a lease lapsed,
 * pub/sub messages lost while a subscriber reconnected) is repaired the way a stalled client is
 * today: its sockets close with 1012 and the clients reconnect for a fresh snapshot. A new owner
 * rebuilds the room from the database and ends the stays nobody closed.
 */
import type { Redis } from 'ioredis';
import { Leases } from '../redis/lease';
import {
  type Admission,
  type Lobbies,
  LobbyHub,
  type LobbyOptions,
  type LobbySocket,
  type LobbyStore,
  type Tab,
} from './hub';
import { parseRelay, type RelayMessage, StepBatch, type ToHolder, type ToOwner } from './relay';
import { CLOSE, type LobbySession } from './room';

export interface SharedLobbyOptions {
  /** Prefix of every key and channel, so that several deployments (or tests) can share a Redis. */
  keyPrefix: string;
  /** How long a room's lease (and an instance's sign of life) lasts without renewal. */
  leaseMs: number;
  /** How often leases are renewed and owners checked: a few times per lease. */
  renewMs: number;
}

export const DEFAULT_SHARED_LOBBY_OPTIONS: SharedLobbyOptions = {
  keyPrefix: 'twinning:lobby:',
  leaseMs: 6_000,
  renewMs: 2_000,
};

export interface SharedLobbyStore extends LobbyStore {
  /** Writes the facts still queued. */
  flush(): Promise<void>;
  /** Ends the session's stays still open, after writing what is queued; answers how many. */
  endOpenStays(sessionId: string): Promise<number>;
  /** Sessions with stays still open. */
  sessionsWithOpenStays(): Promise<string[]>;
}

/** A socket of this instance, in a room owned here or elsewhere. */
interface HeldTab extends Tab {
  /** The instance that owned the room when the tab opened; the tab lives only as long as that. */
  readonly owner: string;
}

/** A tab of some holder, as the owner knows it. */
interface RemoteTab {
  tab: Tab;
  holder: string;
  sessionId: string;
}

interface OwnedRoom {
  /** Until when the lease is surely ours: after a stall we stop acting before checking. */
  validUntil: number;
  /** Renewals since the room was last in use; an unused lease is given back. */
  idleTicks: number;
}

/** The owner known after `prepare`, used by `connect` moments later. */
const OWNER_FRESH_MS = 10_000;

export class SharedLobbies implements Lobbies {
  private readonly hub: LobbyHub;
  private readonly leases: Leases;
  private readonly subscriber: Redis;
  private readonly owned = new Map<string, OwnedRoom>();
  /** Messages for each room, handled one after another (an open loads the room first). */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly remote = new Map<string, RemoteTab>();
  private readonly held = new Map<string, HeldTab>();
  private readonly owners = new Map<string, { owner: string; at: number }>();
  private readonly removed = new Map<string, { ids: Set<string>; at: number }>();
  private readonly batches = new Map<string, StepBatch>();
  private flushScheduled = false;
  private tabCounter = 0;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private ticking = false;

  private constructor(
    private readonly redis: Redis,
    private readonly me: string,
    private readonly store: SharedLobbyStore,
    private readonly options: LobbyOptions & SharedLobbyOptions,
  ) {
    this.leases = new Leases(redis, me, options.leaseMs);
    this.hub = new LobbyHub(
      {
        // A room is built only when nobody is in it here, and it is here alone: stays still open
        // were left by an owner that stopped without recording departures.
        history: async (sessionId) => {
          await store.endOpenStays(sessionId);
          return store.history(sessionId);
        },
        record: (sessionId, records) => {
          store.record(sessionId, records);
          for (const r of records) {
            if (r.kind === 'left' && r.removed) this.announceRemoval(sessionId, r.participantId);
          }
        },
      },
      options,
    );
    // Named, so that an operator (or a test) can find this instance's subscriber in CLIENT LIST.
    this.subscriber = redis.duplicate({ connectionName: `${options.keyPrefix}sub:${me}` });
    this.timer = setInterval(() => {
      this.tick().catch((err) => this.options.onError?.(err));
    }, options.renewMs);
    this.timer.unref();
  }

  static async open(
    redis: Redis,
    instanceId: string,
    store: SharedLobbyStore,
    options: LobbyOptions & SharedLobbyOptions,
  ): Promise<SharedLobbies> {
    const lobbies = new SharedLobbies(redis, instanceId, store, options);
    await lobbies.start();
    return lobbies;
  }

  private key(kind: 'owner' | 'alive' | 'to', id: string): string {
    return `${this.options.keyPrefix}${kind}:${id}`;
  }

  private get broadcastChannel(): string {
    return `${this.options.keyPrefix}all`;
  }

  private async start(): Promise<void> {
    const sub = this.subscriber;
    sub.on('error', () => {});
    let connections = 0;
    sub.on('ready', () => {
      // Messages published while the subscriber was away are lost for good: whatever they were,
      // the rooms and sockets they concerned may now disagree, so all of them start again.
      if (connections++ > 0) this.resync();
    });
    sub.on('message', (_channel: string, text: string) => {
      const message = parseRelay(text);
      if (message) this.onMessage(message);
    });
    await sub.subscribe(this.key('to', this.me), this.broadcastChannel);
    await this.redis.set(this.key('alive', this.me), '1', 'PX', this.options.leaseMs);
  }

  // ——— as the holder of this instance's sockets ———

  /**
   * Finds the room's owner, taking the lease when there is none; an owner here loads the room's
   * history, as the one-instance hub does, so that `connect` can stay synchronous.
   */
  async prepare(sessionId: string): Promise<void> {
    const key = this.key('owner', sessionId);
    let owner = (await this.leases.holders([key]))[0] ?? null;
    if (owner === null || owner === this.me) {
      owner = (await this.ensureOwned(sessionId)) ? this.me : ((await this.leases.holders([key]))[0] ?? null);
    }
    // Taken and let go again in the moment between: the client tries again.
    if (owner === null) throw new Error(`no owner for the lobby of ${sessionId}`);
    if (owner === this.me) await this.hub.prepare(sessionId);
    this.owners.set(sessionId, { owner, at: Date.now() });
  }

  connect(admission: Admission, socket: LobbySocket): Tab | null {
    const sessionId = admission.session.id;
    const known = this.owners.get(sessionId);
    if (this.closed || !known || Date.now() - known.at > OWNER_FRESH_MS) {
      socket.close(CLOSE.reconnect, 'TRY_AGAIN');
      return null;
    }
    this.tabCounter += 1;
    const tab: HeldTab = {
      id: this.tabCounter.toString(36),
      sessionId,
      participantId: admission.person.id,
      socket,
      closed: false,
      owner: known.owner,
    };
    this.held.set(tab.id, tab);
    this.toOwner(tab, { t: 'open', from: this.me, tab: tab.id, s: sessionId, admission });
    return tab;
  }

  receive(tab: Tab, text: string): void {
    const mine = this.held.get(tab.id);
    if (!mine || mine.closed) return;
    this.toOwner(mine, { t: 'frame', from: this.me, tab: tab.id, s: tab.sessionId, text });
  }

  disconnect(tab: Tab): void {
    tab.closed = true;
    const mine = this.held.get(tab.id);
    if (mine !== tab) return;
    this.held.delete(tab.id);
    this.toOwner(mine, { t: 'close', from: this.me, tab: tab.id, s: tab.sessionId });
  }

  /** Hands a tab's message to its room's owner: here directly, elsewhere over its channel. */
  private toOwner(tab: HeldTab, message: ToOwner): void {
    if (tab.owner === this.me) {
      this.onOwnerMessage(message);
      return;
    }
    this.redis.publish(this.key('to', tab.owner), JSON.stringify(message)).catch(() => {
      // The owner never heard this: the tab starts again rather than go on out of step.
      if (message.t !== 'close') this.closeHeld(tab, CLOSE.reconnect, 'LOBBY_UNREACHABLE');
    });
  }

  private closeHeld(tab: HeldTab, code: number, reason: string): void {
    if (tab.closed) return;
    tab.closed = true;
    tab.socket.close(code, reason);
  }

  /** Carries out what an owner says to this instance's sockets. */
  private onHolderMessage(message: ToHolder): void {
    for (const step of message.steps) {
      const data = 'send' in step ? Buffer.from(step.send) : null;
      for (const id of step.to) {
        const tab = this.held.get(id);
        if (!tab || tab.closed) continue;
        if (data) this.write(tab, data);
        else if ('close' in step) this.closeHeld(tab, step.close, step.reason);
        else this.terminate(tab);
      }
    }
  }

  /** A tab that has fallen too far behind is dropped rather than allowed to hold memory. */
  private write(tab: HeldTab, data: Buffer): void {
    if (tab.socket.bufferedAmount > this.options.maxBufferedBytes) this.terminate(tab);
    else tab.socket.send(data);
  }

  private terminate(tab: HeldTab): void {
    tab.closed = true;
    tab.socket.terminate();
  }

  // ——— as the owner of rooms ———

  /** True when this instance holds the room's lease, taking it if it is free. */
  private async ensureOwned(sessionId: string): Promise<boolean> {
    const room = this.owned.get(sessionId);
    if (room && Date.now() < room.validUntil) return true;
    // A lease that may have lapsed during a stall is not acted on: start the room afresh.
    if (room) this.forget(sessionId, 'LOBBY_MOVED');
    const takenAt = Date.now();
    if (this.closed || !(await this.leases.take(this.key('owner', sessionId)))) return false;
    this.owned.set(sessionId, { validUntil: takenAt + this.options.leaseMs, idleTicks: 0 });
    return true;
  }

  private owns(sessionId: string): boolean {
    const room = this.owned.get(sessionId);
    return room !== undefined && Date.now() < room.validUntil;
  }

  private onOwnerMessage(message: ToOwner): void {
    const sessionId = message.s;
    const previous = this.chains.get(sessionId) ?? Promise.resolve();
    const next = previous.then(() => this.actAsOwner(message)).catch((err) => this.options.onError?.(err));
    this.chains.set(sessionId, next);
    void next.then(() => {
      if (this.chains.get(sessionId) === next) this.chains.delete(sessionId);
    });
  }

  private async actAsOwner(message: ToOwner): Promise<void> {
    const key = `${message.from}|${message.tab}`;
    if (message.t === 'close') {
      const known = this.remote.get(key);
      if (!known) return;
      this.remote.delete(key);
      this.hub.disconnect(known.tab);
      return;
    }
    if (message.t === 'frame') {
      const known = this.remote.get(key);
      if (known && this.owns(message.s)) this.hub.receive(known.tab, message.text);
      // A tab this owner does not know (it rebuilt the room, or lost it) starts again.
      else this.batchFor(message.from).close(message.tab, CLOSE.reconnect, 'LOBBY_MOVED');
      this.scheduleFlush();
      return;
    }
    if (!(await this.ensureOwned(message.s))) {
      this.batchFor(message.from).close(message.tab, CLOSE.reconnect, 'LOBBY_MOVED');
      this.scheduleFlush();
      return;
    }
    await this.hub.prepare(message.s);
    const tab = this.hub.connect(message.admission, this.standIn(message.from, message.tab));
    if (tab) this.remote.set(key, { tab, holder: message.from, sessionId: message.s });
    this.scheduleFlush();
  }

  /** The owner's hub writes to a holder's socket through this. */
  private standIn(holder: string, tabId: string): LobbySocket {
    if (holder === this.me) {
      const held = () => this.held.get(tabId);
      return {
        send: (data) => {
          const tab = held();
          if (tab && !tab.closed) this.write(tab, data);
        },
        close: (code, reason) => {
          const tab = held();
          if (tab) this.closeHeld(tab, code, reason);
        },
        terminate: () => {
          const tab = held();
          if (tab && !tab.closed) this.terminate(tab);
        },
        bufferedAmount: 0,
      };
    }
    return {
      send: (data) => {
        this.batchFor(holder).send(tabId, data);
        this.scheduleFlush();
      },
      close: (code, reason) => {
        this.batchFor(holder).close(tabId, code, reason);
        this.scheduleFlush();
      },
      terminate: () => {
        this.batchFor(holder).terminate(tabId);
        this.scheduleFlush();
      },
      // The holder drops a socket that falls behind; what waits here is sent within a turn.
      bufferedAmount: 0,
    };
  }

  private batchFor(holder: string): StepBatch {
    let batch = this.batches.get(holder);
    if (!batch) {
      batch = new StepBatch();
      this.batches.set(holder, batch);
    }
    return batch;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.batches.size === 0) return;
    this.flushScheduled = true;
    setImmediate(() => void this.flushBatches());
  }

  private async flushBatches(): Promise<void> {
    this.flushScheduled = false;
    const sends: Promise<unknown>[] = [];
    for (const [holder, batch] of this.batches) {
      const message: ToHolder = { t: 'out', steps: batch.steps };
      if (holder === this.me) this.onHolderMessage(message);
      // A batch lost here is noticed by the holder: its subscriber reconnects, or the lease moves.
      else sends.push(this.redis.publish(this.key('to', holder), JSON.stringify(message)).catch(() => {}));
    }
    this.batches.clear();
    await Promise.all(sends);
  }

  /**
   * Stops acting as a room's owner without recording departures (whoever rebuilds the room ends
   * the stays); every tab of it, here or elsewhere, closes so that its client reconnects.
   */
  private forget(sessionId: string, reason: string): void {
    this.owned.delete(sessionId);
    this.hub.evict(sessionId, CLOSE.reconnect, reason);
    for (const [key, r] of this.remote) if (r.sessionId === sessionId) this.remote.delete(key);
    this.scheduleFlush();
  }

  private onMessage(message: RelayMessage): void {
    if (this.closed) return;
    if (message.t === 'out') this.onHolderMessage(message);
    else if (message.t === 'removed') this.rememberRemoval(message.s, message.p);
    else this.onOwnerMessage(message);
  }

  // ——— removals, known everywhere ———

  private announceRemoval(sessionId: string, participantId: string): void {
    this.rememberRemoval(sessionId, participantId);
    const message = JSON.stringify({ t: 'removed', s: sessionId, p: participantId });
    this.redis.publish(this.broadcastChannel, message).catch(() => {});
  }

  private rememberRemoval(sessionId: string, participantId: string): void {
    let known = this.removed.get(sessionId);
    if (!known) {
      known = { ids: new Set(), at: 0 };
      this.removed.set(sessionId, known);
    }
    known.ids.add(participantId);
    known.at = Date.now();
  }

  /**
   * Removals the owner announced, and the owner's own room: the database knows them too, once
   * the owner's queue is written, and the owner refuses the person's socket in any case.
   */
  isRemoved(sessionId: string, participantId: string): boolean {
    return (
      this.hub.isRemoved(sessionId, participantId) ||
      (this.removed.get(sessionId)?.ids.has(participantId) ?? false)
    );
  }

  /** Every instance hears of an erasure; the rooms it owns close the person's tabs. */
  forgetPerson(participantId: string): void {
    this.hub.forgetPerson(participantId);
  }

  /** Every instance hears of a change; the room's owner alone applies it. */
  sessionChanged(sessionId: string, session: LobbySession | null): void {
    if (this.owns(sessionId)) this.hub.sessionChanged(sessionId, session);
  }

  /** Rooms owned here, and sockets held here that are not closing. */
  stats(): { rooms: number; tabs: number } {
    let tabs = 0;
    for (const tab of this.held.values()) if (!tab.closed) tabs += 1;
    return { rooms: this.hub.stats().rooms, tabs };
  }

  // ——— keeping time ———

  /**
   * Every few seconds: renew this instance's sign of life and its rooms' leases (letting go of
   * those it lost and those unused), let go of the tabs of holders that died, and close the
   * tabs of rooms whose owner is no longer the one they opened with.
   */
  private async tick(): Promise<void> {
    // A slow Redis must not stack rounds on top of each other: the next one waits its turn.
    if (this.closed || this.ticking) return;
    this.ticking = true;
    try {
      await this.keepTime(Date.now());
    } finally {
      this.ticking = false;
    }
  }

  private async keepTime(now: number): Promise<void> {
    await this.redis.set(this.key('alive', this.me), '1', 'PX', this.options.leaseMs).catch(() => {});
    await this.renewOwned(now);
    await this.dropDeadHolders();
    await this.checkOwners();
    for (const [s, o] of this.owners) if (now - o.at > OWNER_FRESH_MS) this.owners.delete(s);
    for (const [s, r] of this.removed) if (now - r.at > 24 * 3600_000) this.removed.delete(s);
  }

  private async renewOwned(startedAt: number): Promise<void> {
    const release: string[] = [];
    for (const [sessionId, room] of this.owned) {
      const inUse = this.hub.hasRoom(sessionId) || this.chains.has(sessionId);
      room.idleTicks = inUse ? 0 : room.idleTicks + 1;
      // Two idle rounds: a socket between `prepare` and `connect` is given time to arrive.
      if (room.idleTicks >= 2) {
        this.owned.delete(sessionId);
        release.push(this.key('owner', sessionId));
      }
    }
    await this.leases.release(release).catch(() => {});
    const ids = [...this.owned.keys()];
    const renewed = await this.leases
      .renew(ids.map((id) => this.key('owner', id)))
      .catch(() => ids.map(() => false));
    ids.forEach((id, i) => {
      const room = this.owned.get(id);
      if (!room) return;
      if (renewed[i]) room.validUntil = startedAt + this.options.leaseMs;
      else this.forget(id, 'LOBBY_MOVED');
    });
  }

  private async dropDeadHolders(): Promise<void> {
    const holders = [...new Set([...this.remote.values()].map((r) => r.holder))].filter((h) => h !== this.me);
    if (!holders.length) return;
    const alive = await this.leases.holders(holders.map((h) => this.key('alive', h))).catch(() => null);
    if (!alive) return;
    const dead = new Set(holders.filter((_, i) => alive[i] === null));
    for (const [key, r] of this.remote) {
      if (!dead.has(r.holder)) continue;
      this.remote.delete(key);
      this.hub.disconnect(r.tab);
    }
  }

  private async checkOwners(): Promise<void> {
    const sessions = [...new Set([...this.held.values()].map((t) => t.sessionId))];
    if (!sessions.length) return;
    const owners = await this.leases.holders(sessions.map((s) => this.key('owner', s))).catch(() => null);
    const current = new Map(sessions.map((s, i) => [s, owners ? owners[i] : undefined]));
    for (const tab of this.held.values()) {
      const owner = current.get(tab.sessionId);
      if (owner === tab.owner) continue;
      // Unknown (Redis out of reach) or moved: either way this tab's room is not where it was.
      this.closeHeld(tab, CLOSE.reconnect, owner === undefined ? 'LOBBY_UNREACHABLE' : 'LOBBY_MOVED');
    }
  }

  /** After lost messages: every room owned here and every socket held here starts again. */
  private resync(): void {
    const owned = [...this.owned.keys()];
    for (const sessionId of owned) this.forget(sessionId, 'LOBBY_RESYNC');
    this.leases.release(owned.map((s) => this.key('owner', s))).catch(() => {});
    for (const tab of this.held.values()) this.closeHeld(tab, CLOSE.reconnect, 'LOBBY_RESYNC');
  }

  /**
   * At start-up: stays left open by an instance that stopped, in rooms nobody owns now. A room
   * with a live owner is left alone; its stays are that owner's.
   */
  async recover(): Promise<number> {
    let ended = 0;
    for (const sessionId of await this.store.sessionsWithOpenStays()) {
      const key = this.key('owner', sessionId);
      const set = await this.redis.set(key, this.me, 'PX', this.options.leaseMs, 'NX');
      if (set !== 'OK') continue;
      try {
        ended += await this.store.endOpenStays(sessionId);
      } finally {
        await this.leases.release([key]);
      }
    }
    return ended;
  }

  /**
   * Everyone in rooms owned here leaves (recorded), and every socket here closes as "going away";
   * the leases go back only once the departures are written, so that the next owner's new stays
   * are not ended by them.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    for (const tab of this.held.values()) {
      if (tab.owner !== this.me) {
        this.closeHeld(tab, CLOSE.goingAway, 'SERVER_CLOSING');
        this.toOwner(tab, { t: 'close', from: this.me, tab: tab.id, s: tab.sessionId });
      }
    }
    this.hub.close();
    this.held.clear();
    await this.flushBatches();
    await this.store.flush().catch((err) => this.options.onError?.(err));
    await this.leases.release([...this.owned.keys()].map((s) => this.key('owner', s))).catch(() => {});
    this.owned.clear();
    await this.redis.del(this.key('alive', this.me)).catch(() => {});
    this.subscriber.disconnect();
  }
}
