import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { parseWorkingHours, validateProfile } from '../../src/domain/profile';

const good = {
  name: ' Wang Lei ',
  email: 'Wang.Lei@Example.ORG ',
  organisation: 'Changyu Winery',
  city: 'Yantai',
  country: 'cn',
  timeZone: 'Asia/Shanghai',
  languages: ['ZH', 'en', 'zh'],
  sectors: ['wine-viticulture'],
  offers: ['pilot-project'],
  seeks: ['technology-transfer'],
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

describe('validateProfile', () => {
  it('canonicalises a good profile and derives the side from the country', () => {
    const p = validateProfile(good);
    expect(p.email).toBe('wang.lei@example.org');
    expect(p.name).toBe('Wang Lei');
    expect(p.country).toBe('CN');
    expect(p.side).toBe('cn');
    expect(p.languages).toEqual(['zh', 'en']);
    expect(p.workingHours).toHaveLength(5);
    expect(p.workingHours[0]).toEqual({ day: 1, startMinute: 540, endMinute: 1080 });
  });

  it('stores a zone typed in another case in the zone database’s spelling', () => {
    expect(validateProfile({ ...good, timeZone: 'asia/shanghai' }).timeZone).toBe('Asia/Shanghai');
    expect(validateProfile({ ...good, timeZone: ' EUROPE/ROME ' }).timeZone).toBe('Europe/Rome');
  });

  it.each([
    [{ timeZone: 'Asia/Beijing' }, 'INVALID_TIME_ZONE'],
    [{ timeZone: '+08:00' }, 'INVALID_TIME_ZONE'],
    [{ country: 'XX' }, 'INVALID_COUNTRY'],
    [{ country: 'CHN' }, 'INVALID_COUNTRY'],
    [{ languages: ['xx'] }, 'INVALID_LANGUAGE'],
    [{ languages: ['chinese'] }, 'INVALID_LANGUAGE'],
    [{ languages: [] }, 'INVALID_LANGUAGE'],
    [{ sectors: ['alchemy'] }, 'UNKNOWN_SECTOR'],
    [{ offers: ['money'] }, 'UNKNOWN_INTEREST'],
    [{ seeks: ['fame'] }, 'UNKNOWN_INTEREST'],
    [{ email: 'not-an-email' }, 'INVALID_EMAIL'],
    [{ email: 'a@b' }, 'INVALID_EMAIL'],
    [{ name: '   ' }, 'INVALID_NAME'],
    [{ workingHours: [{ day: 1, start: '18:00', end: '09:00' }] }, 'INVALID_WORKING_HOURS'],
    [{ workingHours: [{ day: 8, start: '09:00', end: '10:00' }] }, 'INVALID_WORKING_HOURS'],
    [{ workingHours: [{ day: 1, start: '9:00', end: '10:00' }] }, 'INVALID_WORKING_HOURS'],
    [{ workingHours: [{ day: 1, start: '09:00', end: '24:30' }] }, 'INVALID_WORKING_HOURS'],
    [
      {
        workingHours: [
          { day: 2, start: '09:00', end: '13:00' },
          { day: 2, start: '12:00', end: '18:00' },
        ],
      },
      'INVALID_WORKING_HOURS',
    ],
  ])('refuses %j with %s', (change, code) => {
    expect(codeOf(() => validateProfile({ ...good, ...change }))).toBe(code);
  });

  it('lists every problem for the form, not only the first', () => {
    try {
      validateProfile({ ...good, timeZone: 'Mars/Olympus', country: 'ZZ' });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).details?.map((d) => d.field).sort()).toEqual(['country', 'timeZone']);
    }
  });
});

describe('parseWorkingHours', () => {
  it('accepts hours over midnight as two windows, and 24:00 as an end', () => {
    const { windows, problems } = parseWorkingHours([
      { day: 1, start: '22:00', end: '24:00' },
      { day: 2, start: '00:00', end: '02:00' },
    ]);
    expect(problems).toEqual([]);
    expect(windows).toEqual([
      { day: 1, startMinute: 1320, endMinute: 1440 },
      { day: 2, startMinute: 0, endMinute: 120 },
    ]);
  });

  it('accepts touching windows on one day (a lunch break of zero)', () => {
    const { problems } = parseWorkingHours([
      { day: 3, start: '09:00', end: '12:00' },
      { day: 3, start: '12:00', end: '17:00' },
    ]);
    expect(problems).toEqual([]);
  });
});
