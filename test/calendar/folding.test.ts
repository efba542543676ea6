/**
 * RFC 5545 §3.1: content lines longer than 75 octets are folded (CRLF and one space), counting
 * octets of UTF-8, never splitting a character. The generator's folding is patched
 * (patches/ical-generator+*.patch) to measure a character's size from its code point rather
 * than by encoding each character on its own, which took a fifth of a forum's publish; these
 * cases hold it to the rule with text in every width of UTF-8: ASCII, accented Latin (2 octets),
 * Chinese (3) and characters outside the BMP (4, a surrogate pair in JavaScript).
 */
import { describe, expect, it } from 'vitest';
import { type CalendarSession, feedCalendar, sessionInvite } from '../../src/calendar/ical';

const title = `Granada–Kunming 生物医药论坛：准备会议 🧬🌿 Lucía Fernández · 𠀀𠀁 ${'健康城市'.repeat(12)}`;
const description = [
  'Agenda: '.padEnd(120, 'x'),
  `议程：${'合作意向与试点项目'.repeat(10)}`,
  `Ñandú ${'àéîõü'.repeat(30)}`,
  `${'🏥'.repeat(40)}a${'🏥'.repeat(40)}`,
].join('\n');

const session: CalendarSession = {
  uid: 'fold-1@twinning.test',
  title,
  description,
  startAt: Date.parse('2027-03-28T08:00:00Z'),
  endAt: Date.parse('2027-03-28T08:30:00Z'),
  status: 'confirmed',
  sequence: 0,
  updatedAt: Date.parse('2027-03-20T08:00:00Z'),
  lobbyUrl: 'https://twinning.test/sessions/fold-1/lobby',
  people: [
    { name: 'Lucía Fernández Ortega', email: 'lucia@pts.test', role: 'host', partstat: 'ACCEPTED' },
    { name: '李娜 Li Na', email: 'lina@kangmei.test', role: 'attendee', partstat: 'NEEDS-ACTION' },
  ],
  organizer: { name: 'Twinning', email: 'no-reply@twinning.test' },
};

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

/** Physical lines, checked; then the logical lines they unfold to. */
function unfold(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  const physical = ics.slice(0, -2).split('\r\n');
  const logical: string[] = [];
  for (const line of physical) {
    // A lone surrogate (a pair split by a fold) would not survive UTF-8.
    expect(line, line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(octets(line), line).toBeLessThanOrEqual(75);
    if (line.startsWith(' ')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  return logical;
}

describe('folding calendar lines at 75 octets', () => {
  for (const [what, ics] of [
    ['an invite', sessionInvite(session).content],
    ['a cancellation', sessionInvite({ ...session, status: 'cancelled', sequence: 1 }).content],
    ['a feed', feedCalendar('李娜 Li Na', [session])],
  ] as const) {
    it(`folds ${what} without splitting a character, and unfolds to the text given`, () => {
      const lines = unfold(ics);
      const summary = lines.find((l) => l.startsWith('SUMMARY:'));
      expect(summary).toBe(`SUMMARY:${title.replace(/,/g, '\\,')}`);
      const desc = lines.find((l) => l.startsWith('DESCRIPTION:'))!;
      for (const part of description.split('\n')) expect(desc).toContain(part);
    });
  }

  it('folds only where a line would pass 75 octets, not earlier', () => {
    const physical = sessionInvite(session).content.slice(0, -2).split('\r\n');
    physical.forEach((line, i) => {
      // A line followed by its continuation was full: the next character (up to 4 octets) did
      // not fit. Folding early is legal but wastes lines; folding late breaks the rule.
      if (physical[i + 1]?.startsWith(' ')) expect(octets(line), line).toBeGreaterThan(71);
    });
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);
  });
});
