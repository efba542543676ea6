import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  checkSchedule,
  countBreaks,
  type Instance,
  schedule,
  validateInstance,
} from '../../src/domain/scheduler';

const run = promisify(execFile);
const FORUM = path.resolve(import.meta.dirname, '../../../shared/benchmarks/b2b-forums/tic-12.json');

const slots = (n: number, gapAfter = -1) =>
  Array.from({ length: n }, (_, i) => {
    const start =
      Date.parse('2027-05-11T07:00:00Z') +
      i * 20 * 60_000 +
      (i > gapAfter && gapAfter >= 0 ? 60 * 60_000 : 0);
    return {
      id: `s${i}`,
      start: new Date(start).toISOString(),
      end: new Date(start + 20 * 60_000).toISOString(),
    };
  });

describe('the scheduler', () => {
  it('matches an exhaustive search on a small designed event', () => {
    const instance: Instance = {
      slots: slots(4),
      participants: [{ id: 'a' }, { id: 'b', unavailable: ['s0'] }, { id: 'c' }, { id: 'd' }],
      meetings: [
        { id: 'ab', participants: ['a', 'b'] },
        { id: 'ac', participants: ['a', 'c'] },
        { id: 'ad', participants: ['a', 'd'], allowedSlots: ['s0', 's1'] },
        { id: 'bcd', participants: ['b', 'c', 'd'] },
      ],
      parallelLimit: 1,
    };
    const r = schedule(validateInstance(instance), { seed: 3 });
    expect(checkSchedule(instance, r)).toEqual([]);
    expect(r.unscheduled).toEqual([]);
    // Every assignment of the four meetings to the four slots, checked by the independent rules.
    let best = Number.POSITIVE_INFINITY;
    const ids = instance.slots.map((x) => x.id);
    for (const a of ids)
      for (const b of ids)
        for (const c of ids)
          for (const d of ids) {
            const assignments = ['ab', 'ac', 'ad', 'bcd'].map((meeting, i) => ({
              meeting,
              slot: [a, b, c, d][i]!,
            }));
            if (checkSchedule(instance, { assignments, unscheduled: [] }).length === 0) {
              best = Math.min(best, countBreaks(instance, assignments));
            }
          }
    expect(r.stats).toMatchObject({ scheduled: 4, weight: 4, breaks: best });
    expect(countBreaks(instance, r.assignments)).toBe(best);
  });

  it('puts the heavier meeting first when not everything fits, and says why', () => {
    const instance: Instance = {
      slots: slots(1),
      participants: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd', unavailable: ['s0'] }],
      meetings: [
        { id: 'light', participants: ['a', 'b'], weight: 1 },
        { id: 'heavy', participants: ['a', 'c'], weight: 5 },
        { id: 'never', participants: ['c', 'd'] },
      ],
    };
    const r = schedule(instance);
    expect(r.assignments).toEqual([{ meeting: 'heavy', slot: 's0' }]);
    expect(r.reasons).toEqual({ light: 'PEOPLE_FULL', never: 'NO_COMMON_SLOT' });
  });

  it('counts a break across a pause between slots, as the file format defines', () => {
    const instance: Instance = {
      slots: slots(3, 0),
      participants: [{ id: 'a' }, { id: 'b' }],
      meetings: [],
    };
    expect(countBreaks(instance, [])).toBe(0);
  });

  it('is valid and deterministic on a real forum instance', () => {
    const instance = validateInstance(JSON.parse(readFileSync(FORUM, 'utf8')));
    const a = schedule(instance, { seed: 7, iterations: 50_000 });
    const b = schedule(instance, { seed: 7, iterations: 50_000 });
    expect(checkSchedule(instance, a)).toEqual([]);
    expect(a.unscheduled).toEqual([]);
    expect(a.assignments).toEqual(b.assignments);
    expect(a.stats.breaks).toBe(countBreaks(instance, a.assignments));
  });

  it('refuses malformed instances with a message', () => {
    const good = {
      slots: slots(2),
      participants: [{ id: 'a' }, { id: 'b' }],
      meetings: [{ id: 'm', participants: ['a', 'b'] }],
    };
    const bad: [string, unknown][] = [
      ['unknown participant', { ...good, meetings: [{ id: 'm', participants: ['a', 'x'] }] }],
      [
        'unknown slot',
        { ...good, meetings: [{ id: 'm', participants: ['a', 'b'], allowedSlots: ['nope'] }] },
      ],
      ['duplicate meeting', { ...good, meetings: [good.meetings[0], good.meetings[0]] }],
      ['duplicate participant', { ...good, participants: [{ id: 'a' }, { id: 'a' }] }],
      ['one person', { ...good, meetings: [{ id: 'm', participants: ['a'] }] }],
      ['negative weight', { ...good, meetings: [{ id: 'm', participants: ['a', 'b'], weight: -1 }] }],
      ['negative limit', { ...good, parallelLimit: -2 }],
      [
        'reversed slot',
        { ...good, slots: [{ id: 's', start: '2027-05-11T08:00:00Z', end: '2027-05-11T07:00:00Z' }] },
      ],
      [
        'overlapping slots',
        {
          ...good,
          slots: [...slots(1), { id: 'o', start: '2027-05-11T07:10:00Z', end: '2027-05-11T07:30:00Z' }],
        },
      ],
      ['not an object', [1, 2]],
    ];
    for (const [name, instance] of bad) expect(() => validateInstance(instance), name).toThrow(/./);
  });
});

describe('npm run schedule', () => {
  const cli = (file: string) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/schedule.ts', file, '--iterations', '20000'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
    });

  it('prints the schedule as JSON on stdout and nothing else', async () => {
    const { stdout } = await cli(FORUM);
    const result = JSON.parse(stdout);
    expect(result.unscheduled).toEqual([]);
    expect(result.stats.scheduled).toBe(125);
  });

  it('exits with 2 and a message on stderr for a malformed instance', async () => {
    const file = path.join(os.tmpdir(), `bad-${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify({ slots: [], participants: [], meetings: [{ id: 'm', participants: ['x', 'y'] }] }),
    );
    const err = await cli(file).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stdout).toBe('');
    expect(err.stderr).toMatch(/unknown participant x/);
    const missing = await cli('/nonexistent.json').catch((e) => e);
    expect(missing.code).toBe(2);
  });
});
