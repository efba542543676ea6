/** The browser's wall-clock → instant conversion, checked against luxon on the DST edges of 2027. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoDateIn, zonedInstant } from '../../web/src/zoned';

const luxon = (date: string, time: string, zone: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();

describe('zonedInstant', () => {
  it.each([
    ['2027-05-11', '10:00', 'Europe/Rome'], // CEST, +2
    ['2027-12-07', '10:00', 'Europe/Rome'], // CET, +1
    ['2027-03-28', '01:59', 'Europe/Rome'], // the minute before spring forward
    ['2027-03-28', '03:00', 'Europe/Rome'], // the first minute after
    ['2027-10-31', '02:30', 'Europe/Rome'], // the repeated hour in autumn
    ['2027-05-11', '16:00', 'Asia/Shanghai'], // no DST in China
    ['2027-01-01', '00:00', 'Asia/Kathmandu'], // +05:45
    ['2027-03-14', '02:30', 'America/New_York'], // a gap on the other side of the world
  ])('%s %s in %s agrees with luxon', (date, time, zone) => {
    expect(zonedInstant(date, time, zone)).toBe(luxon(date, time, zone));
  });

  it('moves a time skipped by spring forward to after the gap', () => {
    // 02:30 does not exist in Rome on 28 March 2027; it becomes 03:30 CEST = 01:30Z.
    expect(new Date(zonedInstant('2027-03-28', '02:30', 'Europe/Rome')!).toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
  });

  it('refuses impossible dates and times', () => {
    expect(zonedInstant('2027-02-30', '10:00', 'Europe/Rome')).toBeNull();
    expect(zonedInstant('2027-05-11', '24:30', 'Europe/Rome')).toBeNull();
    expect(zonedInstant('11/05/2027', '10:00', 'Europe/Rome')).toBeNull();
    expect(zonedInstant('2027-05-11', '', 'Europe/Rome')).toBeNull();
  });
});

describe('isoDateIn', () => {
  it('gives the local date on either side of midnight', () => {
    // 2027-05-11T17:30Z is 19:30 in Rome and 01:30 the next day in Shanghai.
    const ms = Date.parse('2027-05-11T17:30:00Z');
    expect(isoDateIn(ms, 'Europe/Rome')).toBe('2027-05-11');
    expect(isoDateIn(ms, 'Asia/Shanghai')).toBe('2027-05-12');
  });
});
