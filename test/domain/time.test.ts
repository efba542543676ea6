import { describe, expect, it } from 'vitest';
import {
  addDays,
  instantOf,
  isIsoDate,
  isPlannableDate,
  isValidTimeZone,
  parseInstant,
  toLocalIso,
  weekdayOf,
} from '../../src/domain/time';

describe('time zones', () => {
  it('accepts IANA names and refuses offsets, abbreviations and typos', () => {
    expect(isValidTimeZone('Europe/Rome')).toBe(true);
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('America/Sao_Paulo')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    for (const bad of ['Europe/Rom', '+02:00', 'CET', 'GMT+8', '', 'Asia/Beijing', '../etc/passwd']) {
      expect(isValidTimeZone(bad), bad).toBe(false);
    }
  });
});

describe('instantOf: a local wall-clock time in a zone', () => {
  it('reads 09:00 in Rome as 08:00Z in winter and 07:00Z in summer', () => {
    expect(new Date(instantOf('2020-01-14', 9 * 60, 'Europe/Rome')).toISOString()).toBe(
      '2020-01-14T08:00:00.000Z',
    );
    expect(new Date(instantOf('2020-05-12', 9 * 60, 'Europe/Rome')).toISOString()).toBe(
      '2020-05-12T07:00:00.000Z',
    );
  });

  it('Europe moves to summer time on the last Sunday of March (2020-03-29): 02:30 does not exist', () => {
    // The gap is read with the offset before the change: 02:30 CET = 01:30Z, shown as 03:30 CEST.
    const t = instantOf('2020-03-29', 2 * 60 + 30, 'Europe/Rome');
    expect(new Date(t).toISOString()).toBe('2020-03-29T01:30:00.000Z');
    expect(toLocalIso(t, 'Europe/Rome')).toBe('2020-03-29T03:30:00+02:00');
  });

  it('Europe moves back on the last Sunday of October (2020-10-25): 02:30 happens twice, the earlier wins', () => {
    const t = instantOf('2020-10-25', 2 * 60 + 30, 'Europe/Rome');
    expect(new Date(t).toISOString()).toBe('2020-10-25T00:30:00.000Z');
    expect(toLocalIso(t, 'Europe/Rome')).toBe('2020-10-25T02:30:00+02:00');
  });

  it('China keeps one offset all year', () => {
    expect(new Date(instantOf('2020-03-29', 16 * 60, 'Asia/Shanghai')).toISOString()).toBe(
      '2020-03-29T08:00:00.000Z',
    );
    expect(new Date(instantOf('2020-10-25', 16 * 60, 'Asia/Shanghai')).toISOString()).toBe(
      '2020-10-25T08:00:00.000Z',
    );
  });

  it('does not depend on the process zone (tests run in Asia/Kathmandu)', () => {
    expect(process.env.TZ).toBeTruthy();
    expect(new Date(instantOf('2020-05-12', 0, 'UTC')).toISOString()).toBe('2020-05-12T00:00:00.000Z');
  });
});

describe('instants and dates', () => {
  it('parses ISO instants with an offset and refuses bare local times and impossible dates', () => {
    expect(parseInstant('2020-05-12T10:00:00+02:00')).toBe(Date.parse('2020-05-12T08:00:00Z'));
    expect(parseInstant('2020-05-12T08:00:00Z')).toBe(Date.parse('2020-05-12T08:00:00Z'));
    expect(parseInstant('2020-05-12T08:00:00')).toBeNull();
    expect(parseInstant('2021-02-29T08:00:00Z')).toBeNull();
    expect(parseInstant('tomorrow')).toBeNull();
  });

  it('takes instants only from 2000 to 2099 (UTC): year 9999 and extended years are refused', () => {
    expect(parseInstant('2000-01-01T00:00:00Z')).toBe(Date.parse('2000-01-01T00:00:00Z'));
    expect(parseInstant('2099-12-31T23:59:59Z')).toBe(Date.parse('2099-12-31T23:59:59Z'));
    expect(parseInstant('1999-12-31T23:59:59Z')).toBeNull();
    expect(parseInstant('2100-01-01T00:00:00Z')).toBeNull();
    // 2100-01-01T00:30 in Rome is still 2099 in UTC.
    expect(parseInstant('2100-01-01T00:30:00+01:00')).toBe(Date.parse('2099-12-31T23:30:00Z'));
    expect(parseInstant('9999-12-31T23:30:00Z')).toBeNull();
    expect(parseInstant('+275760-09-13T00:00:00Z')).toBeNull();
  });

  it('plans on days from 2000-01-01 to 2099-12-31 only', () => {
    expect(isPlannableDate('2000-01-01')).toBe(true);
    expect(isPlannableDate('2099-12-31')).toBe(true);
    expect(isPlannableDate('1999-12-31')).toBe(false);
    expect(isPlannableDate('2100-01-01')).toBe(false);
    expect(isPlannableDate('9999-12-31')).toBe(false);
    expect(isPlannableDate('0000-01-01')).toBe(false);
    expect(isPlannableDate('2021-02-29')).toBe(false);
  });

  it('does calendar arithmetic on dates without zones', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2020-03-28', 2)).toBe('2020-03-30');
    expect(weekdayOf('2020-05-12')).toBe(2);
    expect(weekdayOf('2020-05-17')).toBe(7);
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
  });
});
