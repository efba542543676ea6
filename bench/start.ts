/**
 * Start-up of the compiled server against today's `tsx src/server.ts`, in the same run: time from
 * spawning to the first 200 from /healthz on an empty database, and resident memory once idle:
 * 3 s after that answer, and 30 s after it, when V8 has given back the young generation that
 * start-up grew (its memory reducer waits for a quiet spell). `npm start` is measured too, with its
 * build check, on a tree that is already built.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/helpers/server-process';
import type { Row } from './run';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = 5;
const IDLE_MS = 3000;
const SETTLED_MS = 30_000;
const TARGET_MS = 2000;
const TARGET_MB = 150;

interface Variant {
  name: string;
  command: string;
  args: string[];
}

const VARIANTS: Variant[] = [
  { name: 'npm start (built tree)', command: 'npm', args: ['start', '--silent'] },
  { name: 'node dist/server.js', command: process.execPath, args: ['dist/server.js'] },
  {
    name: 'tsx src/server.ts',
    command: path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    args: ['src/server.ts'],
  },
];

interface Sample {
  ms: number;
  /** The process that serves (the last node of the tree), in MB, IDLE_MS after its first answer. */
  serverMb: number;
  /** Every process of the tree (npm, sh, tsx's launcher and the server), in MB, at the same time. */
  treeMb: number;
  /** The serving process and the whole tree SETTLED_MS after the first answer. */
  settledServerMb: number;
  settledTreeMb: number;
}

interface Running {
  sample: Omit<Sample, 'settledServerMb' | 'settledTreeMb'>;
  answeredAt: number;
  server: number;
  pids: number[];
  stop(): Promise<void>;
}

/** Children of every process, from /proc. */
function childrenOf(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  return map;
}

function tree(pid: number): number[] {
  const children = childrenOf();
  const all: number[] = [];
  const walk = (p: number) => {
    all.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return all;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

async function start(variant: Variant): Promise<Running> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-start-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  // Its own process group, so that npm's and tsx's children stop with it.
  const child: ChildProcess = spawn(variant.command, variant.args, {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      DATABASE_URL: `file:${path.join(dir, 'empty.db')}`,
      SEED_DEMO: '0',
      PORT: String(port),
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
    },
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    let ms = 0;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${variant.name} exited with ${child.exitCode}`);
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.status === 200) {
          ms = performance.now() - t0;
          break;
        }
      } catch {}
      if (performance.now() - t0 > 30_000) throw new Error(`${variant.name} did not answer in 30 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const answeredAt = performance.now();
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const pids = tree(child.pid!);
    const server = [...pids].reverse().find((p) => /server\.(js|ts)/.test(cmdline(p))) ?? child.pid!;
    return {
      sample: { ms, serverMb: rssMb(server), treeMb: pids.reduce((sum, p) => sum + rssMb(p), 0) },
      answeredAt,
      server,
      pids,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * One round: the variants start one after another (each measured alone: the others are idle by
 * then), then all wait together until each has been idle SETTLED_MS, and stop.
 */
async function round(): Promise<Map<string, Sample>> {
  const running = new Map<string, Running>();
  try {
    for (const v of VARIANTS) running.set(v.name, await start(v));
    const out = new Map<string, Sample>();
    for (const [name, r] of running) {
      const wait = r.answeredAt + SETTLED_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      out.set(name, {
        ...r.sample,
        settledServerMb: rssMb(r.server),
        settledTreeMb: r.pids.reduce((sum, p) => sum + rssMb(p), 0),
      });
    }
    return out;
  } finally {
    await Promise.all([...running.values()].map((r) => r.stop()));
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const spread = (xs: number[], digits = 0) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

export async function benchStart(): Promise<Row[]> {
  // A built tree, as `npm start` leaves it; the build itself is not what is measured.
  execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const samples = new Map<string, Sample[]>(VARIANTS.map((v) => [v.name, []]));
  // Interleaved, so that whatever else the machine does falls on every variant alike.
  for (let i = 0; i < RUNS; i++) {
    for (const [name, sample] of await round()) samples.get(name)!.push(sample);
  }
  const tsx = samples.get('tsx src/server.ts')!;
  const rows: Row[] = [];
  for (const v of VARIANTS.filter((x) => x.name !== 'tsx src/server.ts')) {
    const s = samples.get(v.name)!;
    const ms = s.map((x) => x.ms);
    rows.push({
      benchmark: `start: ${v.name} → first 200 from /healthz, empty database`,
      figure: `${spread(ms)} ms`,
      baseline: `tsx src/server.ts ${spread(tsx.map((x) => x.ms))} ms`,
      ratio: `${(median(tsx.map((x) => x.ms)) / median(ms)).toFixed(2)}× faster`,
      note: `median (min–max) of ${RUNS}; target ≤ ${TARGET_MS} ms: ${median(ms) <= TARGET_MS ? 'met' : 'MISSED'}`,
    });
  }
  const memoryRows = (label: string, server: (x: Sample) => number, whole: (x: Sample) => number) => {
    for (const v of VARIANTS.filter((x) => x.name !== 'tsx src/server.ts')) {
      const s = samples.get(v.name)!;
      const mb = s.map(server);
      rows.push({
        benchmark: `idle RSS ${label}: ${v.name}, the server process`,
        figure: `${spread(mb)} MB`,
        baseline: `tsx: server ${spread(tsx.map(server))} MB, with its launcher ${spread(tsx.map(whole))} MB`,
        ratio: `${(median(tsx.map(whole)) / median(mb)).toFixed(2)}× less than tsx's two`,
        note: `whole tree ${spread(s.map(whole))} MB; target ≤ ${TARGET_MB} MB: ${median(mb) <= TARGET_MB ? 'met' : 'MISSED'}`,
      });
    }
  };
  memoryRows(
    `${IDLE_MS / 1000} s after the first answer`,
    (x) => x.serverMb,
    (x) => x.treeMb,
  );
  memoryRows(
    `${SETTLED_MS / 1000} s after the first answer`,
    (x) => x.settledServerMb,
    (x) => x.settledTreeMb,
  );
  return rows;
}
