/**
 * The event scheduler on the twenty real B2B forum instances, against the optimum an exact
 * method proved for each (Bofill et al., JAIR 2022): meetings placed and breaks, with time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSchedule, countBreaks, schedule, validateInstance } from '../src/domain/scheduler';
import type { Row } from './run';

const DIR = path.resolve(import.meta.dirname, '../../shared/benchmarks/b2b-forums');

export async function benchScheduler(): Promise<Row[]> {
  const index = JSON.parse(readFileSync(path.join(DIR, 'index.json'), 'utf8')) as {
    instance: string;
    meetings: number;
    optimalBreaks: number;
  }[];
  const rows: Row[] = [];
  let placed = 0;
  let total = 0;
  let breaks = 0;
  let optimal = 0;
  let atOptimum = 0;
  let ms = 0;
  for (const item of index) {
    const instance = validateInstance(
      JSON.parse(readFileSync(path.join(DIR, `${item.instance}.json`), 'utf8')),
    );
    const t0 = performance.now();
    const result = schedule(instance, { seed: 1 });
    const took = performance.now() - t0;
    const problems = checkSchedule(instance, result);
    if (problems.length) throw new Error(`${item.instance}: ${problems[0]}`);
    const b = countBreaks(instance, result.assignments);
    placed += result.stats.scheduled;
    total += item.meetings;
    breaks += b;
    optimal += item.optimalBreaks;
    if (result.stats.scheduled === item.meetings && b <= item.optimalBreaks) atOptimum++;
    ms += took;
    rows.push({
      benchmark: `scheduler ${item.instance}`,
      figure: `${result.stats.scheduled}/${item.meetings} placed, ${b} breaks, ${Math.round(took)} ms`,
      baseline: `proven optimum: all placed, ${item.optimalBreaks} breaks`,
      ratio: `${b - item.optimalBreaks >= 0 ? '+' : ''}${b - item.optimalBreaks}`,
      note: `breaks per person ${result.stats.minBreaks}–${result.stats.maxBreaks}`,
    });
  }
  rows.push({
    benchmark: 'scheduler, all 20 instances',
    figure: `${placed}/${total} placed, ${breaks} breaks, ${(ms / 1000).toFixed(1)} s`,
    baseline: `proven optima: ${total}/${total}, ${optimal} breaks`,
    ratio: `${atOptimum}/20 at optimum`,
    note: 'ratio column per instance: breaks above the optimum',
  });
  return rows;
}
