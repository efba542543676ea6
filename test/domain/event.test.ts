import { describe, expect, it } from 'vitest';
import {
  agenda,
  autoUnavailable,
  type EventSettings,
  eventInstance,
  eventSlots,
  validateEventSettings,
  windowsInZones,
} from '../../src/domain/event';
import { countBreaks, schedule } from '../../src/domain/scheduler';

const base: EventSettings = {
  name: 'Life sciences matchmaking',
  description: '',
  timeZone: 'Europe/Rome',
  days: ['2027-03-26', '2027-03-29'],
  windows: [
    { start: '09:00', end: '10:00' },
    { start: '14:00', end: '15:00' },
  ],
  slotMinutes: 20,
  breakMinutes: 5,
  parallelLimit: 10,
  joinPolicy: 'open',
};

describe('event slots', () => {
  it('cuts each window into slots with the break between them, as long as a whole slot fits', () => {
    const slots = eventSlots(base);
    // 09:00, 09:25 (09:50 would end at 10:10): two per window, two windows, two days.
    expect(slots.map((s) => s.id)).toEqual([
      '2027-03-26T09:00',
      '2027-03-26T09:25',
      '2027-03-26T14:00',
      '2027-03-26T14:25',
      '2027-03-29T09:00',
      '2027-03-29T09:25',
      '2027-03-29T14:00',
      '2027-03-29T14:25',
    ]);
  });

  it('keeps 09:00 in Rome across Europe’s clock change (28 March 2027), so Yantai moves an hour', () => {
    const slots = eventSlots(base);
    expect(new Date(slots[0]!.start).toISOString()).toBe('2027-03-26T08:00:00.000Z');
    expect(new Date(slots[4]!.start).toISOString()).toBe('2027-03-29T07:00:00.000Z');
    const w = windowsInZones(base, ['Asia/Shanghai']);
    expect(w[0]!.local[1]).toEqual({
      zone: 'Asia/Shanghai',
      date: '2027-03-26',
      start: '16:00',
      end: '17:00',
    });
    expect(w[2]!.local[1]).toEqual({
      zone: 'Asia/Shanghai',
      date: '2027-03-29',
      start: '15:00',
      end: '16:00',
    });
  });

  it('marks the slots a person cannot make: asleep, on a holiday, booked elsewhere', () => {
    const slots = eventSlots({
      ...base,
      days: ['2027-04-05', '2027-04-06'],
      windows: [{ start: '15:00', end: '16:00' }],
    });
    // 5 April 2027 is Qingming in China; 15:00–15:45 in Rome is 21:00–21:45 in Shanghai, still awake.
    const yantai = autoUnavailable({ country: 'CN', timeZone: 'Asia/Shanghai' }, slots, [
      { start: slots[3]!.start, end: slots[3]!.end },
    ]);
    expect(yantai.get('2027-04-05T15:00')).toBe('HOLIDAY');
    expect(yantai.get('2027-04-06T15:25')).toBe('BOOKED');
    expect(yantai.has('2027-04-06T15:00')).toBe(false);
    // 15:00 in Rome is 09:00 in Los Angeles but 06:00 in Honolulu: asleep.
    expect(
      autoUnavailable({ country: 'US', timeZone: 'Pacific/Honolulu' }, slots, []).get('2027-04-06T15:00'),
    ).toBe('ASLEEP');
    // Easter Monday 2027 is 29 March: a holiday in Italy.
    const rome = autoUnavailable({ country: 'IT', timeZone: 'Europe/Rome' }, eventSlots(base), []);
    expect(rome.get('2027-03-29T09:00')).toBe('HOLIDAY');
    expect(rome.has('2027-03-26T09:00')).toBe(false);
  });

  it('makes no slot at a time New York skips when it springs forward (2027-03-14, 02:00–02:59)', () => {
    const slots = eventSlots({
      ...base,
      timeZone: 'America/New_York',
      days: ['2027-03-14'],
      windows: [{ start: '01:00', end: '04:00' }],
      breakMinutes: 0,
    });
    expect(slots.map((s) => s.id)).toEqual([
      '2027-03-14T01:00',
      '2027-03-14T01:20',
      '2027-03-14T01:40',
      '2027-03-14T03:00',
      '2027-03-14T03:20',
      '2027-03-14T03:40',
    ]);
    expect(new Date(slots[3]!.start).toISOString()).toBe('2027-03-14T07:00:00.000Z');
    expect(new Set(slots.map((s) => s.start)).size).toBe(slots.length);
  });

  it('makes no slot at a time Brussels skips when it springs forward (2026-03-29, 02:00–02:59)', () => {
    const slots = eventSlots({
      ...base,
      timeZone: 'Europe/Brussels',
      days: ['2026-03-29'],
      windows: [{ start: '01:00', end: '04:00' }],
      breakMinutes: 0,
    });
    expect(slots.map((s) => s.id.slice(11))).toEqual(['01:00', '01:20', '01:40', '03:00', '03:20', '03:40']);
    for (let i = 1; i < slots.length; i++) expect(slots[i]!.start).toBeGreaterThanOrEqual(slots[i - 1]!.end);
  });

  it('drops a slot that would overlap the one running across the spring gap (Brussels 2026-03-29, 45 minutes)', () => {
    const slots = eventSlots({
      ...base,
      timeZone: 'Europe/Brussels',
      days: ['2026-03-29'],
      windows: [{ start: '01:00', end: '04:00' }],
      slotMinutes: 45,
      breakMinutes: 0,
    });
    // 01:45 runs to 03:30 by the clock; 02:30 does not exist and 03:15 would overlap it.
    expect(slots.map((s) => s.id.slice(11))).toEqual(['01:00', '01:45']);
    for (let i = 1; i < slots.length; i++) expect(slots[i]!.start).toBeGreaterThanOrEqual(slots[i - 1]!.end);
  });

  it('keeps the hour repeated when clocks fall back once, at its first pass (Brussels 2026-10-25, New York 2026-11-01)', () => {
    // Brussels repeats 02:00–02:59 (after 02:15), New York 01:00–01:59 (after 01:30).
    for (const [timeZone, day, pauses] of [
      ['Europe/Brussels', '2026-10-25', [0, 0, 0, 60]],
      ['America/New_York', '2026-11-01', [0, 0, 60, 0]],
    ] as const) {
      const slots = eventSlots({
        ...base,
        timeZone,
        days: [day],
        windows: [{ start: '00:00', end: '04:00' }],
        slotMinutes: 45,
        breakMinutes: 0,
      });
      // By the clock: 00:00, 00:45, 01:30, 02:15, 03:00 (03:45 would end at 04:30).
      expect(slots.map((s) => s.id.slice(11))).toEqual(['00:00', '00:45', '01:30', '02:15', '03:00']);
      // Never overlapping; the repeated hour's second pass is a pause of an hour.
      expect(slots.slice(1).map((s, i) => (s.start - slots[i]!.end) / 60_000)).toEqual(pauses);
    }
  });

  it('refuses event days outside 2000–2099 (year 9999, year 0)', () => {
    for (const day of ['9999-12-31', '0000-01-01', '1999-12-31', '2100-01-01']) {
      expect(() => validateEventSettings({ ...base, days: [day] })).toThrow(/2000-01-01 to 2099-12-31/);
    }
    expect(validateEventSettings({ ...base, days: ['2099-12-31'] }).days).toEqual(['2099-12-31']);
  });

  it('refuses settings that make no slot or too many, with the field named', () => {
    expect(() => validateEventSettings({ ...base, windows: [{ start: '09:00', end: '09:15' }] })).toThrow(
      /No slot/,
    );
    const many = {
      ...base,
      days: Array.from({ length: 14 }, (_, i) => `2027-06-${String(i + 1).padStart(2, '0')}`),
      windows: [{ start: '00:00', end: '24:00' }],
      slotMinutes: 10,
    };
    expect(() => validateEventSettings(many)).toThrow(/at most 400/);
    expect(validateEventSettings({ ...base, days: ['2027-03-29', '2027-03-26', '2027-03-29'] }).days).toEqual(
      ['2027-03-26', '2027-03-29'],
    );
  });
});

describe('the scheduler’s instance of an event', () => {
  const instanceOf = (settings: EventSettings, meetings: [string, string][] = []) =>
    eventInstance(
      eventSlots(settings),
      [...new Set(meetings.flat())].map((id) => ({ id, unavailable: [] })),
      meetings.map(([a, b], i) => ({
        id: `m${i}`,
        participants: [a, b],
        weight: 1,
        mustMeet: false,
        lockedSlot: null,
      })),
      settings.parallelLimit,
      settings.breakMinutes,
    );

  it('runs a slot on to the next of its window across the changeover, not across windows or days', () => {
    const ends = instanceOf(base).slots.map((s) => [s.id, s.end]);
    expect(ends).toEqual([
      ['2027-03-26T09:00', '2027-03-26T08:25:00.000Z'], // on to 09:25
      ['2027-03-26T09:25', '2027-03-26T08:45:00.000Z'], // its own end: the window's last
      ['2027-03-26T14:00', '2027-03-26T13:25:00.000Z'],
      ['2027-03-26T14:25', '2027-03-26T13:45:00.000Z'],
      ['2027-03-29T09:00', '2027-03-29T07:25:00.000Z'], // summer time from 28 March
      ['2027-03-29T09:25', '2027-03-29T07:45:00.000Z'],
      ['2027-03-29T14:00', '2027-03-29T12:25:00.000Z'],
      ['2027-03-29T14:25', '2027-03-29T12:45:00.000Z'],
    ]);
  });

  it('keeps slots apart where the spring clock change (Rome, 28 March 2027) left a real gap', () => {
    const night: EventSettings = {
      ...base,
      days: ['2027-03-28'],
      windows: [{ start: '01:00', end: '04:00' }],
    };
    // 01:50 CET ends at 03:10 CEST; the next slot that fits whole starts at 03:30: 20 minutes.
    expect(instanceOf(night).slots.map((s) => [s.id, s.end])).toEqual([
      ['2027-03-28T01:00', '2027-03-28T00:25:00.000Z'],
      ['2027-03-28T01:25', '2027-03-28T00:50:00.000Z'],
      ['2027-03-28T01:50', '2027-03-28T01:10:00.000Z'],
      ['2027-03-28T03:30', '2027-03-28T01:50:00.000Z'],
    ]);
  });

  it('counts meetings back to back over the changeover as no break, so the search closes the gaps', () => {
    // One window of four slots with 5-minute changeovers; Lucía has three meetings.
    const morning: EventSettings = {
      ...base,
      days: ['2027-05-11'],
      windows: [{ start: '09:00', end: '10:40' }],
    };
    const instance = instanceOf(morning, [
      ['lucia', 'li'],
      ['lucia', 'wang'],
      ['lucia', 'zhao'],
    ]);
    const result = schedule(instance, { seed: 1, iterations: 20_000 });
    expect(result.unscheduled).toEqual([]);
    expect(result.stats.breaks).toBe(0);
    expect(countBreaks(instance, result.assignments)).toBe(0);
  });
});

describe('agenda', () => {
  it('gives the free minutes before each meeting within the person’s own day', () => {
    const at = (iso: string) => Date.parse(iso);
    const entries = [
      { start: at('2027-05-11T07:40:00Z'), end: at('2027-05-11T08:00:00Z'), item: 'b' },
      { start: at('2027-05-11T07:00:00Z'), end: at('2027-05-11T07:20:00Z'), item: 'a' },
      // 16:00 UTC is past midnight in Shanghai: a new day there.
      { start: at('2027-05-11T16:00:00Z'), end: at('2027-05-11T16:20:00Z'), item: 'c' },
    ];
    expect(agenda(entries, 'Asia/Shanghai').map((e) => [e.item, e.gapBefore])).toEqual([
      ['a', null],
      ['b', 20],
      ['c', null],
    ]);
    expect(agenda(entries, 'Europe/Rome').map((e) => e.gapBefore)).toEqual([null, 20, 480]);
  });
});
