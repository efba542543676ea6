/**
 * The impact report's figures over time as a chart draws them: every period from the first with
 * activity to the last, the quiet ones as zeros, so that equal widths mean equal time. (The
 * report lists only the months with activity: a chart of those alone put March 2019 next to
 * May 2026.) Months while they fit in `maxBars`, else quarters, else years.
 */

export type Period = 'month' | 'quarter' | 'year';

export interface TimelineBar<C> {
  /** `2019-03`, `2019-Q1` or `2019`. */
  key: string;
  year: number;
  /** 1–12, 1–4, or 0 for a year. */
  part: number;
  counts: C;
}

/** Months as the report writes them (`YYYY-MM`), counted from year 0. */
function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function timeline<F extends string>(
  months: ({ month: string } & Record<F, number>)[],
  fields: readonly F[],
  maxBars = 36,
): { period: Period; bars: TimelineBar<Record<F, number>>[] } {
  if (months.length === 0) return { period: 'month', bars: [] };
  const indices = months.map((m) => monthIndex(m.month));
  const first = Math.min(...indices);
  const last = Math.max(...indices);
  const span = last - first + 1;
  const firstYear = Math.floor(first / 12);
  const lastYear = Math.floor(last / 12);
  const quarters = Math.floor(last / 3) - Math.floor(first / 3) + 1;
  const period: Period = span <= maxBars ? 'month' : quarters <= maxBars ? 'quarter' : 'year';
  const size = period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
  const start = Math.floor(first / size);
  const count = period === 'year' ? lastYear - firstYear + 1 : Math.floor(last / size) - start + 1;
  const bars: TimelineBar<Record<F, number>>[] = [];
  for (let i = 0; i < count; i++) {
    const at = (start + i) * size;
    const year = Math.floor(at / 12);
    const part =
      period === 'month' ? (at % 12) + 1 : period === 'quarter' ? Math.floor((at % 12) / 3) + 1 : 0;
    const key =
      period === 'month'
        ? `${year}-${String(part).padStart(2, '0')}`
        : period === 'quarter'
          ? `${year}-Q${part}`
          : `${year}`;
    const counts = Object.fromEntries(fields.map((f) => [f, 0])) as Record<F, number>;
    bars.push({ key, year, part, counts });
  }
  months.forEach((m, i) => {
    const bar = bars[Math.floor(indices[i]! / size) - start]!;
    for (const f of fields) bar.counts[f] += m[f];
  });
  return { period, bars };
}
