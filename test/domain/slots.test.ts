import { describe, expect, it } from 'vitest';
import { insideWorkingHours, workingIntervals } from '../../src/domain/availability';
import { dayKind } from '../../src/domain/holidays';
import { DEFAULT_WORKING_HOURS } from '../../src/domain/profile';
import { proposeSlots, webinarSlots } from '../../src/domain/slots';
import { localClock, toLocalIso } from '../../src/domain/time';

const at = (iso: string) => Date.parse(iso);
const hours = [...DEFAULT_WORKING_HOURS];
const rome = { id: 'rome', timeZone: 'Europe/Rome', country: 'IT', workingHours: hours };
const kunming = { id: 'kunming', timeZone: 'Asia/Shanghai', country: 'CN', workingHours: hours };
const granada = { id: 'granada', timeZone: 'Europe/Madrid', country: 'ES', workingHours: hours };
const none = new Map();

const dayUtc = (p: typeof rome, date: string) =>
  workingIntervals(
    p,
    at(`${date}T00:00:00Z`) - 12 * 3600_000,
    at(`${date}T00:00:00Z`) + 36 * 3600_000,
  ).filter((i) => localClock(i.start, p.timeZone).date === date);

describe('working time on the real calendar', () => {
  it('09:00 in Rome is 08:00 UTC in winter and 07:00 in summer', () => {
    expect(new Date(dayUtc(rome, '2027-01-12')[0]!.start).toISOString()).toBe('2027-01-12T08:00:00.000Z');
    expect(new Date(dayUtc(rome, '2027-05-12')[0]!.start).toISOString()).toBe('2027-05-12T07:00:00.000Z');
  });

  it('the week Europe moves to summer time (28 March 2027): Rome–Kunming overlap grows from 2 h to 3 h', () => {
    const overlapOn = (date: string) => {
      const r = proposeSlots({
        people: [rome, kunming],
        busy: none,
        from: at(`${date}T00:00:00Z`),
        to: at(`${date}T23:59:00Z`),
        durationMinutes: 15,
        limit: 100,
      });
      return r.slots.length;
    };
    // Up to three a day are proposed; count the raw overlap through the day's intervals instead.
    const shared = (date: string) => {
      const a = dayUtc(rome, date)[0]!;
      const b = dayUtc(kunming, date)[0]!;
      return (Math.min(a.end, b.end) - Math.max(a.start, b.start)) / 3600_000;
    };
    expect(shared('2027-03-26')).toBe(2); // Friday, CET: Rome 09:00–11:00 = Kunming 16:00–18:00
    // (Monday 29 March 2027 is Easter Monday, a holiday in Italy.)
    expect(dayUtc(rome, '2027-03-29')).toEqual([]);
    expect(shared('2027-03-30')).toBe(3); // Tuesday, CEST: Rome 09:00–12:00 = Kunming 15:00–18:00
    expect(shared('2027-10-29')).toBe(3); // Friday before Europe moves back (31 October)
    expect(shared('2027-11-02')).toBe(2); // (1 November is All Saints' Day in Italy)
    expect(overlapOn('2027-03-28')).toBe(0); // a Sunday
  });

  it('public holidays: Italy 2 June, Spain 12 October, Italy 25 April and China’s Qingming', () => {
    expect(dayUtc(rome, '2027-06-02')).toEqual([]);
    expect(dayUtc(granada, '2027-10-12')).toEqual([]);
    expect(dayUtc(rome, '2025-04-25')).toEqual([]);
    expect(dayUtc(kunming, '2025-04-04')).toEqual([]); // Qingming, a Friday
    expect(dayUtc(kunming, '2025-04-07')).toHaveLength(1); // the Monday after
    expect(dayKind('CN', '2025-04-04').name).toBe('清明');
  });

  it('China’s National Day week 2026, and the Saturday it makes a working day', () => {
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07'])
      expect(dayUtc(kunming, d), d).toEqual([]);
    const saturday = dayUtc(kunming, '2026-10-10');
    expect(saturday).toHaveLength(1);
    expect(toLocalIso(saturday[0]!.start, 'Asia/Shanghai')).toBe('2026-10-10T09:00:00+08:00');
    // Rome does not work that Saturday: no common slot.
    const r = proposeSlots({
      people: [rome, kunming],
      busy: none,
      from: at('2026-10-10T00:00:00Z'),
      to: at('2026-10-11T00:00:00Z'),
      durationMinutes: 30,
    });
    expect(r.slots).toEqual([]);
  });

  it('working hours over midnight are one stretch', () => {
    const night = {
      id: 'night',
      timeZone: 'Europe/Rome',
      country: 'IT',
      workingHours: [
        { day: 1, startMinute: 22 * 60, endMinute: 24 * 60 },
        { day: 2, startMinute: 0, endMinute: 2 * 60 },
      ],
    };
    // 22:30 Monday to 00:30 Tuesday in Rome (CEST): inside.
    expect(insideWorkingHours(night, at('2027-05-10T20:30:00Z'), at('2027-05-10T22:30:00Z'))).toBe(true);
    const r = proposeSlots({
      people: [night],
      busy: none,
      from: at('2027-05-10T00:00:00Z'),
      to: at('2027-05-11T12:00:00Z'),
      durationMinutes: 240,
    });
    expect(r.slots.map((s) => toLocalIso(s.start, 'Europe/Rome'))).toEqual(['2027-05-10T22:00:00+02:00']);
  });
});

describe('slot proposals', () => {
  it('Rome–Yantai in May: inside both days, fair, in both local times', () => {
    const r = proposeSlots({
      people: [rome, { ...kunming, id: 'yantai' }],
      busy: none,
      from: at('2027-05-10T00:00:00Z'),
      to: at('2027-05-15T00:00:00Z'),
      durationMinutes: 30,
    });
    expect(r.slots.length).toBeGreaterThan(3);
    for (const s of r.slots) {
      const romeLocal = localClock(s.start, 'Europe/Rome').minutes;
      expect(romeLocal).toBeGreaterThanOrEqual(9 * 60);
      expect(romeLocal + 30).toBeLessThanOrEqual(12 * 60); // 12:00 Rome = 18:00 Yantai
    }
    // The middle of the shared window (10:15–10:45 Rome = 16:15–16:45 Yantai) beats its edges.
    expect(toLocalIso(r.slots[0]!.start, 'Europe/Rome')).toBe('2027-05-10T10:15:00+02:00');
    const scores = r.slots.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('skips what is booked', () => {
    const busy = new Map([
      ['rome', [{ start: at('2027-05-10T07:00:00Z'), end: at('2027-05-10T10:00:00Z') }]],
    ]);
    const r = proposeSlots({
      people: [rome, kunming],
      busy,
      from: at('2027-05-10T00:00:00Z'),
      to: at('2027-05-11T00:00:00Z'),
      durationMinutes: 30,
    });
    expect(r.slots).toEqual([]);
    expect(r.reason).toBe('ALL_BUSY');
  });

  it('says why there is no slot, and suggests the closest times outside working hours (São Paulo)', () => {
    const saoPaulo = { id: 'sp', timeZone: 'America/Sao_Paulo', country: 'BR', workingHours: hours };
    const r = proposeSlots({
      people: [saoPaulo, kunming],
      busy: none,
      from: at('2027-05-10T00:00:00Z'),
      to: at('2027-05-13T00:00:00Z'),
      durationMinutes: 60,
    });
    expect(r.slots).toEqual([]);
    expect(r.reason).toBe('NO_COMMON_WORKING_HOURS');
    expect(r.suggestions.length).toBeGreaterThan(0);
    const s = r.suggestions[0]!;
    const sp = localClock(s.start, 'America/Sao_Paulo').minutes;
    const km = localClock(s.start, 'Asia/Shanghai').minutes;
    expect(sp).toBeGreaterThanOrEqual(7 * 60);
    expect(km + 60).toBeLessThanOrEqual(22 * 60);
    expect(Object.values(s.outside).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('holidays as the reason', () => {
    const r = proposeSlots({
      people: [rome, kunming],
      busy: none,
      from: at('2027-06-02T00:00:00Z'),
      to: at('2027-06-03T00:00:00Z'),
      durationMinutes: 30,
    });
    expect(r.reason).toBe('HOLIDAYS');
  });
});

describe('webinar slots', () => {
  it('ranks by the share of registrants inside their hours, per city', () => {
    const host = { ...rome, id: 'host' };
    const registrants = [
      { ...kunming, id: 'k1', city: 'Kunming' },
      { ...kunming, id: 'k2', city: 'Kunming' },
      { ...rome, id: 'r1', city: 'Rome' },
      { ...granada, id: 'g1', city: 'Granada' },
    ];
    const slots = webinarSlots({
      hosts: [host],
      busy: none,
      registrants,
      from: at('2027-05-10T00:00:00Z'),
      to: at('2027-05-11T00:00:00Z'),
      durationMinutes: 60,
    });
    expect(slots[0]!.coverage).toBe(1);
    expect(slots[0]!.byCity.Kunming).toEqual({ available: 2, total: 2 });
    const afternoon = webinarSlots({
      hosts: [host],
      busy: none,
      registrants,
      from: at('2027-05-10T10:00:00Z'),
      to: at('2027-05-11T00:00:00Z'),
      durationMinutes: 60,
    });
    expect(afternoon[0]!.coverage).toBe(0.5);
    expect(afternoon[0]!.available).toEqual(['r1', 'g1']);
    expect(afternoon[0]!.byCity.Kunming).toEqual({ available: 0, total: 2 });
  });
});

describe('China after the published arrangement (2027 on): the statutory days from the lunar calendar', () => {
  it('has the four Spring Festival days, 1–2 May, Dragon Boat, Mid-Autumn, the weekdays owed for weekend days off, and no children’s day', () => {
    const off = (date: string) => dayKind('CN', date).holiday;
    // 2027: the lunar new year is 6 February, so its eve is the 5th; its Saturday and Sunday are
    // made up on the next weekdays, 9 and 10 February (a day off on a weekend is owed by law).
    expect(
      [
        '2027-02-04',
        '2027-02-05',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
      ].map(off),
    ).toEqual([false, true, true, true, true, true, true, false]);
    expect(off('2027-05-01') && off('2027-05-02')).toBe(true);
    expect(off('2027-06-09')).toBe(true); // Dragon Boat, 5th of the 5th lunar month
    expect(off('2027-09-15')).toBe(true); // Mid-Autumn
    expect(off('2027-04-05')).toBe(true); // Qingming
    // 1–2 May 2027 are a Saturday and Sunday: 3 and 4 May are days off instead.
    expect(['2027-05-03', '2027-05-04', '2027-05-05'].map(off)).toEqual([true, true, false]);
    expect(['2027-03-08', '2027-06-01', '2027-08-01'].map(off)).toEqual([false, false, false]);
    // National Day 2027: 2 and 3 October are a weekend, made up on 4 and 5 October.
    expect(['2027-10-01', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06'].map(off)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
    // A festival wholly on weekdays owes nothing: Mid-Autumn 2027 is a Wednesday.
    expect(['2027-09-14', '2027-09-16'].map(off)).toEqual([false, false]);
    expect(dayKind('CN', '2030-02-02')).toMatchObject({ holiday: true, name: '春节' }); // eve of 3 February
    // 2033, whose leap month some algorithms get wrong: Mid-Autumn is 8 September, not 7 October.
    expect([off('2033-09-08'), off('2033-10-07')]).toEqual([true, false]);
    // Past the generated table, still four Spring Festival days (2101: lunar new year 29 January).
    expect(['2101-01-28', '2101-01-29', '2101-01-30', '2101-01-31'].map(off)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});
