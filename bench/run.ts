/**
 * `npm run bench`: every benchmark, each reporting its figures next to a baseline measured in the
 * same run, as a table. Benchmarks never run as part of `npm test`.
 */
import { benchEventAdmin } from './event-admin';
import { benchFailover } from './failover';
import { benchHttp } from './http';
import { benchImpact } from './impact';
import { benchInstances } from './instances';
import { benchLobby } from './lobby';
import { benchMail } from './mail';
import { benchMatching } from './matching';
import { benchReminders } from './reminders';
import { benchEvents, benchScheduler } from './scheduler';
import { benchSlots } from './slots';
import { benchStart } from './start';
import { benchStatements } from './statements';

export interface Row {
  benchmark: string;
  figure: string;
  baseline: string;
  ratio: string;
  note?: string;
}

const rows: Row[] = [];
const only = process.argv[2];
const benches = {
  http: benchHttp,
  matching: benchMatching,
  scheduler: benchScheduler,
  events: benchEvents,
  'event-admin': benchEventAdmin,
  slots: benchSlots,
  lobby: benchLobby,
  mail: benchMail,
  start: benchStart,
  instances: benchInstances,
  failover: benchFailover,
  reminders: benchReminders,
  impact: benchImpact,
  statements: benchStatements,
};
for (const [name, bench] of Object.entries(benches)) {
  if (only && name !== only) continue;
  rows.push(...(await bench()));
}

const headers = ['benchmark', 'figure', 'baseline', 'ratio', 'note'] as const;
const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h] ?? '').length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line([...headers]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(headers.map((h) => String(r[h] ?? ''))));
