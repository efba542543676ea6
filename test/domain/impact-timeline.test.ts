/** The impact chart's time axis: every period between the first and the last, quiet ones as zeros. */
import { describe, expect, it } from 'vitest';
import { timeline } from '../../web/src/pages/admin/timeline';

const FIELDS = ['booked', 'held'] as const;
const month = (m: string, booked: number, held = 0) => ({ month: m, booked, held });

describe('impact timeline', () => {
  it('fills the quiet months between two active ones with zeros, across a new year', () => {
    const { period, bars } = timeline([month('2019-11', 3, 1), month('2020-02', 5, 2)], FIELDS);
    expect(period).toBe('month');
    expect(bars.map((b) => b.key)).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(bars.map((b) => b.counts.booked)).toEqual([3, 0, 0, 5]);
    expect(bars.map((b) => b.counts.held)).toEqual([1, 0, 0, 2]);
  });

  it('takes quarters past 36 months, adding up each quarter, and years past 36 quarters', () => {
    const months = [month('2018-09', 1), month('2018-10', 2), month('2018-12', 4), month('2026-11', 45)];
    const q = timeline(months, FIELDS);
    expect(q.period).toBe('quarter');
    expect(q.bars[0]).toMatchObject({ key: '2018-Q3', year: 2018, part: 3, counts: { booked: 1 } });
    expect(q.bars[1]).toMatchObject({ key: '2018-Q4', counts: { booked: 6 } });
    expect(q.bars.at(-1)).toMatchObject({ key: '2026-Q4', counts: { booked: 45 } });
    expect(q.bars).toHaveLength(34);
    const sum = q.bars.reduce((s, b) => s + b.counts.booked, 0);
    expect(sum).toBe(52);

    const y = timeline([month('2001-01', 1), month('2012-12', 2)], FIELDS);
    expect(y.period).toBe('year');
    expect(y.bars.map((b) => b.key)).toEqual(Array.from({ length: 12 }, (_, i) => String(2001 + i)));
  });

  it('keeps exactly 36 months as months, and one month alone as itself', () => {
    expect(timeline([month('2020-01', 1), month('2022-12', 1)], FIELDS).period).toBe('month');
    expect(timeline([month('2020-01', 1), month('2023-01', 1)], FIELDS).period).toBe('quarter');
    expect(timeline([month('2020-05', 7)], FIELDS).bars).toEqual([
      { key: '2020-05', year: 2020, part: 5, counts: { booked: 7, held: 0 } },
    ]);
    expect(timeline([], FIELDS).bars).toEqual([]);
  });
});
