/**
 * The hub's delivery rules with sockets that only record what they are given: a client that stops
 * reading is dropped instead of holding memory, and the others still get every frame.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { summariseAttendance } from '../../src/domain/attendance';
import { DEFAULT_LOBBY_OPTIONS, LobbyHub, type LobbySocket, type LobbyStore } from '../../src/lobby/hub';
import type { LobbyPerson, LobbyRecord, LobbySession } from '../../src/lobby/room';

class RecordingSocket implements LobbySocket {
  sent: Record<string, unknown>[] = [];
  terminated = false;
  closedWith: number | null = null;
  constructor(public bufferedAmount = 0) {}
  send(data: Buffer) {
    this.sent.push(JSON.parse(data.toString()));
  }
  close(code: number) {
    this.closedWith = code;
  }
  terminate() {
    this.terminated = true;
  }
}

const NOW = Date.parse('2027-05-10T08:05:00Z');
const session: LobbySession = {
  id: 's1',
  kind: 'meeting',
  title: 'Rome · Yantai',
  startAt: Date.parse('2027-05-10T08:15:00Z'),
  endAt: Date.parse('2027-05-10T08:45:00Z'),
  videoUrl: 'https://meet.jit.si/Twinning-s1',
  liveAt: null,
  endedAt: null,
};
const person = (id: string, city: string): LobbyPerson => ({
  id,
  name: id,
  organisation: `${city} org`,
  city,
  country: city === 'Rome' ? 'IT' : 'CN',
  timeZone: city === 'Rome' ? 'Europe/Rome' : 'Asia/Shanghai',
});

let hub: LobbyHub;
const records: LobbyRecord[] = [];
afterEach(() => hub?.close());

function makeHub() {
  const store: LobbyStore = {
    history: async () => ({ chat: [], admitted: [], removed: [] }),
    record: (_id, r) => records.push(...r),
  };
  hub = new LobbyHub(store, {
    ...DEFAULT_LOBBY_OPTIONS,
    leaveGraceMs: 0,
    clock: () => NOW,
    openBeforeMs: 15 * 60_000,
  });
  return hub;
}

describe('lobby hub delivery', () => {
  it('drops a tab that has fallen too far behind, and keeps delivering to the rest', async () => {
    makeHub();
    await hub.prepare(session.id);
    const rome = person('rome', 'Rome');
    const yantai = person('yantai', 'Yantai');
    const expected = [rome, yantai];
    const fast = new RecordingSocket();
    const slow = new RecordingSocket();
    const speaker = hub.connect({ session, person: rome, role: 'host', expected }, fast)!;
    const laggard = hub.connect({ session, person: yantai, role: 'host', expected }, slow)!;
    expect(laggard).not.toBeNull();

    slow.bufferedAmount = DEFAULT_LOBBY_OPTIONS.maxBufferedBytes + 1;
    hub.receive(speaker, JSON.stringify({ type: 'chat', text: 'Ciao' }));
    expect(slow.terminated).toBe(true);
    expect(slow.sent.some((f) => f.type === 'chat')).toBe(false);
    expect(fast.sent.filter((f) => f.type === 'chat')).toHaveLength(1);

    // The socket's close event arrives later; the person then leaves like anyone else.
    hub.disconnect(laggard);
    expect(fast.sent.at(-1)).toMatchObject({ type: 'presence', state: 'left' });
    hub.receive(speaker, JSON.stringify({ type: 'chat', text: 'Ancora qui' }));
    expect(fast.sent.filter((f) => f.type === 'chat')).toHaveLength(2);
    expect(records.map((r) => r.kind)).toEqual(['joined', 'joined', 'chat', 'left', 'chat']);
  });

  it('records everyone as leaving when the server closes', async () => {
    records.length = 0;
    makeHub();
    await hub.prepare(session.id);
    const s = new RecordingSocket();
    hub.connect({ session, person: person('rome', 'Rome'), role: 'host', expected: [] }, s);
    hub.close();
    expect(s.closedWith).toBe(1001);
    expect(records.map((r) => r.kind)).toEqual(['joined', 'left']);
    expect(hub.stats()).toEqual({ rooms: 0, tabs: 0 });
  });
});

describe('attendance summary', () => {
  it('counts overlapping stays once and an open stay up to now', () => {
    const t = (hhmm: string) => Date.parse(`2027-05-10T${hhmm}:00Z`);
    const [a, b] = summariseAttendance(
      [
        {
          participantId: 'a',
          joinedAt: t('08:00'),
          admittedAt: t('08:10'),
          leftAt: t('08:30'),
          removedAt: null,
        },
        // a second tab's stay overlapping the first (a restart may leave such pairs)
        {
          participantId: 'a',
          joinedAt: t('08:20'),
          admittedAt: t('08:20'),
          leftAt: t('08:40'),
          removedAt: null,
        },
        { participantId: 'b', joinedAt: t('08:05'), admittedAt: t('08:05'), leftAt: null, removedAt: null },
      ],
      t('09:05'),
    );
    expect(a).toMatchObject({ minutesPresent: 40, minutesAdmitted: 30, visits: 2, lastLeftAt: t('08:40') });
    expect(b).toMatchObject({ minutesPresent: 60, present: true, lastLeftAt: null });
  });
});
